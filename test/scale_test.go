package test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/stacks"
)

// TestScaleFigures: the figures README.md's "Scale and quotas" section states are the ones the
// templates hold: the upload rule's retries and event age, the workflow's timeout and retries,
// the function's timeout and memory, the live stack's channel limit.
func TestScaleFigures(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Scale and quotas")
	section, _, _ = strings.Cut(section, "\n## ")
	s := synth(t, nil, false)
	var rule, retry map[string]any
	for _, r := range resources(s.vodJSON, "AWS::Events::Rule") {
		for _, tg := range r["Properties"].(map[string]any)["Targets"].([]any) {
			if p, ok := tg.(map[string]any)["RetryPolicy"].(map[string]any); ok {
				rule = p
			}
		}
	}
	def := definition(t, s.vodJSON)
	for _, st := range def["States"].(map[string]any) {
		if rs, ok := st.(map[string]any)["Retry"].([]any); ok && len(rs) > 0 {
			retry = rs[0].(map[string]any)
			break
		}
	}
	var fn map[string]any
	for _, f := range resources(s.vodJSON, "AWS::Lambda::Function") {
		if p := f["Properties"].(map[string]any); p["Environment"] != nil && strings.Contains(string(plainJSON(p["Environment"])), "SPEC") {
			fn = p
		}
	}
	figures := map[string]any{
		"rule retries":     rule["MaximumRetryAttempts"],
		"rule event age h": rule["MaximumEventAgeInSeconds"].(float64) / 3600,
		"timeout h":        def["TimeoutSeconds"].(float64) / 3600,
		"task attempts":    retry["MaxAttempts"],
		"task interval s":  retry["IntervalSeconds"],
		"function s":       fn["Timeout"],
		"function MB":      fn["MemorySize"],
		"channels":         float64(stacks.MaxLiveChannels),
	}
	for what, v := range figures {
		if !strings.Contains(section, "**"+fmtNum(v)+"**") {
			t.Errorf("README's Scale and quotas section lacks %s = **%v** as the template has it", what, v)
		}
	}
}

func fmtNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
