package test

import (
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

func TestTrackingTableAndMessaging(t *testing.T) {
	s := synth(t, nil, false)
	hasResource(t, s.vod, "AWS::DynamoDB::Table", map[string]any{
		"DeletionPolicy": "Retain",
		"Properties": assertions.Match_ObjectLike(&map[string]any{
			"BillingMode":                      "PAY_PER_REQUEST",
			"KeySchema":                        []any{map[string]any{"AttributeName": "jobId", "KeyType": "HASH"}},
			"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
			"SSESpecification":                 map[string]any{"SSEEnabled": true},
		}),
	})
	// A customer-managed, rotated key, so that CloudWatch alarms can publish to the topic.
	hasProps(t, s.vod, "AWS::SNS::Topic", map[string]any{
		"KmsMasterKeyId": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^TranscodeNotificationsKey")), "Arn"}},
	})
	hasProps(t, s.vod, "AWS::KMS::Key", map[string]any{
		"EnableKeyRotation": true,
		"KeyPolicy": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
			"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
		})})},
	})
	alarms := resources(s.vodJSON, "AWS::CloudWatch::Alarm")
	if len(alarms) != 3 {
		t.Errorf("%d alarms, want 3 (timed-out executions, dead letters, repeated failures)", len(alarms))
	}
	for id, a := range alarms {
		if acts, _ := a["Properties"].(map[string]any)["AlarmActions"].([]any); len(acts) != 1 {
			t.Errorf("alarm %s does not notify the topic", id)
		}
	}
	// The completion queue is encrypted and has a dead-letter queue.
	hasProps(t, s.vod, "AWS::SQS::Queue", map[string]any{
		"SqsManagedSseEnabled": true,
		"RedrivePolicy":        assertions.Match_ObjectLike(&map[string]any{"maxReceiveCount": 5}),
	})
}

func TestPrepareFunction(t *testing.T) {
	s := synth(t, nil, false)
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{
		"Runtime":       "provided.al2023",
		"Architectures": []any{"arm64"},
		"Handler":       "bootstrap",
		"TracingConfig": map[string]any{"Mode": "Active"},
		"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{
			"TRIGGER":           "VIDEO",
			"SPEC":              `{"codec":"H_264","segmentSeconds":6,"gopSeconds":2,"audioBitrate":128000,"thumbnailSeconds":10}`,
			"SUFFIXES":          `["mpg","mp4","m4v","mov","m2ts","wmv","mxf","mkv","m3u8","mpeg","webm","h264"]`,
			"PLAYBACK_BASE_URL": assertions.Match_AnyValue(),
		})},
	})
	// The handler was cross-compiled during synth for Lambda on Graviton.
	var found bool
	entries, _ := os.ReadDir(s.assembly)
	for _, e := range entries {
		p := filepath.Join(s.assembly, e.Name(), "bootstrap")
		if !strings.HasPrefix(e.Name(), "asset.") {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			continue // not a Lambda asset (e.g. the player page)
		}
		f, err := elf.Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if f.Machine != elf.EM_AARCH64 {
			t.Errorf("%s is built for %v, want arm64", p, f.Machine)
		}
		f.Close()
		found = true
	}
	if !found {
		t.Error("no Lambda asset with a bootstrap binary in the cloud assembly")
	}
}

