package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/test/internal/iamcheck"
	"github.com/streamcdk/streamcdk/test/testenv"
)

// motoPython is the Python that runs moto_server (its directory's python3, else python), which
// imports moto in process (run.py says so if it cannot).
func motoPython(t *testing.T) string {
	t.Helper()
	server, err := exec.LookPath("moto_server")
	if err != nil {
		t.Fatal("moto_server is not on PATH; run the tests through make test (scripts/test-tools.sh finds or installs it)")
	}
	for _, name := range []string{"python3", "python"} {
		py := filepath.Join(filepath.Dir(server), name)
		if _, err := os.Stat(py); err == nil {
			return py
		}
	}
	t.Fatalf("no python3 beside %s", server)
	return ""
}

// workflowDefinition is the synthesized VoD definition (test/testdata's golden template, which
// TestVodGolden keeps equal to the synth) with the template's names resolved (iamcheck's
// made-up ones), as a generic document to substitute states in.
func workflowDefinition(t *testing.T, golden string) (map[string]any, *iamcheck.Template) {
	t.Helper()
	tmpl := iamcheck.New("StreamCdkVod", testenv.ReadTemplate(t, filepath.Join("..", "testdata", golden)))
	var def map[string]any
	for _, id := range tmpl.LogicalIDs("AWS::StepFunctions::StateMachine") {
		str, ok := tmpl.Resolve(tmpl.Prop(id, "DefinitionString")).(string)
		if !ok {
			t.Fatalf("%s: definition does not resolve", id)
		}
		if !strings.Contains(str, "mediaconvert") {
			continue
		}
		// Harness help 1: moto hands $$.Execution.StartTime to the definition as a datetime, not
		// AWS's ISO string; the test passes the start time in the input instead.
		str = strings.ReplaceAll(str, "$$.Execution.StartTime", "$$.Execution.Input.testStartTime")
		if err := json.Unmarshal([]byte(str), &def); err != nil {
			t.Fatal(err)
		}
	}
	if def == nil {
		t.Fatal("no transcode state machine")
	}
	return def, tmpl
}

// substitute replaces the Task whose resource contains match: with a Pass giving result (where
// the Task's ResultSelector would have put it), or, with result nil, with a Task that fails
// (a DynamoDB read of a table that does not exist) under the original's Catch.
func substitute(t *testing.T, def map[string]any, match string, result any) {
	t.Helper()
	states := def["States"].(map[string]any)
	n := 0
	var walk func(states map[string]any)
	walk = func(states map[string]any) {
		names := make([]string, 0, len(states))
		for name := range states {
			names = append(names, name)
		}
		for _, name := range names {
			s := states[name].(map[string]any)
			if p, ok := s["ItemProcessor"].(map[string]any); ok {
				walk(p["States"].(map[string]any))
			}
			r, _ := s["Resource"].(string)
			if s["Type"] != "Task" || !strings.Contains(r, match) {
				continue
			}
			n++
			var repl map[string]any
			if result == nil {
				repl = map[string]any{"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "ResultPath": s["ResultPath"], "Catch": s["Catch"],
					"Parameters": map[string]any{"TableName": "test-stand-in-failure", "Key": map[string]any{"jobId": map[string]any{"S": "x"}}},
					"Comment":    "test stand-in for a failing " + r}
			} else if sel, ok := result.(selected); ok {
				repl = map[string]any{"Type": "Pass", "Result": sel.v, "ResultPath": s["ResultPath"], "Comment": "test stand-in for " + r + " with its ResultSelector's output"}
			} else {
				// The service's answer, then the task's own ResultSelector and ResultPath applied to it.
				selector := map[string]any{"Type": "Pass", "InputPath": "$.testServiceAnswer", "ResultPath": s["ResultPath"], "Comment": "the ResultSelector of " + name}
				if sel, ok := s["ResultSelector"]; ok {
					selector["Parameters"] = sel
				}
				for _, k := range []string{"Next", "End"} {
					if v, ok := s[k]; ok {
						selector[k] = v
					}
				}
				states[name+" (selector)"] = selector
				repl = map[string]any{"Type": "Pass", "Result": result, "ResultPath": "$.testServiceAnswer", "Next": name + " (selector)", "Comment": "test stand-in for " + r}
				states[name] = repl
				continue
			}
			for _, k := range []string{"Next", "End"} {
				if v, ok := s[k]; ok {
					repl[k] = v
				}
			}
			states[name] = repl
		}
	}
	walk(states)
	if n == 0 {
		t.Fatalf("no task calls %s", match)
	}
}

