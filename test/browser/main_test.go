package browser

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/internal/config"
	"github.com/streamcdk/streamcdk/test/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

var synthMu sync.Mutex

// synthVod builds the VoD stack with cdk.json's context and returns its template and cloud
// assembly (validation off: cfn-lint and the app's own synth check the template; here only the
// page's way through the distribution matters).
func synthVod(t *testing.T) (template map[string]any, assembly string) {
	t.Helper()
	// The browser tests run side by side; jsii (the CDK's runtime) takes one caller at a time.
	synthMu.Lock()
	defer synthMu.Unlock()
	ctx := testenv.CdkContext(t, "../..")
	ctx["streamcdk:stacks"] = "vod"
	app := awscdk.NewApp(&awscdk.AppProps{Context: &ctx, Outdir: jsii.String(t.TempDir()), BuiltinCloudFormationValidation: jsii.Bool(false)})
	built, err := config.Build(app, []string{"streamcdk:stacks"})
	if err != nil {
		t.Fatal(err)
	}
	assembly = *app.Synth(nil).Directory()
	return testenv.ReadTemplate(t, filepath.Join(assembly, *built.Vod.Stack.TemplateFile())), assembly
}
