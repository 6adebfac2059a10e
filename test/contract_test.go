package test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/streamcdk/streamcdk/constructs/contract"
	"github.com/streamcdk/streamcdk/test/internal/iamcheck"
)

// contractCalls is the permission contract of a synthesized variant: the calls the template
// implies plus the calls the constructs declare (their code, the roles they pass).
func contractCalls(t *testing.T, s *synthesized, tmpl *iamcheck.Template) []iamcheck.Call {
	return stackCalls(t, tmpl, s.stacks.Vod.Stack, s.stacks.Vod.RuntimeCalls())
}

// stackCalls is the permission contract of one stack: derived from its template plus declared.
func stackCalls(t *testing.T, tmpl *iamcheck.Template, stack awscdk.Stack, declared []contract.Call) []iamcheck.Call {
	t.Helper()
	calls, err := tmpl.Derive()
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(v any) string { return fmt.Sprint(tmpl.Resolve(stack.Resolve(v))) }
	for _, c := range declared {
		ic := iamcheck.Call{Service: c.Service, Action: c.Action, Resource: resolve(c.Resource), Why: c.Why}
		if c.Role != nil {
			cfn, ok := c.Role.Node().DefaultChild().(awscdk.CfnElement)
			if !ok {
				t.Fatalf("call %s by a role the stack does not define", c.Action)
			}
			ic.Role = *stack.GetLogicalId(cfn)
		}
		for k, v := range c.Context {
			if ic.Context == nil {
				ic.Context = map[string]string{}
			}
			ic.Context[k] = resolve(v)
		}
		calls = append(calls, ic)
	}
	return calls
}

