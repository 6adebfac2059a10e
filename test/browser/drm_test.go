package browser

import (
	"bytes"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/Eyevinn/mp4ff/mp4"
	"github.com/chromedp/chromedp"

	"github.com/streamcdk/streamcdk/constructs/keyserver"
	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
)

// TestDRMClearKeyAES128InBrowser: an HLS (TS) stream encrypted by ffmpeg with AES-128 under a
// key of the demo key server's derivation (package keys: the seed, the content id, the key id),
// its playlists naming the key by the key route's path as the server's SPEKE answer does
// (/streamcdk-keys/<content id>/<kid>), plays in Chromium with the key from that route; with the
// route refusing (a viewer without the signed cookie, say) the page says the key could not be
// loaded.
func TestDRMClearKeyAES128InBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := bytes.Repeat([]byte{9}, keys.MinSeed)
	kid, _ := keys.ParseKID("98ee5596-cd3e-a20d-163a-e382420c6eff")
	const contentID = "StreamCdkLive-main-hls"
	key, err := keys.Key(seed, contentID, kid)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "drm"), 0o755)
	keyPath := keyserver.KeyPath + "/" + contentID + "/" + kid.UUID()
	os.WriteFile(filepath.Join(dir, "drm", "enc.key"), key[:], 0o600)
	os.WriteFile(filepath.Join(dir, "drm", "enc.keyinfo"), []byte(keyPath+"\n"+filepath.Join(dir, "drm", "enc.key")+"\n"+hex.EncodeToString(kid[:])+"\n"), 0o600)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=8", "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "300k", "-c:a", "aac", "-b:a", "64k",
		"-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_key_info_file", "drm/enc.keyinfo", "-hls_segment_filename", "drm/seg_%03d.ts", "drm/index.m3u8")
	if b, _ := os.ReadFile(filepath.Join(dir, "drm", "index.m3u8")); !strings.Contains(string(b), `#EXT-X-KEY:METHOD=AES-128,URI="`+keyPath+`"`) {
		t.Fatalf("the playlist names no AES-128 key at the key route:\n%s", b)
	}
	// The key route as the distribution serves it: the key of the path's content id and key id.
	var refuse atomic.Bool
	route := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, keyserver.KeyPath+"/"), "/")
		k, err := keys.ParseKID(parts[len(parts)-1])
		if refuse.Load() || len(parts) != 2 || err != nil {
			http.Error(w, "keys are served through the stack's distribution only", http.StatusForbidden)
			return
		}
		v, err := keys.Key(seed, parts[0], k)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(v[:])
	})
	base, page := serveWith(t, dir, map[string]http.Handler{keyserver.KeyPath + "/": route})
	ctx := browser(t)
	link := page + "?url=" + base + "/media/drm/index.m3u8"
	t.Run("clearkey aes-128 plays with the key route's key", func(t *testing.T) {
		if st := play(t, ctx, link, "drm-aes128", 3); st.Format != "hls" {
			t.Errorf("format %q", st.Format)
		}
	})
	t.Run("drm key route refusing: the page says why", func(t *testing.T) {
		refuse.Store(true)
		st := waitError(t, ctx, link, "decryption key could not be loaded")
		if !strings.Contains(st.Error, "the decryption key could not be loaded (HTTP 403)") {
			t.Errorf("error %q, want the key refusal in plain words", st.Error)
		}
	})
}

