package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/testenv"
)

const consumerMain = `package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Consumer"), nil)
	src := mezzanine.NewBucket(stack, "Sources", nil)
	transcode.NewPipeline(stack, "Pipeline", &transcode.PipelineProps{Source: src.Bucket})

	// Live, composed its own way: two channels with different inputs behind one distribution.
	live := awscdk.NewStack(app, jsii.String("ConsumerLive"), nil)
	id := cdn.NewIdentifier(live, "Id", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(live, "Group", &packaging.LiveGroupProps{CdnIdentifierSecret: id.Secret})
	liveingest.NewChannel(live, "Studio", &liveingest.ChannelProps{
		InputType: liveingest.RTMPPush, InputCidrs: []string{"198.51.100.0/24"},
		Destination: group.AddChannel("studio", nil),
	})
	liveingest.NewChannel(live, "Backup", &liveingest.ChannelProps{
		Class: liveingest.SinglePipeline, Encoding: encoder.Spec{Preset: encoder.SD540},
		Destination: group.AddChannel("backup", nil),
	})
	cdn.NewLiveDistribution(live, "Cdn", &cdn.LiveDistributionProps{
		MediaPackage: &cdn.MediaPackageOrigin{DomainName: group.EgressDomain(), Identifier: id},
	})
	app.Synth(nil)
}
`

// TestImportFromAnotherModule builds a separate Go module that imports the constructs and
// synthesizes it from its own directory, its versions resolved by go mod tidy as a user's are
// and aws-cdk-go moved to the newest the proxy serves: the Lambda handler must still be found
// and built, and the live constructs compose in the consumer's own way.
func TestImportFromAnotherModule(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func(env []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// The README's recipe, its go commands in its order, main.go written where it says: no
	// go.sum of ours; go mod tidy resolves the versions and records their checksums as a user's
	// does (through the Go module proxy, which CI reaches; the module cache serves what it holds).
	for _, line := range readmeRecipe(t, root) {
		if strings.HasPrefix(line, "# write main.go") {
			if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(consumerMain), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		args := strings.Fields(strings.ReplaceAll(line, "=../streamcdk", "="+root))
		run([]string{"GOFLAGS=-mod=mod"}, args[0], args[1:]...)
	}
	// Compatibility: the consumer moves to the newest aws-cdk-go the module proxy serves (this
	// needs the network to the proxy, which CI has; a newer release than go.mod's costs one
	// compile of it, ~70 s), and the constructs must still build and synthesize with it.
	run([]string{"GOFLAGS=-mod=mod"}, "go", "get", "github.com/aws/aws-cdk-go/awscdk/v2@latest")
	run([]string{"GOFLAGS=-mod=mod"}, "go", "mod", "tidy")
	t.Logf("consumer built with %s", strings.TrimSpace(run(nil, "go", "list", "-m", "github.com/aws/aws-cdk-go/awscdk/v2")))
	run(nil, "go", "build", "-ldflags=-s -w", "-o", "consumer", ".")
	out := filepath.Join(dir, "cdk.out")
	run([]string{"CDK_OUTDIR=" + out}, filepath.Join(dir, "consumer"))

	tmpl := testenv.ReadTemplate(t, filepath.Join(out, "Consumer.template.json"))
	if len(testenv.Resources(tmpl, "AWS::Lambda::Function")) != 1 || len(testenv.Resources(tmpl, "AWS::StepFunctions::StateMachine")) != 1 {
		t.Error("the consumer's template lacks the pipeline's function or state machine")
	}
	liveTmpl := testenv.ReadTemplate(t, filepath.Join(out, "ConsumerLive.template.json"))
	if len(testenv.Resources(liveTmpl, "AWS::MediaLive::Channel")) != 2 || len(testenv.Resources(liveTmpl, "AWS::MediaPackageV2::Channel")) != 2 || len(testenv.Resources(liveTmpl, "AWS::CloudFront::Distribution")) != 1 {
		t.Error("the consumer's live stack lacks its two channels behind one distribution")
	}
	matches, _ := filepath.Glob(filepath.Join(out, "asset.*", "bootstrap"))
	if len(matches) != 1 {
		t.Errorf("want one built Lambda bootstrap in the consumer's assembly, found %v", matches)
	}
}

// readmeRecipe is the README's library recipe: its go commands and the step that writes main.go,
// in order.
func readmeRecipe(t *testing.T, root string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(b), "## Using a construct from your own Go CDK app")
	_, block, _ := strings.Cut(rest, "go mod init")
	block, _, _ = strings.Cut("go mod init"+block, "```")
	var out []string
	for _, l := range strings.Split(block, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "go ") || strings.HasPrefix(l, "# write main.go") {
			out = append(out, l)
		}
	}
	if len(out) != 4 || !strings.HasPrefix(out[3], "go mod tidy") {
		t.Fatalf("README's recipe %q: want go mod init, writing main.go, go mod edit, go mod tidy", out)
	}
	return out
}