// selected is a stand-in's output after the task's ResultSelector, for selectors moto cannot
// evaluate: its JSONPath filters fail when nothing matches ([?(@.Status == 'FAILED')] over
// endpoints all PLAYABLE), where AWS (and Step Functions Local) give an empty list.
type selected struct{ v any }

// prepared is what the Prepare function returns for a 1080p source (built with jobspec, as the
// function does).
func prepared(t *testing.T, sourceKey string, mediaPackage bool) string {
	t.Helper()
	spec := jobspec.Spec{Formats: []jobspec.Format{jobspec.CMAF, jobspec.HLS}}
	media := jobspec.Media{Container: "MP4", Duration: 12.5, FileSize: 1 << 20, Width: 1920, Height: 1080, FrameRate: 29.97, VideoCodec: "AVC", AudioCodec: "AAC", HasVideo: true, HasAudio: true}
	plan, err := spec.Plan(media)
	if err != nil {
		t.Fatal(err)
	}
	base := jobspec.OutputBase(sourceKey, "")
	r := map[string]any{
		"sourceBucket": "mezzanine", "sourceKey": sourceKey, "outputBase": base, "media": media, "plan": plan,
		"settings": spec.Settings("s3://mezzanine/"+sourceKey, "s3://outputs/"+base+"/", plan), "outputs": spec.OutputKeys(base, plan),
		"playback":     map[string]string{"cmafHls": "https://d111.cloudfront.net/" + base + "/cmaf/index.m3u8", "hls": "https://d111.cloudfront.net/" + base + "/hls/index.m3u8"},
		"userMetadata": map[string]string{"streamcdkJobId": "job-1"}, "summary": "MP4 1920x1080 AVC 30 fps", "acceleration": "PREFERRED",
	}
	if mediaPackage {
		r["mediaPackage"] = map[string]string{"sourceArn": "arn:aws:s3:::outputs/" + base + "/hls/index.m3u8", "assetId": "job-1", "resourceId": "job-1"}
	}
	b, _ := json.Marshal(r)
	return string(b)
}

type workflowRun struct {
	Name          string           `json:"name"`
	Status        string           `json:"status"`
	Error         string           `json:"error"`
	Cause         string           `json:"cause"`
	Items         []map[string]any `json:"items"`
	Records       []map[string]any `json:"records"`
	Notifications []map[string]any `json:"notifications"`
}

// item is the run's one tracking item, attribute values unwrapped.
func (r workflowRun) item(t *testing.T) map[string]string {
	t.Helper()
	if len(r.Items) != 1 {
		t.Fatalf("%s: %d tracking items, want 1", r.Name, len(r.Items))
	}
	out := map[string]string{}
	for k, v := range r.Items[0] {
		for _, x := range v.(map[string]any) {
			out[k] = fmtAny(x)
		}
	}
	return out
}

