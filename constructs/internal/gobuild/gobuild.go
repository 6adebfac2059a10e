// Package gobuild packages a Go Lambda handler as a CDK asset without Docker: during synth it
// cross-compiles the handler with the local Go toolchain for provided.al2023 on arm64.
package gobuild

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

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
// The asset hash covers the Go sources of pkgDir and of the extra package directories it
// imports from this module, plus go.mod and go.sum: it changes exactly when the handler can.
func Code(pkgDir string, extraDirs ...string) awslambda.Code {
	root := ModuleRoot()
	src := filepath.Join(root, pkgDir)
	hash, err := sourceHash(root, append([]string{pkgDir}, extraDirs...))
	if err != nil {
		panic(fmt.Errorf("gobuild: %s: %w", pkgDir, err))
	}
	return awslambda.Code_FromAsset(jsii.String(src), &awss3assets.AssetOptions{
		AssetHash:     jsii.String(hash),
		AssetHashType: awscdk.AssetHashType_CUSTOM,
		Bundling: &awscdk.BundlingOptions{
			// Required by the type; never used because Local always builds or fails loudly.
			Image: awscdk.DockerImage_FromRegistry(jsii.String("local-go-build-only")),
			Local: &local{dir: src},
		},
	})
}

type local struct{ dir string }

// TryBundle builds the handler into outputDir/bootstrap.
func (l *local) TryBundle(outputDir *string, _ *awscdk.BundlingOptions) *bool {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-tags", "lambda.norpc",
		"-ldflags", "-s -w", "-o", filepath.Join(*outputDir, "bootstrap"), ".")
	cmd.Dir = l.dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Errorf("gobuild: building the Lambda handler in %s failed (is Go 1.26+ on PATH?): %v\n%s", l.dir, err, strings.TrimSpace(string(out))))
	}
	return jsii.Bool(true)
}

func sourceHash(root string, dirs []string) (string, error) {
	h := sha256.New()
	files := []string{"go.mod", "go.sum"}
	for _, d := range dirs {
		entries, err := os.ReadDir(filepath.Join(root, d))
		if err != nil {
			return "", err
		}
		for _, e := range entries {
			n := e.Name()
			if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				files = append(files, filepath.ToSlash(filepath.Join(d, n)))
			}
		}
	}
	sort.Strings(files)
	for _, f := range files {
		fh, err := os.Open(filepath.Join(root, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", f)
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return "", err
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
