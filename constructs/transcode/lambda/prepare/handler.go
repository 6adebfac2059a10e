package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mediaconvert"
	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Config is the function's configuration, from its environment.
type Config struct {
	Spec         jobspec.Spec
	OutputBucket string
	// OutputBucketArn is the output bucket's ARN (in the deployment's partition).
	OutputBucketArn string
	// Acceleration is the configured accelerated-transcoding mode.
	Acceleration string
	SourcePrefix string
	// Trigger is VIDEO (the event names the source) or METADATA (the event names a JSON file).
	Trigger  string
	Suffixes []string
	// UserMetadata is added to every job.
	UserMetadata map[string]string
	// PlaybackBase is the CloudFront URL outputs are served from, e.g. https://d1.cloudfront.net.
	PlaybackBase string
	// PlayerURL is the player page, e.g. https://d1.cloudfront.net/player/ (none: no player link).
	PlayerURL string
	// AdsHLSPrefix and AdsDashPrefix precede an output key in its ad-enabled (MediaTailor) URL,
	// e.g. https://d1.cloudfront.net/v1/master/<hash>/<config>/ (none: no ads).
	AdsHLSPrefix, AdsDASHPrefix string
	// MediaPackage says the HLS outputs are registered with MediaPackage VOD.
	MediaPackage bool
	// PrivateOutputs says the renditions are not served (DRM: MediaPackage's encrypted
	// configurations are): playback URLs and the player link are MediaPackage's.
	PrivateOutputs bool
	// ClearKeyLicense is the Clear Key license route players get an asset's keys from, its
	// content id (the asset's ResourceId) appended, e.g. /streamcdk-license (none: no Clear Key).
	ClearKeyLicense string
}

// Event is the state machine's input to the function.
type Event struct {
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Size   int64  `json:"size"`
	JobID  string `json:"jobId"`
}

// Result is returned to the state machine.
type Result struct {
	SourceBucket string              `json:"sourceBucket"`
	SourceKey    string              `json:"sourceKey"`
	OutputBase   string              `json:"outputBase"`
	Media        jobspec.Media       `json:"media"`
	Plan         jobspec.Plan        `json:"plan"`
	Settings     jobspec.JobSettings `json:"settings"`
	Outputs      jobspec.Outputs     `json:"outputs"`
	Playback     map[string]string   `json:"playback"`
	UserMetadata map[string]string   `json:"userMetadata"`
	MediaPackage *MediaPackageSource `json:"mediaPackage,omitempty"`
	Summary      string              `json:"summary"`
	// Acceleration is the job's accelerated-transcoding mode (see jobspec.Spec.Acceleration).
	Acceleration string `json:"acceleration"`
}

// MediaPackageSource is what MediaPackage VOD ingests (the HLS output).
type MediaPackageSource struct {
	SourceArn  string `json:"sourceArn"`
	AssetID    string `json:"assetId"`
	ResourceID string `json:"resourceId"`
}

// Metadata is the JSON file that, with the METADATA trigger, names a source and its overrides.
type Metadata struct {
	// Source is the source key; without a "/" it is relative to the metadata file's folder.
	Source string `json:"source"`
	// Encoding overrides the pipeline's encoding spec field by field.
	Encoding jobspec.Spec `json:"encoding"`
	// UserMetadata is added to the MediaConvert job's user metadata.
	UserMetadata map[string]string `json:"userMetadata"`
	// Archive tags the source for the mezzanine bucket's lifecycle rules: GLACIER or DEEP_ARCHIVE.
	Archive string `json:"archive"`
	// Captions are caption and subtitle files that come with the source (SRT, WebVTT, SCC,
	// TTML/DFXP), each a caption or subtitle track of the outputs.
	Captions []SidecarFile `json:"captions"`
	// Audio are audio files that come with the source (another language, an audio
	// description), each an audio rendition after the source's own.
	Audio []SidecarFile `json:"audio"`
}

