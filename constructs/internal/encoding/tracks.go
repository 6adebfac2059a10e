package encoding

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// CaptionChannel maps one channel of CEA-608 captions embedded in the video (CC1-CC4) to the
// language and label its caption track gets in the manifests. VoD (MediaConvert) and Live
// (MediaLive) read the same form: "CC1:eng:English,CC3:spa:Espanol".
type CaptionChannel struct {
	// Channel is the 608 channel, 1 to 4 (CC1 to CC4).
	Channel int `json:"channel"`
	// Language is the ISO 639-2 code of the captions' language, e.g. eng.
	Language string `json:"language"`
	// Label is what players show for the track, e.g. English.
	Label string `json:"label"`
}

// MinCaptionChannel and MaxCaptionChannel bound a 608 channel number: MediaConvert's and
// MediaLive's Source608ChannelNumber take 1 to 4
// (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-embeddedsourcesettings-source608channelnumber,
// https://docs.aws.amazon.com/medialive/latest/apireference/channels.html#channels-prop-embeddedsourcesettings-source608channelnumber),
// and HLS names them CC1 to CC4 in INSTREAM-ID (RFC 8216 section 4.3.4.1,
// https://www.rfc-editor.org/rfc/rfc8216#section-4.3.4.1).
const MinCaptionChannel, MaxCaptionChannel = 1, 4

// String writes c as it is parsed: CC1:eng:English.
func (c CaptionChannel) String() string {
	return fmt.Sprintf("CC%d:%s:%s", c.Channel, c.Language, c.Label)
}

// Captions chooses what is carried of the captions embedded in the video (CEA-608), in the form
// vod:captions and live:captions take: CaptionsAuto, CaptionsOff, or channels such as
// "CC1:eng:English,CC3:spa:Espanol". What "" (the default) means is each service's: VoD reads it
// as CaptionsAuto (what Probe finds), Live as DefaultCaptionChannel (a feed cannot be probed
// before it arrives).
type Captions string

const (
	// CaptionsAuto carries the captions a source has, as a probe finds them.
	CaptionsAuto Captions = "auto"
	// CaptionsOff carries no embedded captions.
	CaptionsOff Captions = "off"
)

// CaptionsOf returns the Captions that map these channels.
func CaptionsOf(cs ...CaptionChannel) Captions { return Captions(FormatCaptionChannels(cs)) }

// Is reports whether c is mode ("" for the default), in any case.
func (c Captions) Is(mode Captions) bool { return Captions(strings.ToLower(string(c))) == mode }

// Channels are the mapped channels (none for the default, auto and off).
func (c Captions) Channels() ([]CaptionChannel, error) {
	if c.Is("") || c.Is(CaptionsAuto) || c.Is(CaptionsOff) {
		return nil, nil
	}
	return ParseCaptionChannels(string(c))
}

// Check checks c; errors name field of pkg (field[i] for a channel).
func (c Captions) Check(pkg, field string) error {
	cs, err := c.Channels()
	if err != nil {
		return validate.Invalid(pkg, field, string(c), "is not allowed: %s; or use %s or %s", err, CaptionsAuto, CaptionsOff)
	}
	return CheckCaptionChannels(pkg, field, cs)
}

// DefaultCaptionChannel is what a source or feed carrying 608 captions gets when nothing maps
// its channels: CC1, the primary caption service, in English.
var DefaultCaptionChannel = CaptionChannel{Channel: 1, Language: "eng", Label: "English"}

// ParseCaptionChannels reads "CC1:eng:English,CC3:spa:Espanol" (the label may hold spaces; it
// may not hold a comma). The result is checked by CheckCaptionChannels.
func ParseCaptionChannels(s string) ([]CaptionChannel, error) {
	var out []CaptionChannel
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		parts := strings.SplitN(item, ":", 3)
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(parts[0]), "CC"))
		if len(parts) != 3 || !strings.HasPrefix(strings.ToUpper(parts[0]), "CC") || err != nil {
			return nil, fmt.Errorf("%q is not a caption channel; write CC<1-4>:<ISO 639-2 language>:<label>, e.g. CC1:eng:English", item)
		}
		out = append(out, CaptionChannel{Channel: n, Language: strings.TrimSpace(parts[1]), Label: strings.TrimSpace(parts[2])})
	}
	return out, nil
}

// FormatCaptionChannels writes channels as ParseCaptionChannels reads them.
func FormatCaptionChannels(cs []CaptionChannel) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ",")
}

// CheckCaptionChannels checks each channel (1-4, each once), language and label; errors name
// field[i] of pkg.
func CheckCaptionChannels(pkg, field string, cs []CaptionChannel) error {
	seen := map[int]bool{}
	for i, c := range cs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if c.Channel < MinCaptionChannel || c.Channel > MaxCaptionChannel {
			return validate.Invalid(pkg, f, c.String(), "is not allowed; the 608 channel is CC%d to CC%d", MinCaptionChannel, MaxCaptionChannel)
		}
		if seen[c.Channel] {
			return validate.Invalid(pkg, f, c.String(), "maps CC%d a second time; map each channel once", c.Channel)
		}
		seen[c.Channel] = true
		if err := CheckLanguage(pkg, f, c.Language); err != nil {
			return err
		}
		if err := CheckLabel(pkg, f, c.Label); err != nil {
			return err
		}
	}
	return nil
}