// encryptCENC encrypts ffmpeg's DASH representation 0 (init-stream0.m4s and its chunks) in
// place with Common Encryption (cenc, AES-CTR) under key and kid, with mp4ff
// (github.com/Eyevinn/mp4ff: ffmpeg 5.1 writes broken fragmented CENC).
func encryptCENC(t *testing.T, dash string, kid keys.KID, key [16]byte) {
	t.Helper()
	iv := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	uuid, err := mp4.NewUUIDFromHex(hex.EncodeToString(kid[:]))
	if err != nil {
		t.Fatal(err)
	}
	rewrite := func(name string, f func(*mp4.File) error) {
		path := filepath.Join(dash, name)
		in, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		file, err := mp4.DecodeFile(in)
		in.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := f(file); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var b bytes.Buffer
		if err := file.Encode(&b); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path, b.Bytes(), 0o644)
	}
	var ipd *mp4.InitProtectData
	rewrite("init-stream0.m4s", func(f *mp4.File) (err error) {
		ipd, err = mp4.InitProtect(f.Init, key[:], iv, "cenc", uuid, nil)
		return err
	})
	chunks, _ := filepath.Glob(filepath.Join(dash, "chunk-stream0-*.m4s"))
	if len(chunks) == 0 {
		t.Fatal("ffmpeg wrote no DASH chunks")
	}
	for _, c := range chunks {
		rewrite(filepath.Base(c), func(f *mp4.File) error {
			for _, s := range f.Segments {
				for _, fr := range s.Fragments {
					if err := mp4.EncryptFragment(fr, key[:], iv, ipd); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
}

// TestDRMClearKeyDASHInBrowser: a DASH stream encrypted with cenc under the demo key server's key,
// whose MPD signals Common Encryption and Widevine only (as MediaPackage's CMAF endpoints do),
// plays in Chromium with the browser's W3C Clear Key, the player page asking the license route
// (?clearkey=) for the key; with the route refusing, the page says the license could not be had.
func TestDRMClearKeyDASHInBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := bytes.Repeat([]byte{11}, keys.MinSeed)
	kid, _ := keys.ParseKID("6c5f5206-7d98-4808-84d8-94f132c1e9fe")
	const contentID = "StreamCdkLive-main-cmaf-dash"
	key, _ := keys.Key(seed, contentID, kid)
	dash := filepath.Join(dir, "cenc")
	os.MkdirAll(dash, 0o755)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
		"-sc_threshold", "0", "-b:v", "300k", "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", "cenc/index.mpd")
	encryptCENC(t, dash, kid, key)
	mpd, _ := os.ReadFile(filepath.Join(dash, "index.mpd"))
	protection := `<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="` + kid.UUID() + `"/>` +
		`<ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" value="Widevine"/>`
	m := strings.Replace(string(mpd), `<MPD `, `<MPD xmlns:cenc="urn:mpeg:cenc:2013" `, 1)
	m = strings.Replace(m, `<Representation `, protection+`<Representation `, 1)
	os.WriteFile(filepath.Join(dash, "index.mpd"), []byte(m), 0o644)

	var refuse atomic.Bool
	license := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		cid := strings.TrimPrefix(r.URL.Path, keyserver.LicensePath+"/")
		out, err := keys.License(seed, cid, body)
		if refuse.Load() || r.Method != http.MethodPost || err != nil {
			http.Error(w, "licenses are served through the stack's distribution only", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(out)
	})
	base, page := serveWith(t, dir, map[string]http.Handler{keyserver.LicensePath + "/": license})
	ctx := browser(t)
	link := page + "?url=" + base + "/media/cenc/index.mpd&clearkey=" + keyserver.LicensePath + "/" + contentID
	t.Run("clearkey dash cenc plays with the license route's key", func(t *testing.T) {
		if st := play(t, ctx, link, "drm-clearkey-dash", 3); st.Format != "dash" {
			t.Errorf("format %q", st.Format)
		}
	})
	// A DRM vendor's license servers (Widevine, PlayReady) reach dash.js's protection data; what
	// is not an https URL is refused.
	t.Run("drm vendor license links", func(t *testing.T) {
		vendor := page + "?url=" + base + "/media/cenc/index.mpd&widevine=https://license.example.com/wv&playready=javascript:alert(1)"
		if _, err := chromedp.Run(ctx, chromedp.Navigate(vendor)); err != nil {
			t.Fatal(err)
		}
		type drmState struct {
			Drm     struct{ Licenses map[string]string }
			Refused []string
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[drmState](`window.streamcdk`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Drm.Licenses["com.widevine.alpha"] != "https://license.example.com/wv" || got.Drm.Licenses["com.microsoft.playready"] != "" || !slices.Contains(got.Refused, "playready") {
			t.Errorf("licenses %v, refused %v", got.Drm.Licenses, got.Refused)
		}
	})
	t.Run("drm license route refusing: the page says why", func(t *testing.T) {
		refuse.Store(true)
		st := waitError(t, ctx, link, "decryption license could not be obtained")
		if !strings.Contains(st.Error, "Playback failed: the decryption license could not be obtained") || !strings.Contains(st.Error, "403") {
			t.Errorf("error %q, want the license refusal in plain words", st.Error)
		}
	})
}