func fmtAny(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestWorkflowExecuted runs the synthesized VoD workflow in moto's Step Functions interpreter
// (with its DynamoDB, SNS, SQS and a Lambda answering prepared results, no Docker) for each
// path and checks the tracking item, the notification and the record, and the execution's
// end. Substituted, because moto cannot run them: the MediaConvert .sync task (no MediaConvert
// in moto) and MediaPackage VOD's SDK calls become Pass states with the service's answer, or
// a failing task in the error paths; the packaging poll waits 0 s; the start time comes in the
// input (harness help 1 above); a packaging check whose endpoints are all PLAYABLE gives its
// selector's output directly (harness help 2, see selected).
func TestWorkflowExecuted(t *testing.T) {
	t.Parallel()
	py := motoPython(t)
	def, tmpl := workflowDefinition(t, "vod.json")
	mpDef, mpTmpl := workflowDefinition(t, "vod-mediapackage.json")
	clone := func(d map[string]any) map[string]any {
		var c map[string]any
		b, _ := json.Marshal(d)
		json.Unmarshal(b, &c)
		return c
	}
	job := map[string]any{"Job": map[string]any{"Id": "1700000000000-abcdef", "Status": "COMPLETE"}}
	event := func(key string) map[string]any {
		return map[string]any{"detail": map[string]any{"bucket": map[string]any{"name": "mezzanine"}, "object": map[string]any{"key": key, "size": 1048576}},
			"testStartTime": "2026-11-26T10:00:00.000Z"}
	}
	type scenario struct {
		Name          string   `json:"name"`
		Definition    string   `json:"definition"`
		Input         any      `json:"input"`
		LambdaResults []string `json:"lambdaResults"`
	}
	build := func(name string, d map[string]any, input any, results []string, subs map[string]any) scenario {
		c := clone(d)
		for match, result := range subs {
			substitute(t, c, match, result)
		}
		if w, ok := c["States"].(map[string]any)["Wait for packaging"].(map[string]any); ok {
			delete(w, "SecondsPath")
			w["Seconds"] = 0
		}
		b, _ := json.Marshal(c)
		return scenario{name, string(b), input, results}
	}
	// Stand-in answers are the services' own (the tasks' ResultSelectors are applied to them).
	asset := map[string]any{"Id": "job-1", "Arn": "arn:aws:mediapackage-vod:us-east-1:123456789012:assets/job-1"}
	endpoints := []any{map[string]any{"PackagingConfigurationId": "hls", "Url": "https://x.egress.mediapackage-vod.us-east-1.amazonaws.com/out/v1/a/hls/index.m3u8", "Status": "PLAYABLE"}}
	playable := selected{map[string]any{"id": "job-1", "egressEndpoints": endpoints, "pending": []any{}, "failed": []any{}}}
	failedEndpoints := []any{map[string]any{"PackagingConfigurationId": "hls", "Status": "FAILED"}}
	failedAsset := map[string]any{"Id": "job-1", "EgressEndpoints": failedEndpoints}
	withCdn := `{"cmafHls":"https://d111.cloudfront.net/show/ep1-mov/cmaf/index.m3u8","mediaPackageHls":"https://d111.cloudfront.net/out/v1/a/hls/index.m3u8"}`
	rejection := `{"errorType":"Rejection","errorMessage":"the source has no video or audio track"}`
	scenarios := []scenario{
		build("accepted", def, event("show/ep1.mov"), []string{prepared(t, "show/ep1.mov", false)}, map[string]any{"mediaconvert:createJob": job}),
		build("rejected", def, event("show/empty.mov"), []string{rejection}, map[string]any{"mediaconvert:createJob": job}),
		build("mediaconvert error", def, event("show/ep1.mov"), []string{prepared(t, "show/ep1.mov", false)}, map[string]any{"mediaconvert:createJob": nil}),
		build("metadata trigger", def, event("show/ep1.json"), []string{prepared(t, "show/ep1.mov", false)}, map[string]any{"mediaconvert:createJob": job}),
		build("mediapackage registered", mpDef, event("show/ep1.mov"), []string{prepared(t, "show/ep1.mov", true), withCdn},
			map[string]any{"mediaconvert:createJob": job, "mediapackagevod:createAsset": asset, "mediapackagevod:describeAsset": playable}),
		build("mediapackage failed", mpDef, event("show/ep1.mov"), []string{prepared(t, "show/ep1.mov", true)},
			map[string]any{"mediaconvert:createJob": job, "mediapackagevod:createAsset": asset, "mediapackagevod:describeAsset": failedAsset}),
	}
	names := func(tm *iamcheck.Template) map[string]string {
		out := map[string]string{}
		for typ, key := range map[string]string{"AWS::DynamoDB::Table": "table", "AWS::SNS::Topic": "topic", "AWS::Lambda::Function": "function"} {
			for _, id := range tm.LogicalIDs(typ) {
				if typ != "AWS::Lambda::Function" || strings.Contains(id, "Prepare") {
					out[key] = tm.Name(id)
				}
			}
		}
		for _, id := range tm.LogicalIDs("AWS::SQS::Queue") {
			if strings.Contains(id, "Completions") {
				out["queue"] = tm.Name(id)
			}
		}
		return out
	}
	if n, m := names(tmpl), names(mpTmpl); n["table"] != m["table"] || n["function"] != m["function"] || n["queue"] != m["queue"] {
		t.Fatalf("the two configurations name their resources differently: %v %v", n, m)
	}
	cfg := map[string]any{"region": iamcheck.Region, "scenarios": scenarios}
	for k, v := range names(tmpl) {
		cfg[k] = v
	}
	in, _ := json.Marshal(cfg)
	cmd := exec.Command(py, filepath.Join("..", "testdata", "workflow", "run.py"))
	cmd.Stdin = bytes.NewReader(in)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_DEFAULT_REGION="+iamcheck.Region)
	if err := cmd.Run(); err != nil {
		t.Fatalf("moto run: %v\n%s", err, lastLines(stderr.String(), 30))
	}
	var runs []workflowRun
	if err := json.Unmarshal(out.Bytes(), &runs); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	byName := map[string]workflowRun{}
	for _, r := range runs {
		byName[r.Name] = r
		t.Logf("%s: %s %s %.200s", r.Name, r.Status, r.Error, r.Cause)
	}
	check := func(name, status, itemStatus string, itemWant map[string]string, messageWant ...string) {
		t.Run(name, func(t *testing.T) {
			r := byName[name]
			if r.Status != status {
				t.Fatalf("execution %s (%s: %.300s), want %s", r.Status, r.Error, r.Cause, status)
			}
			item := r.item(t)
			if item["status"] != itemStatus {
				t.Errorf("tracking item status %q, want %q: %v", item["status"], itemStatus, item)
			}
			for k, want := range itemWant {
				if exact, ok := strings.CutPrefix(want, "="); ok && item[k] != exact {
					t.Errorf("tracking item %s = %q, want exactly %q", k, item[k], exact)
				} else if !ok && !strings.Contains(item[k], want) {
					t.Errorf("tracking item %s = %q, want it to contain %q", k, item[k], want)
				}
			}
			for what, msgs := range map[string][]map[string]any{"record (SQS)": r.Records, "notification (SNS)": r.Notifications} {
				if len(msgs) != 1 {
					t.Errorf("%d %s messages, want 1", len(msgs), what)
					continue
				}
				b, _ := json.Marshal(msgs[0])
				for _, want := range append([]string{`"status":"` + itemStatus + `"`}, messageWant...) {
					if !strings.Contains(string(b), want) {
						t.Errorf("%s %s lacks %s", what, b, want)
					}
				}
			}
		})
	}
	check("accepted", "SUCCEEDED", "COMPLETE", map[string]string{"sourceKey": "show/ep1.mov", "outputBase": "show/ep1", "startedAt": "2026-11-26T10:00:00.000Z", "playback": "cmaf/index.m3u8", "plan": "1920"}, `"jobId":"job-1"`, "cmaf/index.m3u8")
	check("rejected", "FAILED", "FAILED", map[string]string{"errorReason": "=the source has no video or audio track", "sourceKey": "show/empty.mov"}, "the source has no video or audio track")
	check("mediaconvert error", "FAILED", "FAILED", map[string]string{"errorReason": "ResourceNotFound"}, `"jobId":"job-1"`)
	check("metadata trigger", "SUCCEEDED", "COMPLETE", map[string]string{"sourceKey": "show/ep1.mov"}, "show/ep1")
	check("mediapackage registered", "SUCCEEDED", "COMPLETE", map[string]string{"mediaPackageAssetId": "job-1", "egressEndpoints": "PLAYABLE", "playback": "mediaPackageHls"}, "mediaPackageHls")
	check("mediapackage failed", "FAILED", "FAILED", map[string]string{"errorReason": "MediaPackage could not package the asset"}, "MediaPackage could not package the asset")
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}