// SidecarFile is a caption or audio file named in a metadata file.
type SidecarFile struct {
	// File is the file's key; without a "/" it is relative to the metadata file's folder. It
	// must be under the pipeline's source prefix, where MediaConvert may read.
	File string `json:"file"`
	// Language is the ISO 639-2 code, e.g. eng.
	Language string `json:"language"`
	// Label is what players show; default: the language's name.
	Label string `json:"label"`
	// Kind: subtitles (the default), captions (SDH) or forced for a caption file; main (the
	// default) or description (audio description) for an audio file.
	Kind string `json:"kind"`
	// OffsetSeconds moves a caption file's cues (e.g. -3600 for an SCC file timed from
	// 01:00:00;00). Default: 0, except for an SCC file whose first timecode is an hour or more
	// past the source's end: it is moved back by those whole hours.
	OffsetSeconds *int `json:"offsetSeconds"`
}

// archiveTag is mezzanine.ArchiveTag (not imported: the handler stays free of CDK packages).
const archiveTag = "StreamCdkArchive"

// S3API is the part of the S3 client the handler uses.
type S3API interface {
	GetObject(context.Context, *s3.GetObjectInput, ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	GetObjectTagging(context.Context, *s3.GetObjectTaggingInput, ...func(*s3.Options)) (*s3.GetObjectTaggingOutput, error)
	PutObjectTagging(context.Context, *s3.PutObjectTaggingInput, ...func(*s3.Options)) (*s3.PutObjectTaggingOutput, error)
}

// ProbeAPI is the part of the MediaConvert client the handler uses.
type ProbeAPI interface {
	Probe(context.Context, *mediaconvert.ProbeInput, ...func(*mediaconvert.Options)) (*mediaconvert.ProbeOutput, error)
}

type handler struct {
	cfg   Config
	s3    S3API
	probe ProbeAPI
}

const maxMetadataBytes = 256 << 10

func (h *handler) handle(ctx context.Context, ev Event) (*Result, error) {
	job, err := h.readJob(ctx, ev)
	if err != nil {
		return nil, err
	}
	key, spec := job.key, job.spec
	if !hasSuffix(key, h.cfg.Suffixes) {
		return nil, &jobspec.Rejection{Reason: fmt.Sprintf("%q is not a video file; accepted suffixes: %s", key, strings.Join(h.cfg.Suffixes, " "))}
	}
	base := jobspec.OutputBase(key, h.cfg.SourcePrefix)
	if err := jobspec.CheckOutputBase(base); err != nil {
		return nil, err
	}
	job.user["streamcdkJobId"], job.user["sourceKey"] = ev.JobID, key
	media, err := h.probeSource(ctx, ev.Bucket, key)
	if err != nil {
		return nil, err
	}
	sidecars, notes, err := h.checkSidecars(ctx, ev.Bucket, job, media.Duration)
	if err != nil {
		return nil, err
	}
	plan, err := spec.Plan(media, sidecars...)
	if err != nil {
		return nil, err
	}
	if job.archive != "" {
		if err := h.tagForArchive(ctx, ev.Bucket, key, job.archive); err != nil {
			return nil, err
		}
	}
	outs := spec.OutputKeys(base, plan)
	r := &Result{
		SourceBucket: ev.Bucket, SourceKey: key, OutputBase: base, Media: media, Plan: plan,
		Settings:     spec.Settings("s3://"+ev.Bucket+"/"+key, "s3://"+h.cfg.OutputBucket+"/"+base+"/", plan),
		Outputs:      outs,
		Playback:     h.playback(outs, plan),
		UserMetadata: job.user,
		Acceleration: spec.Acceleration(h.cfg.Acceleration, media, plan),
	}
	// Audio-only HLS is left out of MediaPackage: its outputs play from the bucket as they are,
	// which private outputs (DRM) do not serve.
	if h.cfg.PrivateOutputs && len(plan.Renditions) == 0 {
		return nil, &jobspec.Rejection{Reason: "the source has no video: audio-only titles play from the renditions bucket, which is not served with DRM (vod:drm), and MediaPackage packages titles with video only; upload a video, or use a stack without DRM"}
	}
	if outs.HLSManifest != "" && len(plan.Renditions) > 0 {
		if n := plan.HLSStreams(); h.cfg.MediaPackage && n > jobspec.MaxIngestStreams {
			return nil, &jobspec.Rejection{Reason: fmt.Sprintf("the HLS output would have %d playlists (%d video, %d audio, %d caption renditions); MediaPackage VOD ingests at most %d per asset: drop audio tracks (vod:audio) or caption files, or rungs of the ladder",
				n, len(plan.Renditions), len(plan.Audio), len(plan.Captions), jobspec.MaxIngestStreams)}
		}
		id := assetID(ev.JobID)
		r.MediaPackage = &MediaPackageSource{SourceArn: h.cfg.OutputBucketArn + "/" + outs.HLSManifest, AssetID: id, ResourceID: id}
	}
	plan.Notes = append(notes, plan.Notes...)
	r.Plan = plan
	r.Summary = summary(media, plan)
	return r, nil
}

// job is what an upload asks for: its source key, the encoding, user metadata and archive class
// (from the metadata file with the METADATA trigger, else the pipeline's own).
type job struct {
	key      string
	spec     jobspec.Spec
	user     map[string]string
	archive  string
	metadata string // the metadata file's key (METADATA trigger)
	captions []SidecarFile
	audio    []SidecarFile
}

func (h *handler) readJob(ctx context.Context, ev Event) (*job, error) {
	j := &job{key: ev.Key, spec: h.cfg.Spec, user: map[string]string{}}
	for k, v := range h.cfg.UserMetadata {
		j.user[k] = v
	}
	if h.cfg.Trigger != "METADATA" {
		if ev.Size == 0 {
			return nil, &jobspec.Rejection{Reason: "the source file is empty"}
		}
		return j, nil
	}
	md, err := h.readMetadata(ctx, ev)
	if err != nil {
		return nil, err
	}
	j.key = md.Source
	j.spec = merge(j.spec, md.Encoding)
	if err := j.spec.Validate(); err != nil {
		return nil, &jobspec.Rejection{Reason: "metadata file " + ev.Key + ": " + inMetadataTerms(err)}
	}
	for k, v := range md.UserMetadata {
		j.user[k] = v
	}
	j.archive, j.metadata, j.captions, j.audio = md.Archive, ev.Key, md.Captions, md.Audio
	return j, nil
}

// playback are the job's playback URLs by kind: each manifest and folder, the ad-enabled
// manifests through MediaTailor, and the player link.
func (h *handler) playback(outs jobspec.Outputs, plan jobspec.Plan) map[string]string {
	pb := map[string]string{}
	if h.cfg.PrivateOutputs {
		return pb // MediaPackage's URLs come with the asset (cdnURLs)
	}
	for name, k := range map[string]string{"hls": outs.HLSManifest, "cmafHls": outs.CMAFHLS, "dash": outs.CMAFDASH, "mp4": outs.MP4Folder, "thumbnails": outs.ThumbsFolder} {
		if k != "" {
			pb[name] = h.url(k)
		}
	}
	if h.cfg.AdsHLSPrefix != "" {
		// Ad-enabled: the same manifests through MediaTailor, on the same distribution.
		for name, k := range map[string]string{"adsHls": outs.HLSManifest, "adsCmafHls": outs.CMAFHLS} {
			if k != "" {
				pb[name] = h.cfg.AdsHLSPrefix + k
			}
		}
		if outs.CMAFDASH != "" {
			pb["adsDash"] = h.cfg.AdsDASHPrefix + outs.CMAFDASH
		}
	}
	if link := h.playerLink(pb, plan); link != "" {
		pb["player"] = link
	}
	return pb
}

// playerLink is the player page opened on the title: CMAF HLS first, else HLS (TS), with DASH
// one click away; with ads, the Ads switch plays the same formats through MediaTailor.
func (h *handler) playerLink(pb map[string]string, plan jobspec.Plan) string {
	if h.cfg.PlayerURL == "" {
		return ""
	}
	main, ads := pb["cmafHls"], pb["adsCmafHls"]
	if main == "" {
		main, ads = pb["hls"], pb["adsHls"]
	}
	if len(plan.AdBreaks) > 0 && pb["adsHls"] != "" {
		// The mid-roll cues are in the HLS (TS) manifests only (MediaConvert writes ESAM cues
		// into HLS outputs): through MediaTailor, CMAF would get a pre-roll at most.
		ads = pb["adsHls"]
	}
	if main == "" {
		return ""
	}
	q := url.Values{"url": {main}}
	if d := pb["dash"]; d != "" {
		q.Set("alt.DASH", d)
	}
	if ads != "" {
		q.Set("ads", ads)
		if d := pb["adsDash"]; d != "" {
			q.Set("ads.DASH", d)
		}
	}
	return h.cfg.PlayerURL + "?" + q.Encode()
}

func (h *handler) url(key string) string {
	if h.cfg.PlaybackBase == "" {
		return "s3://" + h.cfg.OutputBucket + "/" + key
	}
	return strings.TrimRight(h.cfg.PlaybackBase, "/") + "/" + key
}

func (h *handler) readMetadata(ctx context.Context, ev Event) (*Metadata, error) {
	out, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(ev.Bucket), Key: aws.String(ev.Key)})
	if err != nil {
		if retryable(err) {
			return nil, &jobspec.Throttled{Err: err}
		}
		return nil, &jobspec.Rejection{Reason: "metadata file " + ev.Key + " could not be read: " + err.Error()}
	}
	defer out.Body.Close()
	b, err := io.ReadAll(io.LimitReader(out.Body, maxMetadataBytes+1))
	if err != nil {
		return nil, &jobspec.Throttled{Err: err}
	}
	if len(b) > maxMetadataBytes {
		return nil, &jobspec.Rejection{Reason: fmt.Sprintf("metadata file %s is larger than %d bytes", ev.Key, maxMetadataBytes)}
	}
	var md Metadata
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&md); err != nil {
		return nil, &jobspec.Rejection{Reason: "metadata file " + ev.Key + " is not valid: " + err.Error()}
	}
	if md.Archive != "" && md.Archive != "GLACIER" && md.Archive != "DEEP_ARCHIVE" {
		return nil, &jobspec.Rejection{Reason: fmt.Sprintf("metadata file %s: archive %q is not allowed; use GLACIER or DEEP_ARCHIVE", ev.Key, md.Archive)}
	}
	if md.Source == "" {
		return nil, &jobspec.Rejection{Reason: "metadata file " + ev.Key + " has no \"source\""}
	}
	if !strings.Contains(md.Source, "/") {
		md.Source = path.Join(path.Dir(ev.Key), md.Source)
	}
	return &md, nil
}

