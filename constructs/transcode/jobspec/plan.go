package jobspec

import (
	"fmt"
	"path"
	"strings"
)

// Media is what a probe found in the source.
type Media struct {
	Container  string  `json:"container,omitempty"`
	Duration   float64 `json:"durationSeconds,omitempty"`
	FileSize   int64   `json:"fileSize"`
	Width      int     `json:"width,omitempty"`
	Height     int     `json:"height,omitempty"`
	FrameRate  float64 `json:"frameRate,omitempty"`
	VideoCodec string  `json:"videoCodec,omitempty"`
	AudioCodec string  `json:"audioCodec,omitempty"`
	HasVideo   bool    `json:"hasVideo"`
	HasAudio   bool    `json:"hasAudio"`
}

// Rejection is a source the pipeline refuses, with the reason shown to users.
type Rejection struct{ Reason string }

// Error returns the reason.
func (r *Rejection) Error() string { return r.Reason }

// Size is one planned video rendition.
type Size struct {
	Width      int `json:"width"`
	Height     int `json:"height"`
	MaxBitrate int `json:"maxBitrate"`
	QvbrLevel  int `json:"qvbrLevel"`
}

// Plan is what a job will produce for one source.
type Plan struct {
	// Layout is "landscape", "portrait" or "audio-only".
	Layout string `json:"layout"`
	// Renditions are the video sizes, largest first; empty for audio-only sources.
	Renditions []Size `json:"renditions"`
	// HasAudio says whether the outputs carry an audio track.
	HasAudio bool `json:"hasAudio"`
}

// Plan picks the renditions for a source: never larger than the source (no upscaling), oriented
// like it, with the long side following its aspect ratio; audio-only sources get audio outputs.
func (s Spec) Plan(m Media) (Plan, error) {
	s = s.WithDefaults()
	switch {
	case m.FileSize <= 0:
		return Plan{}, &Rejection{"the source file is empty"}
	case !m.HasVideo && !m.HasAudio:
		return Plan{}, &Rejection{"the source has no video or audio track"}
	case !m.HasVideo:
		return Plan{Layout: "audio-only", HasAudio: true, Renditions: []Size{}}, nil
	case m.Width <= 0 || m.Height <= 0:
		return Plan{}, &Rejection{fmt.Sprintf("the video track has no usable resolution (%dx%d)", m.Width, m.Height)}
	}
	short, long := m.Height, m.Width
	p := Plan{Layout: "landscape", HasAudio: m.HasAudio}
	if m.Height > m.Width {
		short, long = m.Width, m.Height
		p.Layout = "portrait"
	}
	if short < 2 {
		return Plan{}, &Rejection{fmt.Sprintf("the video is too small to encode (%dx%d)", m.Width, m.Height)}
	}
	var rungs []Rendition
	for _, r := range s.Ladder {
		if r.ShortSide <= short {
			rungs = append(rungs, r)
		}
	}
	if len(rungs) == 0 {
		// Smaller than the smallest rung: one rendition at the source size.
		low := s.Ladder[len(s.Ladder)-1]
		rungs = []Rendition{{ShortSide: short &^ 1, MaxBitrate: low.MaxBitrate, QvbrLevel: low.QvbrLevel}}
	}
	for _, r := range rungs {
		l := even(float64(r.ShortSide) * float64(long) / float64(short))
		sz := Size{Width: l, Height: r.ShortSide, MaxBitrate: r.MaxBitrate, QvbrLevel: r.QvbrLevel}
		if p.Layout == "portrait" {
			sz.Width, sz.Height = r.ShortSide, l
		}
		p.Renditions = append(p.Renditions, sz)
	}
	return p, nil
}

func even(x float64) int {
	n := int(x/2+0.5) * 2
	if n < 2 {
		n = 2
	}
	return n
}

// OutputBase is the folder a source's outputs go to: its key without the extension and without
// the watched prefix, e.g. "uploads/show/ep1.mov" with prefix "uploads/" -> "show/ep1".
func OutputBase(key, prefix string) string {
	k := strings.TrimPrefix(key, prefix)
	k = strings.TrimSuffix(k, path.Ext(k))
	k = strings.Trim(k, "/")
	if k == "" {
		k = "source"
	}
	return k
}

// Outputs are the keys (relative to the output bucket) of what a job writes.
type Outputs struct {
	HlsManifest  string `json:"hlsManifest,omitempty"`
	CmafHls      string `json:"cmafHlsManifest,omitempty"`
	CmafDash     string `json:"cmafDashManifest,omitempty"`
	Mp4Folder    string `json:"mp4Folder,omitempty"`
	ThumbsFolder string `json:"thumbnailsFolder,omitempty"`
}

// OutputKeys lists the manifest keys and folders for a base folder.
func (s Spec) OutputKeys(base string, p Plan) Outputs {
	s = s.WithDefaults()
	var o Outputs
	if s.Has(HLS) {
		o.HlsManifest = base + "/hls/index.m3u8"
	}
	if s.Has(CMAF) {
		o.CmafHls = base + "/cmaf/index.m3u8"
		o.CmafDash = base + "/cmaf/index.mpd"
	}
	if s.Has(MP4) {
		o.Mp4Folder = base + "/mp4/"
	}
	if s.Has(Thumbnails) && p.Layout != "audio-only" {
		o.ThumbsFolder = base + "/thumbnails/"
	}
	return o
}
