// Command picture draws the stacks synthesized into a cloud assembly (default cdk.out) as
// Graphviz graphs: <out>/<stack>.dot, .svg and .png (default docs/architecture). Run it
// through `make picture`, which synthesizes first.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/streamcdk/streamcdk/internal/picture"
)

func main() {
	in := flag.String("in", "cdk.out", "cloud assembly directory")
	out := flag.String("out", filepath.Join("docs", "architecture"), "where the pictures go")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "picture:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(filepath.Join(in, "manifest.json"))
	if err != nil {
		return fmt.Errorf("no synthesized stacks in %s (run make synth): %v", in, err)
	}
	var m struct {
		Artifacts map[string]struct {
			Type       string `json:"type"`
			Properties struct {
				TemplateFile string `json:"templateFile"`
			} `json:"properties"`
		} `json:"artifacts"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	names := make([]string, 0, len(m.Artifacts))
	for n, a := range m.Artifacts {
		if a.Type == "aws:cloudformation:stack" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		t, err := os.ReadFile(filepath.Join(in, m.Artifacts[n].Properties.TemplateFile))
		if err != nil {
			return err
		}
		var tmpl map[string]any
		if err := json.Unmarshal(t, &tmpl); err != nil {
			return err
		}
		if err := picture.Render(out, n, picture.DOT(n, tmpl)); err != nil {
			return err
		}
		fmt.Printf("  %s: %s.svg and .png\n", n, filepath.Join(out, n))
	}
	return nil
}
