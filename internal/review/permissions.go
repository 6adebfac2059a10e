package review

import (
	"slices"

	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// statements are a policy document's statements.
func statements(doc any) []map[string]any {
	d, _ := doc.(map[string]any)
	var out []map[string]any
	switch s := d["Statement"].(type) {
	case []any:
		for _, e := range s {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, s)
	}
	return out
}

func list(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, Render(e))
		}
		sort.Strings(out)
		return out
	}
	return []string{Render(v)}
}

func principalOf(p any) []string {
	switch x := p.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for _, k := range sortedKeys(x) {
			for _, v := range list(x[k]) {
				out = append(out, k+": "+v)
			}
		}
		return out
	}
	return nil
}

// conditions writes a statement's conditions as "Operator key = value(s)", intrinsic functions
// rendered.
func conditions(v any) string {
	ops, _ := v.(map[string]any)
	var parts []string
	for _, op := range sortedKeys(ops) {
		keys, _ := ops[op].(map[string]any)
		for _, k := range sortedKeys(keys) {
			parts = append(parts, op+" "+k+" = "+strings.Join(list(keys[k]), " or "))
		}
	}
	return strings.Join(parts, "; ")
}

// roleRefs maps each role to the identity policies attached to it.
func roleRefs(t map[string]any) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	rs := resources(t)
	for _, id := range sortedKeys(rs) {
		r := rs[id]
		props, _ := r["Properties"].(map[string]any)
		switch r["Type"] {
		case "AWS::IAM::Role":
			ps, _ := props["Policies"].([]any)
			for _, p := range ps {
				if m, ok := p.(map[string]any); ok {
					out[id] = append(out[id], m["PolicyDocument"].(map[string]any))
				}
			}
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
			roles, _ := props["Roles"].([]any)
			for _, role := range roles {
				if m, ok := role.(map[string]any); ok {
					if ref, ok := m["Ref"].(string); ok {
						out[ref] = append(out[ref], props["PolicyDocument"].(map[string]any))
					}
				}
			}
		}
	}
	return out
}

