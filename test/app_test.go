package test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/internal/config"
	"github.com/streamcdk/streamcdk/stacks"
	"github.com/streamcdk/streamcdk/test/testenv"
)

// cdkContext is cdk.json's context (see testenv.CdkContext), with the construct paths in the
// template's metadata as `cdk synth` writes them (the architecture picture groups by them;
// normalize leaves them out of the golden templates).
func cdkContext(t testing.TB) map[string]any {
	ctx := testenv.CdkContext(t, "..")
	ctx["aws:cdk:enable-path-metadata"] = true
	return ctx
}

// synthesized is one app built from a configuration, with its templates decoded.
type synthesized struct {
	stacks   *stacks.App
	vod      assertions.Template
	vodJSON  map[string]any
	live     assertions.Template
	liveJSON map[string]any
	// secondaryJSON is the secondary live stack's template (live:secondaryRegion); nil without.
	secondaryJSON map[string]any
	assembly      string
}

var cache = map[string]*synthesized{}

// synth builds the app for cdk.json's context plus overrides, once per distinct overrides in
// this test binary. validate turns CDK's built-in CloudFormation validation on (about 3 s).
func synth(t testing.TB, overrides map[string]any, validate bool) *synthesized {
	t.Helper()
	key := fmt.Sprint(sortedPairs(overrides), validate)
	if s, ok := cache[key]; ok {
		return s
	}
	dir, err := os.MkdirTemp(outRoot, "cdk.out-")
	if err != nil {
		t.Fatal(err)
	}
	s, err := build(t, overrides, validate, dir)
	if err != nil {
		t.Fatalf("synth with %v: %v", overrides, err)
	}
	cache[key] = s
	return s
}

// build builds and synthesizes an app without caching; a config or construct error is returned.
func build(t testing.TB, overrides map[string]any, validate bool, outdir string) (s *synthesized, err error) {
	t.Helper()
	ctx := cdkContext(t)
	given := []string{}
	for k, v := range overrides {
		ctx[k] = v
		given = append(given, k)
	}
	sort.Strings(given)
	// A configuration error needs no app: found before one is made (as config.Build does).
	cfg, err := config.Load(func(k string) any { return ctx[k] }, given)
	if err != nil {
		return nil, err
	}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	app := awscdk.NewApp(&awscdk.AppProps{
		Context:                         &ctx,
		Outdir:                          jsii.String(outdir),
		BuiltinCloudFormationValidation: jsii.Bool(validate),
	})
	built, err := config.Build(app, given)
	if err != nil {
		return nil, err
	}
	asm := app.Synth(nil)
	s = &synthesized{stacks: built, assembly: *asm.Directory()}
	if built.Vod != nil {
		s.vod = assertions.Template_FromStack(built.Vod.Stack, nil)
		s.vodJSON = readTemplate(t, filepath.Join(s.assembly, *built.Vod.Stack.TemplateFile()))
	}
	if built.Live != nil {
		s.live = assertions.Template_FromStack(built.Live.Stack, nil)
		s.liveJSON = readTemplate(t, filepath.Join(s.assembly, *built.Live.Stack.TemplateFile()))
	}
	if built.LiveSecondary != nil {
		s.secondaryJSON = readTemplate(t, filepath.Join(s.assembly, *built.LiveSecondary.Stack.TemplateFile()))
	}
	return s, nil
}

func readTemplate(t testing.TB, path string) map[string]any { return testenv.ReadTemplate(t, path) }

func sortedPairs(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(out)
	return out
}

// resources returns the template's resources of a CloudFormation type, keyed by logical id.
func resources(tmpl map[string]any, typ string) map[string]map[string]any {
	return testenv.Resources(tmpl, typ)
}

var assetHash = regexp.MustCompile(`[0-9a-f]{64}`)

// normalize removes what changes without a code change (bootstrap plumbing, asset hashes) and
// pretty-prints with sorted keys.
func normalize(t testing.TB, tmpl map[string]any) []byte {
	t.Helper()
	c := map[string]any{}
	for k, v := range tmpl {
		c[k] = v
	}
	delete(c, "Rules")
	if rs, ok := c["Resources"].(map[string]any); ok {
		out := map[string]any{}
		for id, r := range rs {
			m, _ := r.(map[string]any)
			md, _ := m["Metadata"].(map[string]any)
			if _, ok := md["aws:cdk:path"]; !ok {
				out[id] = r
				continue
			}
			cp, mdc := map[string]any{}, map[string]any{}
			for k, v := range m {
				cp[k] = v
			}
			for k, v := range md {
				if k != "aws:cdk:path" {
					mdc[k] = v
				}
			}
			if len(mdc) == 0 {
				delete(cp, "Metadata")
			} else {
				cp["Metadata"] = mdc
			}
			out[id] = cp
		}
		c["Resources"] = out
	}
	if p, ok := c["Parameters"].(map[string]any); ok {
		q := map[string]any{}
		for k, v := range p {
			if k != "BootstrapVersion" {
				q[k] = v
			}
		}
		if len(q) == 0 {
			delete(c, "Parameters")
		} else {
			c["Parameters"] = q
		}
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(assetHash.ReplaceAllString(string(b), strings.Repeat("0", 8)+"-ASSET-HASH") + "\n")
}

// hasProps is Template.HasResourceProperties reporting a mismatch as a test error (jsii turns a
// failed assertion into a panic, which would end the whole test binary).
func hasProps(t *testing.T, tmpl assertions.Template, typ string, props any) {
	t.Helper()
	if msg := panicOf(func() { tmpl.HasResourceProperties(jsii.String(typ), props) }); msg != "" {
		t.Errorf("%s: %s", typ, truncate(msg, 3000))
	}
}

// hasResource is Template.HasResource with the same error reporting as hasProps.
func hasResource(t *testing.T, tmpl assertions.Template, typ string, props any) {
	t.Helper()
	if msg := panicOf(func() { tmpl.HasResource(jsii.String(typ), props) }); msg != "" {
		t.Errorf("%s: %s", typ, truncate(msg, 3000))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// TestOneStack: streamcdk:stacks builds only the stacks named (here live alone).
func TestOneStack(t *testing.T) {
	s, err := build(t, map[string]any{"streamcdk:stacks": "live", "aws:cdk:bundling-stacks": []any{}}, false, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.stacks.Vod != nil || s.vodJSON != nil || s.stacks.Live == nil || len(resources(s.liveJSON, "AWS::MediaLive::Channel")) != 1 {
		t.Errorf("streamcdk:stacks=live built VoD %v, live %v", s.stacks.Vod != nil, s.stacks.Live != nil)
	}
	if names := s.stacks.Stacks(); len(names) != 1 || *names[0].StackName() != "StreamCdkLive" {
		t.Errorf("stacks %d", len(names))
	}
}
