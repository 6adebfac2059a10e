// Package validation runs the CDK's CloudFormation validation on the templates a synth changed:
// a template byte-identical to one that passed, for the same account and Region, under the same
// validator and aws-cdk-go (whose aws-cdk-lib ships the rules) in the same output folder, with no
// finding, is not validated again (the validator's engine costs over a second a synth).
package validation

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// RecordFile is the record, in the output folder, of the templates that passed.
const RecordFile = ".streamcdk-validated.json"

// record is what passed: the validator's and aws-cdk-go's versions and each template's hash
// (with its account and Region), by file name.
type record struct {
	Validator string            `json:"validator"`
	Templates map[string]string `json:"templates"`
}

// Plugin is the CDK's CloudFormation validation (awscdk.CloudFormationValidatePlugin) for
// templates that changed since they last passed in outdir. Add it to an App made with
// BuiltinCloudFormationValidation false (Validations_Of(app).AddPlugins), and call Save after
// the App's Synth: a validation plugin must not change the cloud assembly while it validates.
type Plugin struct {
	outdir  string
	inner   awscdk.CloudFormationValidatePlugin
	pending *record
	// Validated are the template paths the last Validate handed to the CDK's validator.
	Validated []string
}

// New returns the plugin for an App synthesizing into outdir.
func New(outdir string) *Plugin {
	return &Plugin{outdir: outdir, inner: awscdk.NewCloudFormationValidatePlugin(nil)}
}

// Name is the CDK's validation plugin's name: reports read as its own.
func (p *Plugin) Name() *string { return p.inner.Name() }

// Version is the CDK validator's version.
func (p *Plugin) Version() *string { return p.inner.Version() }

// RuleIds are the CDK validator's rule ids.
func (p *Plugin) RuleIds() *[]*string { return p.inner.RuleIds() }

// Validate validates the templates that changed since they passed, and records those that pass
// with no finding.
func (p *Plugin) Validate(ctx awscdk.IPolicyValidationContext) *awscdk.PolicyValidationPluginReport {
	rec := p.load()
	hashes := map[string]string{}
	var changed []*awscdk.PolicyValidationStack
	for _, s := range *ctx.StackTemplates() {
		b, err := os.ReadFile(*s.TemplatePath)
		if err != nil {
			changed = append(changed, s)
			continue
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00", deref(s.AccountId), deref(s.Region))
		h.Write(b)
		name := filepath.Base(*s.TemplatePath)
		hashes[name] = hex.EncodeToString(h.Sum(nil))
		if rec.Templates[name] != hashes[name] {
			changed = append(changed, s)
		}
	}
	p.Validated, p.pending = nil, nil
	if len(changed) == 0 {
		return &awscdk.PolicyValidationPluginReport{Success: jsii.Bool(true), Violations: &[]*awscdk.PolicyViolation{}}
	}
	for _, s := range changed {
		p.Validated = append(p.Validated, *s.TemplatePath)
	}
	report := p.inner.Validate(&subset{ctx: ctx, stacks: changed})
	if *report.Success && len(*report.Violations) == 0 {
		for _, s := range changed {
			name := filepath.Base(*s.TemplatePath)
			if h, ok := hashes[name]; ok {
				rec.Templates[name] = h
			}
		}
		p.pending = &rec
	}
	return report
}

// Save records the templates the last Validate passed with no finding (a failure to write only
// costs the next synth a validation).
func (p *Plugin) Save() {
	if p.pending == nil {
		return
	}
	if b, err := json.MarshalIndent(p.pending, "", "  "); err == nil {
		os.WriteFile(filepath.Join(p.outdir, RecordFile), b, 0o644)
	}
	p.pending = nil
}

// validator names what decides a validation's result besides the template: the validator's
// version and aws-cdk-go's (the rules and the rules left out ship with aws-cdk-lib).
func (p *Plugin) validator() string {
	cdk := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/aws/aws-cdk-go/awscdk/v2" {
				cdk = m.Version
				if m.Replace != nil {
					cdk = m.Replace.Path + "@" + m.Replace.Version
				}
			}
		}
	}
	return *p.inner.Version() + " aws-cdk-go " + cdk
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// load reads the record; a missing one, or one of another validator version, is empty.
func (p *Plugin) load() record {
	empty := record{Validator: p.validator(), Templates: map[string]string{}}
	b, err := os.ReadFile(filepath.Join(p.outdir, RecordFile))
	if err != nil {
		return empty
	}
	var r record
	if json.Unmarshal(b, &r) != nil || r.Validator != empty.Validator || r.Templates == nil {
		return empty
	}
	return r
}

// subset is a validation context of some of the templates.
type subset struct {
	ctx    awscdk.IPolicyValidationContext
	stacks []*awscdk.PolicyValidationStack
}

func (s *subset) AccountId() *string                  { return s.ctx.AccountId() }
func (s *subset) AppConstruct() constructs.IConstruct { return s.ctx.AppConstruct() }
func (s *subset) Region() *string                     { return s.ctx.Region() }
func (s *subset) StackTemplates() *[]*awscdk.PolicyValidationStack {
	return &s.stacks
}
func (s *subset) TemplatePaths() *[]*string {
	var out []*string
	for _, st := range s.stacks {
		out = append(out, st.TemplatePath)
	}
	return &out
}
