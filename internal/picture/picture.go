// Package picture draws a synthesized stack for people: its resources grouped by the construct
// that made them, and arrows where one resource's settings name another (what it sends to,
// reads from or runs), as a Graphviz graph. Plumbing (IAM, log groups, policies, Origin
// Access Controls, cache and header policies, Lambda permissions) is left out.
package picture

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// hidden are resource types left out of the picture.
var hidden = regexp.MustCompile(`^AWS::(IAM|Logs)::|^AWS::CDK::Metadata$|Policy$|^AWS::CloudFront::(OriginAccessControl|CachePolicy|ResponseHeadersPolicy|OriginRequestPolicy|PublicKey|KeyGroup|MonitoringSubscription)$|^AWS::Lambda::Permission$|^AWS::SNS::Subscription$|^AWS::CloudWatch::Dashboard$`)

// colors by service, so the families stand out.
var colors = map[string]string{
	"S3": "#e8f5e9", "MediaConvert": "#fff3e0", "MediaLive": "#fff3e0", "MediaPackage": "#fff8e1", "MediaPackageV2": "#fff8e1",
	"MediaTailor": "#fce4ec", "CloudFront": "#e3f2fd", "StepFunctions": "#ede7f6", "Lambda": "#ede7f6", "Events": "#ede7f6",
	"Scheduler": "#ede7f6", "SNS": "#f3e5f5", "SQS": "#f3e5f5", "DynamoDB": "#e8f5e9", "KMS": "#eceff1", "SecretsManager": "#eceff1",
	"CloudWatch": "#eceff1",
}

var refRe = regexp.MustCompile(`\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}`)

// refs collects the logical ids v names (Ref, Fn::GetAtt, ${Id} in Fn::Sub).
func refs(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if r, ok := x["Ref"].(string); ok && len(x) == 1 {
			out[r] = true
			return
		}
		if g, ok := x["Fn::GetAtt"].([]any); ok && len(g) == 2 {
			if id, ok := g[0].(string); ok {
				out[id] = true
			}
			return
		}
		if s, ok := x["Fn::Sub"]; ok {
			if str, ok := s.(string); ok {
				for _, m := range refRe.FindAllStringSubmatch(str, -1) {
					out[m[1]] = true
				}
			}
		}
		for _, e := range x {
			refs(e, out)
		}
	case []any:
		for _, e := range x {
			refs(e, out)
		}
	case string:
		// Step Functions definitions are strings joined with the ids they name.
	}
}

var hashSuffix = regexp.MustCompile(`[0-9A-F]{32}$`)

// group is the construct a resource belongs to: the first part of its path below the stack
// (CDK's singleton providers without their hash).
func group(stack, path, id string) string {
	p := strings.Split(strings.TrimPrefix(path, stack+"/"), "/")
	if path == "" || len(p) < 2 {
		return ""
	}
	return hashSuffix.ReplaceAllString(p[0], "")
}

func label(typ, path, stack string) string {
	parts := strings.Split(typ, "::")
	short := typ
	if len(parts) == 3 {
		short = parts[1] + " " + parts[2]
	}
	p := strings.Split(strings.TrimPrefix(path, stack+"/"), "/")
	name := ""
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] != "Resource" && p[i] != "Default" {
			name = hashSuffix.ReplaceAllString(p[i], "")
			break
		}
	}
	return short + "\\n" + name
}

// DOT is the stack's template as a Graphviz graph (deterministic: sorted).
func DOT(stack string, tmpl map[string]any) string {
	rs, _ := tmpl["Resources"].(map[string]any)
	ids := make([]string, 0, len(rs))
	shown := map[string]bool{}
	for id, r := range rs {
		typ, _ := r.(map[string]any)["Type"].(string)
		if !hidden.MatchString(typ) {
			shown[id] = true
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	groups := map[string][]string{}
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, label=%q, labelloc=t, compound=true, nodesep=0.25, ranksep=0.6];\n", stack, stack+": resources by construct; an arrow from A to B means A's settings name B (it sends to, reads from or runs B)")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#607d8b\", arrowsize=0.6];\n")
	paths := map[string]string{}
	for _, id := range ids {
		r := rs[id].(map[string]any)
		md, _ := r["Metadata"].(map[string]any)
		path, _ := md["aws:cdk:path"].(string)
		paths[id] = path
		g := group(stack, path, id)
		groups[g] = append(groups[g], id)
	}
	gnames := make([]string, 0, len(groups))
	for g := range groups {
		gnames = append(gnames, g)
	}
	sort.Strings(gnames)
	for _, g := range gnames {
		indent := "  "
		if g != "" {
			fmt.Fprintf(&b, "  subgraph %q {\n    label=%q; style=\"rounded,dashed\"; color=\"#90a4ae\";\n", "cluster_"+g, g)
			indent = "    "
		}
		for _, id := range groups[g] {
			typ := rs[id].(map[string]any)["Type"].(string)
			svc := strings.Split(typ, "::")
			color := "#ffffff"
			if len(svc) == 3 {
				if c, ok := colors[svc[1]]; ok {
					color = c
				}
			}
			fmt.Fprintf(&b, "%s%q [label=\"%s\", fillcolor=%q];\n", indent, id, label(typ, paths[id], stack), color)
		}
		if g != "" {
			b.WriteString("  }\n")
		}
	}
	// MediaPackage v2 ties endpoints to channels and channels to groups by name, not reference.
	named := map[string]string{}
	for _, id := range ids {
		r := rs[id].(map[string]any)
		p, _ := r["Properties"].(map[string]any)
		switch r["Type"] {
		case "AWS::MediaPackageV2::Channel":
			named[fmt.Sprint("channel/", p["ChannelGroupName"], "/", p["ChannelName"])] = id
		case "AWS::MediaPackageV2::ChannelGroup":
			named[fmt.Sprint("group/", p["ChannelGroupName"])] = id
		}
	}
	for _, id := range ids {
		r := rs[id].(map[string]any)
		out := map[string]bool{}
		refs(r["Properties"], out)
		p, _ := r["Properties"].(map[string]any)
		switch r["Type"] {
		case "AWS::MediaPackageV2::OriginEndpoint":
			if t, ok := named[fmt.Sprint("channel/", p["ChannelGroupName"], "/", p["ChannelName"])]; ok {
				out[t] = true
			}
		case "AWS::MediaPackageV2::Channel":
			if t, ok := named[fmt.Sprint("group/", p["ChannelGroupName"])]; ok {
				out[t] = true
			}
		}
		targets := make([]string, 0, len(out))
		for t := range out {
			if shown[t] && t != id {
				targets = append(targets, t)
			}
		}
		sort.Strings(targets)
		for _, t := range targets {
			fmt.Fprintf(&b, "  %q -> %q;\n", id, t)
		}
	}
	b.WriteString("}\n")
	return b.String()
}