func TestUploadRule(t *testing.T) {
	s := synth(t, nil, false)
	hasProps(t, s.vod, "AWS::Events::Rule", map[string]any{
		"EventPattern": map[string]any{
			"source":      []any{"aws.s3"},
			"detail-type": []any{"Object Created"},
			"detail": map[string]any{
				"bucket": map[string]any{"name": []any{map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Mezzanine"))}}},
				"object": map[string]any{"key": assertions.Match_ArrayWith(&[]any{
					map[string]any{"suffix": map[string]any{"equals-ignore-case": ".mxf"}},
					map[string]any{"suffix": map[string]any{"equals-ignore-case": ".h264"}},
				})},
			},
		},
		"Targets": []any{assertions.Match_ObjectLike(&map[string]any{
			"DeadLetterConfig": assertions.Match_AnyValue(),
			"RetryPolicy":      assertions.Match_ObjectLike(&map[string]any{"MaximumRetryAttempts": 20}),
		})},
	})
	o := synth(t, optionsVariant, false)
	hasProps(t, o.vod, "AWS::Events::Rule", map[string]any{
		"EventPattern": assertions.Match_ObjectLike(&map[string]any{"detail": assertions.Match_ObjectLike(&map[string]any{
			"object": map[string]any{"key": []any{map[string]any{"wildcard": "uploads/*.json"}, map[string]any{"wildcard": "uploads/*.JSON"}}},
		})}),
	})
}

// definition returns the state machine definition of a template with tokens replaced by "<ref>".
func definition(t *testing.T, tmpl map[string]any) map[string]any {
	t.Helper()
	sms := resources(tmpl, "AWS::StepFunctions::StateMachine")
	if len(sms) != 1 {
		t.Fatalf("%d state machines", len(sms))
	}
	var sb strings.Builder
	for _, sm := range sms {
		parts := sm["Properties"].(map[string]any)["DefinitionString"].(map[string]any)["Fn::Join"].([]any)[1].([]any)
		for _, p := range parts {
			if str, ok := p.(string); ok {
				sb.WriteString(str)
			} else {
				sb.WriteString("<ref>")
			}
		}
	}
	var def map[string]any
	if err := json.Unmarshal([]byte(sb.String()), &def); err != nil {
		t.Fatalf("definition is not JSON: %v", err)
	}
	return def
}

func TestWorkflow(t *testing.T) {
	s := synth(t, nil, false)
	hasProps(t, s.vod, "AWS::StepFunctions::StateMachine", map[string]any{
		"TracingConfiguration": map[string]any{"Enabled": true},
		"LoggingConfiguration": assertions.Match_ObjectLike(&map[string]any{"Level": "ALL", "IncludeExecutionData": true}),
		"StateMachineType":     "STANDARD",
	})
	states := definition(t, s.vodJSON)["States"].(map[string]any)
	encode := states["Encode"].(map[string]any)
	if encode["Resource"] != "arn:<ref>:states:::mediaconvert:createJob.sync" {
		t.Errorf("Encode resource %v", encode["Resource"])
	}
	params := encode["Parameters"].(map[string]any)
	// The function picks each job's acceleration mode from the configured one.
	if params["Settings.$"] != "$.prepared.settings" || params["AccelerationSettings"].(map[string]any)["Mode.$"] != "$.prepared.acceleration" {
		t.Errorf("Encode parameters %v", params)
	}
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{
		"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{"ACCELERATION": "PREFERRED"})},
	})
	// Every task either catches everything or is on the failure path, and every task retries throttling.
	failurePath := map[string]bool{"Record failure": true, "Notify failure": true, "Queue failure record": true}
	for name, st := range states {
		m := st.(map[string]any)
		if m["Type"] != "Task" {
			continue
		}
		if _, ok := m["Retry"]; !ok {
			t.Errorf("task %q has no Retry", name)
		}
		if failurePath[name] {
			continue
		}
		catches, _ := m["Catch"].([]any)
		all := false
		for _, c := range catches {
			for _, e := range c.(map[string]any)["ErrorEquals"].([]any) {
				all = all || e == "States.ALL"
			}
		}
		if !all {
			t.Errorf("task %q does not catch States.ALL", name)
		}
	}
	if states["Failed"].(map[string]any)["Type"] != "Fail" || states["Done"].(map[string]any)["Type"] != "Succeed" {
		t.Error("missing Failed/Done end states")
	}
	if _, ok := states["Register MediaPackage asset"]; ok {
		t.Error("MediaPackage step present without vod:mediaPackage")
	}
	mp := definition(t, synth(t, mediaPackageKmsVariant, false).vodJSON)["States"].(map[string]any)
	asset, ok := mp["Register MediaPackage asset"].(map[string]any)
	if !ok || asset["Resource"] != "arn:<ref>:states:::aws-sdk:mediapackagevod:createAsset" || asset["Next"] != "Start packaging checks" {
		t.Errorf("MediaPackage step: %v", asset)
	}
	// The job completes only once every egress endpoint plays: poll DescribeAsset with backoff.
	check := mp["Check packaging"].(map[string]any)
	sel := check["ResultSelector"].(map[string]any)
	if check["Resource"] != "arn:<ref>:states:::aws-sdk:mediapackagevod:describeAsset" || check["Next"] != "Asset playable?" ||
		sel["pending.$"] != "$.EgressEndpoints[?(@.Status != 'PLAYABLE')]" || sel["failed.$"] != "$.EgressEndpoints[?(@.Status == 'FAILED')]" {
		t.Errorf("packaging check: %v", check)
	}
	if w := mp["Wait for packaging"].(map[string]any); w["Type"] != "Wait" || w["SecondsPath"] != "$.poll.wait" || w["Next"] != "Check packaging" {
		t.Errorf("packaging wait: %v", w)
	}
	next := map[string]string{}
	for _, c := range mp["Asset playable?"].(map[string]any)["Choices"].([]any) {
		cm := c.(map[string]any)
		b, _ := json.Marshal(cm)
		next[cm["Next"].(string)] = string(b)
	}
	if mp["Asset playable?"].(map[string]any)["Default"] != "Map MediaPackage URLs" || !strings.Contains(next["Packaging failed"], "$.asset.failed[0]") ||
		!strings.Contains(next["Packaging timed out"], `"NumericGreaterThanEquals":60`) || !strings.Contains(next["Back off"], "$.asset.pending[0]") {
		t.Errorf("packaging choice: %v", mp["Asset playable?"])
	}
	for _, n := range []string{"Packaging failed", "Packaging timed out"} {
		if st := mp[n].(map[string]any); st["Next"] != "Record failure" || st["ResultPath"] != "$.failure" {
			t.Errorf("%s does not record the failure: %v", n, st)
		}
	}
	// The packaged formats are served through CloudFront: the function maps egress URLs.
	urls := mp["Map MediaPackage URLs"].(map[string]any)
	names, _ := urls["Parameters"].(map[string]any)["names"].(map[string]any)
	if urls["ResultPath"] != "$.prepared.playback" || len(names) != 3 {
		t.Errorf("URL mapping step: %v", urls)
	}
}

// TestLeastPrivilege: no policy of any stack grants "*" or "service:*" actions.
func TestLeastPrivilege(t *testing.T) {
	for name, ov := range variants {
		s := synth(t, ov, false)
		policies := map[string]map[string]any{}
		for _, tmpl := range []map[string]any{s.vodJSON, s.liveJSON, s.secondaryJSON} {
			if tmpl != nil {
				for id, r := range resources(tmpl, "AWS::IAM::Policy") {
					policies[id] = r
				}
			}
		}
		for id, r := range policies {
			doc := r["Properties"].(map[string]any)["PolicyDocument"].(map[string]any)
			for _, st := range doc["Statement"].([]any) {
				actions := st.(map[string]any)["Action"]
				list, ok := actions.([]any)
				if !ok {
					list = []any{actions}
				}
				for _, a := range list {
					if a == "*" || strings.HasSuffix(a.(string), ":*") {
						t.Errorf("%s/%s grants %v", name, id, a)
					}
				}
			}
		}
	}
}

func TestOptionsReachTheWorkflow(t *testing.T) {
	s := synth(t, optionsVariant, false)
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{
		"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{
			"TRIGGER":       "METADATA",
			"SOURCE_PREFIX": "uploads/",
			"ACCELERATION":  "ENABLED",
			"SPEC":          `{"ladder":[{"shortSide":2160,"maxBitrate":16000000,"qvbrLevel":9},{"shortSide":1080,"maxBitrate":6000000},{"shortSide":720,"maxBitrate":3500000},{"shortSide":360,"maxBitrate":800000}],"codec":"H_265","formats":["CMAF","MP4","THUMBNAILS"],"segmentSeconds":6,"gopSeconds":2,"audioBitrate":128000,"thumbnailSeconds":10,"captions":"CC1:eng:English,CC3:spa:Espanol","audio":"eng,spa"}`,
		})},
	})
	hasProps(t, s.vod, "AWS::SNS::Subscription", map[string]any{
		"Protocol": "email", "Endpoint": "media-ops@example.com",
	})
	encode := definition(t, s.vodJSON)["States"].(map[string]any)["Encode"].(map[string]any)["Parameters"].(map[string]any)
	if encode["Priority"] != float64(10) || encode["AccelerationSettings"].(map[string]any)["Mode.$"] != "$.prepared.acceleration" {
		t.Errorf("Encode parameters %v", encode)
	}
	hasProps(t, s.vod, "AWS::MediaConvert::Queue", map[string]any{"PricingPlan": "ON_DEMAND", "Status": "ACTIVE"})
	if q, ok := encode["Queue"].(string); !ok || q != "<ref>" {
		t.Errorf("Encode queue %v, want the created queue's ARN", encode["Queue"])
	}
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{
		"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{"USER_METADATA": `{"show":"evening","team":"news"}`})},
	})
	// The source key decrypts for MediaConvert and the prepare function.
	hasProps(t, s.vod, "AWS::S3::Bucket", map[string]any{"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
		map[string]any{"BucketKeyEnabled": true, "ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": optionsVariant["vod:sourceKmsKeyArn"]}},
	}}})
	b, _ := json.Marshal(resources(s.vodJSON, "AWS::IAM::Policy"))
	if strings.Count(string(b), "kms:Decrypt") < 2 {
		t.Error("kms:Decrypt not granted to both MediaConvert and the prepare function")
	}
}

