package main

import (
	"context"
	"errors"
	"fmt"
	"path"
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
func (h *handler) checkSidecars(ctx context.Context, bucket string, j *job) ([]jobspec.Sidecar, error) {
	var out []jobspec.Sidecar
	for _, list := range []struct {
		name  string
		files []SidecarFile
		kind  jobspec.TrackKind
	}{{"captions", j.captions, jobspec.Subtitles}, {"audio", j.audio, jobspec.MainAudio}} {
		for i, f := range list.files {
			field := fmt.Sprintf("%s[%d]", list.name, i)
			sc, err := h.checkSidecar(ctx, bucket, j.metadata, field, f, list.kind)
			if err != nil {
				return nil, err
			}
			out = append(out, sc)
		}
	}
	return out, nil
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