// tagForArchive adds the archive tag to the source, keeping its other tags.
func (h *handler) tagForArchive(ctx context.Context, bucket, key, class string) error {
	cur, err := h.s3.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		if retryable(err) {
			return &jobspec.Throttled{Err: err}
		}
		return &jobspec.Rejection{Reason: "the source's tags could not be read: " + err.Error()}
	}
	tags := []s3types.Tag{{Key: aws.String(archiveTag), Value: aws.String(class)}}
	for _, t := range cur.TagSet {
		if aws.ToString(t.Key) != archiveTag {
			tags = append(tags, t)
		}
	}
	_, err = h.s3.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(bucket), Key: aws.String(key), Tagging: &s3types.Tagging{TagSet: tags}})
	if err != nil {
		if retryable(err) {
			return &jobspec.Throttled{Err: err}
		}
		return &jobspec.Rejection{Reason: "the source could not be tagged for archiving: " + err.Error()}
	}
	return nil
}

// probeSource asks MediaConvert what the source holds.
func (h *handler) probeSource(ctx context.Context, bucket, key string) (jobspec.Media, error) {
	out, err := h.probe.Probe(ctx, &mediaconvert.ProbeInput{InputFiles: []mctypes.ProbeInputFile{{FileUrl: aws.String("s3://" + bucket + "/" + key)}}})
	if err != nil {
		if retryable(err) {
			return jobspec.Media{}, &jobspec.Throttled{Err: err}
		}
		return jobspec.Media{}, &jobspec.Rejection{Reason: "MediaConvert could not read the source: " + err.Error()}
	}
	var m jobspec.Media
	if len(out.ProbeResults) > 0 && out.ProbeResults[0].Container != nil {
		m = toMedia(out.ProbeResults[0])
	}
	if !m.HasVideo && !m.HasAudio && m.Container == "" {
		// Probe names only the containers of its Format enum; others (MPEG-PS .mpg, ASF .wmv, raw
		// .h264, HLS .m3u8), which MediaConvert itself may read, come back unidentified and
		// without tracks: the plan needs the tracks, so the source is refused for that reason.
		return jobspec.Media{}, &jobspec.Rejection{Reason: fmt.Sprintf("MediaConvert's Probe did not identify the source's container (%s), so its tracks and resolution are unknown and no renditions can be planned; Probe identifies %s: re-wrap the source in one of those (e.g. MP4 or MOV)",
			path.Ext(key), probeFormats())}
	}
	return m, nil
}

