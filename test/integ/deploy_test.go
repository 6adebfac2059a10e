//go:build integ

package integ

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/medialive"
	"github.com/aws/aws-sdk-go-v2/service/mediapackagev2"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
)

var cfg aws.Config

// TestMain refuses, in one line, to run without AWS credentials and a Region: the run deploys
// into the account they name.
func TestMain(m *testing.M) {
	ctx := context.Background()
	var err error
	cfg, err = config.LoadDefaultConfig(ctx)
	if err == nil && cfg.Region == "" {
		err = fmt.Errorf("no Region: set AWS_REGION")
	}
	if err == nil {
		var id *sts.GetCallerIdentityOutput
		if id, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err == nil {
			fmt.Printf("streamcdk integ: account %s, Region %s, as %s\n", aws.ToString(id.Account), cfg.Region, aws.ToString(id.Arn))
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "streamcdk: make integ needs AWS credentials for a sandbox account (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and AWS_REGION; the account bootstrapped with npx cdk bootstrap): %v\n", firstLine(err))
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func firstLine(err error) string { s, _, _ := strings.Cut(err.Error(), "\n"); return s }

// The run's small configuration: one SINGLE_PIPELINE SD channel pulling the default test
// streams, a two-rung VoD ladder.
var (
	liveSpec  = encoder.Spec{Preset: encoder.SD540}
	liveClass = liveingest.SinglePipeline
)

func settings(vod, live string) []string {
	return []string{"-c", "streamcdk:vodStackName=" + vod, "-c", "streamcdk:liveStackName=" + live,
		"-c", "vod:ladder=540:1500,360:800", "-c", "vod:formats=CMAF,HLS",
		"-c", "live:channelClass=" + string(liveClass), "-c", "live:preset=" + string(liveSpec.Preset)}
}

// TestDeployed deploys both stacks, transcodes a clip and plays it, runs the live channel and
// plays it, checks the live origin refuses a request without the CDN identifier; then stops the
// channel and destroys both stacks, also when a step failed, and prints the time and cost.
func TestDeployed(t *testing.T) {
	start := time.Now()
	suffix := start.UTC().Format("0102150405")
	vod, live := "StreamCdkIntegVod"+suffix, "StreamCdkIntegLive"+suffix
	// The checks get two hours and stop at Ctrl-C; the clean-up runs after them either way, on a
	// context of its own, well inside the binary's timeout (scripts/integ.sh: 3 h), which would
	// skip it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Hour)
	defer cancel()
	root, _ := filepath.Abs("../..")
	args := settings(vod, live)
	u := Usage{Live: liveSpec, Class: liveClass, VodOutputMinutes: 4 * 10.0 / 60}
	var cleanup Cleanup
	// t.Cleanup, not defer: it runs when a subtest fails fatally or panics, too.
	t.Cleanup(func() {
		defer stop() // signals stay caught (and ignored) until the clean-up is done
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Minute)
		defer cancel()
		if err := cleanup.Run(ctx); err != nil {
			t.Errorf("clean-up: %v (delete what is left by hand: stacks %s and %s)", err, vod, live)
		}
		u.Elapsed = time.Since(start)
		usd, lines := Estimate(u)
		t.Logf("took %s; cost about $%.2f:\n  %s", u.Elapsed.Round(time.Second), usd, strings.Join(lines, "\n  "))
	})
	cleanup.Add("delete the retained buckets", func(ctx context.Context) error {
		return deleteBuckets(ctx, strings.ToLower(vod), strings.ToLower(live))
	})
	cleanup.Add("destroy the stacks", func(ctx context.Context) error {
		return cdk(ctx, root, append([]string{"destroy", "--all", "--force"}, args...)...)
	})
	outFile := filepath.Join(t.TempDir(), "outputs.json")
	if err := cdk(ctx, root, append([]string{"deploy", "--all", "--require-approval", "never", "--outputs-file", outFile}, args...)...); err != nil {
		t.Fatalf("deploy: %v", err)
	}
	outs := readOutputs(t, outFile)
	t.Run("vod", func(t *testing.T) { checkVod(t, ctx, outs[vod]) })
	t.Run("live", func(t *testing.T) { checkLive(t, ctx, outs[live], &cleanup, &u.ChannelRunning) })
}

// checkVod uploads a clip ffmpeg makes, waits for its record and fetches every manifest and the
// first segments of every rendition through CloudFront.
func checkVod(t *testing.T, ctx context.Context, out map[string]string) {
	clip := filepath.Join(t.TempDir(), "clip.mp4")
	ff := exec.Command("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
		"-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip)
	if b, err := ff.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, b)
	}
	f, _ := os.Open(clip)
	defer f.Close()
	key := "integ/clip.mp4"
	if _, err := s3.NewFromConfig(cfg).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(out["MezzanineBucketName"]), Key: aws.String(key), Body: f}); err != nil {
		t.Fatalf("upload: %v", err)
	}
	q := sqs.NewFromConfig(cfg)
	var rec *Record
	err := Poll(ctx, "the clip's completion record", 10*time.Second, 30*time.Minute, func(ctx context.Context) (bool, string, error) {
		msgs, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(out["CompletionsQueueUrl"]), MaxNumberOfMessages: 10, WaitTimeSeconds: 10})
		if err != nil {
			return false, "", err
		}
		var bodies []string
		for _, m := range msgs.Messages {
			bodies = append(bodies, aws.ToString(m.Body))
		}
		rec, err = JobRecord(bodies, key)
		return rec != nil, fmt.Sprintf("%d messages", len(bodies)), err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"cmafHls", "hls"} {
		checkHLS(t, ctx, rec.Playback[kind])
	}
	checkDASH(t, ctx, rec.Playback["dash"])
}

