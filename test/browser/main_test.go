package browser

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/internal/config"
	"github.com/streamcdk/streamcdk/test/testenv"
)

func TestMain(m *testing.M) {
	testenv.UseProjectNode()
	code := m.Run()
	jsii.Close()
	if synthRoot != "" {
		os.RemoveAll(synthRoot)
	}
	os.Exit(code)
}

var (
	synthOnce     sync.Once
	synthErr      error
	synthRoot     string // the shared synth's folder, removed when the tests end
	synthDir      string
	synthTemplate map[string]any
)

// synthVod builds the VoD stack with cdk.json's context and returns its template and cloud
// assembly (validation off: cfn-lint and the app's own synth check the template; here only the
// page's way through the distribution matters). The browser tests run side by side and share
// one synth: jsii (the CDK's runtime) takes one caller at a time, and one synth is enough.
func synthVod(t *testing.T) (template map[string]any, assembly string) {
	t.Helper()
	synthOnce.Do(func() {
		dir, err := os.MkdirTemp("", "streamcdk-browser-")
		if err != nil {
			synthErr = err
			return
		}
		synthRoot = dir
		ctx := testenv.CdkContext(t, "../..")
		ctx["streamcdk:stacks"] = "vod"
		app := awscdk.NewApp(&awscdk.AppProps{Context: &ctx, Outdir: jsii.String(dir), BuiltinCloudFormationValidation: jsii.Bool(false)})
		built, err := config.Build(app, []string{"streamcdk:stacks"})
		if err != nil {
			synthErr = err
			return
		}
		synthDir = *app.Synth(nil).Directory()
		synthTemplate = testenv.ReadTemplate(t, filepath.Join(synthDir, *built.Vod.Stack.TemplateFile()))
	})
	if synthErr != nil {
		t.Fatal(synthErr)
	}
	return synthTemplate, synthDir
}
