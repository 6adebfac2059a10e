package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The page in a real browser: ffmpeg makes media at test time (HLS with TS segments, HLS with
// CMAF segments, DASH, each with two renditions, and a live sliding-window HLS stream it keeps
// writing), the synthesized distribution (Edge) serves the page and the media on a loopback
// port, headless Chromium plays each from the address the stack's PlayerUrl output gives.

// need returns the path of a tool the browser tests need, or fails with what to install.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed; the browser tests need it: apt-get install chromium ffmpeg (make test installs them when it runs as root)", name)
	}
	return p
}

func ffmpeg(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(need(t, "ffmpeg"), append([]string{"-hide_banner", "-loglevel", "error", "-y"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// source is a 10 s test picture and tone, split into 426x240 and 256x144 renditions (small and
// fast to encode: the test is about playback, not picture).
var source = []string{"-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
	"-filter_complex", "[0:v]split=2[a][b];[b]scale=256:144[c]", "-map", "[a]", "-map", "[c]", "-map", "1:a", "-map", "1:a",
	"-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v:0", "500k", "-b:v:1", "200k",
	"-c:a", "aac", "-b:a", "64k"}

func makeMedia(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"hls", "cmaf", "dash"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	ffmpeg(t, dir, append(append([]string{}, source...), "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-master_pl_name", "index.m3u8",
		"-var_stream_map", "v:0,a:0 v:1,a:1", "-hls_segment_filename", "hls/v%v_%03d.ts", "hls/v%v.m3u8")...)
	ffmpeg(t, dir, append(append([]string{}, source...), "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
		"-hls_fmp4_init_filename", "init.mp4", "-master_pl_name", "index.m3u8", "-var_stream_map", "v:0,a:0 v:1,a:1",
		"-hls_segment_filename", "cmaf/v%v/seg_%03d.m4s", "cmaf/v%v/index.m3u8")...)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
		"-filter_complex", "[0:v]split=2[a][b];[b]scale=256:144[c]", "-map", "[a]", "-map", "[c]", "-map", "1:a",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v:0", "500k", "-b:v:1", "200k",
		"-c:a", "aac", "-b:a", "64k", "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1",
		"-adaptation_sets", "id=0,streams=v id=1,streams=a", "dash/index.mpd")
}

// startLive keeps ffmpeg writing a sliding-window HLS stream (two renditions) until the test ends.
func startLive(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, "live"), 0o755)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, need(t, "ffmpeg"), "-hide_banner", "-loglevel", "error", "-re",
		"-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
		"-filter_complex", "[0:v]split=2[a][b];[b]scale=256:144[c]", "-map", "[a]", "-map", "[c]", "-map", "1:a", "-map", "1:a",
		"-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-keyint_min", "30", "-sc_threshold", "0",
		"-b:v:0", "500k", "-b:v:1", "200k", "-c:a", "aac", "-b:a", "64k",
		"-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_flags", "delete_segments+independent_segments",
		"-master_pl_name", "index.m3u8", "-var_stream_map", "v:0,a:0 v:1,a:1", "-hls_segment_filename", "live/v%v_%05d.ts", "live/v%v.m3u8")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(dir, "live", "v0.m3u8"))
		if strings.Count(string(b), "#EXTINF") >= 3 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("ffmpeg wrote no live playlist in 20 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// serve serves the player page through the synthesized VoD stack's distribution (Edge: the
// page's keys in its bucket, behaviours, function and headers as deployed) and dir where the
// stack's default behaviour serves renditions, on a loopback port. It returns the base URL and
// the page's address as the stack's PlayerUrl output names it.
func serve(t *testing.T, dir string) (base, page string) {
	return serveWith(t, dir, nil)
}

// serveWith is serve with other paths of the default behaviour's origin answered by handlers
// (e.g. a key route).
func serveWith(t *testing.T, dir string, routes map[string]http.Handler) (base, page string) {
	t.Helper()
	tmpl, assembly := synthVod(t)
	edge, err := NewEdge(tmpl, assembly)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/media/", http.StripPrefix("/media/", http.FileServer(http.Dir(dir))))
	for p, h := range routes {
		mux.Handle(p, h)
	}
	edge.Default = mux
	base = loopback(t, edge)
	return base, base + playerPath(t, tmpl)
}

// loopback serves h on a loopback port until the test ends and returns its base URL.
func loopback(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// playerPath is the path of the stack's PlayerUrl output (https://<distribution> + path).
func playerPath(t *testing.T, tmpl map[string]any) string {
	t.Helper()
	out, _ := tmpl["Outputs"].(map[string]any)["PlayerUrl"].(map[string]any)
	join, _ := out["Value"].(map[string]any)["Fn::Join"].([]any)
	if len(join) != 2 {
		t.Fatalf("PlayerUrl output %v is not https://<distribution>/<path>", out)
	}
	parts := join[1].([]any)
	path, ok := parts[len(parts)-1].(string)
	if !ok || !strings.HasPrefix(path, "/") {
		t.Fatalf("PlayerUrl output %v does not end in a path", out)
	}
	return path
}

// pageState is window.streamcdk.
type pageState struct {
	URL       string  `json:"url"`
	Ads       bool    `json:"ads"`
	Format    string  `json:"format"`
	Live      bool    `json:"live"`
	Time      float64 `json:"time"`
	Buffer    float64 `json:"buffer"`
	Latency   *float64
	Error     string `json:"error"`
	Rendition *struct {
		Width, Height, Bitrate int
	} `json:"rendition"`
	Ladder []struct{ Width, Height, Bitrate int } `json:"ladder"`
}

func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(need(t, "chromium")), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 720))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// artifacts is where screenshots go (test-artifacts/ in the module, ignored by git).
func artifacts(t *testing.T) string {
	d := filepath.Join("..", "..", "test-artifacts")
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// play opens the page on url and waits until playback advanced by seconds; it returns the
// last state and saves a screenshot.
func play(t *testing.T, ctx context.Context, page, name string, seconds float64) pageState {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	return advance(t, ctx, name, seconds)
}

// advance waits up to 45 s for the page's stream to play seconds of media (as play).
func advance(t *testing.T, ctx context.Context, name string, seconds float64) pageState {
	t.Helper()
	var st pageState
	start, deadline := -1.0, time.Now().Add(45*time.Second)
	for time.Now().Before(deadline) {
		var err error
		if st, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](`window.streamcdk`)); err != nil {
			t.Fatal(err)
		}
		if st.Error != "" {
			break
		}
		if st.Time > 0 && start < 0 {
			start = st.Time
		}
		if start >= 0 && st.Time-start >= seconds && st.Rendition != nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
		os.WriteFile(filepath.Join(artifacts(t), "player-"+name+".jpg"), png, 0o644)
	}
	if st.Error != "" {
		t.Fatalf("%s: the page shows an error: %s", name, st.Error)
	}
	if start < 0 || st.Time-start < seconds {
		t.Fatalf("%s: playback advanced %.1f s (from %.1f), want %.0f s", name, st.Time-start, start, seconds)
	}
	return st
}

