package review

import "testing"

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