// probeFormats are the containers Probe identifies (its Format enum in aws-sdk-go-v2).
func probeFormats() string {
	var names []string
	for _, f := range mctypes.Format("").Values() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// toMedia summarizes a probe result: the first video and the first audio track count.
func toMedia(p mctypes.ProbeResult) jobspec.Media {
	m := jobspec.Media{Container: string(p.Container.Format), Duration: aws.ToFloat64(p.Container.Duration)}
	if p.Metadata != nil {
		m.FileSize = aws.ToInt64(p.Metadata.FileSize)
	}
	for _, t := range p.Container.Tracks {
		switch t.TrackType {
		case mctypes.TrackTypeVideo:
			if m.HasVideo || t.VideoProperties == nil {
				continue
			}
			m.HasVideo = true
			m.VideoCodec = string(t.Codec)
			m.Width = int(aws.ToInt32(t.VideoProperties.Width))
			m.Height = int(aws.ToInt32(t.VideoProperties.Height))
			m.Transfer = string(t.VideoProperties.TransferCharacteristics)
			m.Primaries = string(t.VideoProperties.ColorPrimaries)
			if fr := t.VideoProperties.FrameRate; fr != nil && aws.ToInt32(fr.Denominator) != 0 {
				m.FrameRate = float64(aws.ToInt32(fr.Numerator)) / float64(aws.ToInt32(fr.Denominator))
			}
		case mctypes.TrackTypeAudio:
			if !m.HasAudio {
				m.HasAudio = true
				m.AudioCodec = string(t.Codec)
			}
			// MediaConvert numbers audio tracks among the audio tracks only, from 1
			// (AudioSelector Tracks: "These numberings include only tracks recognized as audio",
			// https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-audioselector-tracks).
			a := jobspec.SourceAudio{Track: len(m.AudioTracks) + 1}
			if p := t.AudioProperties; p != nil {
				a.Language, a.Channels = aws.ToString(p.LanguageCode), int(aws.ToInt32(p.Channels))
			}
			m.AudioTracks = append(m.AudioTracks, a)
		case mctypes.TrackTypeData:
			// Caption tracks: Probe names their codec C608, C708 or WEBVTT (types.Codec).
			c := jobspec.SourceCaptions{Codec: string(t.Codec)}
			if p := t.DataProperties; p != nil {
				c.Language = aws.ToString(p.LanguageCode)
			}
			m.CaptionTracks = append(m.CaptionTracks, c)
		}
	}
	return m
}

// merge applies the non-zero fields of o over s.
func merge(s, o jobspec.Spec) jobspec.Spec {
	if len(o.Ladder) > 0 {
		s.Ladder = o.Ladder
	}
	if o.Codec != "" {
		s.Codec = o.Codec
	}
	if len(o.Formats) > 0 {
		s.Formats = o.Formats
	}
	if o.SegmentSeconds != 0 {
		s.SegmentSeconds = o.SegmentSeconds
	}
	if o.GOPSeconds != 0 {
		s.GOPSeconds = o.GOPSeconds
	}
	if o.AudioBitrate != 0 {
		s.AudioBitrate = o.AudioBitrate
	}
	if o.ThumbnailSeconds != 0 {
		s.ThumbnailSeconds = o.ThumbnailSeconds
	}
	if o.Captions != "" {
		s.Captions = o.Captions
	}
	if o.Audio != "" {
		s.Audio = o.Audio
	}
	if o.AdBreaks != nil { // [] in a metadata file: this title has no mid-rolls
		s.AdBreaks = o.AdBreaks
	}
	return s
}

func hasSuffix(key string, suffixes []string) bool {
	k := strings.ToLower(key)
	for _, s := range suffixes {
		if strings.HasSuffix(k, "."+strings.ToLower(s)) {
			return true
		}
	}
	return false
}

func retryable(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "TooManyRequestsException", "ThrottlingException", "SlowDown", "RequestLimitExceeded", "InternalServerErrorException", "ServiceUnavailable", "InternalError":
			return true
		}
		return false
	}
	return true // network or timeout errors
}

