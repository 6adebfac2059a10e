package review

import (
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/cfndiff"
)

// TestRenderListValues: a list-valued output (a MediaLive push input's Destinations, joined)
// reads as the attribute it lists, not as nothing.
func TestRenderListValues(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{map[string]any{"Fn::Join": []any{" ", map[string]any{"Fn::GetAtt": []any{"ChannelnewsInput", "Destinations"}}}}, `${ChannelnewsInput.Destinations} (each item, joined by " ")`},
		{map[string]any{"Fn::Join": []any{"", []any{"https://", map[string]any{"Fn::GetAtt": []any{"Cdn", "DomainName"}}, "/player/"}}}, "https://${Cdn.DomainName}/player/"},
	} {
		if got := Render(c.v); got != c.want {
			t.Errorf("Render(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestSuppressionsGrouped: one row per rule and reason, listing the resources it covers.
func TestSuppressionsGrouped(t *testing.T) {
	rows := groupedSuppressions([][]string{
		{"RoleA", "AwsSolutions-IAM5", "Resource::*", "Ids are assigned at run time."},
		{"RoleB", "AwsSolutions-IAM5", "Resource::*", "Ids are assigned at run time."},
		{"Bucket", "AwsSolutions-S1", "", "Logs bucket."},
	})
	if len(rows) != 2 || rows[0][2] != "RoleA, RoleB" || rows[0][3] != "Resource::*" || rows[1][0] != "AwsSolutions-S1" {
		t.Errorf("grouped %q", rows)
	}
}

// TestChangesListProperties: an in-place update names the properties that changed.
func TestChangesListProperties(t *testing.T) {
	s := Stack{Name: "S", Template: map[string]any{"Resources": map[string]any{}}, Previous: map[string]any{"Resources": map[string]any{}},
		Diff: []cfndiff.Change{{LogicalID: "Cdn", Type: "AWS::CloudFront::Distribution", Change: "updated", Impact: "WILL_UPDATE", Properties: []string{"DistributionConfig"}}}}
	if md := Markdown(s); !strings.Contains(md, "update: DistributionConfig") {
		t.Errorf("changes do not name the property:\n%s", md)
	}
}

// TestTerminalTableSinceThePrevious: the table make synth prints says, per stack, whether this is
// the folder's first synth, nothing changed since the previous one, or what did.
func TestTerminalTableSinceThePrevious(t *testing.T) {
	tmpl := map[string]any{"Resources": map[string]any{"Queue": map[string]any{"Type": "AWS::SQS::Queue"}}}
	grown := map[string]any{"Resources": map[string]any{"Queue": map[string]any{"Type": "AWS::SQS::Queue"}, "Topic": map[string]any{"Type": "AWS::SNS::Topic"}}}
	table := TerminalTable([]Summary{
		Summarize(Stack{Name: "First", Template: tmpl}),
		Summarize(Stack{Name: "Same", Template: tmpl, Previous: tmpl}),
		Summarize(Stack{Name: "Grown", Template: grown, Previous: tmpl}),
	})
	for _, want := range []string{"First                          1          0            0  first synth in this folder",
		"Same                           1          0            0  no change", "Grown                          2          0            0  +1 added, -0 removed, ~0 changed"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
