// Package picture draws a synthesized stack for people, as the product brief draws the
// architecture: along the media's way, left to right (VoD: upload -> workflow -> MediaConvert
// -> renditions -> MediaPackage -> CloudFront -> MediaTailor; Live: feeds -> MediaLive ->
// MediaPackage channel -> endpoints -> CloudFront -> MediaTailor), its resources grouped by the
// construct that made them, an arrow wherever one names another, pointing the way the media
// goes. Operations and deployment plumbing (alarms, topics, queues, tables, keys, secrets, logs,
// the cost guard, CDK's deployment functions) stand apart in their own box, with dashed arrows
// that do not shape the flow. IAM, log groups, policies, Origin Access Controls, cache and
// header policies and Lambda permissions are left out.
package picture

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"

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

// operations are the resources drawn apart from the media's way: matched against
// "<type> <group> <logical id>".
var operations = regexp.MustCompile(`^AWS::(SNS::Topic|SQS::Queue|DynamoDB::Table|KMS::Key|SecretsManager::Secret|CloudWatch::Alarm) |^Custom::| CostGuard |^AWS::S3::Bucket \S+ \S*Logs|^AWS::Lambda::Function (Custom|AWS679f53fac002430cb0da5b7982bd2287|CustomCDKBucketDeployment)`)

// stages place the media's resources left to right: "<type> <group>" patterns, first match.
var stages = []struct {
	re    *regexp.Regexp
	stage int
}{
	{regexp.MustCompile(`^AWS::S3::Bucket Mezzanine$`), 0},
	{regexp.MustCompile(`^AWS::MediaLive::Input(SecurityGroup)? `), 0},
	{regexp.MustCompile(`^AWS::(Events::Rule|StepFunctions::StateMachine|Lambda::Function) `), 1},
	{regexp.MustCompile(`^AWS::(MediaLive::Channel|Scheduler::Schedule) `), 1},
	{regexp.MustCompile(`^AWS::MediaConvert::`), 2},
	{regexp.MustCompile(`^AWS::MediaPackageV2::Channel `), 2},
	{regexp.MustCompile(`^AWS::S3::Bucket Outputs$`), 3},
	{regexp.MustCompile(`^AWS::MediaPackageV2::OriginEndpoint `), 3},
	{regexp.MustCompile(`^AWS::MediaPackage::`), 4},
	{regexp.MustCompile(`^AWS::MediaPackageV2::ChannelGroup `), 4}, // the egress the distribution reads
	{regexp.MustCompile(`^AWS::S3::Bucket Player$`), 4},
	{regexp.MustCompile(`^AWS::CloudFront::`), 5},
	{regexp.MustCompile(`^AWS::MediaTailor::`), 6},
}

// stage is a resource's place on the media's way; ok is false for operations and plumbing.
func stage(typ, grp, id string) (int, bool) {
	if operations.MatchString(typ + " " + grp + " " + id) {
		return 0, false
	}
	for _, s := range stages {
		if s.re.MatchString(typ + " " + grp) {
			return s.stage, true
		}
	}
	return 0, false
}

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

// detail says what an encoder carries: a MediaLive channel's video renditions, audio and caption
// tracks (from its encoder settings); the VoD prepare function's captions and audio settings
// (from its SPEC), which each job's MediaConvert settings follow.
func detail(typ string, r map[string]any) string {
	props, _ := r["Properties"].(map[string]any)
	switch typ {
	case "AWS::MediaLive::Channel":
		es, _ := props["EncoderSettings"].(map[string]any)
		videos, _ := es["VideoDescriptions"].([]any)
		d := fmt.Sprintf("%d video", len(videos))
		for _, k := range []struct{ list, what string }{{"AudioDescriptions", "audio"}, {"CaptionDescriptions", "captions"}} {
			items, _ := es[k.list].([]any)
			var langs []string
			for _, it := range items {
				l, _ := it.(map[string]any)["LanguageCode"].(string)
				if l == "" {
					l = "as fed"
				}
				langs = append(langs, l)
			}
			if len(langs) > 0 {
				d += ", " + k.what + " " + strings.Join(langs, " ")
			}
		}
		return d
	case "AWS::Lambda::Function":
		env, _ := props["Environment"].(map[string]any)
		vars, _ := env["Variables"].(map[string]any)
		spec, ok := vars["SPEC"].(string)
		if !ok {
			return ""
		}
		var sp struct{ Captions, Audio string }
		json.Unmarshal([]byte(spec), &sp)
		return "captions " + cmp.Or(sp.Captions, "auto") + ", audio " + cmp.Or(sp.Audio, "all")
	}
	return ""
}

// opsGroup is the box operations and plumbing stand in.
const opsGroup = "operations and deployment plumbing"

// node is a shown resource.
type node struct {
	typ, path, group string
	stage            int
	flow             bool
	// detail is a third label line: what an encoder carries (ladder, audio, captions).
	detail string
}

