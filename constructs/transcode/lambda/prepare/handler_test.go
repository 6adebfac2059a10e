package main

import (
	"encoding/json"
	"reflect"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/mediaconvert"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// Probe is served by a fake MediaConvert endpoint on loopback (moto has no MediaConvert);
// S3 is moto_server on loopback.

var awsCfg = aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}

// fakeProbe answers POST /2017-08-29/probe with body, or with an HTTP error status.
func fakeProbe(t *testing.T, status int, body string) *mediaconvert.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/2017-08-29/probe" {
			http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
			return
		}
		if status >= 400 {
			w.Header().Set("X-Amzn-Errortype", map[int]string{400: "BadRequestException", 429: "TooManyRequestsException"}[status])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return mediaconvert.NewFromConfig(awsCfg, func(o *mediaconvert.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.RetryMaxAttempts = 1
	})
}

const probe1080 = `{"probeResults":[{"container":{"format":"mp4","duration":12.5,"tracks":[
 {"trackType":"video","codec":"AVC","videoProperties":{"width":1920,"height":1080,"frameRate":{"numerator":30000,"denominator":1001}}},
 {"trackType":"audio","codec":"AAC","audioProperties":{"channels":2,"sampleRate":48000}}]},
 "metadata":{"fileSize":1048576}}]}`

// probeTracks is a source with English and Spanish stereo tracks and CEA-608 captions.
const probeTracks = `{"probeResults":[{"container":{"format":"quicktime","duration":60,"tracks":[
 {"trackType":"video","codec":"PRORES","videoProperties":{"width":1920,"height":1080,"frameRate":{"numerator":25,"denominator":1}}},
 {"trackType":"data","codec":"C608"},
 {"trackType":"audio","codec":"PCM","audioProperties":{"channels":2,"sampleRate":48000,"languageCode":"eng"}},
 {"trackType":"audio","codec":"PCM","audioProperties":{"channels":2,"sampleRate":48000,"languageCode":"spa"}}]},
 "metadata":{"fileSize":1048576}}]}`

