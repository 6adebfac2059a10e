// Package golden compares test output with golden files under testdata/ and shows a readable
// diff; tests pass their -update flag to rewrite the files instead.
package golden

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// Check compares got with the file at path; with update it rewrites the file. hint says how to
// regenerate, e.g. "go test ./test -update".
func Check(t testing.TB, path string, got []byte, update bool, hint string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `%s` to create it)", err, hint)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (review, then `%s`):\n%s", path, hint, Diff(string(want), string(got)))
	}
}

// Diff is a small line diff: each differing region with a few lines of context, '-' for the
// golden file, '+' for the new template. Enough to review a snapshot change.
func Diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	// Longest common subsequence table (templates are a few thousand lines at most).
	n, m := len(al), len(bl)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			out = append(out, "  "+al[i])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+ "+bl[j])
			j++
		default:
			out = append(out, "- "+al[i])
			i++
		}
	}
	// Keep changed lines and 3 lines around them.
	keep := make([]bool, len(out))
	for k, l := range out {
		if !strings.HasPrefix(l, "  ") {
			for d := -3; d <= 3; d++ {
				if k+d >= 0 && k+d < len(out) {
					keep[k+d] = true
				}
			}
		}
	}
	var sb strings.Builder
	shown := 0
	for k, l := range out {
		if keep[k] {
			sb.WriteString(l + "\n")
			shown++
			if shown > 400 {
				sb.WriteString("... (diff cut at 400 lines)\n")
				break
			}
		} else if k > 0 && keep[k-1] {
			sb.WriteString("@@\n")
		}
	}
	return sb.String()
}
