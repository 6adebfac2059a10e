package jobspec

// acceleratedInputs are the input containers and video codecs (as Probe names them) that
// MediaConvert's accelerated transcoding accepts (its "job settings requirements" table).
var acceleratedInputs = map[string][]string{
	"mpegts":    {"AVC", "HEVC", "MPEG2"},
	"matroska":  {"AVC", "MPEG2", "MP4V"},
	"mp4":       {"AVC", "HEVC", "MPEG2"},
	"mxf":       {"PRORES", "AVC", "JPEG2000", "MPEG2"},
	"quicktime": {"PRORES", "AVC", "JPEG2000", "MPEG2"},
}

// Acceleration is the accelerated-transcoding mode for one job, given the mode asked for
// (PREFERRED, ENABLED or DISABLED): a job that cannot be accelerated never gets ENABLED, which
// would fail it. Audio-only jobs are never accelerated; ENABLED becomes PREFERRED (accelerate
// when MediaConvert can, run normally otherwise) for inputs outside MediaConvert's table and for
// frame captures, which it does not list among accelerated outputs.
func (s Spec) Acceleration(requested string, m Media, p Plan) string {
	s = s.WithDefaults()
	switch {
	case requested == "DISABLED" || len(p.Renditions) == 0:
		return "DISABLED"
	case requested != "ENABLED":
		return "PREFERRED"
	case s.Has(Thumbnails):
		return "PREFERRED"
	}
	for _, c := range acceleratedInputs[m.Container] {
		if c == m.VideoCodec {
			return "ENABLED"
		}
	}
	return "PREFERRED"
}
