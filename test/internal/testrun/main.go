// Command testrun runs the test suite as `go test` does, from test binaries the build cache keeps.
//
// `go test` links every package's test binary again on each run (about 1 s of CPU for each of
// the packages that import aws-cdk-go), while `go test -c -o` leaves a binary that is up to
// date as it is. testrun builds the binaries with `go test -c`, runs each in its package's
// directory (longest first, -p at a time), and prints `go test`'s lines: "ok  <package> <time>",
// or the package's output and "FAIL <package>". scripts/test.sh calls it.
//
//	go run ./test/internal/testrun [-p N] [-ldflags F] -- [test flags: -run, -skip, -v, ...] packages...
//
// Unlike go test: a package that does not compile fails the build of all (go test -c builds
// them together; its errors are shown), two tested packages may not share a last path element
// (go test -c names binaries after it, and says so), and -v output comes when a package ends.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

func main() {
	parallel := flag.Int("p", 3, "test binaries run at once")
	ldflags := flag.String("ldflags", "", "the linker flags of the test binaries")
	bins := flag.String("o", filepath.Join(".build", "tests"), "where the test binaries are kept")
	flag.Parse()
	testFlags, patterns, err := split(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "testrun:", err)
		os.Exit(2)
	}
	pkgs, err := withTests(patterns)
	if err == nil {
		err = build(pkgs, *bins, *ldflags)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !runAll(pkgs, *bins, testFlags, *parallel) {
		fmt.Println("FAIL")
		os.Exit(1)
	}
}

// runFlags are the `go test` flags that belong to the test binary (-run becomes -test.run).
var runFlags = map[string]bool{"run": true, "skip": true, "v": true, "count": true, "timeout": true,
	"short": true, "failfast": true, "parallel": true, "list": true, "shuffle": true, "cpu": true}

// split parts the arguments into test-binary flags and package patterns, in their order.
func split(args []string) (flags, patterns []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			patterns = append(patterns, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !runFlags[name] {
			return nil, nil, fmt.Errorf("flag %s is not a test flag testrun passes on; run go test with it", a)
		}
		if !hasValue && name != "v" && name != "short" && name != "failfast" {
			if i+1 == len(args) {
				return nil, nil, fmt.Errorf("flag %s needs a value", a)
			}
			i++
			value, hasValue = args[i], true
		}
		f := "-test." + name
		if hasValue {
			f += "=" + value
		}
		flags = append(flags, f)
	}
	return flags, patterns, nil
}

// pkg is a package with tests: its import path and directory.
type pkg struct{ path, dir string }

// withTests lists the packages matching patterns that have test files, in the patterns' order.
func withTests(patterns []string) ([]pkg, error) {
	args := append([]string{"list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}}{{end}}"}, patterns...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	var pkgs []pkg
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		p, dir, ok := strings.Cut(l, " ")
		if ok && !seen[p] {
			seen[p] = true
			pkgs = append(pkgs, pkg{p, dir})
		}
	}
	return pkgs, nil
}

// build puts each package's test binary in dir, named after the package's last element
// (go test -c refuses two with the same name). go test -c links a binary only when the one
// already in dir is out of date (its build ID differs), so dir is kept between runs; binaries of
// packages no longer tested are removed.
func build(pkgs []pkg, dir, ldflags string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, p := range pkgs {
		want[path.Base(p.path)+".test"] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !want[e.Name()] {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	args := []string{"test", "-c", "-o", dir + string(filepath.Separator)}
	if ldflags != "" {
		args = append(args, "-ldflags="+ldflags)
	}
	for _, p := range pkgs {
		args = append(args, p.path)
	}
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("FAIL: building the test binaries: %w", err)
	}
	return nil
}

// runAll runs the binaries, parallel at a time in the packages' order, printing each package's
// result as it ends. It reports whether all passed.
func runAll(pkgs []pkg, bins string, flags []string, parallel int) bool {
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(parallel, 1))
	ok := true
	for _, p := range pkgs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			out, passed, took, cpu := run(p, bins, flags)
			mu.Lock()
			defer mu.Unlock()
			if !passed {
				ok = false
				os.Stdout.Write(out)
				fmt.Printf("FAIL\t%s\t%.3fs\tcpu %.1fs\n", p.path, took.Seconds(), cpu.Seconds())
				return
			}
			if verbose(flags) {
				os.Stdout.Write(out)
			}
			fmt.Printf("ok  \t%s\t%.3fs\tcpu %.1fs\n", p.path, took.Seconds(), cpu.Seconds())
		}()
	}
	wg.Wait()
	return ok
}

// run runs one package's test binary in its directory, as go test does. cpu is the processor
// time of the binary and of the processes it ran (Node, cfn-lint, the browser, ...).
func run(p pkg, bins string, flags []string) (out []byte, passed bool, took, cpu time.Duration) {
	bin, err := filepath.Abs(filepath.Join(bins, path.Base(p.path)+".test"))
	if err != nil {
		return []byte(err.Error() + "\n"), false, 0, 0
	}
	args := append([]string{"-test.paniconexit0", "-test.timeout=10m0s", "-test.count=1"}, flags...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = p.dir
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	start := time.Now()
	err = cmd.Run()
	took = time.Since(start)
	if cmd.ProcessState != nil {
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		fmt.Fprintf(&b, "%v\n", err)
	}
	return b.Bytes(), err == nil, took, cpu
}

// verbose reports whether -v was given (go test then shows passing packages' output too).
func verbose(flags []string) bool {
	for _, f := range flags {
		if f == "-test.v" || f == "-test.v=true" {
			return true
		}
	}
	return false
}
