package testenv

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// CdkContext is the context of cdk.json in the project directory root: tests synthesize with
// the same feature flags and defaults as `cdk synth` (NewApp does not read cdk.json by itself).
func CdkContext(t testing.TB, root string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "cdk.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Context
}

// ReadTemplate decodes a synthesized template.
func ReadTemplate(t testing.TB, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Resources are a template's resources of one type, by logical id.
func Resources(tmpl map[string]any, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range tmpl["Resources"].(map[string]any) {
		if rm := r.(map[string]any); rm["Type"] == typ {
			out[id] = rm
		}
	}
	return out
}