// waitError opens link and waits up to 10 s for the page to show an error holding want (the
// refusal of a stream follows the player's own load error).
func waitError(t *testing.T, ctx context.Context, link, want string) pageState {
	t.Helper()
	var st pageState
	if _, err := chromedp.Run(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40 && !strings.Contains(st.Error, want); i++ {
		time.Sleep(250 * time.Millisecond)
		st, _ = chromedp.Run(ctx, chromedp.Evaluate[pageState](`window.streamcdk`))
	}
	return st
}

func TestPlayerInBrowser(t *testing.T) {
	t.Parallel() // playback runs in real time: the browser tests wait side by side
	dir := t.TempDir()
	makeMedia(t, dir)
	base, page := serve(t, dir)
	ctx := browser(t)
	for _, c := range []struct {
		name, manifest, format string
		live                   bool
	}{
		{"hls-ts", "hls/index.m3u8", "hls", false},
		{"hls-cmaf", "cmaf/index.m3u8", "hls", false},
		{"dash", "dash/index.mpd", "dash", false},
		{"live-hls", "live/index.m3u8", "hls", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.live {
				startLive(t, dir) // encoding in real time until this subtest ends
			}
			st := play(t, ctx, page+"?url="+base+"/media/"+c.manifest, c.name, 4)
			if st.Format != c.format || st.Live != c.live {
				t.Errorf("format %q live %v, want %q live %v", st.Format, st.Live, c.format, c.live)
			}
			found := false
			for _, r := range st.Ladder {
				if st.Rendition != nil && r.Height == st.Rendition.Height {
					found = true
				}
			}
			if len(st.Ladder) != 2 || !found || (st.Rendition.Height != 240 && st.Rendition.Height != 144) {
				t.Errorf("rendition %+v, ladder %+v: want one of the two renditions", st.Rendition, st.Ladder)
			}
			if c.live && (st.Latency == nil || *st.Latency > 10) {
				t.Errorf("live latency %v, want within 10 s of the live edge", st.Latency)
			}
		})
	}
	// A link with alt.<name> parameters (as the stacks' PlayerUrl outputs carry) offers the
	// other formats as buttons; one click switches the stream.
	t.Run("alt format", func(t *testing.T) {
		link := page + "?url=" + base + "/media/cmaf/index.m3u8&alt.DASH=" + base + "/media/dash/index.mpd"
		if st := play(t, ctx, link, "alt-before", 1); st.Format != "hls" {
			t.Fatalf("format %q before the switch, want hls", st.Format)
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Run(cctx, chromedp.Click(`//button[text()="DASH"]`)); err != nil {
			t.Fatalf("no DASH button: %v", err)
		}
		var st pageState
		for i := 0; i < 80 && (st.Format != "dash" || st.Time < 1); i++ {
			time.Sleep(250 * time.Millisecond)
			st, _ = chromedp.Run(ctx, chromedp.Evaluate[pageState](`window.streamcdk`))
		}
		if st.Format != "dash" || st.Time < 1 || st.Error != "" {
			t.Errorf("after clicking DASH: format %q time %.1f error %q, want DASH playing", st.Format, st.Time, st.Error)
		}
	})
	// A link with ads parameters (as PlayerUrl with ads on carries) has an Ads switch that plays
	// the current format through the ad inserter and back; the format buttons keep it. Here the
	// "ad-enabled" URLs are other local manifests, which tell the variants apart.
	t.Run("ads switch", func(t *testing.T) {
		m := base + "/media/"
		link := page + "?url=" + m + "cmaf/index.m3u8&alt.DASH=" + m + "dash/index.mpd&ads=" + m + "hls/index.m3u8&ads.DASH=" + m + "dash/index.mpd?ads"
		if st := play(t, ctx, link, "ads-before", 1); st.URL != m+"cmaf/index.m3u8" || st.Ads {
			t.Fatalf("before the switch: url %q ads %v", st.URL, st.Ads)
		}
		for _, step := range []struct{ click, url, format string }{
			{`#ads`, m + "hls/index.m3u8", "hls"},
			{`//button[text()="DASH"]`, m + "dash/index.mpd?ads", "dash"},
			{`#ads`, m + "dash/index.mpd", "dash"},
		} {
			cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			_, err := chromedp.Run(cctx, chromedp.Click(step.click))
			cancel()
			if err != nil {
				t.Fatalf("click %s: %v", step.click, err)
			}
			var st pageState
			for i := 0; i < 80 && (st.URL != step.url || st.Time < 1); i++ {
				time.Sleep(250 * time.Millisecond)
				st, _ = chromedp.Run(ctx, chromedp.Evaluate[pageState](`window.streamcdk`))
			}
			if st.URL != step.url || st.Format != step.format || st.Time < 1 || st.Error != "" {
				t.Errorf("after %s: url %q format %q time %.1f error %q; want %s playing", step.click, st.URL, st.Format, st.Time, st.Error, step.url)
			}
		}
	})
	// The deployed page plays only this distribution's streams (its Content-Security-Policy):
	// a link to another site's stream is refused in plain words, as a crafted link would be.
	t.Run("foreign stream refused", func(t *testing.T) {
		other := loopback(t, http.StripPrefix("/media/", http.FileServer(http.Dir(dir))))
		st := waitError(t, ctx, page+"?url="+other+"/media/hls/index.m3u8", "Refused")
		if !strings.Contains(st.Error, "Refused: "+other) {
			t.Errorf("error %q, want the foreign stream %s refused", st.Error, other)
		}
	})
	// Labels and formats come only from the page's known lists (player.Labels, player.Formats):
	// an injected label makes no button, and alt.__proto__ reaches no object's prototype.
	t.Run("injected label refused", func(t *testing.T) {
		link := page + "?url=" + base + "/media/cmaf/index.m3u8&format=evil&alt.Free%20prizes%20at%20example.com=" + base +
			"/media/dash/index.mpd&alt.__proto__=x&ads.__proto__=y&alt.DASH=" + base + "/media/dash/index.mpd"
		play(t, ctx, link, "injected", 1)
		type seen struct {
			Buttons  []string
			Refused  []string
			Polluted bool
		}
		js := `({buttons: Array.from(document.querySelectorAll('#load button[type=button]')).map(b => b.textContent),
			refused: window.streamcdk.refused, polluted: ({}).plain !== undefined || ({}).ads !== undefined || Object.keys(Object.prototype).length > 0})`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[seen](js))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Buttons, ",") != "DASH" || got.Polluted {
			t.Errorf("buttons %q, prototype polluted %v; want only DASH and a clean prototype", got.Buttons, got.Polluted)
		}
		if want := "format,alt.Free prizes at example.com,alt.__proto__,ads.__proto__"; strings.Join(got.Refused, ",") != want {
			t.Errorf("refused %q, want %q", got.Refused, want)
		}
	})
	// A page pointed at a missing manifest says so.
	t.Run("missing manifest", func(t *testing.T) {
		st := waitError(t, ctx, page+"?url="+base+"/media/missing/index.m3u8", "Playback failed")
		if !strings.Contains(st.Error, "Playback failed") {
			t.Errorf("error %q, want a playback failure in plain words", st.Error)
		}
	})
	fmt.Fprintln(os.Stderr, "player screenshots in", artifacts(t))
}

