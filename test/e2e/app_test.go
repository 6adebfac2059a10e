package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/streamcdk/streamcdk/test/golden"
	"github.com/streamcdk/streamcdk/test/testenv"
)

var (
	appOnce sync.Once
	appErr  error
)

// buildApp compiles the CDK app (main.go) once per test binary (tests share it in parallel), as
// scripts/app.sh does and where it does (.build/streamcdk): go build links it again only when
// it is out of date, so make synth and the tests share one build.
func buildApp(t *testing.T) string {
	t.Helper()
	bin, err := filepath.Abs(filepath.Join("..", "..", ".build", "streamcdk"))
	if err != nil {
		t.Fatal(err)
	}
	appOnce.Do(func() {
		if out, err := exec.Command("go", "build", "-ldflags=-s -w", "-o", bin, "../..").CombinedOutput(); err != nil {
			appErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if appErr != nil {
		t.Fatal(appErr)
	}
	return bin
}

// runApp runs the app as `cdk synth` does: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR.
func runApp(t *testing.T, overrides map[string]any, outdir string) (stderr string, err error) {
	t.Helper()
	ctx := testenv.CdkContext(t, "../..")
	for k, v := range overrides {
		ctx[k] = v
	}
	j, _ := json.Marshal(ctx)
	cmd := exec.Command(buildApp(t))
	cmd.Dir = "../.." // the project's root, where cdk synth starts the app (beside cdk.json)
	cmd.Env = append(os.Environ(), "CDK_CONTEXT_JSON="+string(j), "CDK_OUTDIR="+outdir, "CDK_VALIDATION=false")
	var e bytes.Buffer
	cmd.Stderr = &e
	err = cmd.Run()
	return e.String(), err
}

// TestDeterministic: two synths of the app, in separate processes, give byte-identical templates
// and reviews; a third into the first one's folder, of the live stack only (streamcdk:stacks=live
// with the project's cdk.json, whose written-out vod: defaults are no setting of the user's),
// with the live channel renamed and one added, reviews what changed since and warns about the
// channel the rename would replace.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	got := map[string][][]byte{}
	var dirs []string
	for i := 0; i < 2; i++ {
		dir := t.TempDir()
		dirs = append(dirs, dir)
		if stderr, err := runApp(t, nil, dir); err != nil {
			t.Fatalf("synth %d: %v\n%s", i+1, err, stderr)
		}
		for _, name := range []string{"StreamCdkVod.template.json", "StreamCdkLive.template.json", "StreamCdkVod.review.md", "StreamCdkLive.review.md", "review.txt"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got[name] = append(got[name], b)
		}
	}
	// The review against the previous synth in the same folder: the channel renamed and a
	// second one added. The synth warns about what the rename would replace, and the review
	// lists the new channels as added.
	stderr, err := runApp(t, map[string]any{"streamcdk:stacks": "live", "live:channels": `[{"channelName": "news"}, {"channelName": "backup", "channelClass": "SINGLE_PIPELINE"}]`}, dirs[0])
	if err != nil {
		t.Fatalf("synth 3: %v\n%s", err, stderr)
	}
	if manifest, _ := os.ReadFile(filepath.Join(dirs[0], "manifest.json")); !strings.Contains(string(manifest), `"StreamCdkLive"`) || strings.Contains(string(manifest), `"StreamCdkVod"`) {
		t.Errorf("streamcdk:stacks=live: the assembly's stacks are not the live stack alone:\n%s", manifest)
	}
	for _, want := range []string{"streamcdk: warning: compared with the previous synth in this cdk.out (not the deployed stack: `cdk diff` compares with that), deploying this synth of StreamCdkLive deletes ChannelmainChannel", "(AWS::MediaLive::Channel)", "deletes ChannelmainInput"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("renaming the channel: stderr lacks %q:\n%s", want, stderr)
		}
	}
	table, _ := os.ReadFile(filepath.Join(dirs[0], "review.txt"))
	md, _ := os.ReadFile(filepath.Join(dirs[0], "StreamCdkLive.review.md"))
	if !strings.Contains(string(got["review.txt"][0]), "first synth in this folder") || !strings.Contains(string(table), "StreamCdkLive") || strings.Contains(string(table), "StreamCdkVod") ||
		!strings.Contains(string(table), "added") || !strings.Contains(string(md), "| added | ChannelbackupChannel") {
		t.Errorf("review.txt after the first synth:\n%s\nafter renaming and adding a channel (live only):\n%s\n(the live review must list the backup channel as added)", got["review.txt"][0], table)
	}
	for name, g := range got {
		if len(g[0]) == 0 || !bytes.Equal(g[0], g[1]) {
			t.Errorf("%s: two synths differ (%d vs %d bytes):\n%s", name, len(g[0]), len(g[1]), golden.Diff(string(g[0]), string(g[1])))
		}
	}
}

// TestAppRejectsBadConfiguration: the app itself exits 1 with one line, not a stack trace, for
// a bad context value and for props a construct rejects.
func TestAppRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	for ctx, want := range map[string]struct {
		overrides map[string]any
		line      string
	}{
		"config":    {map[string]any{"vod:ladder": "1080:60000000"}, `streamcdk: context vod:ladder rung 1 "1080:60000000": 60000000 kb/s is not allowed; use 50 to 40000 kb/s`},
		"construct": {map[string]any{"vod:codec": "H_265", "vod:formats": "HLS"}, `streamcdk: context vod:formats: "HLS" is not allowed with vod:codec H_265: HEVC in HLS must be in fragmented MP4, not MPEG-TS (Apple HLS Authoring Specification 1.5); use CMAF instead of HLS`},
		"typo":      {map[string]any{"vdo:codec": "H_265"}, `streamcdk: context vdo:codec is not a StreamCDK setting; did you mean vod:codec?`},
	} {
		stderr, err := runApp(t, want.overrides, t.TempDir())
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("%s: exit %v, want status 1", ctx, err)
		}
		if strings.TrimSpace(stderr) != want.line {
			t.Errorf("%s: stderr %q, want exactly %q", ctx, stderr, want.line)
		}
	}
}

// TestSynthRefusesContextWithoutValue: `make synth ARGS='-c vod:codec'` (no "=") would have the
// CDK CLI drop the key with a warning and synthesize the defaults; the README's command refuses
// it, naming the key.
func TestSynthRefusesContextWithoutValue(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-c", "vod:codec"}, {"--context=live:codec"}} {
		cmd := exec.Command("bash", append([]string{"../../scripts/synth.sh"}, args...)...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		key := strings.TrimPrefix(args[len(args)-1], "--context=")
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "streamcdk: context "+key+" has no value; write -c "+key+"=<value>") {
			t.Errorf("%v: exit %v, output %q; want status 1 naming %s", args, err, out, key)
		}
	}
}

// TestOneStackRefusesTheOthersSettings: with streamcdk:stacks=live, a vod: value the user did set
// is refused (the project's written-out vod: defaults are not: TestDeterministic's live-only
// synth runs with them).
func TestOneStackRefusesTheOthersSettings(t *testing.T) {
	t.Parallel()
	if _, err := runApp(t, map[string]any{"streamcdk:stacks": "live", "vod:codec": "H_265"}, t.TempDir()); err == nil {
		t.Error("streamcdk:stacks=live with vod:codec set synthesized")
	}
}
