package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/picture"
	"github.com/streamcdk/streamcdk/test/golden"
)

// TestPicture: the README's architecture pictures (docs/architecture, drawn by make picture)
// are the default stacks as synthesized now (`go test ./test -update` redraws them), grouped
// by construct with the data flow between resources, and Graphviz draws them byte for byte the
// same twice.
func TestPicture(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Fatal("Graphviz's dot is not installed; run the tests through make test (it installs graphviz as root) or apt-get install graphviz")
	}
	s := synth(t, nil, false) // with path metadata, as cdk synth writes templates (cdkContext)
	for name, tmpl := range map[string]map[string]any{"StreamCdkVod": s.vodJSON, "StreamCdkLive": s.liveJSON} {
		dot := picture.DOT(name, tmpl)
		for _, want := range map[string][]string{
			"StreamCdkVod":  {`subgraph "cluster_Transcode"`, `subgraph "cluster_Mezzanine"`, `subgraph "cluster_Cdn"`, `label="StepFunctions StateMachine\nStateMachine"`, `label="Lambda Function\nPrepare\ncaptions auto, audio all"`},
			"StreamCdkLive": {`subgraph "cluster_Channelmain"`, `subgraph "cluster_Packaging"`, `label="MediaLive Channel\nChannel\n6 video, audio as fed, captions eng"`},
		}[name] {
			if !strings.Contains(dot, want) {
				t.Errorf("%s: the picture lacks %s", name, want)
			}
		}
		// Arrows run the media's way: upload -> workflow -> renditions -> CloudFront; feeds ->
		// MediaLive -> MediaPackage channel -> endpoints -> channel group (egress) -> CloudFront.
		for _, e := range map[string][][2]string{
			"StreamCdkVod":  {{"Mezzanine", "TranscodeUploads"}, {"TranscodeStateMachine", "TranscodePrepare"}, {"Outputs", "Cdn"}},
			"StreamCdkLive": {{"ChannelmainInput", "ChannelmainChannel"}, {"ChannelmainChannel", "Packagingmain"}, {"PackagingmainHLS", "Packaging1"}, {"Packaging1", "Cdn"}},
		}[name] {
			found := false
			for _, l := range strings.Split(dot, "\n") {
				found = found || (strings.HasPrefix(strings.TrimSpace(l), `"`+e[0]) && strings.Contains(l, `-> "`+e[1]) && !strings.Contains(l, "dashed"))
			}
			if !found {
				t.Errorf("%s: no arrow along the media's way from %s to %s", name, e[0], e[1])
			}
		}
		if !strings.Contains(dot, `subgraph "cluster_operations and deployment plumbing"`) {
			t.Errorf("%s: operations are not set apart", name)
		}
		if strings.Contains(dot, "AWS::IAM") || strings.Contains(dot, "IAM Role") {
			t.Errorf("%s: the picture shows IAM plumbing", name)
		}
		dir := filepath.Join("..", "docs", "architecture")
		golden.Check(t, filepath.Join(dir, name+".dot"), []byte(dot), *update, "go test ./test -update (or make picture)")
		if *update {
			if err := picture.Render(dir, name, dot); err != nil {
				t.Fatal(err)
			}
		}
		// Deterministic drawings.
		a, b := t.TempDir(), t.TempDir()
		for _, d := range []string{a, b} {
			if err := picture.Render(d, name, dot); err != nil {
				t.Fatal(err)
			}
		}
		for _, ext := range []string{".svg", ".png"} {
			x, _ := os.ReadFile(filepath.Join(a, name+ext))
			y, _ := os.ReadFile(filepath.Join(b, name+ext))
			z, _ := os.ReadFile(filepath.Join(dir, name+ext))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s%s: two drawings differ", name, ext)
			}
			if !bytes.Equal(x, z) {
				t.Errorf("%s%s in docs/architecture is not the drawing of the stack as synthesized now (go test ./test -update, or make picture)", name, ext)
			}
		}
	}
}
