package picture

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Render writes <dir>/<stack>.dot, .svg and .png with Graphviz's dot.
func Render(dir, stack, dot string) error {
	bin, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("Graphviz's dot is not installed: apt-get install graphviz (make picture installs it as root)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	base := filepath.Join(dir, stack)
	if err := os.WriteFile(base+".dot", []byte(dot), 0o644); err != nil {
		return err
	}
	for _, format := range []string{"svg", "png"} {
		cmd := exec.Command(bin, "-T"+format, "-o", base+"."+format)
		cmd.Stdin = bytes.NewReader([]byte(dot))
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("dot -T%s: %v: %s", format, err, out)
		}
	}
	return nil
}
