// Package iamcheck is the permission contract's harness (used by tests): it reads a synthesized
// template as a deployed stack would be, with made-up physical names in one account and Region,
// derives the calls the template itself implies (workflow tasks, encrypted resources' keys,
// alarm actions, event targets, CloudFront origins, access logs, role trust), adds the calls the
// constructs declare (package contract), and evaluates every call against the template's
// identity, resource and trust policies with an offline IAM simulator (simulate.mjs).
package iamcheck

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// The made-up environment a template is evaluated in (Region: of a stack without one).
const (
	Partition = "aws"
	Region    = "us-east-1"
	Account   = "123456789012"
)

// Template is a synthesized CloudFormation template.
type Template struct {
	// Stack is the stack name, used in made-up physical names.
	Stack string
	// Region is the stack's Region (NewInRegion), else Region.
	Region string
	// Resources by logical ID.
	Resources map[string]Resource
	// unresolved collects what Resolve could not resolve.
	unresolved map[string]bool
}

// Resource is one template resource.
type Resource struct {
	Type       string
	Properties map[string]any
}

// New reads a decoded template.
func New(stack string, tmpl map[string]any) *Template { return NewInRegion(stack, Region, tmpl) }

// NewInRegion reads a decoded template of a stack pinned to region.
func NewInRegion(stack, region string, tmpl map[string]any) *Template {
	t := &Template{Stack: stack, Region: region, Resources: map[string]Resource{}, unresolved: map[string]bool{}}
	res, _ := tmpl["Resources"].(map[string]any)
	for id, r := range res {
		rm, _ := r.(map[string]any)
		props, _ := rm["Properties"].(map[string]any)
		typ, _ := rm["Type"].(string)
		t.Resources[id] = Resource{Type: typ, Properties: props}
	}
	return t
}