var placeholder = regexp.MustCompile(`[#:][A-Za-z0-9_]+`)

// TestUpdateExpressions: DynamoDB rejects at run time an expression that uses an undefined
// placeholder or a request that defines an unused one; check every UpdateItem state.
func TestUpdateExpressions(t *testing.T) {
	for _, ov := range []map[string]any{nil, mediaPackageVariant} {
		states := definition(t, synth(t, ov, false).vodJSON)["States"].(map[string]any)
		n := 0
		for name, st := range states {
			m := st.(map[string]any)
			if !strings.HasSuffix(fmt.Sprint(m["Resource"]), ":states:::dynamodb:updateItem") {
				continue
			}
			n++
			params := m["Parameters"].(map[string]any)
			used := map[string]bool{}
			for _, ph := range placeholder.FindAllString(params["UpdateExpression"].(string), -1) {
				used[ph] = true
			}
			defined := map[string]bool{}
			for _, k := range []string{"ExpressionAttributeNames", "ExpressionAttributeValues"} {
				for ph := range params[k].(map[string]any) {
					defined[ph] = true
					if !used[ph] {
						t.Errorf("%s: %s %s is not used in %q", name, k, ph, params["UpdateExpression"])
					}
				}
			}
			for ph := range used {
				if !defined[ph] {
					t.Errorf("%s: %s is used but not defined", name, ph)
				}
			}
		}
		if n < 3 {
			t.Errorf("found %d UpdateItem states, want at least 3", n)
		}
	}
}

