package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// The set-up scripts as a new user meets them: a PATH and HOME without cfn-lint, moto_server or
// pyenv. Synthesis must work without the test tools; the test command's set-up either installs
// them into the project's virtual environment or ends in one line saying what to run. Nothing
// here reaches the network: a fake python3 stands in for PyPI, and the real python3 is pointed
// at a closed local port.

// newUser is a copy of the project (what `git clone` gives, plus uncommitted files) with the
// installed node_modules linked in, run under a bare PATH and an empty HOME.
type newUser struct {
	dir, home, bin string
}

func newUserMachine(t *testing.T) *newUser {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// The copy links the installed node_modules; a stale install would make the copy's set-up
	// run npm ci through the link.
	stamp, _ := os.ReadFile(filepath.Join(root, "node_modules", ".streamcdk-lock"))
	if lock, _ := os.ReadFile(filepath.Join(root, "package-lock.json")); len(stamp) == 0 || string(stamp) != string(lock) {
		t.Fatal("node_modules is not set up for this package-lock.json; run the tests through `make test`")
	}
	u := &newUser{dir: t.TempDir(), home: t.TempDir()}
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, f))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		} else if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(u.dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(u.dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	u.bin, err = bareBin()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

var (
	bareOnce sync.Once
	bareDir  string
	bareErr  error
	goEnv    []string
)

// bareBin is a directory of the system's commands, minus every Python tool and the browser
// tools, plus Go; made once per test binary (the machines differ in their extra directories,
// not in it), with the go command's cache settings.
func bareBin() (string, error) {
	bareOnce.Do(func() {
		bareDir = filepath.Join(outRoot, "bare-bin")
		if bareErr = os.MkdirAll(bareDir, 0o755); bareErr != nil {
			return
		}
		skip := regexp.MustCompile(`^(python|pip|pydoc|cfn-lint|moto|pyenv|chromium|ffmpeg|dot$)`)
		for _, d := range []string{"/usr/bin", "/bin", "/usr/local/bin"} {
			if real, err := filepath.EvalSymlinks(d); err == nil && d != "/usr/bin" && real == "/usr/bin" {
				continue // /bin is /usr/bin on merged-/usr systems
			}
			entries, _ := os.ReadDir(d)
			for _, e := range entries {
				if skip.MatchString(e.Name()) || e.Name() == "go" {
					continue
				}
				os.Symlink(filepath.Join(d, e.Name()), filepath.Join(bareDir, e.Name())) // first one wins
			}
		}
		var goBin string
		if goBin, bareErr = exec.LookPath("go"); bareErr != nil {
			return
		}
		if bareErr = os.Symlink(goBin, filepath.Join(bareDir, "go")); bareErr != nil {
			return
		}
		for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOFLAGS"} {
			v, _ := exec.Command("go", "env", k).Output()
			goEnv = append(goEnv, k+"="+strings.TrimSpace(string(v)))
		}
	})
	return bareDir, bareErr
}

// run runs a script of the copy with the bare PATH (extra directories first) and empty HOME.
// Go's and jsii's caches stay the machine's: they only save time.
func (u *newUser) run(t *testing.T, extraPath []string, env []string, script string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(u.dir, "scripts", script))
	cmd.Dir = u.dir
	path := strings.Join(append(extraPath, u.bin), string(os.PathListSeparator))
	cmd.Env = []string{"PATH=" + path, "HOME=" + u.home, "GOTOOLCHAIN=local", "LANG=C.UTF-8"}
	cmd.Env = append(cmd.Env, goEnv...)
	jsiiCache := os.Getenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT")
	if jsiiCache == "" {
		if h, err := os.UserHomeDir(); err == nil {
			jsiiCache = filepath.Join(h, ".cache", "aws", "jsii", "package-cache")
		}
	}
	cmd.Env = append(cmd.Env, "JSII_RUNTIME_PACKAGE_CACHE_ROOT="+jsiiCache)
	cmd.Env = append(cmd.Env, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// stubTestTools puts stand-ins for cfn-lint and moto_server in the user's ~/.local/bin, where
// the set-up looks for them, and returns that directory.
func stubTestTools(t *testing.T, u *newUser) string {
	t.Helper()
	local := filepath.Join(u.home, ".local", "bin")
	writeScript(t, filepath.Join(local, "cfn-lint"), "echo stub\n")
	writeScript(t, filepath.Join(local, "moto_server"), "echo stub\n")
	return local
}

// writeScript writes an executable shell script.
func writeScript(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
}

// oneLine asserts that a failed set-up printed exactly one line, and that it contains want.
func oneLine(t *testing.T, out string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("set-up succeeded; want it to fail with one line:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "streamcdk setup: ") || !strings.Contains(l, "installing") {
			t.Errorf("unexpected output before the error line: %q", l)
		}
	}
	if !strings.HasPrefix(last, "streamcdk setup: ") {
		t.Errorf("last line %q is not the set-up's message", last)
	}
	for _, w := range want {
		if !strings.Contains(last, w) {
			t.Errorf("error line %q lacks %q", last, w)
		}
	}
}

// TestSetupSynthWithoutTestTools: README command 1 on a machine without the Python test tools.
func TestSetupSynthWithoutTestTools(t *testing.T) {
	t.Parallel()
	u := newUserMachine(t)
	out, err := u.run(t, nil, nil, "synth.sh")
	if err != nil {
		t.Fatalf("make synth failed without cfn-lint/moto_server: %v\n%s", err, out)
	}
	want := "StreamCdkVod: " + filepath.Join(u.dir, "cdk.out", "StreamCdkVod.template.json")
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if _, err := os.Stat(filepath.Join(u.dir, "cdk.out", "StreamCdkVod.template.json")); err != nil {
		t.Error(err)
	}
}

// fakePython is a python3 whose venv module works and whose pip "installs" the test tools
// as stub scripts (when pipFails is false).
func fakePython(t *testing.T, dir string, venvWorks, pipFails bool) {
	t.Helper()
	pip := `for a in "$@"; do case $a in -r) ;; esac; done
d=$(cd "$(dirname "$0")" && pwd)
printf '#!/bin/sh\necho stub\n' > "$d/cfn-lint"; printf '#!/bin/sh\necho stub\n' > "$d/moto_server"
chmod +x "$d/cfn-lint" "$d/moto_server"
`
	if pipFails {
		pip = "echo 'ERROR: Could not find a version that satisfies the requirement cfn-lint==1.51.0 (from versions: none)' >&2\nexit 1\n"
	}
	venv := `mkdir -p "$3/bin" && cat > "$3/bin/pip" <<'PIP'
#!/bin/sh
` + pip + `PIP
chmod +x "$3/bin/pip"`
	if !venvWorks {
		venv = `echo "The virtual environment was not created successfully because ensurepip is not available." >&2; exit 1`
	}
	writeScript(t, filepath.Join(dir, "python3"), `case "$1" in
-c) exit 0 ;;
-m) [ "$2" = venv ] || exit 2
`+venv+` ;;
--version) echo "Python 3.11.2" ;;
esac
`)
}

// TestSetupTestTools: README command 2's set-up decisions, one machine each.
func TestSetupTestTools(t *testing.T) {
	t.Parallel()
	setupOnly := []string{"STREAMCDK_SETUP_ONLY=1"}

	t.Run("no python3: one line naming what to install", func(t *testing.T) {
		u := newUserMachine(t)
		out, err := u.run(t, nil, setupOnly, "test.sh")
		oneLine(t, out, err, "no python3 on PATH", "cfn-lint and moto_server", "apt-get install python3 python3-venv", "make test")
	})

	t.Run("python3 present: installs the pinned tools into .venv once, then uses them", func(t *testing.T) {
		u := newUserMachine(t)
		py := t.TempDir()
		fakePython(t, py, true, false)
		out, err := u.run(t, []string{py}, setupOnly, "test.sh")
		if err != nil {
			t.Fatalf("set-up failed: %v\n%s", err, out)
		}
		venv := filepath.Join(u.dir, ".venv")
		for _, w := range []string{"installing the pinned versions (requirements-test.txt) into .venv/", "set-up complete: cfn-lint " + filepath.Join(venv, "bin", "cfn-lint")} {
			if !strings.Contains(out, w) {
				t.Errorf("output lacks %q:\n%s", w, out)
			}
		}
		out, err = u.run(t, []string{py}, setupOnly, "test.sh")
		if err != nil || strings.Contains(out, "installing") || !strings.Contains(out, filepath.Join(venv, "bin", "moto_server")) {
			t.Errorf("second run: %v, want the existing .venv used without installing:\n%s", err, out)
		}
		// A new pin installs again.
		f := filepath.Join(u.dir, "requirements-test.txt")
		b, _ := os.ReadFile(f)
		os.WriteFile(f, append(b, "# changed\n"...), 0o644)
		out, err = u.run(t, []string{py}, setupOnly, "test.sh")
		if err != nil || !strings.Contains(out, "installing the pinned versions") {
			t.Errorf("after requirements-test.txt changed: %v, want a new install:\n%s", err, out)
		}
	})

	t.Run("no venv module (Debian without python3-venv): one line", func(t *testing.T) {
		u := newUserMachine(t)
		py := t.TempDir()
		fakePython(t, py, false, false)
		out, err := u.run(t, []string{py}, setupOnly, "test.sh")
		oneLine(t, out, err, "cannot create a virtual environment", "ensurepip is not available", "apt-get install python3-venv")
		if _, err := os.Stat(filepath.Join(u.dir, ".venv")); err == nil {
			t.Error("a half-made .venv was left behind")
		}
	})

	t.Run("pip cannot reach PyPI: one line with pip's reason and the command", func(t *testing.T) {
		u := newUserMachine(t)
		py := t.TempDir()
		fakePython(t, py, true, true)
		out, err := u.run(t, []string{py}, setupOnly, "test.sh")
		oneLine(t, out, err, "Could not find a version that satisfies the requirement cfn-lint==1.51.0", ".venv/pip-install.log", ".venv/bin/pip install -r requirements-test.txt")
	})

	t.Run("no chromium, ffmpeg or graphviz, nothing installed for us: one line", func(t *testing.T) {
		u := newUserMachine(t)
		stubTestTools(t, u)
		out, err := u.run(t, nil, []string{"STREAMCDK_SETUP_ONLY=all", "STREAMCDK_NO_INSTALL=1"}, "test.sh")
		oneLine(t, out, err, "need chromium ffmpeg graphviz", "apt-get install chromium ffmpeg graphviz", "make test")
	})

	t.Run("tools in the image's usual places are used, not installed", func(t *testing.T) {
		u := newUserMachine(t)
		local := stubTestTools(t, u)
		py := t.TempDir()
		fakePython(t, py, true, true) // would fail if it were asked to install
		out, err := u.run(t, []string{py}, setupOnly, "test.sh")
		if err != nil || !strings.Contains(out, "set-up complete: cfn-lint "+filepath.Join(local, "cfn-lint")) {
			t.Errorf("%v, want the tools in ~/.local/bin used:\n%s", err, out)
		}
	})
}

// TestSetupRealPythonOffline: the machine's real python3 builds the virtual environment, and
// pip, pointed at a closed local port instead of PyPI, fails into the one line.
func TestSetupRealPythonOffline(t *testing.T) {
	t.Parallel()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py, err = exec.LookPath("python3")
		if err != nil {
			t.Skip("no python3 on this machine; the fake-python cases cover the decisions")
		}
	}
	u := newUserMachine(t)
	pyDir := t.TempDir()
	if err := os.Symlink(py, filepath.Join(pyDir, "python3")); err != nil {
		t.Fatal(err)
	}
	out, err := u.run(t, []string{pyDir}, []string{"STREAMCDK_SETUP_ONLY=1", "PIP_INDEX_URL=http://127.0.0.1:9/simple", "PIP_RETRIES=0"}, "test.sh")
	if strings.Contains(out, "cannot create a virtual environment") {
		oneLine(t, out, err, "apt-get install python3-venv")
		return
	}
	oneLine(t, out, err, "installing cfn-lint and moto[server] into .venv/ failed", ".venv/pip-install.log", ".venv/bin/pip install -r requirements-test.txt")
}