// Unresolved lists the references Resolve could not turn into values.
func (t *Template) Unresolved() []string {
	out := make([]string, 0, len(t.unresolved))
	for k := range t.unresolved {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// LogicalIDs returns the logical IDs of resources of a type, sorted.
func (t *Template) LogicalIDs(typ string) []string {
	var out []string
	for id, r := range t.Resources {
		if r.Type == typ {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// Prop returns a resource's property, resolved.
func (t *Template) Prop(id string, path ...string) any {
	var v any = t.Resources[id].Properties
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return t.Resolve(v)
}

// Str is Prop as a string ("" when absent or not a string).
func (t *Template) Str(id string, path ...string) string {
	s, _ := t.Prop(id, path...).(string)
	return s
}

// Resolve turns CloudFormation intrinsic functions into the values the deployed stack would have.
func (t *Template) Resolve(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if r, ok := t.intrinsic(k, arg); ok {
					return r
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = t.Resolve(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = t.Resolve(e)
		}
		return out
	}
	return v
}

func (t *Template) intrinsic(fn string, arg any) (any, bool) {
	switch fn {
	case "Ref":
		s, _ := arg.(string)
		return t.ref(s), true
	case "Fn::GetAtt":
		var parts []string
		switch a := arg.(type) {
		case string:
			parts = strings.SplitN(a, ".", 2)
		case []any:
			for _, p := range a {
				parts = append(parts, fmt.Sprint(t.Resolve(p)))
			}
		}
		if len(parts) != 2 {
			t.unresolved[fmt.Sprint(arg)] = true
			return "", true
		}
		return t.getAtt(parts[0], parts[1]), true
	case "Fn::Join":
		a, _ := arg.([]any)
		if len(a) != 2 {
			return nil, false
		}
		sep, _ := a[0].(string)
		items, _ := t.Resolve(a[1]).([]any)
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = fmt.Sprint(it)
		}
		return strings.Join(parts, sep), true
	case "Fn::Sub":
		var tmpl string
		vars := map[string]any{}
		switch a := arg.(type) {
		case string:
			tmpl = a
		case []any:
			tmpl, _ = a[0].(string)
			if len(a) > 1 {
				vars, _ = t.Resolve(a[1]).(map[string]any)
			}
		}
		return t.sub(tmpl, vars), true
	case "Fn::Select":
		a, _ := arg.([]any)
		if len(a) != 2 {
			return nil, false
		}
		var i int
		fmt.Sscan(fmt.Sprint(t.Resolve(a[0])), &i)
		list, _ := t.Resolve(a[1]).([]any)
		if i < 0 || i >= len(list) {
			t.unresolved[fmt.Sprint(arg)] = true
			return "", true
		}
		return list[i], true
	case "Fn::Split":
		a, _ := arg.([]any)
		if len(a) != 2 {
			return nil, false
		}
		sep, _ := a[0].(string)
		var out []any
		for _, p := range strings.Split(fmt.Sprint(t.Resolve(a[1])), sep) {
			out = append(out, p)
		}
		return out, true
	}
	return nil, false
}

func (t *Template) sub(s string, vars map[string]any) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		name := s[i+2 : i+j]
		switch {
		case strings.HasPrefix(name, "!"):
			b.WriteString("${" + name[1:] + "}")
		case vars[name] != nil:
			b.WriteString(fmt.Sprint(vars[name]))
		case strings.Contains(name, ".") && !strings.HasPrefix(name, "AWS::"):
			p := strings.SplitN(name, ".", 2)
			b.WriteString(fmt.Sprint(t.getAtt(p[0], p[1])))
		default:
			b.WriteString(fmt.Sprint(t.ref(name)))
		}
		s = s[i+j+1:]
	}
}

// Name is the made-up physical name of a resource (its name property when the template sets one).
func (t *Template) Name(id string) string {
	r := t.Resources[id]
	for _, p := range []string{"BucketName", "QueueName", "TopicName", "TableName", "FunctionName", "RoleName", "StateMachineName", "LogGroupName", "AlarmName", "Name", "Id"} {
		if s, ok := t.Resolve(r.Properties[p]).(string); ok && s != "" {
			return s
		}
	}
	n := t.Stack + "-" + id
	if r.Type == "AWS::S3::Bucket" {
		n = strings.ToLower(n)
	}
	return n
}

// Arn is the made-up ARN of a resource.
func (t *Template) Arn(id string) string {
	a, ok := t.arnOf(id)
	if !ok {
		t.unresolved[id+".Arn"] = true
	}
	return a
}

func (t *Template) arnOf(id string) (string, bool) {
	a := t.arnByType(id)
	return a, a != ""
}

// arnForms are the ARNs of regional resources: arn:<partition>:<service>:<region>:<account>:<prefix><name><suffix>.
var arnForms = map[string]struct{ service, prefix, suffix string }{
	"AWS::SQS::Queue":                           {"sqs", "", ""},
	"AWS::SNS::Topic":                           {"sns", "", ""},
	"AWS::DynamoDB::Table":                      {"dynamodb", "table/", ""},
	"AWS::Lambda::Function":                     {"lambda", "function:", ""},
	"AWS::StepFunctions::StateMachine":          {"states", "stateMachine:", ""},
	"AWS::Logs::LogGroup":                       {"logs", "log-group:", ":*"},
	"AWS::SecretsManager::Secret":               {"secretsmanager", "secret:", "-AbCdEf"},
	"AWS::MediaConvert::Queue":                  {"mediaconvert", "queues/", ""},
	"AWS::MediaPackage::PackagingGroup":         {"mediapackage-vod", "packaging-groups/", ""},
	"AWS::MediaPackage::PackagingConfiguration": {"mediapackage-vod", "packaging-configurations/", ""},
	"AWS::Events::Rule":                         {"events", "rule/", ""},
	"AWS::CloudWatch::Alarm":                    {"cloudwatch", "alarm:", ""},
}

func (t *Template) arnByType(id string) string {
	n := t.Name(id)
	typ := t.Resources[id].Type
	if f, ok := arnForms[typ]; ok {
		return "arn:" + Partition + ":" + f.service + ":" + t.Region + ":" + Account + ":" + f.prefix + n + f.suffix
	}
	switch typ {
	case "AWS::S3::Bucket":
		return "arn:" + Partition + ":s3:::" + n
	case "AWS::KMS::Key":
		return "arn:" + Partition + ":kms:" + t.Region + ":" + Account + ":key/" + strings.ToLower(id)
	case "AWS::IAM::Role":
		return "arn:" + Partition + ":iam::" + Account + ":role/" + n
	case "AWS::CloudFront::Distribution":
		return "arn:" + Partition + ":cloudfront::" + Account + ":distribution/" + t.distributionID(id)
	case "AWS::MediaPackageV2::ChannelGroup", "AWS::MediaPackageV2::Channel", "AWS::MediaPackageV2::OriginEndpoint":
		return t.mediaPackageV2Arn(t.Str(id, "ChannelGroupName"), t.Str(id, "ChannelName"), t.Str(id, "OriginEndpointName"))
	case "AWS::MediaLive::Channel":
		return "arn:" + Partition + ":medialive:" + t.Region + ":" + Account + ":channel:" + t.mediaLiveID(id)
	case "AWS::MediaLive::Input":
		return "arn:" + Partition + ":medialive:" + t.Region + ":" + Account + ":input:" + t.mediaLiveID(id)
	}
	return ""
}

// mediaPackageV2Arn is the ARN of a channel group, channel or origin endpoint by names.
func (t *Template) mediaPackageV2Arn(group, channel, endpoint string) string {
	a := "arn:" + Partition + ":mediapackagev2:" + t.Region + ":" + Account + ":channelGroup/" + group
	if channel != "" {
		a += "/channel/" + channel
	}
	if endpoint != "" {
		a += "/originEndpoint/" + endpoint
	}
	return a
}

// mediaLiveID is the made-up numeric id MediaLive gives a channel or input.
func (t *Template) mediaLiveID(id string) string {
	n := 1000000
	for _, c := range id {
		n = (n*31 + int(c)) % 9000000
	}
	return fmt.Sprint(1000000 + n)
}

func (t *Template) distributionID(id string) string { return "E" + strings.ToUpper(id) }

func (t *Template) ref(id string) any {
	switch id {
	case "AWS::Partition":
		return Partition
	case "AWS::Region":
		return t.Region
	case "AWS::AccountId":
		return Account
	case "AWS::URLSuffix":
		return "amazonaws.com"
	case "AWS::StackName":
		return t.Stack
	case "AWS::NoValue":
		return nil
	}
	r, ok := t.Resources[id]
	if !ok {
		t.unresolved["Ref "+id] = true
		return "unresolved-" + id
	}
	switch r.Type {
	case "AWS::SQS::Queue":
		return "https://sqs." + t.Region + ".amazonaws.com/" + Account + "/" + t.Name(id)
	case "AWS::SNS::Topic", "AWS::StepFunctions::StateMachine", "AWS::SecretsManager::Secret":
		return t.Arn(id)
	case "AWS::KMS::Key":
		return strings.ToLower(id)
	case "AWS::CloudFront::Distribution":
		return t.distributionID(id)
	case "AWS::MediaLive::Channel", "AWS::MediaLive::Input":
		return t.mediaLiveID(id)
	case "AWS::MediaPackageV2::ChannelGroup":
		return t.Str(id, "ChannelGroupName")
	}
	return t.Name(id)
}

func (t *Template) getAtt(id, attr string) any {
	if t.Resources[id].Type == "AWS::MediaPackageV2::Channel" && attr == "IngestEndpointUrls" {
		n := t.Name(id)
		return []any{"https://abcde-1.ingest.xyz.mediapackagev2." + t.Region + ".amazonaws.com/in/v1/group/1/" + n + "/",
			"https://abcde-2.ingest.xyz.mediapackagev2." + t.Region + ".amazonaws.com/in/v1/group/2/" + n + "/"}
	}
	return t.getAttString(id, attr)
}

func (t *Template) getAttString(id, attr string) string {
	r, ok := t.Resources[id]
	if !ok {
		t.unresolved[id+"."+attr] = true
		return "unresolved-" + id + "." + attr
	}
	n := t.Name(id)
	switch attr {
	case "Arn", "TopicArn":
		return t.Arn(id)
	case "QueueName", "TopicName", "Name", "RoleId":
		return n
	case "KeyId", "Id":
		if r.Type == "AWS::CloudFront::Distribution" {
			return t.distributionID(id)
		}
		return fmt.Sprint(t.ref(id))
	case "QueueUrl":
		return fmt.Sprint(t.ref(id))
	}
	switch r.Type + "." + attr {
	case "AWS::S3::Bucket.DomainName":
		return n + ".s3.amazonaws.com"
	case "AWS::S3::Bucket.RegionalDomainName":
		return n + ".s3." + t.Region + ".amazonaws.com"
	case "AWS::CloudFront::Distribution.DomainName":
		return "d" + strings.ToLower(id) + ".cloudfront.net"
	case "AWS::MediaPackageV2::ChannelGroup.EgressDomain":
		return "abcde.egress.xyz.mediapackagev2." + t.Region + ".amazonaws.com"
	case "AWS::MediaPackage::PackagingGroup.DomainName":
		return "https://" + strings.ToLower(n) + ".egress.mediapackage-vod." + t.Region + ".amazonaws.com"
	case "AWS::DynamoDB::Table.StreamArn":
		return t.Arn(id) + "/stream/2026-01-01T00:00:00.000"
	}
	t.unresolved[id+"."+attr] = true
	return "unresolved-" + id + "." + attr
}

// BucketOfDomain returns the logical ID of the template bucket a (regional) S3 domain names.
func (t *Template) BucketOfDomain(domain string) string {
	for _, id := range t.LogicalIDs("AWS::S3::Bucket") {
		n := t.Name(id)
		if domain == n+".s3.amazonaws.com" || domain == n+".s3."+t.Region+".amazonaws.com" {
			return id
		}
	}
	return ""
}

// ByArn returns the logical ID of the template resource with this ARN (or queue URL, or name).
func (t *Template) ByArn(arn string) string {
	ids := make([]string, 0, len(t.Resources))
	for id := range t.Resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		typ := t.Resources[id].Type
		if !strings.HasPrefix(typ, "AWS::") || typ == "AWS::IAM::Policy" {
			continue
		}
		if a, ok := t.arnOf(id); (ok && a == arn) || (ok && fmt.Sprint(t.ref(id)) == arn) {
			return id
		}
	}
	return ""
}

// JSON decodes a resolved string property holding JSON (e.g. a state machine definition).
func JSON(s string) (map[string]any, error) {
	var m map[string]any
	err := json.Unmarshal([]byte(s), &m)
	return m, err
}
