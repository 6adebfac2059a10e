// Package cfndiff compares CloudFormation templates as the CDK's own `cdk diff` does (the CLI's
// bundled cloudformation-diff, run by Node): which resources an update adds, removes, updates
// or replaces. It needs the aws-cdk package (node_modules/aws-cdk) and node.
package cfndiff

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

//go:embed diff.cjs
var script []byte

// Change is one resource an update touches.
type Change struct {
	LogicalID string `json:"logicalId"`
	Type      string `json:"type"`
	// Change is added, removed or updated.
	Change string `json:"change"`
	// Impact is CloudFormation's: WILL_CREATE, WILL_UPDATE, WILL_REPLACE, MAY_REPLACE,
	// WILL_DESTROY, WILL_ORPHAN (removed but retained) or NO_CHANGE (also reported for types
	// the diff does not know, such as Custom::).
	Impact string `json:"impact"`
	// Replacing are the changed properties that force (or may force) a replacement.
	Replacing []string `json:"replacing"`
	// Properties are every changed property.
	Properties []string `json:"properties"`
}

// Loses says whether the update loses the resource as it is: replaced, or deleted.
func (c Change) Loses() bool {
	switch c.Impact {
	case "WILL_REPLACE", "MAY_REPLACE", "WILL_DESTROY":
		return true
	}
	return false
}

// Pair is an update: the deployed template and the new one.
type Pair struct {
	Old map[string]any `json:"old"`
	New map[string]any `json:"new"`
}

// ErrNoCLI says the aws-cdk package was not found.
var ErrNoCLI = errors.New("the aws-cdk package (node_modules/aws-cdk) is not installed here")

// CLI finds node_modules/aws-cdk from dir upwards.
func CLI(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "node_modules", "aws-cdk")
		if _, err := os.Stat(filepath.Join(p, "lib", "index.js")); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoCLI
		}
		dir = parent
	}
}

// Diff compares every pair in one Node process; cli is the aws-cdk package directory.
func Diff(cli string, pairs []Pair) ([][]Change, error) {
	f, err := os.CreateTemp("", "streamcdk-diff-*.cjs")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(script); err != nil {
		return nil, err
	}
	f.Close()
	in, err := json.Marshal(pairs)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", f.Name(), cli)
	cmd.Stdin = bytes.NewReader(in)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("cdk's template diff: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var res [][]Change
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("cdk's template diff: %v", err)
	}
	return res, nil
}
