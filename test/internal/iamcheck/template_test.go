package iamcheck

import (
	"encoding/json"
	"testing"
)

const sample = `{"Resources": {
 "Src": {"Type": "AWS::S3::Bucket"},
 "Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs"}},
 "K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": []}}},
 "R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": []}}},
 "P": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["Src", "Arn"]}, "/*"]]}}]}}},
 "BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Src"}, "PolicyDocument": {"Statement": []}}},
 "D": {"Type": "AWS::CloudFront::Distribution"}
}}`

func TestResolve(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal([]byte(sample), &m); err != nil {
		t.Fatal(err)
	}
	tm := New("Stk", m)
	cases := []struct {
		in   string
		want any
	}{
		{`{"Ref": "Src"}`, "stk-src"},
		{`{"Fn::GetAtt": ["Src", "Arn"]}`, "arn:aws:s3:::stk-src"},
		{`{"Fn::GetAtt": "Src.RegionalDomainName"}`, "stk-src.s3.us-east-1.amazonaws.com"},
		{`{"Ref": "Q"}`, "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"},
		{`{"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Q.QueueName}"}`, "arn:aws:sqs:us-east-1:123456789012:jobs"},
		{`{"Fn::Sub": ["${X}-${!Literal}", {"X": {"Ref": "AWS::StackName"}}]}`, "Stk-${Literal}"},
		{`{"Fn::Select": [2, {"Fn::Split": ["/", "https://host.example/path"]}]}`, "host.example"},
		{`{"Fn::GetAtt": ["K", "Arn"]}`, "arn:aws:kms:us-east-1:123456789012:key/k"},
		{`{"Fn::GetAtt": ["D", "DomainName"]}`, "dd.cloudfront.net"},
	}
	for _, c := range cases {
		var v any
		json.Unmarshal([]byte(c.in), &v)
		if got := tm.Resolve(v); got != c.want {
			t.Errorf("%s = %v, want %v", c.in, got, c.want)
		}
	}
	if u := tm.Unresolved(); len(u) != 0 {
		t.Errorf("unresolved: %v", u)
	}
	tm.Resolve(map[string]any{"Ref": "Missing"})
	if u := tm.Unresolved(); len(u) != 1 {
		t.Errorf("a missing resource is not reported: %v", u)
	}
	ps, err := tm.IdentityPolicies("R")
	if err != nil || len(ps) != 1 || ps[0].Name != "P" {
		t.Errorf("identity policies of R: %v %v", ps, err)
	}
	if p := tm.ResourcePolicy("arn:aws:s3:::stk-src/a/b.mp4"); p == nil || p.Name != "BP" {
		t.Errorf("an object's resource policy is its bucket's: %v", p)
	}
	if p := tm.ResourcePolicy("arn:aws:kms:us-east-1:123456789012:key/other"); p == nil || p.Name != "assumed default key policy" {
		t.Errorf("a key from outside the template: %v", p)
	}
	if id := tm.ByArn("https://sqs.us-east-1.amazonaws.com/123456789012/jobs"); id != "Q" {
		t.Errorf("queue by URL: %q", id)
	}
}
