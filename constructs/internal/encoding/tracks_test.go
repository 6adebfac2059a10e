package encoding

import (
	"strings"
	"testing"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// TestCaptionChannelsRoundTrip: the written form parses back to the same channels.
func TestCaptionChannelsRoundTrip(t *testing.T) {
	in := "CC1:eng:English, cc3:spa:Español latino"
	cs, err := ParseCaptionChannels(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatCaptionChannels(cs); got != "CC1:eng:English,CC3:spa:Español latino" {
		t.Errorf("round trip %q", got)
	}
	if err := CheckCaptionChannels("x", "Captions", cs); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"CC1", "1:eng:English", "CCx:eng:English", "CC1:eng"} {
		if _, err := ParseCaptionChannels(bad); err == nil || !strings.Contains(err.Error(), "is not a caption channel") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := Captions("CC9:eng:English").Channels(); err != nil {
		t.Errorf("a channel out of range parses (Check refuses it): %v", err)
	}
	if err := Captions("CC9:eng:English").Check("x", "Captions"); err == nil || !strings.Contains(err.Error(), "the 608 channel is CC1 to CC4") {
		t.Errorf("CC9: %v", err)
	}
}

// TestLanguageCodesOfMediaConvert: every three-letter language MediaConvert's API lists
// (LanguageCode, ISO 639-2) passes CheckLanguage in lower case, so no code MediaConvert names is
// refused; two-letter codes are refused with the form to use.
func TestLanguageCodesOfMediaConvert(t *testing.T) {
	n := 0
	for _, l := range mctypes.LanguageCode("").Values() {
		if len(l) != 3 {
			continue
		}
		n++
		if err := CheckLanguage("x", "Language", strings.ToLower(string(l))); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	if n < 100 {
		t.Errorf("only %d languages checked", n)
	}
	if err := CheckLanguage("x", "Language", "en"); err == nil || !strings.Contains(err.Error(), "ISO 639-2 code of three lower-case letters") {
		t.Errorf("en: %v", err)
	}
}