// Captions, subtitles and audio: the same 10 s picture with English (440 Hz) and Spanish
// (880 Hz) audio and English and Spanish WebVTT subtitles, as HLS (TS, audio renditions in a
// group, subtitle renditions) and DASH (audio AdaptationSets by ffmpeg, text AdaptationSets
// added to its MPD: ffmpeg's DASH muxer writes no text).
var subtitles = map[string]string{"eng": "Hello from the English subtitles", "spa": "Hola desde los subtítulos"}

func makeTrackMedia(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"tracks/hls", "tracks/dash"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	in := []string{"-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
		"-f", "lavfi", "-i", "sine=frequency=880:duration=10", "-map", "0:v", "-map", "1:a", "-map", "2:a",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "300k", "-c:a", "aac", "-b:a", "64k",
		"-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=spa"}
	ffmpeg(t, dir, append(append([]string{}, in...), "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-master_pl_name", "ffmpeg.m3u8",
		"-var_stream_map", "a:0,agroup:aud a:1,agroup:aud v:0,agroup:aud", "-hls_segment_filename", "tracks/hls/s%v_%03d.ts", "tracks/hls/s%v.m3u8")...)
	ffmpeg(t, dir, append(append([]string{}, in...), "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1",
		"-adaptation_sets", "id=0,streams=v id=1,streams=1 id=2,streams=2", "tracks/dash/index.mpd")...)
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, "tracks", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var media, text strings.Builder
	for i, l := range []string{"eng", "spa"} {
		vtt := "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n" + subtitles[l] + "\n"
		write("hls/"+l+".vtt", vtt)
		write("dash/"+l+".vtt", vtt)
		write("hls/"+l+"_vtt.m3u8", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:10.0,\n"+l+".vtt\n#EXT-X-ENDLIST\n")
		name := map[string]string{"eng": "English", "spa": "Espanol"}[l]
		def := map[bool]string{true: "YES", false: "NO"}[i == 0]
		fmt.Fprintf(&media, "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=%q,LANGUAGE=%q,DEFAULT=%s,AUTOSELECT=YES,URI=\"s%d.m3u8\"\n", name, l, def, i)
		fmt.Fprintf(&media, "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=%q,LANGUAGE=%q,DEFAULT=NO,AUTOSELECT=YES,URI=\"%s_vtt.m3u8\"\n", name, l, l)
		fmt.Fprintf(&text, "<AdaptationSet id=\"%d\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"%s\"><Label>%s</Label><Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>"+
			"<Representation id=\"text-%s\" bandwidth=\"256\"><BaseURL>%s.vtt</BaseURL></Representation></AdaptationSet>\n", 3+i, l, name, l, l)
	}
	variant := "#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240,CODECS=\"avc1.42c015,mp4a.40.2\",AUDIO=\"aud\",SUBTITLES=\"subs\"\ns2.m3u8\n"
	write("hls/index.m3u8", "#EXTM3U\n#EXT-X-VERSION:3\n"+media.String()+variant)
	// The same with one subtitle track only, Spanish forced subtitles (as the VoD pipeline labels them).
	audioOnly := strings.Join(slices.DeleteFunc(strings.SplitAfter(media.String(), "\n"), func(l string) bool { return strings.Contains(l, "TYPE=SUBTITLES") }), "")
	write("hls/forced.m3u8", "#EXTM3U\n#EXT-X-VERSION:3\n"+audioOnly+
		"#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Espanol (forced)\",LANGUAGE=\"spa\",DEFAULT=NO,AUTOSELECT=YES,URI=\"spa_vtt.m3u8\"\n"+variant)
	mpd, err := os.ReadFile(filepath.Join(dir, "tracks/dash/index.mpd"))
	if err != nil {
		t.Fatal(err)
	}
	write("dash/index.mpd", strings.Replace(string(mpd), "</Period>", text.String()+"</Period>", 1))
}

// tracksState is window.streamcdk's track part.
type tracksState struct {
	Format      string
	Time        float64
	Error       string
	AudioTracks []struct{ Lang, Name string } `json:"audioTracks"`
	TextTracks  []struct{ Lang, Name string } `json:"textTracks"`
	Audio, Text string
	Cue         string
}

// waitTracks polls window.streamcdk until ok holds (10 s at most) and returns the last state.
func waitTracks(t *testing.T, ctx context.Context, ok func(tracksState) bool) tracksState {
	t.Helper()
	var st tracksState
	for i := 0; i < 60; i++ {
		st, _ = chromedp.Run(ctx, chromedp.Evaluate[tracksState](`window.streamcdk`))
		if ok(st) || st.Error != "" {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	return st
}

// choose picks the option labelled label in the page's select id, as a viewer does.
func choose(t *testing.T, ctx context.Context, id, label string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const s = document.getElementById(%q); const o = Array.from(s.options).find(o => o.text.startsWith(%q));
		if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change')); return true })()`, id, label)
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		t.Fatalf("no %q in #%s: %v", label, id, err)
	}
}

// TestCaptionsSubtitlesAndAudioInBrowser: the page lists a stream's audio languages and
// subtitle tracks (HLS through hls.js, DASH through dash.js), starts with captions off, shows a
// chosen subtitle's cue on the video, switches the audio, and keeps both choices when the viewer
// switches format; ?captions= and ?audio= open a link with them chosen.
func TestCaptionsSubtitlesAndAudioInBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	makeTrackMedia(t, dir)
	base, page := serve(t, dir)
	ctx := browser(t)
	m := base + "/media/tracks/"
	link := page + "?url=" + m + "hls/index.m3u8&alt.DASH=" + m + "dash/index.mpd"
	if _, err := chromedp.Run(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	// dash.js names languages as BCP 47 does (en, es), hls.js as the manifest does (eng, spa).
	iso := map[string]string{"en": "eng", "es": "spa"}
	langs := func(ts []struct{ Lang, Name string }) string {
		var out []string
		for _, x := range ts {
			if l, ok := iso[x.Lang]; ok {
				x.Lang = l
			}
			out = append(out, x.Lang)
		}
		return strings.Join(out, ",")
	}
	spanish := func(title string) bool { return strings.Contains(title, "spa") || strings.Contains(title, "es") }
	st := waitTracks(t, ctx, func(s tracksState) bool { return s.Time > 1 && len(s.AudioTracks) == 2 && len(s.TextTracks) == 2 })
	if langs(st.AudioTracks) != "eng,spa" || langs(st.TextTracks) != "eng,spa" || st.Error != "" {
		t.Fatalf("HLS tracks: audio %v, text %v, error %q", st.AudioTracks, st.TextTracks, st.Error)
	}
	if st.Text != "" || st.Cue != "" || !strings.HasPrefix(st.Audio, "English") {
		t.Errorf("HLS at start: captions %q (cue %q), audio %q; want captions off and the default English audio", st.Text, st.Cue, st.Audio)
	}
	t.Run("hls subtitle cue shown", func(t *testing.T) {
		choose(t, ctx, "text-track", "Espanol")
		st := waitTracks(t, ctx, func(s tracksState) bool { return s.Cue == subtitles["spa"] })
		if st.Cue != subtitles["spa"] || !strings.HasPrefix(st.Text, "Espanol") {
			t.Errorf("after choosing Spanish subtitles: text %q, cue %q", st.Text, st.Cue)
		}
	})
	t.Run("hls audio track switches", func(t *testing.T) {
		choose(t, ctx, "audio-track", "Espanol")
		before := waitTracks(t, ctx, func(s tracksState) bool { return strings.HasPrefix(s.Audio, "Espanol") })
		after := waitTracks(t, ctx, func(s tracksState) bool { return s.Time > before.Time+1 || s.Time >= 9 })
		if !strings.HasPrefix(before.Audio, "Espanol") || after.Error != "" || (after.Time <= before.Time && after.Time < 9) {
			t.Errorf("after choosing Spanish audio: audio %q, time %.1f -> %.1f, error %q", before.Audio, before.Time, after.Time, after.Error)
		}
	})
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
		os.WriteFile(filepath.Join(artifacts(t), "player-captions-hls.jpg"), png, 0o644)
	}
	t.Run("dash keeps the subtitle and audio choice", func(t *testing.T) {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Run(cctx, chromedp.Click(`//button[text()="DASH"]`)); err != nil {
			t.Fatalf("no DASH button: %v", err)
		}
		st := waitTracks(t, ctx, func(s tracksState) bool {
			return s.Format == "dash" && s.Cue == subtitles["spa"] && spanish(s.Audio)
		})
		if st.Format != "dash" || langs(st.AudioTracks) != "eng,spa" || langs(st.TextTracks) != "eng,spa" {
			t.Fatalf("DASH tracks: format %q, audio %v, text %v, error %q", st.Format, st.AudioTracks, st.TextTracks, st.Error)
		}
		if st.Cue != subtitles["spa"] || !spanish(st.Audio) {
			t.Errorf("DASH after the switch: text %q cue %q audio %q; want the Spanish subtitles and audio kept", st.Text, st.Cue, st.Audio)
		}
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
			os.WriteFile(filepath.Join(artifacts(t), "player-captions-dash.jpg"), png, 0o644)
		}
	})
	// Forced subtitles show without being chosen, in the language of the audio playing only.
	t.Run("hls forced subtitles follow the audio", func(t *testing.T) {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page+"?url="+m+"hls/forced.m3u8")); err != nil {
			t.Fatal(err)
		}
		st := waitTracks(t, ctx, func(s tracksState) bool { return s.Time > 1 && len(s.TextTracks) == 1 && s.Audio != "" })
		if st.Cue != "" || st.Text != "" {
			t.Errorf("English audio: captions %q cue %q; want the Spanish forced track off", st.Text, st.Cue)
		}
		choose(t, ctx, "audio-track", "Espanol")
		st = waitTracks(t, ctx, func(s tracksState) bool { return s.Cue == subtitles["spa"] })
		if st.Cue != subtitles["spa"] || !strings.HasPrefix(st.Text, "Espanol (forced)") {
			t.Errorf("Spanish audio: captions %q cue %q; want the Spanish forced track shown", st.Text, st.Cue)
		}
	})
	t.Run("dash caption link", func(t *testing.T) {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page+"?url="+m+"dash/index.mpd&captions=en&audio=spa")); err != nil {
			t.Fatal(err)
		}
		st := waitTracks(t, ctx, func(s tracksState) bool { return s.Cue == subtitles["eng"] && spanish(s.Audio) })
		if st.Cue != subtitles["eng"] || !spanish(st.Audio) {
			t.Errorf("?captions=en&audio=spa: text %q cue %q audio %q, error %q", st.Text, st.Cue, st.Audio, st.Error)
		}
	})
}