// DOT is the stack's template as a Graphviz graph (deterministic: sorted).
func DOT(stack string, tmpl map[string]any) string {
	rs, _ := tmpl["Resources"].(map[string]any)
	nodes := shownNodes(stack, rs)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, label=%q, labelloc=t, compound=true, nodesep=0.25, ranksep=0.6];\n", stack,
		stack+": the media's way, left to right (resources grouped by construct; an arrow where one names another, pointing the way the media goes); operations and plumbing apart, dashed")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#607d8b\", arrowsize=0.6];\n")
	writeClusters(&b, stack, nodes)
	writeEdges(&b, rs, nodes)
	b.WriteString("}\n")
	return b.String()
}

// shownNodes are the resources drawn, by logical id, each with its place.
func shownNodes(stack string, rs map[string]any) map[string]node {
	out := map[string]node{}
	for id, r := range rs {
		rm := r.(map[string]any)
		typ, _ := rm["Type"].(string)
		if hidden.MatchString(typ) {
			continue
		}
		md, _ := rm["Metadata"].(map[string]any)
		path, _ := md["aws:cdk:path"].(string)
		n := node{typ: typ, path: path, group: group(stack, path, id), detail: detail(typ, rm)}
		n.stage, n.flow = stage(typ, n.group, id)
		if !n.flow {
			n.group = opsGroup
		}
		out[id] = n
	}
	return out
}

// writeClusters writes the nodes, a box per construct (and one for operations).
func writeClusters(b *strings.Builder, stack string, nodes map[string]node) {
	groups := map[string][]string{}
	for id, n := range nodes {
		groups[n.group] = append(groups[n.group], id)
	}
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		ids := groups[g]
		sort.Strings(ids)
		indent := "  "
		if g != "" {
			style := "rounded,dashed"
			if g == opsGroup {
				style = "rounded,dotted"
			}
			fmt.Fprintf(b, "  subgraph %q {\n    label=%q; style=%q; color=\"#90a4ae\";\n", "cluster_"+g, g, style)
			indent = "    "
		}
		for _, id := range ids {
			n := nodes[id]
			color := "#ffffff"
			if svc := strings.Split(n.typ, "::"); len(svc) == 3 && colors[svc[1]] != "" {
				color = colors[svc[1]]
			}
			l := label(n.typ, n.path, stack)
			if n.detail != "" {
				l += "\\n" + n.detail
			}
			fmt.Fprintf(b, "%s%q [label=\"%s\", fillcolor=%q];\n", indent, id, l, color)
		}
		if g != "" {
			b.WriteString("  }\n")
		}
	}
}

// writeEdges draws an arrow wherever a resource names another: along the media's way when both
// are on it (from the earlier stage to the later), dashed and not shaping the layout otherwise.
func writeEdges(b *strings.Builder, rs map[string]any, nodes map[string]node) {
	lines := map[string]bool{}
	for id := range nodes {
		for t := range names(rs, id) {
			to, ok := nodes[t]
			if !ok || t == id {
				continue
			}
			from := nodes[id]
			switch {
			case from.flow && to.flow && to.stage < from.stage:
				lines[fmt.Sprintf("  %q -> %q;", t, id)] = true
			case from.flow && to.flow:
				lines[fmt.Sprintf("  %q -> %q;", id, t)] = true
			default:
				lines[fmt.Sprintf("  %q -> %q [style=dashed, color=\"#b0bec5\", constraint=false];", id, t)] = true
			}
		}
	}
	for _, l := range slices.Sorted(maps.Keys(lines)) {
		b.WriteString(l + "\n")
	}
}

// names are the logical ids a resource's settings name: references, and the MediaPackage v2
// channel and group an endpoint or channel names by name rather than reference.
func names(rs map[string]any, id string) map[string]bool {
	out := map[string]bool{}
	r := rs[id].(map[string]any)
	refs(r["Properties"], out)
	p, _ := r["Properties"].(map[string]any)
	for other, o := range rs {
		op, _ := o.(map[string]any)["Properties"].(map[string]any)
		switch {
		case r["Type"] == "AWS::MediaPackageV2::OriginEndpoint" && o.(map[string]any)["Type"] == "AWS::MediaPackageV2::Channel" &&
			fmt.Sprint(op["ChannelGroupName"], op["ChannelName"]) == fmt.Sprint(p["ChannelGroupName"], p["ChannelName"]):
			out[other] = true
		case (r["Type"] == "AWS::MediaPackageV2::Channel" || r["Type"] == "AWS::MediaPackageV2::OriginEndpoint") && o.(map[string]any)["Type"] == "AWS::MediaPackageV2::ChannelGroup" &&
			fmt.Sprint(op["ChannelGroupName"]) == fmt.Sprint(p["ChannelGroupName"]):
			out[other] = true
		}
	}
	return out
}
