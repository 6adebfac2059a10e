package integ

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
)

// TestPoll: done as soon as the probe says so; a probe's error ends the wait; a timeout names
// what was awaited and the last status seen.
func TestPoll(t *testing.T) {
	n := 0
	err := Poll(context.Background(), "the job", time.Millisecond, time.Second, func(context.Context) (bool, string, error) {
		n++
		return n == 3, "try", nil
	})
	if err != nil || n != 3 {
		t.Errorf("%v after %d probes", err, n)
	}
	boom := errors.New("AccessDenied")
	if err := Poll(context.Background(), "the job", time.Millisecond, time.Second, func(context.Context) (bool, string, error) { return false, "", boom }); !errors.Is(err, boom) {
		t.Errorf("probe error: %v", err)
	}
	err = Poll(context.Background(), "the channel to run", time.Millisecond, 20*time.Millisecond, func(context.Context) (bool, string, error) { return false, "STARTING", nil })
	if err == nil || !strings.Contains(err.Error(), "the channel to run") || !strings.Contains(err.Error(), "last seen: STARTING") {
		t.Errorf("timeout: %v", err)
	}
}

// TestCleanupOrder: steps run last added first, all of them even when one fails, and the
// errors say which.
func TestCleanupOrder(t *testing.T) {
	var c Cleanup
	var ran []string
	step := func(name string, err error) {
		c.Add(name, func(context.Context) error { ran = append(ran, name); return err })
	}
	step("delete retained buckets", nil)
	step("destroy the stacks", nil)
	step("stop the channel", errors.New("ConflictException"))
	if got := c.Steps(); !reflect.DeepEqual(got, []string{"stop the channel", "destroy the stacks", "delete retained buckets"}) {
		t.Errorf("steps %v", got)
	}
	err := c.Run(context.Background())
	if !reflect.DeepEqual(ran, []string{"stop the channel", "destroy the stacks", "delete retained buckets"}) || err == nil || !strings.Contains(err.Error(), "stop the channel: ConflictException") {
		t.Errorf("ran %v, error %v", ran, err)
	}
}

// TestHLSManifests: variants and renditions of a multivariant playlist, the initialization
// section and segments of a media playlist, resolved against the playlist's URL.
func TestHLSManifests(t *testing.T) {
	base, _ := url.Parse("https://d1.cloudfront.net/out/v1/g/main/cmaf-hls/index.m3u8?aws.manifestfilter=x")
	master := "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"English\",URI=\"index_audio.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO=\"a\"\nindex_1.m3u8\n"
	v, r, err := HLSMaster(base, master)
	if err != nil || len(v) != 1 || v[0].String() != "https://d1.cloudfront.net/out/v1/g/main/cmaf-hls/index_1.m3u8" || len(r) != 1 || !strings.HasSuffix(r[0].Path, "index_audio.m3u8") {
		t.Errorf("master: %v %v %v", v, r, err)
	}
	media := "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:6.0,\nsegment_1.mp4\n#EXTINF:6.0,\n../other/segment_2.mp4\n"
	init, segs, err := HLSMedia(v[0], media)
	if err != nil || init.Path != "/out/v1/g/main/cmaf-hls/init.mp4" || len(segs) != 2 || segs[1].Path != "/out/v1/g/main/other/segment_2.mp4" {
		t.Errorf("media: %v %v %v", init, segs, err)
	}
	if _, _, err := HLSMaster(base, "<html>403</html>"); err == nil || !strings.Contains(err.Error(), "not an HLS playlist") {
		t.Errorf("not a playlist: %v", err)
	}
	if _, _, err := HLSMedia(base, "#EXTM3U\n#EXT-X-TARGETDURATION:6\n"); err == nil || !strings.Contains(err.Error(), "no segment") {
		t.Errorf("empty media playlist: %v", err)
	}
}

// TestDASHManifest: each representation's initialization and first media segment from its
// SegmentTemplate (number with width, time from the timeline).
func TestDASHManifest(t *testing.T) {
	base, _ := url.Parse("https://d1.cloudfront.net/out/v1/g/main/cmaf-dash/index.mpd")
	body := `<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet>
<SegmentTemplate initialization="init_$RepresentationID$.mp4" media="seg_$RepresentationID$_$Number%05d$.mp4" startNumber="7"/>
<Representation id="v1" bandwidth="800000"/></AdaptationSet><AdaptationSet>
<Representation id="a1" bandwidth="128000"><SegmentTemplate initialization="a/init.mp4" media="a/$Time$.mp4"><SegmentTimeline><S t="900" d="96000" r="2"/></SegmentTimeline></SegmentTemplate></Representation>
</AdaptationSet></Period></MPD>`
	reps, err := DASHRepresentations(base, body)
	if err != nil || len(reps) != 2 {
		t.Fatalf("%v %v", reps, err)
	}
	if reps[0].Init.Path != "/out/v1/g/main/cmaf-dash/init_v1.mp4" || reps[0].First.Path != "/out/v1/g/main/cmaf-dash/seg_v1_00007.mp4" || reps[1].First.Path != "/out/v1/g/main/cmaf-dash/a/900.mp4" {
		t.Errorf("segments %v %v, %v %v", reps[0].Init, reps[0].First, reps[1].Init, reps[1].First)
	}
}

// TestJobRecord: the record of the run's source, completed or failed with the reason; others'
// records and other messages are passed over.
func TestJobRecord(t *testing.T) {
	bodies := []string{`{"status":"COMPLETE","sourceKey":"other.mp4"}`, `not json`, `{"status":"COMPLETE","sourceKey":"integ/clip.mp4","playback":{"dash":"https://d1/x.mpd"}}`}
	r, err := JobRecord(bodies, "integ/clip.mp4")
	if err != nil || r == nil || r.Playback["dash"] != "https://d1/x.mpd" {
		t.Errorf("%+v %v", r, err)
	}
	if r, err := JobRecord(bodies[:2], "integ/clip.mp4"); r != nil || err != nil {
		t.Errorf("no record yet: %+v %v", r, err)
	}
	if _, err := JobRecord([]string{`{"status":"FAILED","sourceKey":"integ/clip.mp4","failure":{"reason":"no video"}}`}, "integ/clip.mp4"); err == nil || !strings.Contains(err.Error(), "no video") {
		t.Errorf("failed job: %v", err)
	}
}

// TestEstimate: the channel's running time at its hourly list price (half for SINGLE_PIPELINE),
// MediaConvert's minutes counted.
func TestEstimate(t *testing.T) {
	spec := encoder.Spec{Preset: encoder.SD540}
	hourly, _ := liveingest.HourlyListPriceOf(spec, liveingest.SinglePipeline)
	usd, lines := Estimate(Usage{Elapsed: time.Hour, ChannelRunning: 30 * time.Minute, Live: spec, Class: liveingest.SinglePipeline, VodOutputMinutes: 2.5})
	standard, _ := liveingest.HourlyListPriceOf(spec, liveingest.Standard)
	if usd != hourly/2 || hourly != standard/2 || len(lines) != 3 || !strings.Contains(lines[1], "2.5 output minutes") {
		t.Errorf("$%.3f %v (hourly %.3f, standard %.3f)", usd, lines, hourly, standard)
	}
}