// principals are the template's roles.
func principals(t map[string]any) []string {
	var out []string
	for id, r := range resources(t) {
		if r["Type"] == "AWS::IAM::Role" {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// resourcePolicies are the resource-based policies: the resource they guard and the document.
var resourcePolicies = map[string]struct{ on, doc string }{
	"AWS::S3::BucketPolicy":                     {"Bucket", "PolicyDocument"},
	"AWS::SNS::TopicPolicy":                     {"Topics", "PolicyDocument"},
	"AWS::SQS::QueuePolicy":                     {"Queues", "PolicyDocument"},
	"AWS::KMS::Key":                             {"", "KeyPolicy"},
	"AWS::MediaPackageV2::OriginEndpointPolicy": {"OriginEndpointName", "Policy"},
	"AWS::MediaPackageV2::ChannelPolicy":        {"ChannelName", "Policy"},
	"AWS::SecretsManager::ResourcePolicy":       {"SecretId", "ResourcePolicy"},
}

func writePermissions(b *strings.Builder, t map[string]any) {
	b.WriteString("## IAM permissions by principal\n\n")
	rs := resources(t)
	attached := roleRefs(t)
	for _, role := range principals(t) {
		props, _ := rs[role]["Properties"].(map[string]any)
		var trust []string
		for _, s := range statements(props["AssumeRolePolicyDocument"]) {
			trust = append(trust, principalOf(s["Principal"])...)
		}
		var rows [][]string
		for _, doc := range attached[role] {
			for _, s := range statements(doc) {
				res := strings.Join(list(s["Resource"]), ", ")
				if nr := list(s["NotResource"]); len(nr) > 0 {
					res = "all but " + strings.Join(nr, ", ")
				}
				rows = append(rows, []string{str(s["Effect"]), strings.Join(list(s["Action"]), ", "), res, conditions(s["Condition"])})
			}
		}
		for _, m := range list(props["ManagedPolicyArns"]) {
			rows = append(rows, []string{"Allow", "managed policy " + m, "", ""})
		}
		writeTable(b, 3, Table{Title: fmt.Sprintf("Role %s (assumed by %s)", role, strings.Join(trust, ", ")), Columns: []string{"effect", "actions", "resources", "conditions"}, Rows: rows})
	}
	// Resource policies, grouped by the principal they admit.
	byPrincipal := map[string][][]string{}
	for _, id := range sortedKeys(rs) {
		r := rs[id]
		rp, ok := resourcePolicies[str(r["Type"])]
		if !ok {
			continue
		}
		props, _ := r["Properties"].(map[string]any)
		on := id
		if rp.on != "" {
			on = strings.Join(list(props[rp.on]), ", ")
		}
		for _, s := range statements(props[rp.doc]) {
			for _, p := range principalOf(s["Principal"]) {
				byPrincipal[p] = append(byPrincipal[p], []string{str(s["Effect"]), strings.Join(list(s["Action"]), ", "), on, conditions(s["Condition"])})
			}
		}
	}
	for _, p := range sortedKeys(byPrincipal) {
		writeTable(b, 3, Table{Title: "Resource policies admitting " + p, Columns: []string{"effect", "actions", "on", "conditions"}, Rows: byPrincipal[p]})
	}
}

// suppressions are the cdk-nag suppressions: resource, rule, what it applies to, reason.
func suppressions(t map[string]any) [][]string {
	rs := resources(t)
	var rows [][]string
	for _, id := range sortedKeys(rs) {
		md, _ := rs[id]["Metadata"].(map[string]any)
		nag, _ := md["cdk_nag"].(map[string]any)
		rules, _ := nag["rules_to_suppress"].([]any)
		for _, r := range rules {
			m, _ := r.(map[string]any)
			rows = append(rows, []string{id, str(m["id"]), strings.Join(list(m["applies_to"]), ", "), str(m["reason"])})
		}
	}
	return rows
}

// groupedSuppressions are the suppressions by rule and reason, each with the resources it
// covers and what it applies to: one row where a reason covers many roles and policies.
func groupedSuppressions(rows [][]string) [][]string {
	type group struct{ resources, applies []string }
	groups := map[string]*group{}
	var order []string
	for _, r := range rows {
		key := r[1] + "\x00" + r[3]
		g, ok := groups[key]
		if !ok {
			g = &group{}
			groups[key] = g
			order = append(order, key)
		}
		g.resources = append(g.resources, r[0])
		if r[2] != "" && !slices.Contains(g.applies, r[2]) {
			g.applies = append(g.applies, r[2])
		}
	}
	sort.Strings(order)
	var out [][]string
	for _, key := range order {
		rule, reason, _ := strings.Cut(key, "\x00")
		g := groups[key]
		out = append(out, []string{rule, reason, strings.Join(g.resources, ", "), strings.Join(g.applies, "; ")})
	}
	return out
}

type change struct {
	kind, id, typ, detail string
	stateful              bool
}

// changes compares the template with the previous one, resource by resource: with the CDK's
// diff when it ran (replacements known), else by comparing properties.
func changes(s Stack) []change {
	if s.Diff != nil {
		var out []change
		for _, c := range s.Diff {
			if c.Type == "AWS::CDK::Metadata" {
				continue
			}
			kind := map[string]string{"added": "added", "removed": "removed"}[c.Change]
			detail := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(c.Impact, "WILL_"), "_", " "))
			switch {
			case kind != "":
			case c.Loses():
				kind, detail = "replaced", "replaced ("+strings.Join(c.Replacing, ", ")+")"
			default:
				kind = "changed"
				if len(c.Properties) > 0 {
					detail += ": " + strings.Join(c.Properties, ", ")
				}
			}
			if c.Impact == "WILL_ORPHAN" {
				detail = "removed from the stack, retained in the account"
			}
			out = append(out, change{kind, c.LogicalID, c.Type, detail, s.Stateful[c.Type] && c.Loses()})
		}
		return out
	}
	now, before := resources(s.Template), resources(s.Previous)
	var out []change
	for _, id := range sortedKeys(before) {
		if _, ok := now[id]; !ok {
			typ := str(before[id]["Type"])
			out = append(out, change{"removed", id, typ, "", s.Stateful[typ]})
		}
	}
	for _, id := range sortedKeys(now) {
		typ := str(now[id]["Type"])
		if typ == "AWS::CDK::Metadata" {
			continue // the CLI's analytics, not the stack's
		}
		old, ok := before[id]
		if !ok {
			out = append(out, change{"added", id, typ, "", false})
			continue
		}
		if str(old["Type"]) != typ {
			out = append(out, change{"changed", id, typ, "type was " + str(old["Type"]), s.Stateful[typ]})
			continue
		}
		np, _ := now[id]["Properties"].(map[string]any)
		op, _ := old["Properties"].(map[string]any)
		var props []string
		for _, k := range sortedKeys(merge(np, op)) {
			a, _ := json.Marshal(np[k])
			b, _ := json.Marshal(op[k])
			if string(a) != string(b) {
				props = append(props, k)
			}
		}
		if len(props) > 0 {
			detail := strings.Join(props, ", ")
			if s.Stateful[typ] {
				detail += "; stateful: check `cdk diff` for a replacement"
			}
			out = append(out, change{"changed", id, typ, detail, false})
		}
	}
	return out
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func writeChanges(b *strings.Builder, s Stack) {
	title := "Changes since the previous synth in this folder"
	if s.Previous == nil {
		fmt.Fprintf(b, "## %s\n\nNone: this is the first synth of %s here.\n\n", title, s.Name)
		return
	}
	var rows [][]string
	for _, c := range changes(s) {
		note := c.detail
		if c.stateful {
			note = strings.TrimPrefix(note+"; ", "; ") + "STATEFUL: its data or service is lost"
		}
		rows = append(rows, []string{c.kind, c.id, c.typ, note})
	}
	if len(rows) == 0 {
		fmt.Fprintf(b, "## %s\n\nNo resource changed.\n\n", title)
		return
	}
	writeTable(b, 2, Table{Title: title, Columns: []string{"change", "resource", "type", "properties / note"}, Rows: rows})
}
