package validation_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/internal/validation"
	"github.com/streamcdk/streamcdk/test/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// synth synthesizes, into dir, a stack with one queue of the given message retention (the
// validator allows 60 to 1209600 seconds), and returns the plugin and what synth panicked with.
func synth(dir string, retention int) (p *validation.Plugin, failure string) {
	defer func() {
		if r := recover(); r != nil {
			failure = fmt.Sprint(r)
		}
	}()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir), BuiltinCloudFormationValidation: jsii.Bool(false)})
	p = validation.New(dir)
	awscdk.Validations_Of(app).AddPlugins(p)
	stack := awscdk.NewStack(app, jsii.String("Queue"), nil)
	awscdk.NewCfnResource(stack, jsii.String("Queue"), &awscdk.CfnResourceProps{
		Type: jsii.String("AWS::SQS::Queue"), Properties: &map[string]any{"MessageRetentionPeriod": retention}})
	app.Synth(nil)
	p.Save()
	return p, ""
}

// TestValidatesWhatChanged: a template is validated on its first synth and after it changed,
// not when it is byte-identical to one that passed with no finding; a template with a finding
// (the validator reports a queue's 30 s retention) is never recorded, so it is validated, and
// its finding shown, on every synth.
func TestValidatesWhatChanged(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join(dir, validation.RecordFile)
	for i, c := range []struct {
		retention int
		validated int
		recorded  bool
	}{
		{30, 1, false},                   // a finding: not recorded, so validated again next time
		{3600, 1, true}, {3600, 0, true}, // passed, then unchanged: not validated again
		{7200, 1, true}, // changed: validated
	} {
		p, failure := synth(dir, c.retention)
		_, err := os.Stat(record)
		if failure != "" || len(p.Validated) != c.validated || (err == nil) != c.recorded {
			t.Errorf("synth %d (retention %d s): validated %v, recorded %v, failure %q; want %d validated, recorded %v",
				i+1, c.retention, p.Validated, err == nil, failure, c.validated, c.recorded)
		}
	}
}
