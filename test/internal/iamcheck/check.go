package iamcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Report is what the evaluation found.
type Report struct {
	// Calls are the calls evaluated, and Decisions their outcome ("Allowed", "ImplicitlyDenied",
	// "ExplicitlyDenied" or "Error: ...").
	Calls     []Call
	Decisions []string
	// Findings are statements that do not fit the Service Authorization Reference.
	Findings []string
	// Granted lists each identity-policy grant (policy, statement, action) and Unused those no
	// call needed.
	Granted, Unused []string
	// DataVersion is the version of the IAM reference data used.
	DataVersion string
}

// Denied lists the calls that are not allowed, with their decision.
func (r *Report) Denied() []string {
	var out []string
	for i, c := range r.Calls {
		if r.Decisions[i] != "Allowed" {
			out = append(out, r.Decisions[i]+": "+c.String())
		}
	}
	return out
}

type request struct {
	ID               string            `json:"id"`
	Principal        string            `json:"principal"`
	Action           string            `json:"action"`
	Resource         string            `json:"resource"`
	Account          string            `json:"account"`
	Context          map[string]string `json:"context"`
	IdentityPolicies []Policy          `json:"identityPolicies"`
	ResourcePolicy   map[string]any    `json:"resourcePolicy,omitempty"`
}

type output struct {
	Results []struct {
		ID        string `json:"id"`
		Decision  string `json:"decision"`
		Errors    string `json:"errors"`
		AllowedBy []struct {
			Policy, Statement, Action string
		} `json:"allowedBy"`
	} `json:"results"`
	Findings []struct {
		Policy, Statement, Problem string
	} `json:"findings"`
	DataVersion string `json:"dataVersion"`
}

// request is call i as the simulator takes it: the principal's policies, the resource's policy
// and the request context.
func (t *Template) request(i int, c Call) (request, error) {
	r := request{ID: fmt.Sprint(i), Action: c.Action, Resource: c.Resource, Account: Account}
	r.Context = map[string]string{"aws:SecureTransport": "true"} // AWS SDKs and services call over TLS
	if c.Role != "" {
		r.Principal = t.Arn(c.Role)
		ps, err := t.IdentityPolicies(c.Role)
		if err != nil {
			return r, err
		}
		r.IdentityPolicies = ps
		// A role's sessions carry the role's ARN ("aws:PrincipalArn ... the ARN of the role",
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
		r.Context["aws:PrincipalArn"] = r.Principal
	} else {
		r.Principal = c.Service
	}
	for k, v := range c.Context {
		r.Context[k] = v
	}
	if p := t.ResourcePolicy(c.Resource); p != nil && c.Resource != "*" {
		r.ResourcePolicy = p.Doc
	}
	return r, nil
}

// Evaluate runs every call through the simulator against the template's policies, checks every
// statement of the template against the reference data, and lists grants no call used.
// node is the Node.js binary (22 or newer) in a project whose node_modules holds
// @cloud-copilot/iam-simulate.
func (t *Template) Evaluate(node string, calls []Call) (*Report, error) {
	var reqs []request
	for i, c := range calls {
		r, err := t.request(i, c)
		if err != nil {
			return nil, err
		}
		reqs = append(reqs, r)
	}
	if u := t.Unresolved(); len(u) > 0 {
		return nil, fmt.Errorf("the template has references the harness cannot resolve: %s", strings.Join(u, ", "))
	}
	in, err := json.Marshal(map[string]any{"requests": reqs, "policies": t.AllPolicies()})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(node, filepath.Join(dir(), "simulate.mjs"))
	cmd.Dir = dir()
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("simulate.mjs: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var out output
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("simulate.mjs output: %w", err)
	}
	rep := &Report{Calls: calls, Decisions: make([]string, len(calls)), DataVersion: out.DataVersion}
	used := map[string]bool{}
	for i, res := range out.Results {
		rep.Decisions[i] = res.Decision
		if res.Errors != "" {
			rep.Decisions[i] = "Error: " + res.Errors
		}
		for _, a := range res.AllowedBy {
			used[a.Policy+" #"+a.Statement+" "+a.Action] = true
		}
	}
	for _, f := range out.Findings {
		rep.Findings = append(rep.Findings, fmt.Sprintf("%s statement %s: %s", f.Policy, f.Statement, f.Problem))
	}
	for _, role := range t.LogicalIDs("AWS::IAM::Role") {
		ps, _ := t.IdentityPolicies(role)
		for _, p := range ps {
			for i, st := range statements(p.Doc) {
				id := fmt.Sprint(i + 1)
				if sid, ok := st["Sid"].(string); ok {
					id = sid
				}
				for _, a := range strList(st["Action"]) {
					g := p.Name + " #" + id + " " + a
					rep.Granted = append(rep.Granted, g)
					if !used[g] {
						rep.Unused = append(rep.Unused, g)
					}
				}
			}
		}
	}
	sort.Strings(rep.Unused)
	return rep, nil
}

func statements(doc map[string]any) []map[string]any {
	var out []map[string]any
	switch s := doc["Statement"].(type) {
	case []any:
		for _, x := range s {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, s)
	}
	return out
}

func strList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// dir is this package's source directory, where simulate.mjs lives.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// NodeBinary finds a Node.js to run simulate.mjs: the project's node_modules/.bin/node, else PATH.
func NodeBinary() (string, error) {
	p := filepath.Join(dir(), "..", "..", "node_modules", ".bin", "node")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return exec.LookPath("node")
}
