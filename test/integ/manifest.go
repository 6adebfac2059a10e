package integ

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// HLSMaster reads a multivariant playlist at base: the URLs of its variant streams and of its
// renditions (EXT-X-MEDIA URI: audio, subtitles). An error says what a player would miss.
func HLSMaster(base *url.URL, body string) (variants, renditions []*url.URL, err error) {
	if !strings.HasPrefix(strings.TrimSpace(body), "#EXTM3U") {
		return nil, nil, fmt.Errorf("%s is not an HLS playlist (no #EXTM3U)", base)
	}
	next := false
	for _, line := range lines(body) {
		switch {
		case strings.HasPrefix(line, "#EXT-X-STREAM-INF:"):
			next = true
		case strings.HasPrefix(line, "#EXT-X-MEDIA:"):
			if m := uriAttr.FindStringSubmatch(line); m != nil {
				renditions = append(renditions, base.ResolveReference(mustParse(m[1])))
			}
		case next && !strings.HasPrefix(line, "#"):
			variants, next = append(variants, base.ResolveReference(mustParse(line))), false
		}
	}
	if len(variants) == 0 {
		return nil, nil, fmt.Errorf("%s lists no variant stream (#EXT-X-STREAM-INF)", base)
	}
	return variants, renditions, nil
}

// HLSMedia reads a media playlist at base: its initialization section (EXT-X-MAP, nil for TS)
// and its segments.
func HLSMedia(base *url.URL, body string) (init *url.URL, segments []*url.URL, err error) {
	if !strings.HasPrefix(strings.TrimSpace(body), "#EXTM3U") || !strings.Contains(body, "#EXT-X-TARGETDURATION:") {
		return nil, nil, fmt.Errorf("%s is not an HLS media playlist (no #EXTM3U or #EXT-X-TARGETDURATION)", base)
	}
	for _, line := range lines(body) {
		switch {
		case strings.HasPrefix(line, "#EXT-X-MAP:"):
			if m := uriAttr.FindStringSubmatch(line); m != nil {
				init = base.ResolveReference(mustParse(m[1]))
			}
		case !strings.HasPrefix(line, "#"):
			segments = append(segments, base.ResolveReference(mustParse(line)))
		}
	}
	if len(segments) == 0 {
		return nil, nil, fmt.Errorf("%s lists no segment", base)
	}
	return init, segments, nil
}

var uriAttr = regexp.MustCompile(`URI="([^"]+)"`)

func lines(body string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{Path: s}
	}
	return u
}

// Representation is one DASH representation's first segments: its initialization segment and
// its first media segment.
type Representation struct {
	ID          string
	Init, First *url.URL
}

type mpd struct {
	BaseURL string `xml:"BaseURL"`
	Periods []struct {
		BaseURL string `xml:"BaseURL"`
		Sets    []struct {
			Template *segmentTemplate `xml:"SegmentTemplate"`
			Reps     []struct {
				ID        string           `xml:"id,attr"`
				Bandwidth string           `xml:"bandwidth,attr"`
				Template  *segmentTemplate `xml:"SegmentTemplate"`
			} `xml:"Representation"`
		} `xml:"AdaptationSet"`
	} `xml:"Period"`
}

type segmentTemplate struct {
	Init        string `xml:"initialization,attr"`
	Media       string `xml:"media,attr"`
	StartNumber string `xml:"startNumber,attr"`
	Timeline    []struct {
		T string `xml:"t,attr"`
	} `xml:"SegmentTimeline>S"`
}

// DASHRepresentations reads an MPD at base: each representation's initialization and first
// media segment, from its SegmentTemplate ($RepresentationID$, $Bandwidth$, $Number$ from
// startNumber, $Time$ from the timeline's first S@t; widths such as $Number%05d$).
func DASHRepresentations(base *url.URL, body string) ([]Representation, error) {
	var m mpd
	if err := xml.Unmarshal([]byte(body), &m); err != nil {
		return nil, fmt.Errorf("%s is not an MPD: %v", base, err)
	}
	var out []Representation
	root := base.ResolveReference(mustParse(m.BaseURL))
	for _, p := range m.Periods {
		pb := root.ResolveReference(mustParse(p.BaseURL))
		for _, set := range p.Sets {
			for _, r := range set.Reps {
				t := r.Template
				if t == nil {
					t = set.Template
				}
				if t == nil || t.Media == "" {
					return nil, fmt.Errorf("%s: representation %s has no SegmentTemplate", base, r.ID)
				}
				vars := map[string]string{"RepresentationID": r.ID, "Bandwidth": r.Bandwidth, "Number": t.StartNumber, "Time": "0"}
				if vars["Number"] == "" {
					vars["Number"] = "1"
				}
				if len(t.Timeline) > 0 && t.Timeline[0].T != "" {
					vars["Time"] = t.Timeline[0].T
				}
				out = append(out, Representation{ID: r.ID, Init: pb.ResolveReference(mustParse(fill(t.Init, vars))), First: pb.ResolveReference(mustParse(fill(t.Media, vars)))})
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s lists no representation", base)
	}
	return out, nil
}

var templateVar = regexp.MustCompile(`\$(RepresentationID|Bandwidth|Number|Time)(%0(\d+)d)?\$`)

// fill replaces a SegmentTemplate's identifiers (ISO/IEC 23009-1, 5.3.9.4.4).
func fill(tmpl string, vars map[string]string) string {
	return templateVar.ReplaceAllStringFunc(tmpl, func(s string) string {
		m := templateVar.FindStringSubmatch(s)
		v := vars[m[1]]
		if m[3] != "" {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				w, _ := strconv.Atoi(m[3])
				return fmt.Sprintf("%0*d", w, n)
			}
		}
		return v
	})
}
