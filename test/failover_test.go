package test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"

	"github.com/streamcdk/streamcdk/internal/review"
)

// TestLiveFailover (live:secondaryRegion): a second stack in the other Region with the same
// channel, group, channel and endpoint names (the URL paths must match); both encoders locked to
// the epoch (MediaLive's enum, from the SDK); forced endpoint errors on the primary only (AWS:
// "For back-up MediaPackage origins, do not enable these error configurations"); the
// distribution's MediaPackage behaviour is an origin group, the primary's egress first, failing
// over on 404 and 5xx, each origin sending its own Region's identifier by dynamic reference;
// the secondary's identifier is replicated to the primary's Region; its egress domain reaches
// the primary by Fn::GetStackOutput (no custom resource); no identifier value in either template.
func TestLiveFailover(t *testing.T) {
	s := synth(t, failoverVariant, false)
	if s.secondaryJSON == nil {
		t.Fatal("no secondary stack")
	}
	if r := *s.stacks.LiveSecondary.Stack.Region(); r != "us-west-2" || *s.stacks.Live.Stack.Region() != "us-east-1" {
		t.Errorf("Regions %s and %s", *s.stacks.Live.Stack.Region(), r)
	}
	for name, tmpl := range map[string]map[string]any{"primary": s.liveJSON, "secondary": s.secondaryJSON} {
		for id, ch := range resources(tmpl, "AWS::MediaLive::Channel") {
			b, _ := json.Marshal(ch)
			if !strings.Contains(string(b), `"OutputLockingMode":"`+string(mltypes.GlobalConfigurationOutputLockingModeEpochLocking)+`"`) {
				t.Errorf("%s: %s is not epoch-locked", name, id)
			}
		}
		paths := []string{}
		for _, ep := range resources(tmpl, "AWS::MediaPackageV2::OriginEndpoint") {
			p := ep["Properties"].(map[string]any)
			paths = append(paths, p["ChannelName"].(string)+"/"+p["OriginEndpointName"].(string))
			if forced := p["ForceEndpointErrorConfiguration"] != nil; forced != (name == "primary") {
				t.Errorf("%s: %s/%s forces errors: %v", name, p["ChannelName"], p["OriginEndpointName"], forced)
			}
		}
		if len(paths) != 3 {
			t.Errorf("%s endpoints %v", name, paths)
		}
		if b, _ := json.Marshal(tmpl); strings.Contains(string(b), "Custom::CrossRegion") {
			t.Errorf("%s has a cross-Region custom resource", name)
		}
	}
	// The same playback paths in both Regions: one channel group name.
	groups := map[string]bool{}
	for _, tmpl := range []map[string]any{s.liveJSON, s.secondaryJSON} {
		for _, g := range resources(tmpl, "AWS::MediaPackageV2::ChannelGroup") {
			groups[g["Properties"].(map[string]any)["ChannelGroupName"].(string)] = true
		}
	}
	if len(groups) != 1 {
		t.Errorf("channel groups %v: the two Regions' paths differ", groups)
	}
	sec, _ := json.Marshal(resources(s.secondaryJSON, "AWS::SecretsManager::Secret"))
	if !strings.Contains(string(sec), `"ReplicaRegions":[{"Region":"us-east-1"}]`) || !strings.Contains(string(sec), `"Name":"StreamCdkLiveSecondary-CdnIdentifier"`) {
		t.Errorf("secondary identifier %s", sec)
	}
	// A failover pages: the primary's forced errors raise an alarm on the live alarm topic.
	alarms, _ := json.Marshal(resources(s.liveJSON, "AWS::CloudWatch::Alarm"))
	if !strings.Contains(string(alarms), "the CDN moves viewers to us-west-2") || !strings.Contains(string(alarms), `"StatusCode","Value":"4xx"`) {
		t.Errorf("no failover alarm: %s", alarms)
	}
	if b, _ := json.Marshal(resources(s.secondaryJSON, "AWS::CloudWatch::Alarm")); strings.Contains(string(b), "moves viewers") {
		t.Error("the secondary has a failover alarm, and forces no errors")
	}
	// The primary's dashboard shows both Regions: each origin's errors and each Region's alerts.
	dash, _ := json.Marshal(resources(s.liveJSON, "AWS::CloudWatch::Dashboard"))
	for _, want := range []string{"origin 4xx and 5xx by Region", "MediaLive active alerts by Region", `\"region\":\"us-west-2\"`} {
		if !strings.Contains(string(dash), want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	dist, _ := json.Marshal(resources(s.liveJSON, "AWS::CloudFront::Distribution"))
	d := string(dist)
	for _, want := range []string{`"OriginGroups"`, `"ConnectionAttempts":1,"ConnectionTimeout":3`, `"OriginReadTimeout":5`, `"StatusCodes":{"Items":[404,500,502,503,504]`, `"Fn::GetStackOutput"`, `"Region":"us-west-2"`,
		`{{resolve:secretsmanager:StreamCdkLiveSecondary-CdnIdentifier:SecretString:MediaPackageV2CDNIdentifier::}}`} {
		if !strings.Contains(d, want) {
			t.Errorf("distribution lacks %s: %s", want, d)
		}
	}
}

// TestLiveFailoverReview: make synth's review covers the secondary stack too, and both say how
// the channel fails over.
func TestLiveFailoverReview(t *testing.T) {
	s := synth(t, failoverVariant, false)
	if _, err := review.Write(s.stacks, s.assembly, nil); err != nil {
		t.Fatal(err)
	}
	for stack, want := range map[string]string{
		"StreamCdkLive":          "channel main in us-east-1 first, then in us-west-2 (origin group: 404, 500, 502, 503, 504)",
		"StreamCdkLiveSecondary": "this is the secondary Region; channel main here is the primary stack's failover origin",
	} {
		b, err := os.ReadFile(filepath.Join(s.assembly, stack+".review.md"))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s review lacks %q (%v)", stack, want, err)
		}
	}
}