func testHandler(t *testing.T, trigger string, probe *mediaconvert.Client, s3c S3API) *handler {
	cfg, err := configFromEnv(func(k string) string {
		return map[string]string{
			"SPEC": `{"formats":["CMAF","HLS"]}`, "SUFFIXES": `["mp4","mov"]`, "OUTPUT_BUCKET": "out", "OUTPUT_BUCKET_ARN": "arn:aws-cn:s3:::out", "ACCELERATION": "ENABLED",
			"SOURCE_PREFIX": "in/", "TRIGGER": trigger, "PLAYBACK_BASE_URL": "https://d111.cloudfront.net", "PLAYER_URL": "https://d111.cloudfront.net/player/", "USER_METADATA": `{"team":"media"}`,
		}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	return &handler{cfg: cfg, probe: probe, s3: s3c}
}

func TestHandleVideo(t *testing.T) {
	h := testHandler(t, "VIDEO", fakeProbe(t, 200, probe1080), nil)
	r, err := h.handle(context.Background(), Event{Bucket: "src", Key: "in/show/ep1.MOV", Size: 10, JobID: "exec-1"})
	if err != nil {
		t.Fatal(err)
	}
	if r.OutputBase != "show/ep1-MOV" || r.Playback["dash"] != "https://d111.cloudfront.net/show/ep1-MOV/cmaf/index.mpd" {
		t.Errorf("paths: base %q playback %v", r.OutputBase, r.Playback)
	}
	// The player link opens CMAF HLS with DASH one click away, each URL query-escaped.
	wantPlayer := "https://d111.cloudfront.net/player/?alt.DASH=https%3A%2F%2Fd111.cloudfront.net%2Fshow%2Fep1-MOV%2Fcmaf%2Findex.mpd&url=https%3A%2F%2Fd111.cloudfront.net%2Fshow%2Fep1-MOV%2Fcmaf%2Findex.m3u8"
	if r.Playback["player"] != wantPlayer {
		t.Errorf("player link %q, want %q", r.Playback["player"], wantPlayer)
	}
	if len(r.Plan.Renditions) != 6 || r.Plan.Renditions[0].Height != 1080 || r.Media.FrameRate < 29.9 {
		t.Errorf("plan %+v media %+v", r.Plan, r.Media)
	}
	// The ARN comes from the deployment (here the China partition), never a hard-coded arn:aws.
	if r.MediaPackage == nil || r.MediaPackage.SourceArn != "arn:aws-cn:s3:::out/show/ep1-MOV/hls/index.m3u8" {
		t.Errorf("MediaPackage source %+v", r.MediaPackage)
	}
	if r.Acceleration != "ENABLED" {
		t.Errorf("acceleration %q for an MP4/AVC source, want ENABLED as configured", r.Acceleration)
	}
	if got := r.Settings.Inputs[0].FileInput; got != "s3://src/in/show/ep1.MOV" {
		t.Errorf("input %s", got)
	}
}

// TestHandleAudioOnly: an audio-only source gets no MediaPackage asset and no acceleration.
func TestHandleAudioOnly(t *testing.T) {
	audio := `{"probeResults":[{"container":{"format":"mp4","duration":30,"tracks":[
 {"trackType":"audio","codec":"AAC","audioProperties":{"channels":2,"sampleRate":48000}}]},"metadata":{"fileSize":4096}}]}`
	r, err := testHandler(t, "VIDEO", fakeProbe(t, 200, audio), nil).handle(context.Background(), Event{Bucket: "src", Key: "in/pod.mp4", Size: 10, JobID: "exec-2"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Plan.Layout != "audio-only" || r.MediaPackage != nil || r.Acceleration != "DISABLED" {
		t.Errorf("layout %s, MediaPackage %+v, acceleration %s; want audio-only, none, DISABLED", r.Plan.Layout, r.MediaPackage, r.Acceleration)
	}
	// With DRM the bucket is not served: an audio-only title would complete with nothing to play.
	h := testHandler(t, "VIDEO", fakeProbe(t, 200, audio), nil)
	h.cfg.MediaPackage, h.cfg.PrivateOutputs = true, true
	var rej *jobspec.Rejection
	if _, err := h.handle(context.Background(), Event{Bucket: "src", Key: "in/pod.mp4", Size: 10, JobID: "exec-3"}); !errors.As(err, &rej) || !strings.Contains(rej.Reason, "not served with DRM (vod:drm)") {
		t.Errorf("audio-only with DRM: %v", err)
	}
}

func TestHandleRejects(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		ev     Event
		want   string
	}{
		{"empty", 200, probe1080, Event{Bucket: "b", Key: "in/a.mp4", Size: 0}, "the source file is empty"},
		{"suffix", 200, probe1080, Event{Bucket: "b", Key: "in/a.txt", Size: 5}, `"in/a.txt" is not a video file`},
		{"unreadable", 400, `{"message":"Unsupported file format"}`, Event{Bucket: "b", Key: "in/a.mp4", Size: 5}, "MediaConvert could not read the source"},
		{"no tracks", 200, `{"probeResults":[{"container":{"format":"mp4","tracks":[]},"metadata":{"fileSize":5}}]}`, Event{Bucket: "b", Key: "in/a.mp4", Size: 5}, "no video or audio track"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := testHandler(t, "VIDEO", fakeProbe(t, c.status, c.body), nil)
			_, err := h.handle(context.Background(), c.ev)
			var rej *jobspec.Rejection
			if !errors.As(err, &rej) || !strings.Contains(rej.Reason, c.want) {
				t.Errorf("got %v, want rejection containing %q", err, c.want)
			}
		})
	}
}

func TestProbeThrottlingIsRetryable(t *testing.T) {
	h := testHandler(t, "VIDEO", fakeProbe(t, 429, `{"message":"slow down"}`), nil)
	_, err := h.handle(context.Background(), Event{Bucket: "b", Key: "in/a.mp4", Size: 5})
	var th *jobspec.Throttled
	if !errors.As(err, &th) {
		t.Errorf("got %T %v, want *Throttled", err, err)
	}
}

func TestAudioOnly(t *testing.T) {
	h := testHandler(t, "VIDEO", fakeProbe(t, 200, `{"probeResults":[{"container":{"format":"mp4","duration":3,"tracks":[{"trackType":"audio","codec":"AAC"}]},"metadata":{"fileSize":9}}]}`), nil)
	r, err := h.handle(context.Background(), Event{Bucket: "b", Key: "in/podcast.mp4", Size: 9})
	if err != nil {
		t.Fatal(err)
	}
	if r.Plan.Layout != "audio-only" || len(r.Settings.OutputGroups) != 2 || r.Settings.OutputGroups[0].Outputs[0].VideoDescription != nil {
		t.Errorf("audio-only plan %+v", r.Plan)
	}
}

// startMoto runs moto_server on a free loopback port for the test.
func startMoto(t *testing.T) *s3.Client {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		t.Fatal("moto_server is not on PATH; run the tests through `make test` or pip install 'moto[server]'")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); ; {
		if resp, err := http.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("moto_server did not start within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s3.NewFromConfig(awsCfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(url); o.UsePathStyle = true })
}

func TestHandleMetadataFileAgainstMoto(t *testing.T) {
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	s3c := startMoto(t)
	ctx := context.Background()
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("src")}); err != nil {
		t.Fatal(err)
	}
	put := func(key, body string) {
		if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	put("in/show/ep1.json", `{"source":"ep1.mov","encoding":{"formats":["CMAF","MP4"],"codec":"H_265"},"userMetadata":{"title":"Episode 1"},"archive":"DEEP_ARCHIVE"}`)
	if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("in/show/ep1.mov"), Body: strings.NewReader("video"), Tagging: aws.String("owner=news")}); err != nil {
		t.Fatal(err)
	}
	put("in/show/cold.json", `{"source":"ep1.mov","archive":"COLD"}`)
	// Captions, subtitles and audio files that come with the source.
	put("in/show/ep1.en.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n")
	put("in/show/ep1.ad.wav", "RIFF")
	put("in/show/empty.vtt", "")
	put("in/show/tracks.json", `{"source":"ep1.mov","encoding":{"audio":"spa,eng"},"captions":[{"file":"ep1.en.srt","language":"eng","kind":"captions"}],"audio":[{"file":"ep1.ad.wav","language":"eng","label":"English (described)","kind":"description"}]}`)
	put("in/show/nosub.json", `{"source":"ep1.mov","captions":[{"file":"ep1.fr.srt","language":"fra"}]}`)
	put("in/show/emptysub.json", `{"source":"ep1.mov","captions":[{"file":"empty.vtt","language":"fra"}]}`)
	put("in/show/outside.json", `{"source":"ep1.mov","captions":[{"file":"other/ep1.srt","language":"fra"}]}`)
	put("in/show/audiokind.json", `{"source":"ep1.mov","audio":[{"file":"ep1.ad.wav","language":"eng","kind":"forced"}]}`)
	put("in/show/ep1.scc", "Scenarist_SCC V1.0\n\n01:00:01;12\t9420 9420 94ae 94ae\n")
	put("in/show/scc.json", `{"source":"ep1.mov","captions":[{"file":"ep1.scc","language":"eng","kind":"captions"}]}`)
	// A feature-length title (probeTracks says 60 s; the rule does not look at the length for
	// a file timed from 01:00:00) and a file whose first cue is at 01:25 on a 60 s source.
	put("in/show/late.scc", "Scenarist_SCC V1.0\n\n01:25:00;00\t9420 9420\n")
	put("in/show/late.json", `{"source":"ep1.mov","captions":[{"file":"late.scc","language":"eng"}]}`)
	put("in/show/scc0.json", `{"source":"ep1.mov","captions":[{"file":"ep1.scc","language":"eng","kind":"captions","offsetSeconds":0}]}`)
	put("in/show/badlang.json", `{"source":"ep1.mov","captions":[{"file":"ep1.en.srt","language":"english"}]}`)
	put("in/show/bad.json", `{"source":"ep1.mov","encoding":{"codec":"VP9"}}`)
	put("in/show/typo.json", `{"sourc":"ep1.mov"}`)

	h := testHandler(t, "METADATA", fakeProbe(t, 200, probe1080), s3c)
	r, err := h.handle(ctx, Event{Bucket: "src", Key: "in/show/ep1.json", Size: 10, JobID: "j"})
	if err != nil {
		t.Fatal(err)
	}
	if r.SourceKey != "in/show/ep1.mov" || r.UserMetadata["title"] != "Episode 1" || r.UserMetadata["team"] != "media" || r.UserMetadata["sourceKey"] != "in/show/ep1.mov" || r.Playback["mp4"] == "" || r.MediaPackage != nil {
		t.Errorf("result %+v", r)
	}
	if c := r.Settings.OutputGroups[0].Outputs[0].VideoDescription.CodecSettings.Codec; c != "H_265" {
		t.Errorf("codec override not applied: %s", c)
	}
	tags, err := s3c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("src"), Key: aws.String("in/show/ep1.mov")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tg := range tags.TagSet {
		got[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	if got["StreamCdkArchive"] != "DEEP_ARCHIVE" || got["owner"] != "news" {
		t.Errorf("source tags %v, want the archive tag added and owner kept", got)
	}
	// The tracks: the source's Spanish then English audio (listed order), the sidecar audio
	// description, the source's 608 captions and the sidecar SDH captions.
	h2 := testHandler(t, "METADATA", fakeProbe(t, 200, probeTracks), s3c)
	r, err = h2.handle(ctx, Event{Bucket: "src", Key: "in/show/tracks.json", Size: 10, JobID: "j"})
	if err != nil {
		t.Fatal(err)
	}
	var audio, captions []string
	for _, a := range r.Plan.Audio {
		audio = append(audio, fmt.Sprintf("%v%s:%s:%s", a.Tracks, a.File, a.Language, a.Kind))
	}
	for _, c := range r.Plan.Captions {
		captions = append(captions, fmt.Sprintf("%d%s:%s:%s:%s", c.Channel, c.File, c.Format, c.Language, c.Kind))
	}
	if strings.Join(audio, " ") != "[2]:spa:main [1]:eng:main []s3://src/in/show/ep1.ad.wav:eng:description" ||
		strings.Join(captions, " ") != "1:EMBEDDED:eng:captions 0s3://src/in/show/ep1.en.srt:SRT:eng:captions" {
		t.Errorf("tracks: audio %v, captions %v", audio, captions)
	}
	if r.Playback["cmafHls"] != "https://d111.cloudfront.net/show/ep1-mov/cmaf/index-hls.m3u8" || !strings.Contains(r.Summary, "audio spa Español, eng English, eng English (described) (description); captions eng English (captions)") {
		t.Errorf("playback %v, summary %q", r.Playback, r.Summary)
	}
	// An SCC file timed from 01:00:00;00 on a 60 s source moves back an hour, unless the
	// metadata gives its offset.
	for key, want := range map[string]int{"in/show/scc.json": -3600, "in/show/scc0.json": 0, "in/show/late.json": -3600} {
		r, err := h2.handle(ctx, Event{Bucket: "src", Key: key, Size: 10, JobID: "j"})
		if err != nil {
			t.Fatal(err)
		}
		fs := r.Settings.Inputs[0].CaptionSelectors["Captions Selector 2"].SourceSettings.FileSourceSettings
		if fs == nil || fs.TimeDelta != want || (want != 0) != strings.Contains(r.Summary, "scc starts at 1:00:00 by timecode, moved back 1 h") {
			t.Errorf("%s: file source %+v, summary %q; want TimeDelta %d", key, fs, r.Summary, want)
		}
	}
	for key, want := range map[string]string{
		"in/show/nosub.json":     "captions[0] file in/show/ep1.fr.srt does not exist",
		"in/show/emptysub.json":  "captions[0] file in/show/empty.vtt is empty",
		"in/show/outside.json":   `captions[0] file other/ep1.srt is outside the source prefix "in/"`,
		"in/show/audiokind.json": `audio[0] kind "forced" is not allowed; use main, description`,
		"in/show/badlang.json":   `captions[0].language "english" has no valid language`,
		"in/show/cold.json":      `archive "COLD" is not allowed`,
		"in/show/bad.json":       `encoding.codec "VP9" is not allowed; use H_264 or H_265`,
		"in/show/typo.json":      `unknown field "sourc"`,
		"in/show/missing.json":   "could not be read",
	} {
		_, err := h.handle(ctx, Event{Bucket: "src", Key: key, Size: 10})
		var rej *jobspec.Rejection
		if !errors.As(err, &rej) || !strings.Contains(rej.Reason, want) {
			t.Errorf("%s: got %v, want rejection containing %q", key, err, want)
		}
	}
}

func TestCdnURLs(t *testing.T) {
	h := testHandler(t, "VIDEO", nil, nil)
	raw := `{"action":"cdnUrls","playback":{"hls":"https://d111.cloudfront.net/a/hls/index.m3u8"},
	  "egressEndpoints":[{"PackagingConfigurationId":"cfg-dash","Url":"https://abc.egress.mediapackage-vod.us-east-1.amazonaws.com/out/v1/h1/h2/h3/index.mpd","Status":"PLAYABLE"}],
	  "names":{"cfg-dash":"mediaPackageDash"}}`
	out, err := h.invoke(context.Background(), []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	m := out.(map[string]string)
	if m["mediaPackageDash"] != "https://d111.cloudfront.net/out/v1/h1/h2/h3/index.mpd" || m["hls"] == "" {
		t.Errorf("urls %v", m)
	}
	// Without an action the event prepares a job.
	if _, err := h.invoke(context.Background(), []byte(`{"bucket":"b","key":"in/a.txt","size":1}`)); err == nil || !strings.Contains(err.Error(), "not a video file") {
		t.Errorf("prepare via invoke: %v", err)
	}
}

// TestHandleAds: with ads on, the playback URLs include the ad-enabled ones (MediaTailor's
// prefixes on the distribution, then the output key), the player link carries them for its Ads
// switch, and the configured mid-rolls within the title are cued; a metadata file's empty
// adBreaks turns them off for its title.
func TestHandleAds(t *testing.T) {
	h := testHandler(t, "VIDEO", fakeProbe(t, 200, probe1080), nil)
	h.cfg.AdsHLSPrefix = "https://d111.cloudfront.net/v1/master/abc/cfg/"
	h.cfg.AdsDASHPrefix = "https://d111.cloudfront.net/v1/dash/abc/cfg/"
	h.cfg.Spec.AdBreaks = []int{6, 60}
	r, err := h.handle(context.Background(), Event{Bucket: "src", Key: "in/show/ep1.mov", Size: 10, JobID: "exec-1"})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"adsHls":     "https://d111.cloudfront.net/v1/master/abc/cfg/show/ep1-mov/hls/index.m3u8",
		"adsCmafHls": "https://d111.cloudfront.net/v1/master/abc/cfg/show/ep1-mov/cmaf/index.m3u8",
		"adsDash":    "https://d111.cloudfront.net/v1/dash/abc/cfg/show/ep1-mov/cmaf/index.mpd",
	} {
		if r.Playback[k] != want {
			t.Errorf("playback %s = %q, want %q", k, r.Playback[k], want)
		}
	}
	// With mid-rolls the Ads switch plays HLS (TS) through MediaTailor: only those manifests
	// carry the cues (through MediaTailor, CMAF would get a pre-roll at most).
	p, _ := url.Parse(r.Playback["player"])
	if q := p.Query(); q.Get("ads") != r.Playback["adsHls"] || q.Get("ads.DASH") != r.Playback["adsDash"] || q.Get("url") != r.Playback["cmafHls"] {
		t.Errorf("player link %s", r.Playback["player"])
	}
	// 60 s is past the 12.5 s title: only the 6 s cue is written.
	if fmt.Sprint(r.Plan.AdBreaks) != "[6]" || r.Settings.Esam == nil || !strings.Contains(r.Settings.Esam.SignalProcessingNotification.SccXml, `nptPoint="6"`) {
		t.Errorf("plan breaks %v, esam %+v", r.Plan.AdBreaks, r.Settings.Esam)
	}
	if got := merge(h.cfg.Spec, jobspec.Spec{AdBreaks: []int{}}); len(got.AdBreaks) != 0 {
		t.Errorf("metadata adBreaks [] kept %v", got.AdBreaks)
	}
	if got := merge(h.cfg.Spec, jobspec.Spec{}); fmt.Sprint(got.AdBreaks) != "[6 60]" {
		t.Errorf("metadata without adBreaks dropped them: %v", got.AdBreaks)
	}
}

// TestProbeUnidentifiedContainer: a source whose container Probe does not name (its Format enum
// lacks MPEG-PS, ASF, raw H.264, HLS) is never refused as "no video or audio track": with the
// tracks Probe did report it is planned and transcoded; with none it is refused for the true
// reason, naming the containers Probe identifies.
func TestProbeUnidentifiedContainer(t *testing.T) {
	tracksOnly := `{"probeResults":[{"container":{"tracks":[
 {"trackType":"video","codec":"MPEG2","videoProperties":{"width":720,"height":576}},
 {"trackType":"audio","codec":"MP3"}]},"metadata":{"fileSize":1048576}}]}`
	r, err := testHandler(t, "VIDEO", fakeProbe(t, 200, tracksOnly), nil).handle(context.Background(), Event{Bucket: "src", Key: "in/show/ep1.mp4", Size: 10, JobID: "exec-1"})
	if err != nil || len(r.Plan.Renditions) == 0 {
		t.Fatalf("tracks reported without a container: %v, plan %+v; want a transcode planned from the tracks", err, r)
	}
	nothing := `{"probeResults":[{"container":{"tracks":[]},"metadata":{"fileSize":1048576}}]}`
	_, err = testHandler(t, "VIDEO", fakeProbe(t, 200, nothing), nil).handle(context.Background(), Event{Bucket: "src", Key: "in/show/ep1.mov", Size: 10, JobID: "exec-1"})
	var rej *jobspec.Rejection
	if !errors.As(err, &rej) || strings.Contains(rej.Reason, "no video or audio track") || !strings.Contains(rej.Reason, "did not identify the source's container (.mov)") ||
		!strings.Contains(rej.Reason, string(mctypes.FormatQuicktime)) {
		t.Errorf("nothing identified: %v; want a rejection saying Probe did not identify the container and which it does", err)
	}
}

// TestProbeReportsNoRotation: Probe's VideoProperties has no rotation or orientation field, so
// a phone video stored landscape with a rotation flag is planned from its stored size (the
// README states this limit). The day the SDK's model gains one, this fails: plan from it then.
func TestProbeReportsNoRotation(t *testing.T) {
	rt := reflect.TypeOf(mctypes.VideoProperties{})
	for i := range rt.NumField() {
		if n := strings.ToLower(rt.Field(i).Name); strings.Contains(n, "rotat") || strings.Contains(n, "orient") {
			t.Errorf("Probe now reports %s: plan renditions from the displayed orientation", rt.Field(i).Name)
		}
	}
}

// TestReservedOutputFolders: a source whose output folder the distribution routes elsewhere
// (the player page, MediaTailor, MediaPackage) is refused before anything runs, saying why.
func TestReservedOutputFolders(t *testing.T) {
	for _, key := range []string{"in/player/ep1.mp4", "in/v1/ep1.mp4", "in/tm/x.mp4", "in/out/v1/ep1.mp4"} {
		_, err := testHandler(t, "VIDEO", fakeProbe(t, 200, probe1080), nil).handle(context.Background(), Event{Bucket: "src", Key: key, Size: 10, JobID: "exec-1"})
		var rej *jobspec.Rejection
		if !errors.As(err, &rej) || !strings.Contains(rej.Reason, "which the distribution routes to its") {
			t.Errorf("%s: %v, want a rejection naming the route", key, err)
		}
	}
}

// TestEncryptedAssetURLs: with private outputs (DRM) a job lists no rendition URL (they are not
// served) and its player link, made with the asset's URLs, opens MediaPackage's DASH with CMAF
// HLS one click away and the Clear Key license route of the asset's content id.
func TestEncryptedAssetURLs(t *testing.T) {
	h := testHandler(t, "VIDEO", fakeProbe(t, 200, probe1080), nil)
	h.cfg.Spec.Formats = []jobspec.Format{jobspec.HLS}
	h.cfg.MediaPackage, h.cfg.PrivateOutputs, h.cfg.ClearKeyLicense = true, true, "/streamcdk-license"
	r, err := h.handle(context.Background(), Event{Bucket: "src", Key: "in/show/ep1.mov", Size: 10, JobID: "exec-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Playback) != 0 || r.MediaPackage == nil {
		t.Fatalf("playback %v (want none before packaging), MediaPackage %v", r.Playback, r.MediaPackage)
	}
	raw, _ := json.Marshal(map[string]any{"action": "cdnUrls", "playback": r.Playback, "resourceId": r.MediaPackage.ResourceID,
		"egressEndpoints": []map[string]string{
			{"PackagingConfigurationId": "cfg-dash", "Url": "https://abc.egress.mediapackage-vod.us-east-1.amazonaws.com/out/v1/h1/h2/h3/index.mpd"},
			{"PackagingConfigurationId": "cfg-cmaf", "Url": "https://abc.egress.mediapackage-vod.us-east-1.amazonaws.com/out/v1/h1/h4/h5/index.m3u8"}},
		"names": map[string]string{"cfg-dash": "mediaPackageDash", "cfg-cmaf": "mediaPackageCmaf"}})
	out, err := h.invoke(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	link, _ := url.Parse(out.(map[string]string)["player"])
	q := link.Query()
	if q.Get("url") != "https://d111.cloudfront.net/out/v1/h1/h2/h3/index.mpd" || q.Get("alt.CMAF") != "https://d111.cloudfront.net/out/v1/h1/h4/h5/index.m3u8" ||
		q.Get("clearkey") != "/streamcdk-license/"+r.MediaPackage.ResourceID || r.MediaPackage.ResourceID == "" {
		t.Errorf("player link %s (content id %q)", link, r.MediaPackage.ResourceID)
	}
}
