package keyserver_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	cdknag "github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/streamcdk/streamcdk/constructs/keyserver"
)

func synth(t *testing.T, props *keyserver.Props) (map[string]any, *keyserver.KeyServer, awscdk.Stack) {
	t.Helper()
	app := awscdk.NewApp(nil)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(nil), nil)
	stack := awscdk.NewStack(app, jsii.String("Keys"), nil)
	k := keyserver.New(stack, "KeyServer", props)
	b, _ := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	var tmpl map[string]any
	json.Unmarshal(b, &tmpl)
	return tmpl, k, stack
}

func resources(tmpl map[string]any, typ string) []map[string]any {
	var out []map[string]any
	for _, r := range tmpl["Resources"].(map[string]any) {
		if m := r.(map[string]any); m["Type"] == typ {
			out = append(out, m)
		}
	}
	return out
}

// TestKeyServerResources: the seed and origin secret are generated (no value in the template)
// and retained; the SPEKE route is IAM-authorized and the player routes require the origin
// header; MediaPackage's role trusts MediaPackage and may invoke POST /speke only; cdk-nag finds
// nothing unsuppressed.
func TestKeyServerResources(t *testing.T) {
	tmpl, _, stack := synth(t, nil)
	secrets := resources(tmpl, "AWS::SecretsManager::Secret")
	for _, s := range secrets {
		p := s["Properties"].(map[string]any)
		if p["SecretString"] != nil || p["GenerateSecretString"] == nil || s["DeletionPolicy"] != "Retain" {
			t.Errorf("secret %v", s)
		}
	}
	if len(secrets) != 2 {
		t.Errorf("%d secrets", len(secrets))
	}
	auth := map[string]string{}
	for _, m := range resources(tmpl, "AWS::ApiGateway::Method") {
		p := m["Properties"].(map[string]any)
		b, _ := json.Marshal(p)
		auth[p["HttpMethod"].(string)+" "+p["AuthorizationType"].(string)] = string(b)
	}
	if len(auth) != 3 || !strings.Contains(auth["GET NONE"], `"method.request.header.X-Streamcdk-Origin-Verify":true`) || auth["POST AWS_IAM"] == "" || !strings.Contains(auth["POST NONE"], "X-Streamcdk-Origin-Verify") {
		t.Errorf("methods %v", auth)
	}
	// MediaPackage (v2 and VOD) of the stack's account: aws:SourceAccount checked when sent.
	trusted := 0
	for _, r := range resources(tmpl, "AWS::IAM::Role") {
		doc, _ := r["Properties"].(map[string]any)["AssumeRolePolicyDocument"].(map[string]any)
		for _, st := range doc["Statement"].([]any) {
			b, _ := json.Marshal(st)
			if !strings.Contains(string(b), "mediapackage") {
				continue
			}
			trusted++
			if !strings.Contains(string(b), `"StringEqualsIfExists":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}`) {
				t.Errorf("MediaPackage's trust without the account: %s", b)
			}
		}
	}
	if trusted != 2 {
		t.Errorf("%d trust statements for MediaPackage, want v2's and VOD's", trusted)
	}
	policies, _ := json.Marshal(resources(tmpl, "AWS::IAM::Policy"))
	if !strings.Contains(string(policies), `"execute-api:Invoke"`) || !strings.Contains(string(policies), `/POST/speke`) {
		t.Errorf("no execute-api:Invoke on POST /speke: %s", policies)
	}
	ann := assertions.Annotations_FromStack(stack)
	errs := ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
	warns := ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
	for _, m := range append(*errs, *warns...) {
		t.Errorf("cdk-nag: %s %v", *m.Id, m.Entry.Data)
	}
}