// checkLive starts the channel (stopped again by the clean-up, which records in running how
// long it ran), waits until it runs and its HLS, CMAF and DASH play through CloudFront, and
// checks that MediaPackage's own egress refuses a request without the CDN identifier.
func checkLive(t *testing.T, ctx context.Context, out map[string]string, cleanup *Cleanup, running *time.Duration) {
	ml := medialive.NewFromConfig(cfg)
	id := aws.String(out["MainChannelId"])
	started := time.Now()
	cleanup.Add("stop the channel", func(ctx context.Context) error {
		defer func() { *running = time.Since(started) }()
		// A channel still starting cannot be stopped yet: wait until it runs (or never did), then
		// stop it, retrying what MediaLive refuses while it settles.
		settled := func(ctx context.Context) (bool, string, error) {
			d, err := ml.DescribeChannel(ctx, &medialive.DescribeChannelInput{ChannelId: id})
			if err != nil {
				return false, "", err
			}
			s := string(d.State)
			return s != "STARTING" && s != "STOPPING", s, nil
		}
		if err := Poll(ctx, "the channel to leave STARTING", 15*time.Second, 15*time.Minute, settled); err != nil {
			return err
		}
		err := Poll(ctx, "the channel to stop", 15*time.Second, 15*time.Minute, func(ctx context.Context) (bool, string, error) {
			d, err := ml.DescribeChannel(ctx, &medialive.DescribeChannelInput{ChannelId: id})
			if err != nil {
				return false, "", err
			}
			switch string(d.State) {
			case "IDLE":
				return true, "IDLE", nil
			case "RUNNING":
				if _, err := ml.StopChannel(ctx, &medialive.StopChannelInput{ChannelId: id}); err != nil {
					return false, "stop refused: " + firstLine(err), nil
				}
			}
			return false, string(d.State), nil
		})
		return err
	})
	if _, err := ml.StartChannel(ctx, &medialive.StartChannelInput{ChannelId: id}); err != nil {
		t.Fatalf("start: %v", err)
	}
	if err := Poll(ctx, "the channel to run", 15*time.Second, 20*time.Minute, channelState(ml, id, "RUNNING")); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"MainHlsUrl", "MainCmafHlsUrl"} {
		k := k
		if err := Poll(ctx, k+" to play", 15*time.Second, 10*time.Minute, func(context.Context) (bool, string, error) { return playsHLS(ctx, out[k]) }); err != nil {
			t.Error(err)
		}
	}
	if err := Poll(ctx, "MainDashUrl to play", 15*time.Second, 10*time.Minute, func(context.Context) (bool, string, error) { return playsDASH(ctx, out["MainDashUrl"]) }); err != nil {
		t.Error(err)
	}
	checkOriginRefuses(t, ctx, out["MainHlsUrl"])
}

func channelState(ml *medialive.Client, id *string, want string) Probe {
	return func(ctx context.Context) (bool, string, error) {
		d, err := ml.DescribeChannel(ctx, &medialive.DescribeChannelInput{ChannelId: id})
		if err != nil {
			return false, "", err
		}
		return string(d.State) == want, string(d.State), nil
	}
}