// assetID makes a MediaPackage asset id from the execution name (letters, digits, - and _).
func assetID(jobID string) string {
	var b strings.Builder
	for _, r := range jobID {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "asset"
	}
	return b.String()
}

func summary(m jobspec.Media, p jobspec.Plan) string {
	var s string
	if p.Layout == "audio-only" {
		s = fmt.Sprintf("%s audio-only (%s), %.1f s", m.Container, m.AudioCodec, m.Duration)
	} else {
		s = fmt.Sprintf("%s %dx%d %s %.3g fps, audio %t, %.1f s -> %d %s renditions", m.Container, m.Width, m.Height,
			m.VideoCodec, m.FrameRate, m.HasAudio, m.Duration, len(p.Renditions), p.Layout)
	}
	var audio, text []string
	for _, a := range p.Audio {
		audio = append(audio, trackName(a.Language, a.Label, string(a.Kind), jobspec.MainAudio))
	}
	for _, c := range p.Captions {
		text = append(text, trackName(c.Language, c.Label, string(c.Kind), ""))
	}
	if len(audio) > 1 || audio != nil && p.Audio[0].Language != "" {
		s += "; audio " + strings.Join(audio, ", ")
	}
	if len(text) > 0 {
		s += "; captions " + strings.Join(text, ", ")
	}
	for _, n := range p.Notes {
		s += "; " + n
	}
	return s
}

// trackName is "eng English" or "eng English (description)" in the summary.
func trackName(lang, label, kind string, plain jobspec.TrackKind) string {
	n := strings.TrimSpace(lang + " " + label)
	if kind != string(plain) {
		n += " (" + kind + ")"
	}
	return n
}

// inMetadataTerms tells a jobspec error with the metadata file's JSON names
// (encoding.ladder[1].maxBitrate), which is what the file's author wrote.
func inMetadataTerms(err error) string {
	var e *validate.Error
	if !errors.As(err, &e) {
		return "encoding: " + err.Error()
	}
	return e.Render(func(path string) string {
		parts := strings.Split(path, ".")
		for i, p := range parts {
			if p != "" {
				parts[i] = strings.ToLower(p[:1]) + p[1:]
			}
		}
		return "encoding." + strings.Join(parts, ".")
	}, nil, " ")
}