var languageRe = regexp.MustCompile(`^[a-z]{3}$`)

// CheckLanguage checks an ISO 639-2 language code: three lower-case letters. MediaConvert's
// CustomLanguageCode takes ISO 639-2 or 639-3 codes
// (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-captiondescription-customlanguagecode)
// and MediaLive's caption and audio LanguageCode an ISO 639-2 three-letter code
// (https://docs.aws.amazon.com/medialive/latest/apireference/channels.html#channels-prop-captiondescription-languagecode).
func CheckLanguage(pkg, field, lang string) error {
	if languageRe.MatchString(lang) {
		return nil
	}
	return validate.Invalid(pkg, field, lang, "has no valid language; use an ISO 639-2 code of three lower-case letters, e.g. eng, spa, fra")
}

// MaxLabel is the longest track label accepted, in characters: labels are menu entries.
const MaxLabel = 64

// CheckLabel checks a track's label: present, at most MaxLabel characters, no quote (it is
// written inside a quoted manifest attribute, NAME="...", RFC 8216 section 4.2) and no comma
// or colon (the separators of the settings it is written in).
func CheckLabel(pkg, field, label string) error {
	switch {
	case strings.TrimSpace(label) == "":
		return validate.Invalid(pkg, field, label, "has no label; give the name players show, e.g. English")
	case len([]rune(label)) > MaxLabel:
		return validate.Invalid(pkg, field, label, "has a label of %d characters; at most %d are allowed", len([]rune(label)), MaxLabel)
	case strings.ContainsAny(label, "\",:\n\r"):
		return validate.Invalid(pkg, field, label, "has a label with a quote, comma, colon or line break; leave those out")
	}
	return nil
}

// LanguageNames are labels for common ISO 639-2 codes, used when a track's label is not given.
var LanguageNames = map[string]string{
	"eng": "English", "spa": "Español", "fra": "Français", "fre": "Français", "deu": "Deutsch", "ger": "Deutsch",
	"ita": "Italiano", "por": "Português", "nld": "Nederlands", "dut": "Nederlands", "jpn": "日本語", "kor": "한국어",
	"zho": "中文", "chi": "中文", "ara": "العربية", "rus": "Русский", "hin": "हिन्दी", "pol": "Polski", "swe": "Svenska",
	"nor": "Norsk", "dan": "Dansk", "fin": "Suomi", "tur": "Türkçe", "ces": "Čeština", "cze": "Čeština",
}

// englishNames are the English names of LanguageNames' languages, for names that must be ASCII.
var englishNames = map[string]string{
	"eng": "English", "spa": "Spanish", "fra": "French", "fre": "French", "deu": "German", "ger": "German", "ita": "Italian",
	"por": "Portuguese", "nld": "Dutch", "dut": "Dutch", "jpn": "Japanese", "kor": "Korean", "zho": "Chinese", "chi": "Chinese",
	"ara": "Arabic", "rus": "Russian", "hin": "Hindi", "pol": "Polish", "swe": "Swedish", "nor": "Norwegian", "dan": "Danish",
	"fin": "Finnish", "tur": "Turkish", "ces": "Czech", "cze": "Czech",
}

// folded are letters with a diacritic and their ASCII base letter.
var folded = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ú", "u", "ù", "u", "û", "u",
	"ü", "u", "ñ", "n", "ç", "c", "č", "c", "ř", "r", "š", "s", "ž", "z", "ý", "y", "ß", "ss", "Á", "A", "É", "E", "Í", "I", "Ó", "O",
	"Ú", "U", "Ñ", "N", "Ç", "C", "Č", "C", "Š", "S", "Ž", "Z", "Ö", "O", "Ü", "U", "Ä", "A")

var notWord = regexp.MustCompile(`[^A-Za-z0-9_ ]+`)

// ASCIIName is label as a name of ASCII letters, digits, underscores and spaces only (accents
// dropped, other characters made spaces), or the language's English name when nothing of the
// label is left (a label in another script), for names whose API takes no more: MediaConvert's
// AudioDescription StreamName, the NAME of an HLS audio rendition, matches ^[\w\s]*$
// (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-audiodescription-streamname).
func ASCIIName(label, lang string) string {
	n := strings.Join(strings.Fields(notWord.ReplaceAllString(folded.Replace(label), " ")), " ")
	if strings.TrimSpace(strings.ReplaceAll(n, "_", "")) == "" {
		n = englishNames[lang]
	}
	if n == "" {
		n = lang
	}
	return n
}

// UniqueLabels makes labels distinct by numbering the repeats ("English", "English 2"): the
// renditions of an HLS group "MUST have different NAME attributes" (RFC 8216 section
// 4.3.4.1.1, https://www.rfc-editor.org/rfc/rfc8216#section-4.3.4.1.1).
func UniqueLabels(labels []string) []string {
	out := make([]string, len(labels))
	seen := map[string]bool{}
	for i, l := range labels {
		n := l
		for k := 2; seen[n]; k++ {
			n = fmt.Sprintf("%s %d", l, k)
		}
		seen[n], out[i] = true, n
	}
	return out
}

// LanguageLabel is the label for lang: its name when known, else the code.
func LanguageLabel(lang string) string {
	if n, ok := LanguageNames[lang]; ok {
		return n
	}
	return lang
}
