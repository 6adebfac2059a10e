package test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode"
)

// alarmsOf are a template's alarms by logical id.
func alarmsOf(tmpl map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, a := range resources(tmpl, "AWS::CloudWatch::Alarm") {
		out[id] = a["Properties"].(map[string]any)
	}
	return out
}

// TestOperations: each stack has a dashboard showing what its operators watch, and alarms on
// what should wake someone, each notifying the stack's KMS-encrypted topic, which admits
// exactly those alarms.
func TestOperations(t *testing.T) {
	s := synth(t, liveChannelsVariant, false) // two channels: news (STANDARD), sports (SINGLE_PIPELINE)
	for name, c := range map[string]struct {
		tmpl    map[string]any
		widgets []string // metric names or titles the dashboard must show
		alarms  []string // what the alarms watch
	}{
		"VoD": {s.vodJSON, []string{"ExecutionsFailed", "JobsErroredCount", "TranscodingTime", "ApproximateNumberOfMessagesVisible", "5xxErrorRate", "CacheHitRate", `"region":"us-east-1"`, `"Region","Global"`},
			[]string{"ExecutionsTimedOut", "ApproximateNumberOfMessagesVisible", "ExecutionsFailed"}},
		"Live": {s.liveJSON, []string{"ActiveAlerts", "InputLossSeconds", "DroppedFrames", "EgressRequestCount", "IngressRequestCount", `"StatusCode","5xx"`, "HLS 4xx", "CMAF_DASH 5xx", "5xxErrorRate", "CacheHitRate", `"Region","Global"`, "FillMsec", "Channel news", "Channel sports"},
			[]string{"FillMsec", "ActiveAlerts", "EgressRequestCount"}},
	} {
		t.Run(name, func(t *testing.T) {
			dash := resources(c.tmpl, "AWS::CloudWatch::Dashboard")
			if len(dash) != 1 {
				t.Fatalf("%d dashboards, want 1", len(dash))
			}
			body := ""
			for _, d := range dash {
				body = string(plainJSON(d["Properties"].(map[string]any)["DashboardBody"]))
			}
			for _, w := range c.widgets {
				if !strings.Contains(body, strings.ReplaceAll(w, `"`, `\"`)) {
					t.Errorf("the dashboard lacks %s", w)
				}
			}
			topics := resources(c.tmpl, "AWS::SNS::Topic")
			alarms := alarmsOf(c.tmpl)
			watched := ""
			for id, a := range alarms {
				b := string(plainJSON(a))
				watched += b
				actions, _ := a["AlarmActions"].([]any)
				if len(actions) != 1 {
					t.Errorf("%s: %d alarm actions, want the stack's topic", id, len(actions))
					continue
				}
				ref := actions[0].(map[string]any)["Ref"].(string)
				topic, ok := topics[ref]
				if !ok || topic["Properties"].(map[string]any)["KmsMasterKeyId"] == nil {
					t.Errorf("%s notifies %s, not an encrypted topic of the stack", id, ref)
				}
				if a["TreatMissingData"] != "notBreaching" {
					t.Errorf("%s: missing data %v (an idle channel or no traffic is not an outage)", id, a["TreatMissingData"])
				}
			}
			for _, w := range c.alarms {
				if !strings.Contains(watched, `"`+w+`"`) {
					t.Errorf("no alarm on %s", w)
				}
			}
			// The topic policy names every alarm, no other.
			for _, p := range resources(c.tmpl, "AWS::SNS::TopicPolicy") {
				b := string(plainJSON(p))
				if !strings.Contains(b, "cloudwatch.amazonaws.com") {
					continue
				}
				for id := range alarms {
					if !strings.Contains(b, `"`+id+`","Arn"`) {
						t.Errorf("the topic policy does not admit alarm %s", id)
					}
				}
			}
		})
	}
	// Live specifics: input loss on a STANDARD channel means every pipeline (MIN across them),
	// on a single pipeline its only one; MediaLive counts input loss for RTP and MediaConnect
	// inputs only, so pushes by RTMP and pulls are watched through fill frames; thresholds as
	// documented.
	var news, sports map[string]any
	for _, a := range alarmsOf(s.liveJSON) {
		d := a["AlarmDescription"].(string)
		if strings.Contains(d, "lost its input") && strings.Contains(d, "channel news") {
			news = a
		}
		if strings.Contains(d, "lost its input") && strings.Contains(d, "channel sports") {
			sports = a
		}
	}
	if news == nil || sports == nil {
		t.Fatal("an input-loss alarm per channel is missing")
	}
	nb, sb := string(plainJSON(news)), string(plainJSON(sports))
	if !strings.Contains(nb, `"Expression":"MIN([p0,p1])"`) || !strings.Contains(nb, `"MetricName":"FillMsec"`) || news["Threshold"] != float64(liveingest.InputLossSecondsPerMinute*1000) || news["EvaluationPeriods"] != 2.0 {
		t.Errorf("news (RTMP push) input loss alarm: %s", nb)
	}
	if strings.Contains(sb, "Expression") || !strings.Contains(sb, `"Value":"0"`) || !strings.Contains(sb, `"MetricName":"FillMsec"`) {
		t.Errorf("sports (one pipeline, pull) input loss alarm: %s", sb)
	}
	rtp := synth(t, inputsVariant, false) // TestLiveInputTypes's
	for _, a := range alarmsOf(rtp.liveJSON) {
		if d := a["AlarmDescription"].(string); strings.Contains(d, "channel rtp lost its input") {
			if b := string(plainJSON(a)); !strings.Contains(b, `"MetricName":"InputLossSeconds"`) || a["Threshold"] != float64(liveingest.InputLossSecondsPerMinute) {
				t.Errorf("RTP input loss alarm: %s", b)
			}
		}
	}
	want := map[string]float64{"Egress5xxAlarm": packaging.Egress5xxPerFiveMinutes}
	for id, a := range alarmsOf(s.liveJSON) {
		for prefix, th := range want {
			if strings.Contains(id, prefix) && a["Threshold"] != th {
				t.Errorf("%s threshold %v, want %v", id, a["Threshold"], th)
			}
		}
	}
	for id, a := range alarmsOf(s.vodJSON) {
		if strings.Contains(id, "RepeatedFailures") && a["Threshold"] != float64(transcode.FailureAlarmThreshold) {
			t.Errorf("%s threshold %v", id, a["Threshold"])
		}
	}
	// CloudFront's additional metrics are published (the cache hit rate needs them), and can be turned off.
	for name, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
		if n := len(resources(tmpl, "AWS::CloudFront::MonitoringSubscription")); n != 1 {
			t.Errorf("%s: %d monitoring subscriptions, want 1", name, n)
		}
	}
	off := synth(t, minimalVariant, false)
	for name, tmpl := range map[string]map[string]any{"VoD": off.vodJSON, "Live": off.liveJSON} {
		b, _ := json.Marshal(tmpl)
		if strings.Contains(string(b), "MonitoringSubscription") || strings.Contains(string(b), "CacheHitRate") {
			t.Errorf("%s: additional metrics still on", name)
		}
	}
}
