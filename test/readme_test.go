package test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/review"
)

// TestReadmeExampleIsRun: every line of README.md's Go example is in the transcode package's
// runnable example (constructs/transcode/example_test.go), so the README shows code that the
// tests compile and run.
func TestReadmeExampleIsRun(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../constructs/transcode/example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "## Using a construct from your own Go CDK app")
	if !ok {
		t.Fatal("README.md lacks its construct example section")
	}
	_, rest, ok = strings.Cut(rest, "```go\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md's construct example has no ```go block")
	}
	lines := 0
	for _, l := range strings.Split(block, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "import (" || l == ")" {
			continue
		}
		lines++
		if !strings.Contains(string(example), l) {
			t.Errorf("README.md's example line %q is not in constructs/transcode/example_test.go", l)
		}
	}
	if lines < 8 {
		t.Errorf("README.md's example has %d lines; want the whole example", lines)
	}
}

// TestReadmeSuppressionCounts: the README's cdk-nag suppression counts are the VoD stack's, as
// the review summary counts them (they drift when a construct gains or loses a suppression).
func TestReadmeSuppressionCounts(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`cdk-nag suppressions, each on one resource with its reason in the code \((\d+) in the default\s+configuration, (\d+) with MediaPackage and the demo key server`).FindStringSubmatch(string(readme))
	if m == nil {
		t.Fatal("README.md lacks its suppression counts")
	}
	for i, v := range []map[string]any{nil, mediaPackageVariant} {
		got := review.Summarize(review.Stack{Name: "StreamCdkVod", Template: synth(t, v, false).vodJSON}).Suppressions
		if fmt.Sprint(got) != m[i+1] {
			t.Errorf("README says %s suppressions (%v), the VoD template has %d", m[i+1], v, got)
		}
	}
}

// TestReadmeReviewTable: the README's sample of make synth's review table shows the default
// stacks' figures as the snapshotted reviews count them.
func TestReadmeReviewTable(t *testing.T) {
	readme, _ := os.ReadFile("../README.md")
	for _, stack := range []string{"StreamCdkVod", "StreamCdkLive"} {
		md, err := os.ReadFile("testdata/review/default-" + stack + ".md")
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(\d+) resources, (\d+) principals with permissions, (\d+) cdk-nag suppressions`).FindStringSubmatch(string(md))
		row := regexp.MustCompile(`\n  ` + stack + ` +(\d+) +(\d+) +(\d+) `).FindStringSubmatch(string(readme))
		if m == nil || row == nil || fmt.Sprint(m[1:]) != fmt.Sprint(row[1:]) {
			t.Errorf("README's review table row for %s %v, the review says %v", stack, row, m)
		}
	}
}

// TestEveryConstructorHasAnExample: every exported New... of the construct packages and stacks
// has a runnable Example of the same name (pkgsite shows it with the constructor).
func TestEveryConstructorHasAnExample(t *testing.T) {
	dirs, _ := filepath.Glob("../constructs/*")
	dirs = append(dirs, "../stacks")
	newRe := regexp.MustCompile(`(?m)^func (New\w+)\(`)
	n := 0
	for _, dir := range dirs {
		srcs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		examples := ""
		for _, f := range srcs {
			if strings.HasSuffix(f, "_test.go") {
				b, _ := os.ReadFile(f)
				examples += string(b)
			}
		}
		for _, f := range srcs {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, m := range newRe.FindAllStringSubmatch(string(b), -1) {
				n++
				if !strings.Contains(examples, "func Example"+m[1]+"()") {
					t.Errorf("%s: %s has no runnable Example%s", dir, m[1], m[1])
				}
			}
		}
	}
	if n < 12 {
		t.Errorf("found %d constructors, want every construct package's", n)
	}
}

// TestReadmePerformanceIsMeasured: the Performance table is what scripts/bench.sh wrote (its date,
// the synth and test rows with figures), and every package it names still exists, so a figure
// typed by hand or left from a removed package shows.
func TestReadmePerformanceIsMeasured(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(b), "<!-- bench:start -->\n")
	block, _, ok := strings.Cut(block, "<!-- bench:end -->")
	if !ok {
		t.Fatal("README.md lacks the <!-- bench:start --> ... <!-- bench:end --> table that make bench writes")
	}
	rows := strings.Split(strings.TrimSpace(block), "\n")
	header := regexp.MustCompile("^\\| what \\(\\d{4}-\\d\\d-\\d\\d, .*`make bench`\\) \\| min \\| median \\| target \\|$")
	figure := regexp.MustCompile(`^\| .* \| (\d+\.\d+ s )?\| \d+\.\d+ s \| .*\|$`)
	if len(rows) < 5 || !header.MatchString(rows[0]) || !strings.HasPrefix(rows[2], "| `make synth`") || !strings.HasPrefix(rows[3], "| `make test`") {
		t.Fatalf("README's Performance table is not make bench's (run make bench):\n%s", block)
	}
	pkg := regexp.MustCompile("^\\| package `(\\./[^`]*|\\.)` ")
	listed := map[string]bool{}
	for _, r := range rows[2:] {
		if !figure.MatchString(r) {
			t.Errorf("row without make bench's figures: %s", r)
		}
		if m := pkg.FindStringSubmatch(r); m != nil {
			listed[m[1]] = true
		}
	}
	tested := testedPackages(t)
	for p := range listed {
		if !tested[p] {
			t.Errorf("the table names package %s, which has no tests any more (run make bench)", p)
		}
	}
	for p := range tested {
		if !listed[p] {
			t.Errorf("the table lacks package %s (run make bench)", p)
		}
	}
}

// testedPackages are the module's folders holding _test.go files, as ./relative paths.
func testedPackages(t *testing.T) map[string]bool {
	out := map[string]bool{}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), "cdk.out") || d.Name() == "test-artifacts") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			rel, _ := filepath.Rel("..", filepath.Dir(path))
			out["./"+filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
