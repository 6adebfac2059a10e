package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// checkSidecars turns the metadata file's caption and audio files into the plan's sidecars:
// each named in the pipeline's terms, under the source prefix (where MediaConvert may read),
// present and not empty. A missing or unreadable file fails the job here, with that reason,
// before anything is encoded.
func (h *handler) checkSidecars(ctx context.Context, bucket string, j *job, duration float64) ([]jobspec.Sidecar, []string, error) {
	var out []jobspec.Sidecar
	var notes []string
	for _, list := range []struct {
		name  string
		files []SidecarFile
		kind  jobspec.TrackKind
	}{{"captions", j.captions, jobspec.Subtitles}, {"audio", j.audio, jobspec.MainAudio}} {
		for i, f := range list.files {
			field := fmt.Sprintf("%s[%d]", list.name, i)
			sc, err := h.checkSidecar(ctx, bucket, j.metadata, field, f, list.kind)
			if err != nil {
				return nil, nil, err
			}
			if f.OffsetSeconds == nil && strings.EqualFold(path.Ext(sc.URL), ".scc") {
				if sc.OffsetSeconds, err = h.sccOffset(ctx, bucket, strings.TrimPrefix(sc.URL, "s3://"+bucket+"/"), duration); err != nil {
					return nil, nil, err
				}
				if sc.OffsetSeconds != 0 {
					notes = append(notes, fmt.Sprintf("%s: %s starts at %d:00:00 by timecode, moved back %d h", field, path.Base(sc.URL), -sc.OffsetSeconds/3600, -sc.OffsetSeconds/3600))
				}
			}
			out = append(out, sc)
		}
	}
	return out, notes, nil
}

var sccTimecode = regexp.MustCompile(`(?m)^(\d{2}):(\d{2}):(\d{2})[:;.,](\d{2})\s`)

// sccOffset is how far an SCC file's cues move: MediaConvert places SCC captions by timecode
// on the input's timeline ("Input timecode source and captions alignment",
// https://docs.aws.amazon.com/mediaconvert/latest/ug/about-input-timecode-source-and-captions-alignment.html),
// which jobs start at zero (TimecodeSource ZEROBASED); broadcast SCC files start at
// 01:00:00;00. A file whose first cue falls in the first ten minutes of an hour from the first
// on (a programme timed from HH:00:00), or past the source's end, is moved back by those hours.
func (h *handler) sccOffset(ctx context.Context, bucket, key string, duration float64) (int, error) {
	out, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Range: aws.String("bytes=0-65535")})
	if err != nil {
		if retryable(err) {
			return 0, &jobspec.Throttled{Err: err}
		}
		return 0, &jobspec.Rejection{Reason: "caption file " + key + " could not be read: " + err.Error()}
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	m := sccTimecode.FindSubmatch(b)
	if m == nil {
		return 0, nil
	}
	hours, _ := strconv.Atoi(string(m[1]))
	minutes, _ := strconv.Atoi(string(m[2]))
	if hours == 0 || (minutes >= 10 && (duration <= 0 || float64(hours*3600) < duration)) {
		return 0, nil
	}
	return -hours * 3600, nil
}

func (h *handler) checkSidecar(ctx context.Context, bucket, metadata, field string, f SidecarFile, defaultKind jobspec.TrackKind) (jobspec.Sidecar, error) {
	reject := func(format string, args ...any) error {
		return &jobspec.Rejection{Reason: "metadata file " + metadata + ": " + field + " " + fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(f.File) == "" {
		return jobspec.Sidecar{}, reject(`has no "file"`)
	}
	key := f.File
	if !strings.Contains(key, "/") {
		key = path.Join(path.Dir(metadata), key)
	}
	if !strings.HasPrefix(key, h.cfg.SourcePrefix) {
		return jobspec.Sidecar{}, reject("file %s is outside the source prefix %q, where MediaConvert may read; upload it there", key, h.cfg.SourcePrefix)
	}
	sc := jobspec.Sidecar{URL: "s3://" + bucket + "/" + key, Kind: jobspec.TrackKind(strings.ToLower(f.Kind)), Language: f.Language, Label: f.Label}
	if f.OffsetSeconds != nil {
		sc.OffsetSeconds = *f.OffsetSeconds
	}
	if sc.Kind == "" {
		sc.Kind = defaultKind
	}
	if (defaultKind == jobspec.MainAudio) != sc.IsAudio() {
		allowed := jobspec.CaptionKinds
		if defaultKind == jobspec.MainAudio {
			allowed = jobspec.AudioKinds
		}
		return jobspec.Sidecar{}, reject("kind %q is not allowed; use %s", f.Kind, kindNames(allowed))
	}
	if err := sc.Check("metadata", field); err != nil {
		return jobspec.Sidecar{}, &jobspec.Rejection{Reason: "metadata file " + metadata + ": " + strings.TrimPrefix(err.Error(), "metadata: ")}
	}
	head, err := h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	switch {
	case err != nil && notFound(err):
		return jobspec.Sidecar{}, reject("file %s does not exist", key)
	case err != nil && retryable(err):
		return jobspec.Sidecar{}, &jobspec.Throttled{Err: err}
	case err != nil:
		return jobspec.Sidecar{}, reject("file %s could not be read: %v", key, err)
	case aws.ToInt64(head.ContentLength) == 0:
		return jobspec.Sidecar{}, reject("file %s is empty", key)
	}
	return sc, nil
}

func notFound(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && (ae.ErrorCode() == "NotFound" || ae.ErrorCode() == "NoSuchKey")
}

func kindNames(ks []jobspec.TrackKind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
