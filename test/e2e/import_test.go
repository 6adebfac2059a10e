package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/streamcdk/streamcdk/test/testenv"
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
	group := packaging.NewLiveGroup(live, "Group", &packaging.LiveGroupProps{CDNIdentifierSecret: id.Secret})
	liveingest.NewChannel(live, "Studio", &liveingest.ChannelProps{
		ChannelOptions: liveingest.ChannelOptions{InputType: liveingest.RTMPPush, InputCIDRs: []string{"198.51.100.0/24"}},
		Destination:    group.AddChannel("studio", nil),
	})
	liveingest.NewChannel(live, "Backup", &liveingest.ChannelProps{
		ChannelOptions: liveingest.ChannelOptions{Class: liveingest.SinglePipeline, Encoding: encoder.Spec{Preset: encoder.SD540}},
		Destination:    group.AddChannel("backup", nil),
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
	// The README's recipe, its commands in its order, verbatim: the clone is this checkout (a
	// link under the name the README clones into, so the replace path it gives must match that
	// name), the app's folder is made where it says and main.go written there. No go.sum of ours:
	// go mod tidy resolves the versions and records their checksums as a user's does (through the
	// Go module proxy, which CI reaches; the module cache serves what it holds).
	work := consumerDir(t)
	dir := work
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
	for _, line := range readmeRecipe(t, root) {
		f := strings.Fields(line)
		switch {
		case f[0] == "git": // git clone <this repository> <folder>
			if err := os.Symlink(root, filepath.Join(dir, f[len(f)-1])); err != nil {
				t.Fatal(err)
			}
		case f[0] == "mkdir": // mkdir <app> && cd <app>
			dir = filepath.Join(dir, f[1])
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		case f[0] == "#": // write main.go
			if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(consumerMain), 0o644); err != nil {
				t.Fatal(err)
			}
		default:
			run([]string{"GOFLAGS=-mod=mod"}, f[0], f[1:]...)
		}
	}
	// Compatibility: the consumer moves to the newest aws-cdk-go the module proxy serves (this
	// needs the network to the proxy, which CI has; a newer release than go.mod's costs one
	// compile of it, ~70 s), and the constructs must still build and synthesize with it.
	run([]string{"GOFLAGS=-mod=mod"}, "go", "get", "github.com/aws/aws-cdk-go/awscdk/v2@latest")
	run([]string{"GOFLAGS=-mod=mod"}, "go", "mod", "tidy")
	t.Logf("consumer built with %s", strings.TrimSpace(run(nil, "go", "list", "-m", "github.com/aws/aws-cdk-go/awscdk/v2")))
	// Beside it, what the README says the app needs: a cdk.json that runs it (go run .) with the
	// CDK's recommended feature flags (the project's cdk.json holds them), synthesized by the CDK
	// CLI (the project's, on PATH as npx would find it) on Node 22 or newer.
	writeConsumerCdkJSON(t, root, dir)
	out := filepath.Join(dir, "cdk.out")
	// CDK_VALIDATION=false: the CDK's CloudFormation validation (seconds) is the new-user synth's
	// to run (TestSetupSynthWithoutTestTools); this test is about building against StreamCDK.
	run([]string{"PATH=" + filepath.Join(root, "node_modules", ".bin") + string(os.PathListSeparator) + os.Getenv("PATH"), "AWS_EC2_METADATA_DISABLED=true", "CDK_VALIDATION=false"},
		"cdk", "synth", "--quiet", "--output", out)

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

// consumerDir is the folder the recipe runs in, emptied: the same one each run (in the user's
// cache, else a temporary one), so that go run's cache of built programs keeps the consumer's
// app when nothing it builds from changed (a new folder each time would link it again: ~2 s).
// A lock beside it keeps two test runs (two checkouts, say) from using it at once.
func consumerDir(t *testing.T) string {
	t.Helper()
	c, err := os.UserCacheDir()
	if err != nil {
		return t.TempDir()
	}
	dir := filepath.Join(c, "streamcdk", "import-test")
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	lock, err := os.OpenFile(dir+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Close() }) // closing releases the lock, after the removal below
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// writeConsumerCdkJSON writes the consumer's cdk.json: "app": "go run ." and the CDK's feature
// flags from the project's cdk.json (its "@aws-cdk/..." context keys), none of StreamCDK's settings.
func writeConsumerCdkJSON(t *testing.T, root, dir string) {
	t.Helper()
	flags := map[string]any{}
	for k, v := range testenv.CdkContext(t, root) {
		if strings.HasPrefix(k, "@aws-cdk/") || strings.HasPrefix(k, "@aws-cdk-") {
			flags[k] = v
		}
	}
	if len(flags) < 10 {
		t.Fatalf("the project's cdk.json has %d feature flags; want the CDK's recommended set", len(flags))
	}
	cfg, _ := json.MarshalIndent(map[string]any{"app": "go run .", "context": flags}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "cdk.json"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readmeRecipe is the README's library recipe, its lines in order: git clone, mkdir && cd, the
// go commands and the step that writes main.go.
func readmeRecipe(t *testing.T, root string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(b), "## Using a construct from your own Go CDK app")
	_, block, _ := strings.Cut(rest, "```sh\ngit clone")
	block, _, _ = strings.Cut("git clone"+block, "```")
	var out []string
	for _, l := range strings.Split(block, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	shape := []string{"git clone <this repository> ", "mkdir ", "go mod init ", "# write main.go", "go mod edit ", "go mod tidy"}
	if len(out) != len(shape) {
		t.Fatalf("README's recipe %q: want %q", out, shape)
	}
	for i, p := range shape {
		if !strings.HasPrefix(out[i], p) {
			t.Fatalf("README's recipe line %d %q: want it to start %q", i+1, out[i], p)
		}
	}
	if f := strings.Fields(out[1]); len(f) != 5 || f[2] != "&&" || f[3] != "cd" || f[4] != f[1] {
		t.Fatalf("README's recipe line 2 %q: want mkdir <app> && cd <app>", out[1])
	}
	return out
}
