package test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"
)

// TestReadmeBreakCommand: the README's one-line "insert a break" command sends a request that
// fits MediaLive's API model (no unknown fields), starts immediately and asks for a 30 s splice
// insert, as the text says.
func TestReadmeBreakCommand(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^id=\$\(date \+%s\); aws medialive batch-update-schedule --channel-id <ChannelId> --creates '(.*)'$`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md lacks the batch-update-schedule command")
	}
	// The shell closes the quotes around $id; put a value where it goes.
	body := strings.ReplaceAll(string(m[1]), `'$id'`, "1764000000")
	var req mltypes.BatchScheduleActionCreateRequest
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		t.Fatalf("%s does not fit MediaLive's BatchScheduleActionCreateRequest: %v", body, err)
	}
	if len(req.ScheduleActions) != 1 {
		t.Fatalf("%d actions", len(req.ScheduleActions))
	}
	a := req.ScheduleActions[0]
	si := a.ScheduleActionSettings.Scte35SpliceInsertSettings
	switch {
	case a.ActionName == nil || *a.ActionName != "break-1764000000":
		t.Errorf("action name %v, want one unique per run", a.ActionName)
	case a.ScheduleActionStartSettings.ImmediateModeScheduleActionStartSettings == nil:
		t.Error("the break does not start immediately")
	case si == nil || si.SpliceEventId == nil || *si.SpliceEventId != 1764000000:
		t.Errorf("splice insert %+v, want a unique splice event id", si)
	case si.Duration == nil || *si.Duration != 30*90000:
		t.Errorf("duration %v ticks, want 30 s (2700000 at 90 kHz)", si.Duration)
	}
}
