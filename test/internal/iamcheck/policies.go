package iamcheck

import (
	"fmt"
	"sort"
	"strings"
)

// Policy is a named policy document, resolved.
type Policy struct {
	Name string         `json:"name"`
	Doc  map[string]any `json:"policy"`
}

// IdentityPolicies returns the policies attached to a role: AWS::IAM::Policy resources naming
// it and its inline policies. Managed policies cannot be read offline and are an error.
func (t *Template) IdentityPolicies(role string) ([]Policy, error) {
	var out []Policy
	if m, ok := t.Prop(role, "ManagedPolicyArns").([]any); ok && len(m) > 0 {
		return nil, fmt.Errorf("role %s has managed policies %v, which cannot be evaluated offline", role, m)
	}
	if inline, ok := t.Prop(role, "Policies").([]any); ok {
		for i, p := range inline {
			pm, _ := p.(map[string]any)
			doc, _ := pm["PolicyDocument"].(map[string]any)
			out = append(out, Policy{Name: fmt.Sprintf("%s/inline%d", role, i), Doc: doc})
		}
	}
	name := t.Name(role)
	for _, id := range t.LogicalIDs("AWS::IAM::Policy") {
		roles, _ := t.Prop(id, "Roles").([]any)
		for _, r := range roles {
			if r == name {
				doc, _ := t.Prop(id, "PolicyDocument").(map[string]any)
				out = append(out, Policy{Name: id, Doc: doc})
			}
		}
	}
	return out, nil
}

// AllPolicies returns every policy document in the template: identity, resource and trust.
func (t *Template) AllPolicies() []Policy {
	var out []Policy
	for _, id := range t.LogicalIDs("AWS::IAM::Role") {
		ps, _ := t.IdentityPolicies(id)
		for _, p := range ps {
			if strings.Contains(p.Name, "/inline") {
				out = append(out, p)
			}
		}
	}
	for _, id := range t.LogicalIDs("AWS::IAM::Policy") {
		doc, _ := t.Prop(id, "PolicyDocument").(map[string]any)
		out = append(out, Policy{Name: id, Doc: doc})
	}
	for _, rp := range t.resourcePolicies() {
		out = append(out, rp.Policy)
	}
	return out
}

// resourcePolicy is a resource policy and the ARN of what it guards.
type resourcePolicy struct {
	Policy
	arn string
}

// resourcePolicies lists bucket, queue, topic, key, secret and trust policies, and Lambda
// permissions as a policy, by the ARN they guard.
func (t *Template) resourcePolicies() []resourcePolicy {
	var out []resourcePolicy
	add := func(name, arn string, doc any) {
		if d, ok := doc.(map[string]any); ok {
			out = append(out, resourcePolicy{Policy{Name: name, Doc: d}, arn})
		}
	}
	for _, id := range t.LogicalIDs("AWS::S3::BucketPolicy") {
		add(id, "arn:"+Partition+":s3:::"+t.Str(id, "Bucket"), t.Prop(id, "PolicyDocument"))
	}
	for _, id := range t.LogicalIDs("AWS::SQS::QueuePolicy") {
		qs, _ := t.Prop(id, "Queues").([]any)
		for _, q := range qs {
			if qid := t.ByArn(fmt.Sprint(q)); qid != "" {
				add(id, t.Arn(qid), t.Prop(id, "PolicyDocument"))
			}
		}
	}
	for _, id := range t.LogicalIDs("AWS::SNS::TopicPolicy") {
		ts, _ := t.Prop(id, "Topics").([]any)
		for _, tp := range ts {
			add(id, fmt.Sprint(tp), t.Prop(id, "PolicyDocument"))
		}
	}
	for _, id := range t.LogicalIDs("AWS::KMS::Key") {
		add(id+"/KeyPolicy", t.Arn(id), t.Prop(id, "KeyPolicy"))
	}
	for _, id := range t.LogicalIDs("AWS::IAM::Role") {
		add(id+"/Trust", t.Arn(id), t.Prop(id, "AssumeRolePolicyDocument"))
	}
	for _, id := range t.LogicalIDs("AWS::MediaPackageV2::ChannelPolicy") {
		add(id, t.mediaPackageV2Arn(t.Str(id, "ChannelGroupName"), t.Str(id, "ChannelName"), ""), t.Prop(id, "Policy"))
	}
	for _, id := range t.LogicalIDs("AWS::MediaPackageV2::OriginEndpointPolicy") {
		add(id, t.mediaPackageV2Arn(t.Str(id, "ChannelGroupName"), t.Str(id, "ChannelName"), t.Str(id, "OriginEndpointName")), t.Prop(id, "Policy"))
	}
	out = append(out, t.restAPIPolicies()...)
	for _, id := range t.LogicalIDs("AWS::SecretsManager::ResourcePolicy") {
		add(id, t.Str(id, "SecretId"), t.Prop(id, "ResourcePolicy"))
	}
	perms := map[string][]any{}
	for _, id := range t.LogicalIDs("AWS::Lambda::Permission") {
		fn := t.Str(id, "FunctionName")
		if fid := t.ByArn(fn); fid != "" {
			fn = t.Arn(fid)
		}
		st := map[string]any{"Sid": id, "Effect": "Allow", "Action": t.Prop(id, "Action"), "Resource": fn}
		if p := t.Str(id, "Principal"); strings.HasSuffix(p, ".amazonaws.com") {
			st["Principal"] = map[string]any{"Service": p}
		} else {
			st["Principal"] = map[string]any{"AWS": p}
		}
		cond := map[string]any{}
		if s := t.Str(id, "SourceArn"); s != "" {
			cond["ArnLike"] = map[string]any{"aws:SourceArn": s}
		}
		if s := t.Str(id, "SourceAccount"); s != "" {
			cond["StringEquals"] = map[string]any{"aws:SourceAccount": s}
		}
		if len(cond) > 0 {
			st["Condition"] = cond
		}
		perms[fn] = append(perms[fn], st)
	}
	fns := make([]string, 0, len(perms))
	for fn := range perms {
		fns = append(fns, fn)
	}
	sort.Strings(fns)
	for _, fn := range fns {
		add("LambdaPermissions:"+fn, fn, map[string]any{"Version": "2012-10-17", "Statement": perms[fn]})
	}
	return out
}

