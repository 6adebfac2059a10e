package test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/test/internal/iamcheck"
)

// inputsVariant is a live stack of three channels, one per input kind the defaults leave out:
// an SRT caller (unencrypted, allowed), MediaConnect flows and RTP push.
var inputsVariant = map[string]any{"streamcdk:stacks": "live", "live:channels": `[
 {"channelName": "srt", "inputType": "SRT_CALLER", "sources": "srt-a.example.com:5000,srt-b.example.com:5000", "srtStreamId": "main", "allowUnencryptedSrt": true},
 {"channelName": "mc", "inputType": "MEDIACONNECT", "flowArns": "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one,arn:aws:mediaconnect:us-east-1:123456789012:flow:2-def:two"},
 {"channelName": "rtp", "inputType": "RTP_PUSH", "inputCidrs": "192.0.2.0/24"}]`}

// TestLiveInputTypes: SRT caller and MediaConnect inputs take one source per pipeline; RTP push
// gets a security group.
func TestLiveInputTypes(t *testing.T) {
	s := synth(t, inputsVariant, false)
	for _, c := range []struct {
		typ  string
		want map[string]any
	}{
		{"AWS::MediaLive::Input", map[string]any{"Type": "SRT_CALLER", "SrtSettings": map[string]any{"SrtCallerSources": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{"SrtListenerAddress": "srt-b.example.com", "SrtListenerPort": "5000", "StreamId": "main"})})}}},
		{"AWS::MediaLive::Input", map[string]any{"Type": "MEDIACONNECT", "MediaConnectFlows": []any{map[string]any{"FlowArn": "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one"}, map[string]any{"FlowArn": "arn:aws:mediaconnect:us-east-1:123456789012:flow:2-def:two"}}}},
		{"AWS::MediaLive::InputSecurityGroup", map[string]any{"WhitelistRules": []any{map[string]any{"Cidr": "192.0.2.0/24"}}}},
	} {
		hasProps(t, s.live, c.typ, c.want)
	}
	ann := assertions.Annotations_FromStack(s.stacks.Live.Stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
}

// TestLiveAutoStart: with live:autoStart the channel is started after deploy and stopped before
// delete by CDK's AwsCustomResource (its role may start and stop this channel only); without
// it the stack has no custom resource (TestLiveDefaults).
func TestLiveAutoStart(t *testing.T) {
	s := synth(t, optionsVariant, false) // live:autoStart among the options
	crs := resources(s.liveJSON, "Custom::AWS")
	if len(crs) != 1 {
		t.Fatalf("%d Custom::AWS resources, want 1", len(crs))
	}
	for _, cr := range crs {
		b, _ := json.Marshal(cr["Properties"])
		for _, want := range []string{`\"action\":\"StartChannel\"`, `\"action\":\"StopChannel\"`, `\"service\":\"MediaLive\"`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("start/stop resource lacks %s: %s", want, b)
			}
		}
	}
	ann := assertions.Annotations_FromStack(s.stacks.Live.Stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
	tmpl := iamcheck.New(*s.stacks.Live.Stack.StackName(), s.liveJSON)
	calls := stackCalls(t, tmpl, s.stacks.Live.Stack, s.stacks.Live.RuntimeCalls())
	report(t, "Live autoStart", calls, evaluate(t, tmpl, calls))
}

// TestSrtPassphrase: an SRT caller input with a passphrase secret decrypts with AES256 (the SDK's
// value) by default, and the channel's role may read the secret (the permission contract's
// "ads" variant proves the call); without one, synth warns.
func TestSrtPassphrase(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	in := string(plainJSON(resources(s.liveJSON, "AWS::MediaLive::Input")))
	want := `"Decryption":{"Algorithm":"` + string(mltypes.SrtEncryptionTypeAes256) + `","PassphraseSecretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:sports-srt-AbCdEf"}`
	if !strings.Contains(in, want) {
		t.Errorf("SRT input without %s", want)
	}
}

// TestLiveChannelLimit: more channels than a stack holds fail at synth with the maximum.
func TestLiveChannelLimit(t *testing.T) {
	var entries []string
	for i := 0; i < 21; i++ {
		entries = append(entries, fmt.Sprintf(`{"channelName": "c%d"}`, i))
	}
	_, err := build(t, map[string]any{"live:channels": "[" + strings.Join(entries, ",") + "]", "streamcdk:stacks": "live"}, false, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "context live:channels: ") || !strings.Contains(err.Error(), "has 21 channels; at most 20 fit in one stack") {
		t.Errorf("error %v", err)
	}
	// The maximum fits CloudFormation's limits with room to spare.
	s := synth(t, map[string]any{"live:channels": "[" + strings.Join(entries[:20], ",") + "]", "streamcdk:stacks": "live"}, false)
	if r, o := len(s.liveJSON["Resources"].(map[string]any)), len(s.liveJSON["Outputs"].(map[string]any)); r > 450 || o > 180 {
		t.Errorf("20 channels take %d resources and %d outputs; CloudFormation allows 500 and 200", r, o)
	} else {
		t.Logf("20 channels: %d resources, %d outputs", r, o)
	}
}

