// Package gobuild packages a Go Lambda handler as a CDK asset without Docker: during synth it
// cross-compiles the handler with the local Go toolchain for provided.al2023 on arm64.
package gobuild

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/jsii-runtime-go"
)

// ModuleRoot is the directory of the StreamCDK module, found from this source file so that the
// handlers build the same whether the app runs here or imports StreamCDK from another module.
func ModuleRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if ok && filepath.IsAbs(file) {
		root := filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			return root
		}
	}
	// Built with -trimpath: ask the go command where the module is.
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", modulePath).Output()
	if dir := strings.TrimSpace(string(out)); err == nil && dir != "" {
		return dir
	}
	panic("gobuild: cannot locate the StreamCDK sources (built with -trimpath outside a module that requires " + modulePath + "?)")
}

const modulePath = "github.com/streamcdk/streamcdk"

// Code returns the Lambda code for the main package in pkgDir (relative to the module root).
// The asset hash covers every source file of this module that the handler's build uses (its
// package and each of its dependencies in the module, as `go list -deps` reports them for the
// Lambda's platform), plus go.mod and go.sum: it changes exactly when the handler can.
func Code(pkgDir string) awslambda.Code {
	root := ModuleRoot()
	src := filepath.Join(root, pkgDir)
	hash, err := cachedHash(root, pkgDir)
	if err != nil {
		panic(fmt.Errorf("gobuild: %s: %w", pkgDir, err))
	}
	return awslambda.Code_FromAsset(jsii.String(src), &awss3assets.AssetOptions{
		AssetHash:     jsii.String(hash),
		AssetHashType: awscdk.AssetHashType_CUSTOM,
		Bundling: &awscdk.BundlingOptions{
			// Required by the type; never used because Local always builds or fails loudly.
			Image: awscdk.DockerImage_FromRegistry(jsii.String("local-go-build-only")),
			Local: &local{dir: src, hash: hash},
		},
	})
}

var (
	hashMu sync.Mutex
	hashes = map[string]string{}
)

// cachedHash is SourceHash once per process: sources do not change while an app synthesizes,
// and a test binary builds many apps.
func cachedHash(root, pkgDir string) (string, error) {
	hashMu.Lock()
	defer hashMu.Unlock()
	k := root + "\x00" + pkgDir
	if h, ok := hashes[k]; ok {
		return h, nil
	}
	h, err := SourceHash(root, pkgDir)
	if err == nil {
		hashes[k] = h
	}
	return h, err
}

// buildEnv is the environment of the handler's build (and of the dependency listing).
func buildEnv() []string {
	return append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOFLAGS=-mod=readonly", "GOWORK=off")
}

const buildTags = "lambda.norpc"

type local struct{ dir, hash string }

// TryBundle puts the handler, built for the Lambda's platform, at outputDir/bootstrap. A build
// is kept in the user's cache by source hash: every synth with the same sources (a new cdk.out,
// each app a test builds) copies it instead of linking it again.
func (l *local) TryBundle(outputDir *string, _ *awscdk.BundlingOptions) *bool {
	out := filepath.Join(*outputDir, "bootstrap")
	cache, err := os.UserCacheDir()
	if err != nil {
		l.build(out)
		return jsii.Bool(true)
	}
	kept := filepath.Join(cache, "streamcdk", "lambda", l.hash, "bootstrap")
	if _, err := os.Stat(kept); err != nil {
		if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
			l.build(out)
			return jsii.Bool(true)
		}
		tmp := fmt.Sprintf("%s.%d", kept, os.Getpid())
		l.build(tmp)
		if err := os.Rename(tmp, kept); err != nil { // atomic: another process may build it too
			panic(fmt.Errorf("gobuild: keeping the Lambda handler: %w", err))
		}
	}
	if err := copyFile(kept, out); err != nil {
		panic(fmt.Errorf("gobuild: copying the Lambda handler: %w", err))
	}
	return jsii.Bool(true)
}

// build builds the handler to path.
func (l *local) build(path string) {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-tags", buildTags,
		"-ldflags", "-s -w", "-o", path, ".")
	cmd.Dir = l.dir
	cmd.Env = buildEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Errorf("gobuild: building the Lambda handler in %s failed (is Go 1.26+ on PATH?): %v\n%s", l.dir, err, strings.TrimSpace(string(out))))
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}

// depsTemplate lists the files of every package of the main module in the build.
const depsTemplate = `{{if and .Module .Module.Main}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}`

// SourceHash hashes the module's files that building the main package in pkgDir (relative to
// root, the module root) reads, with go.mod and go.sum.
func SourceHash(root, pkgDir string) (string, error) {
	files, err := sourceFiles(root, pkgDir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sourceFiles lists, relative to root and sorted, go.mod, go.sum and the module's files the
// build of pkgDir reads.
func sourceFiles(root, pkgDir string) ([]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-tags", buildTags, "-f", depsTemplate, ".")
	cmd.Dir = filepath.Join(root, pkgDir)
	cmd.Env = buildEnv()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	files := []string{"go.mod", "go.sum"}
	for _, f := range strings.Fields(string(out)) {
		rel, err := filepath.Rel(root, f)
		if err != nil {
			return nil, err
		}
		files = append(files, filepath.ToSlash(rel))
	}
	sort.Strings(files)
	return files, nil
}