// ResourcePolicy returns the policy guarding the resource at arn, if the template has one
// (a bucket's policy guards its objects too). A KMS key from outside the template is taken to
// have the default key policy, which delegates to the account's IAM policies.
func (t *Template) ResourcePolicy(arn string) *Policy {
	for _, rp := range t.resourcePolicies() {
		if rp.arn == arn || ((strings.HasPrefix(rp.arn, "arn:"+Partition+":s3:::") || strings.Contains(rp.arn, ":execute-api:")) && strings.HasPrefix(arn, rp.arn+"/")) {
			p := rp.Policy
			return &p
		}
	}
	if strings.Contains(arn, ":kms:") {
		return &Policy{Name: "assumed default key policy", Doc: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:" + Partition + ":iam::" + accountOf(arn) + ":root"}, "Action": "kms:*", "Resource": "*"}}}}
	}
	return nil
}

// accountOf is the account field of an ARN (the made-up account when it has none).
func accountOf(arn string) string {
	if p := strings.Split(arn, ":"); len(p) > 4 && p[4] != "" {
		return p[4]
	}
	return Account
}

// withPrefix is doc with every Resource string starting with from starting with to instead.
func withPrefix(doc map[string]any, from, to string) map[string]any {
	sts, _ := doc["Statement"].([]any)
	out := make([]any, len(sts))
	for i, st := range sts {
		m, _ := st.(map[string]any)
		c := map[string]any{}
		for k, v := range m {
			c[k] = v
		}
		switch r := m["Resource"].(type) {
		case string:
			c["Resource"] = strings.Replace(r, from, to, 1)
		case []any:
			rs := make([]any, len(r))
			for j, x := range r {
				rs[j] = strings.Replace(fmt.Sprint(x), from, to, 1)
			}
			c["Resource"] = rs
		}
		out[i] = c
	}
	return map[string]any{"Version": doc["Version"], "Statement": out}
}

// restAPIPolicies are the REST APIs' resource policies, whose methods are named
// execute-api:/<stage>/<METHOD>/<path>: in full,
// arn:...:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>.
func (t *Template) restAPIPolicies() []resourcePolicy {
	var out []resourcePolicy
	for _, id := range t.LogicalIDs("AWS::ApiGateway::RestApi") {
		if doc, ok := t.Resolve(t.Prop(id, "Policy")).(map[string]any); ok {
			api := "arn:" + Partition + ":execute-api:" + t.Region + ":" + Account + ":" + fmt.Sprint(t.ref(id))
			out = append(out, resourcePolicy{Policy{Name: id + "/ResourcePolicy", Doc: withPrefix(doc, "execute-api:/", api+"/")}, api})
		}
	}
	return out
}