// TestLiveScte35: SCTE-35 from the source reaches the viewer on every channel by default:
// MediaLive reads splice-insert avails and passes SCTE-35 into the CMAF ingest; every endpoint
// keeps the ad-break message types and writes them as manifest ad markers.
func TestLiveScte35(t *testing.T) {
	for name, tmpl := range map[string]map[string]any{"default": synth(t, nil, false).liveJSON, "options (LL-HLS)": synth(t, optionsVariant, false).liveJSON} {
		t.Run(name, func(t *testing.T) {
			for id, ch := range resources(tmpl, "AWS::MediaLive::Channel") {
				es := ch["Properties"].(map[string]any)["EncoderSettings"].(map[string]any)
				b, _ := json.Marshal(es)
				for _, want := range []string{
					`"AvailConfiguration":{"AvailSettings":{"Scte35SpliceInsert":{"NoRegionalBlackoutFlag":"FOLLOW","WebDeliveryAllowedFlag":"FOLLOW"}}}`,
					`"Scte35Type":"SCTE_35_WITHOUT_SEGMENTATION"`,
				} {
					if !strings.Contains(string(b), want) {
						t.Errorf("%s: encoder settings lack %s", id, want)
					}
				}
			}
			markers := map[string]int{}
			for id, ep := range resources(tmpl, "AWS::MediaPackageV2::OriginEndpoint") {
				p := ep["Properties"].(map[string]any)
				filter, _ := json.Marshal(p["Segment"].(map[string]any)["Scte"])
				want, _ := json.Marshal(map[string]any{"ScteFilter": packaging.AdBreakSCTETypes})
				if string(filter) != string(want) {
					t.Errorf("%s: Segment.Scte %s, want %s", id, filter, want)
				}
				for key, marker := range map[string]string{"HlsManifests": `{"AdMarkerHls":"DATERANGE","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`,
					"LowLatencyHlsManifests": `{"AdMarkerHls":"DATERANGE","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`,
					"DashManifests":          `{"AdMarkerDash":"XML","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`} {
					ms, _ := p[key].([]any)
					for _, m := range ms {
						field := map[bool]string{true: "ScteDash", false: "ScteHls"}[key == "DashManifests"]
						got, _ := json.Marshal(m.(map[string]any)[field])
						if string(got) != marker {
							t.Errorf("%s: %s %s = %s, want %s", id, key, field, got, marker)
						}
						markers[key]++
					}
				}
			}
			if markers["HlsManifests"] < 1 || markers["DashManifests"] < 1 || (name != "default" && markers["LowLatencyHlsManifests"] < 1) {
				t.Errorf("manifests checked: %v", markers)
			}
		})
	}
}

// TestCostGuard: a rule tags each of the stack's channels with its start time as it starts,
// and a daily rule runs a state machine that lists the running channels and notifies the
// alarm topic; both call MediaLive from Step Functions (no function).
func TestCostGuard(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	var starts, daily map[string]any
	for _, r := range resources(s.liveJSON, "AWS::Events::Rule") {
		p := r["Properties"].(map[string]any)
		if p["ScheduleExpression"] != nil {
			daily = p
		} else if strings.Contains(string(plainJSON(p["EventPattern"])), "MediaLive Channel State Change") {
			starts = p
		}
	}
	if starts == nil || daily == nil {
		t.Fatalf("rules: starts %v, daily %v", starts != nil, daily != nil)
	}
	pattern := string(plainJSON(starts["EventPattern"]))
	if !strings.Contains(pattern, `"state":["RUNNING"]`) || strings.Count(pattern, `"Arn"]`) != 2 {
		t.Errorf("start rule pattern %s: want RUNNING of both channels", pattern)
	}
	if daily["ScheduleExpression"] != "cron(0 8 * * ? *)" {
		t.Errorf("daily at %v, want 08:00 UTC", daily["ScheduleExpression"])
	}
	defs := ""
	for _, sm := range resources(s.liveJSON, "AWS::StepFunctions::StateMachine") {
		defs += string(plainJSON(sm["Properties"].(map[string]any)["DefinitionString"]))
	}
	for _, want := range []string{"aws-sdk:medialive:createTags", "aws-sdk:medialive:listChannels", `@.State == 'RUNNING'`, liveingest.RunningSinceTag, "sns:publish"} {
		if !strings.Contains(defs, want) {
			t.Errorf("the guard's state machines lack %s", want)
		}
	}
	if n := len(resources(s.liveJSON, "AWS::Lambda::Function")); n > 1 { // the player's BucketDeployment only
		t.Errorf("%d functions in the live stack", n)
	}
}