// retryPrefixes are the error-name prefixes of each integration's service, as Step Functions
// names them (Lambda tasks invoke a function ARN or lambda:invoke).
var retryPrefixes = []struct{ resource, prefix string }{
	{":states:::dynamodb:", "DynamoDB."},
	{":states:::sns:", "SNS."},
	{":states:::sqs:", "SQS."},
	{":states:::mediaconvert:", "MediaConvert."},
	{":states:::aws-sdk:mediapackagevod:", "MediaPackageVod."},
	{":states:::lambda:", "Lambda."},
	{"<ref>", "Lambda."}, // a function ARN
}

// TestRetriesBelongToTheirService: each task retries its own service's errors (a task that
// retries another service's throttling never retries its own).
func TestRetriesBelongToTheirService(t *testing.T) {
	for _, ov := range []map[string]any{nil, mediaPackageVariant} {
		states := definition(t, synth(t, ov, false).vodJSON)["States"].(map[string]any)
		tasks := 0
		ownRetried := map[string]bool{}
		for name, st := range states {
			m := st.(map[string]any)
			if m["Type"] != "Task" {
				continue
			}
			tasks++
			res := fmt.Sprint(m["Resource"])
			prefix := ""
			for _, p := range retryPrefixes {
				if strings.Contains(res, p.resource) {
					prefix = p.prefix
					break
				}
			}
			if prefix == "" {
				t.Errorf("%s: no service known for %s; add it to retryPrefixes", name, res)
				continue
			}
			retries, _ := m["Retry"].([]any)
			if len(retries) == 0 {
				t.Errorf("%s retries nothing", name)
			}
			for _, r := range retries {
				for _, e := range r.(map[string]any)["ErrorEquals"].([]any) {
					// The prepare function's own retryable error, by the name aws-lambda-go gives it.
					if prefix == "Lambda." && e == transcode.FunctionErrorType(&jobspec.Throttled{}) {
						ownRetried[name] = true
						continue
					}
					if !strings.HasPrefix(e.(string), prefix) {
						t.Errorf("%s (%s) retries %s, not a %s error", name, res, e, strings.TrimSuffix(prefix, "."))
					}
				}
			}
		}
		// Probe and plan (and, with MediaPackage, the URL mapping) retry the function's Throttled.
		if !ownRetried["Probe and plan"] || (ov != nil && !ownRetried["Map MediaPackage URLs"]) {
			t.Errorf("the prepare function's Throttled is retried by %v, want Probe and plan (and Map MediaPackage URLs)", ownRetried)
		}
		if tasks < 6 {
			t.Errorf("found %d tasks, want at least 6", tasks)
		}
	}
}

// TestReservedFoldersMatchBehaviours: every path the VoD distribution routes away from the
// renditions (ads, MediaPackage, player on) is under one of jobspec.ReservedFolders, which the
// prepare function refuses as output folders.
func TestReservedFoldersMatchBehaviours(t *testing.T) {
	s := synth(t, withOverride(liveChannelsVariant, "vod:mediaPackage", "true"), false)
	n := 0
	for _, d := range resources(s.vodJSON, "AWS::CloudFront::Distribution") {
		bs, _ := d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)["CacheBehaviors"].([]any)
		for _, b := range bs {
			pattern := b.(map[string]any)["PathPattern"].(string)
			n++
			reserved := false
			for _, r := range jobspec.ReservedFolders {
				reserved = reserved || strings.HasPrefix(pattern, "/"+r)
			}
			if !reserved {
				t.Errorf("the distribution routes %s away from the outputs, but jobspec.ReservedFolders lacks it", pattern)
			}
		}
	}
	if n < 6 {
		t.Errorf("checked %d behaviours, want the player, MediaTailor's and MediaPackage's", n)
	}
}