// checkOriginRefuses asks MediaPackage's egress for the stream without the CDN identifier the
// distribution sends: it must answer 403.
func checkOriginRefuses(t *testing.T, ctx context.Context, cdnURL string) {
	u, _ := url.Parse(cdnURL)
	parts := strings.Split(strings.TrimPrefix(u.Path, "/"), "/") // out/v1/<group>/<channel>/<endpoint>/<manifest>
	if len(parts) < 4 {
		t.Fatalf("unexpected live URL %s", cdnURL)
	}
	g, err := mediapackagev2.NewFromConfig(cfg).GetChannelGroup(ctx, &mediapackagev2.GetChannelGroupInput{ChannelGroupName: aws.String(parts[2])})
	if err != nil {
		t.Fatalf("channel group %s: %v", parts[2], err)
	}
	_, status, err := get(ctx, "https://"+aws.ToString(g.EgressDomain)+u.Path)
	if err != nil || status != http.StatusForbidden {
		t.Errorf("MediaPackage's egress answered %d (%v) without the CDN identifier; want 403", status, err)
	}
}

func checkHLS(t *testing.T, ctx context.Context, master string) {
	if done, status, err := playsHLS(ctx, master); !done || err != nil {
		t.Errorf("%s: %s %v", master, status, err)
	}
}

func checkDASH(t *testing.T, ctx context.Context, mpd string) {
	if done, status, err := playsDASH(ctx, mpd); !done || err != nil {
		t.Errorf("%s: %s %v", mpd, status, err)
	}
}

// playsHLS fetches a multivariant playlist, each variant and rendition playlist, and each one's
// initialization section and first segment; not done (with what failed) until all answer.
func playsHLS(ctx context.Context, master string) (bool, string, error) {
	base, _ := url.Parse(master)
	body, status, err := get(ctx, master)
	if err != nil || status != 200 {
		return false, fmt.Sprintf("%s: HTTP %d %v", master, status, err), nil
	}
	variants, renditions, err := HLSMaster(base, string(body))
	if err != nil {
		return false, err.Error(), nil
	}
	for _, v := range append(variants, renditions...) {
		b, status, err := get(ctx, v.String())
		if err != nil || status != 200 {
			return false, fmt.Sprintf("%s: HTTP %d %v", v, status, err), nil
		}
		init, segs, err := HLSMedia(v, string(b))
		if err != nil {
			return false, err.Error(), nil
		}
		for _, s := range []*url.URL{init, segs[0]} {
			if s == nil {
				continue
			}
			if b, status, err := get(ctx, s.String()); err != nil || status != 200 || len(b) == 0 {
				return false, fmt.Sprintf("%s: HTTP %d %v", s, status, err), nil
			}
		}
	}
	return true, "", nil
}

// playsDASH fetches an MPD and each representation's initialization and first media segment.
func playsDASH(ctx context.Context, mpd string) (bool, string, error) {
	base, _ := url.Parse(mpd)
	body, status, err := get(ctx, mpd)
	if err != nil || status != 200 {
		return false, fmt.Sprintf("%s: HTTP %d %v", mpd, status, err), nil
	}
	reps, err := DASHRepresentations(base, string(body))
	if err != nil {
		return false, err.Error(), nil
	}
	for _, r := range reps {
		for _, s := range []*url.URL{r.Init, r.First} {
			if b, status, err := get(ctx, s.String()); err != nil || status != 200 || len(b) == 0 {
				return false, fmt.Sprintf("%s: HTTP %d %v", s, status, err), nil
			}
		}
	}
	return true, "", nil
}

func get(ctx context.Context, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}

// cdk runs the project's CDK CLI in root, its output streamed, ended with ctx, in a process
// group of its own: a Ctrl-C is the run's to handle (it moves on to the clean-up), not a
// deploy's to die of while CloudFormation carries on.
func cdk(ctx context.Context, root string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(root, "node_modules", ".bin", "cdk"), args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd.Run()
}

func readOutputs(t *testing.T, path string) map[string]map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]map[string]string
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// deleteBuckets empties (every version) and deletes the buckets the stacks retained on
// destroy: the run's data is a test clip, unlike a user's.
func deleteBuckets(ctx context.Context, prefixes ...string) error {
	c := s3.NewFromConfig(cfg)
	list, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return err
	}
	for _, b := range list.Buckets {
		name := aws.ToString(b.Name)
		mine := false
		for _, p := range prefixes {
			mine = mine || strings.HasPrefix(name, p+"-")
		}
		if !mine {
			continue
		}
		p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(name)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			var ids []s3types.ObjectIdentifier
			for _, v := range page.Versions {
				ids = append(ids, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
			}
			for _, m := range page.DeleteMarkers {
				ids = append(ids, s3types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
			}
			if len(ids) > 0 {
				if _, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(name), Delete: &s3types.Delete{Objects: ids}}); err != nil {
					return err
				}
			}
		}
		if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)}); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	return nil
}