func evaluate(t *testing.T, tmpl *iamcheck.Template, calls []iamcheck.Call) *iamcheck.Report {
	t.Helper()
	node, err := iamcheck.NodeBinary()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := tmpl.Evaluate(node, calls)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestPermissionContract: every call the deployed stack makes at run time is allowed by the
// synthesized identity, resource and trust policies (offline IAM simulation), and every policy
// statement fits AWS's Service Authorization Reference. Grants no call uses are reported.
func TestPermissionContract(t *testing.T) {
	for _, name := range []string{"default", "mediapackage", "mediapackage-kms", "options", "ads", "failover"} {
		t.Run(name, func(t *testing.T) {
			s := synth(t, variants[name], false)
			if s.stacks.Vod != nil {
				tmpl := iamcheck.New(*s.stacks.Vod.Stack.StackName(), s.vodJSON)
				calls := contractCalls(t, s, tmpl)
				report(t, "VoD", calls, evaluate(t, tmpl, calls))
			}
			live := iamcheck.New(*s.stacks.Live.Stack.StackName(), s.liveJSON)
			lcalls := stackCalls(t, live, s.stacks.Live.Stack, s.stacks.Live.RuntimeCalls())
			report(t, "Live", lcalls, evaluate(t, live, lcalls))
			if sec := s.stacks.LiveSecondary; sec != nil {
				st := iamcheck.NewInRegion(*sec.Stack.StackName(), *sec.Stack.Region(), s.secondaryJSON)
				scalls := stackCalls(t, st, sec.Stack, sec.RuntimeCalls())
				report(t, "Live (secondary)", scalls, evaluate(t, st, scalls))
			}
		})
	}
}

// report fails the test for every call not allowed and every statement that does not fit the
// reference, and logs the least-privilege figure.
func report(t *testing.T, stack string, calls []iamcheck.Call, rep *iamcheck.Report) {
	t.Helper()
	for _, d := range rep.Denied() {
		t.Errorf("%s: %s", stack, d)
	}
	for _, f := range rep.Findings {
		t.Errorf("%s: policy statement: %s", stack, f)
	}
	t.Logf("%s: %d calls allowed (IAM data %s); least privilege: %d of %d granted actions used by a call",
		stack, len(calls), rep.DataVersion, len(rep.Granted)-len(rep.Unused), len(rep.Granted))
	for _, u := range rep.Unused {
		if why := cdkOwnedGrant(u); why != "" {
			t.Logf("%s: granted, used by no call: %s (%s)", stack, u, why)
			continue
		}
		t.Errorf("%s: granted, used by no call: %s", stack, u)
	}
}

// cdkOwnedGrant explains grants that CDK constructs add on their own and StreamCDK cannot
// narrow; they are reported, not failed. Every other unused grant fails the contract.
func cdkOwnedGrant(grant string) string {
	if strings.HasPrefix(grant, "PlayerDeployRoleDefaultPolicy") {
		return "CDK's BucketDeployment grants read and write with wildcard actions on the page's asset and prefix, and runs only at deploy time"
	}
	return ""
}

// TestPermissionContractFails: the contract fails when a grant is removed (here the workflow's
// permission to send completion records), naming the call.
func TestPermissionContractFails(t *testing.T) {
	s := synth(t, nil, false)
	b, _ := json.Marshal(s.vodJSON)
	var broken map[string]any
	json.Unmarshal(b, &broken)
	removed := 0
	for _, r := range broken["Resources"].(map[string]any) {
		rm := r.(map[string]any)
		if rm["Type"] != "AWS::IAM::Policy" {
			continue
		}
		doc := rm["Properties"].(map[string]any)["PolicyDocument"].(map[string]any)
		var kept []any
		for _, st := range doc["Statement"].([]any) {
			if st.(map[string]any)["Action"] == "sqs:SendMessage" {
				removed++
				continue
			}
			kept = append(kept, st)
		}
		doc["Statement"] = kept
	}
	if removed != 1 {
		t.Fatalf("removed %d sqs:SendMessage grants, want 1", removed)
	}
	tmpl := iamcheck.New(*s.stacks.Vod.Stack.StackName(), broken)
	rep := evaluate(t, tmpl, contractCalls(t, s, tmpl))
	denied := rep.Denied()
	if len(denied) == 0 {
		t.Fatal("nothing denied without the workflow's sqs:SendMessage grant")
	}
	for _, d := range denied { // the completion and the failure record
		if !strings.HasPrefix(d, "ImplicitlyDenied: ") || !strings.Contains(d, " sqs:SendMessage on ") || !strings.Contains(d, "Completions") {
			t.Errorf("denied %q, want only the workflow's sqs:SendMessage to the completions queue", d)
		}
	}
}

// TestServiceRoleTrust: roles that MediaConvert, Step Functions and EventBridge Scheduler assume
// admit only this account's use of the service (aws:SourceAccount, as each service's
// confused-deputy guidance shows); MediaLive's and MediaPackage's guides document no condition
// key, so their roles trust the service alone (constructs/internal/trust).
func TestServiceRoleTrust(t *testing.T) {
	conditioned := map[string]bool{"mediaconvert.amazonaws.com": true, "states.amazonaws.com": true, "scheduler.amazonaws.com": true}
	seen := map[string]bool{}
	for _, ov := range []map[string]any{nil, liveChannelsVariant} {
		s := synth(t, ov, false)
		for _, tmpl := range []map[string]any{s.vodJSON, s.liveJSON} {
			for id, r := range resources(tmpl, "AWS::IAM::Role") {
				doc := r["Properties"].(map[string]any)["AssumeRolePolicyDocument"].(map[string]any)
				for _, st := range doc["Statement"].([]any) {
					st := st.(map[string]any)
					p, _ := st["Principal"].(map[string]any)
					svc, _ := p["Service"].(string)
					if !conditioned[svc] {
						continue
					}
					seen[svc] = true
					cond, _ := st["Condition"].(map[string]any)
					eq, _ := cond["StringEquals"].(map[string]any)
					if !jsonEqual(eq["aws:SourceAccount"], map[string]any{"Ref": "AWS::AccountId"}) {
						t.Errorf("%s: trust of %s has condition %v, want aws:SourceAccount of the stack's account", id, svc, cond)
					}
				}
			}
		}
	}
	if len(seen) != len(conditioned) {
		t.Errorf("roles seen for %v, want all of %v", seen, conditioned)
	}
}

// TestPlayerDeployInvalidatesOnlyItsDistribution: CDK grants the page's deployment function
// CloudFront invalidations on every distribution; the role's own Deny limits it to the one that
// serves the page.
func TestPlayerDeployInvalidatesOnlyItsDistribution(t *testing.T) {
	s := synth(t, nil, false)
	tmpl := iamcheck.New(*s.stacks.Vod.Stack.StackName(), s.vodJSON)
	role := *s.stacks.Vod.Stack.GetLogicalId(s.stacks.Vod.Player.Role.Node().DefaultChild().(awscdk.CfnResource))
	own := tmpl.Arn(logicalID(t, s.vodJSON, "AWS::CloudFront::Distribution"))
	rep := evaluate(t, tmpl, []iamcheck.Call{
		{Role: role, Action: "cloudfront:CreateInvalidation", Resource: own, Why: "the page's distribution"},
		{Role: role, Action: "cloudfront:CreateInvalidation", Resource: "arn:aws:cloudfront::123456789012:distribution/EOTHER", Why: "another distribution"},
	})
	denied := rep.Denied()
	if len(denied) != 1 || !strings.Contains(denied[0], "EOTHER") {
		t.Errorf("denied %q, want only the other distribution's invalidation", denied)
	}
}

// TestKeyServerSPEKEOnlyForMediaPackage: the key server's SPEKE route hands out any content
// key, so its API's resource policy admits MediaPackage's role alone: another role of the
// account whose own policy allows execute-api:Invoke on everything is still denied.
func TestKeyServerSPEKEOnlyForMediaPackage(t *testing.T) {
	s := synth(t, mediaPackageVariant, false)
	k := s.stacks.Vod.KeyServer
	b, _ := json.Marshal(s.vodJSON)
	var tmpl map[string]any
	json.Unmarshal(b, &tmpl)
	other := *s.stacks.Vod.Stack.GetLogicalId(k.Function.Role().Node().DefaultChild().(awscdk.CfnResource))
	tmpl["Resources"].(map[string]any)["OverPrivileged"] = map[string]any{"Type": "AWS::IAM::Policy", "Properties": map[string]any{
		"PolicyName": "over", "Roles": []any{map[string]any{"Ref": other}},
		"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}}}}
	it := iamcheck.New(*s.stacks.Vod.Stack.StackName(), tmpl)
	var speke iamcheck.Call
	for _, c := range stackCalls(t, it, s.stacks.Vod.Stack, k.RuntimeCalls()) {
		if c.Action == "execute-api:Invoke" {
			speke = c
		}
	}
	if speke.Role == "" {
		t.Fatal("the key server declares no SPEKE call")
	}
	stranger := speke
	stranger.Role, stranger.Why = other, "another role of the account"
	denied := evaluate(t, it, []iamcheck.Call{speke, stranger}).Denied()
	if len(denied) != 1 || !strings.HasPrefix(denied[0], "ExplicitlyDenied: "+other) {
		t.Errorf("denied %q, want only the other role, explicitly", denied)
	}
}
