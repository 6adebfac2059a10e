package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/Eyevinn/mp4ff/mp4"
	"github.com/chromedp/chromedp"

	"github.com/streamcdk/streamcdk/constructs/keyserver"
	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
	"github.com/streamcdk/streamcdk/constructs/keyserver/speke"
)

// TestDRMClearKeyAES128InBrowser: an HLS (TS) stream encrypted by ffmpeg with AES-128 under the
// key a real SPEKE v2 request gets from the demo key server's handler, its playlist carrying the
// answer's key tag (the key route's path, /streamcdk-keys/<content id>/<kid>; no IV: the segment
// number is, as with MediaPackage), plays in Chromium with the key from that route; with the
// route refusing (a viewer without the signed cookie, say) the page says the key could not be
// loaded.
func TestDRMClearKeyAES128InBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := bytes.Repeat([]byte{9}, keys.MinSeed)
	kid, _ := keys.ParseKID("98ee5596-cd3e-a20d-163a-e382420c6eff")
	const contentID = "StreamCdkLive-main-hls"
	key, tag, _ := spekeAnswer(t, seed, contentID, kid, speke.ClearKeyAES128, "cbc1")
	keyPath := keyserver.KeyPath + "/" + contentID + "/" + kid.UUID()
	if !strings.HasPrefix(tag, `#EXT-X-KEY:METHOD=AES-128,URI="`+keyPath+`"`) {
		t.Fatalf("SPEKE answer's key tag %q", tag)
	}
	os.MkdirAll(filepath.Join(dir, "drm"), 0o755)
	os.WriteFile(filepath.Join(dir, "drm", "enc.key"), key[:], 0o600)
	os.WriteFile(filepath.Join(dir, "drm", "enc.keyinfo"), []byte(keyPath+"\n"+filepath.Join(dir, "drm", "enc.key")+"\n"), 0o600)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=8", "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "300k", "-c:a", "aac", "-b:a", "64k",
		"-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_key_info_file", "drm/enc.keyinfo", "-hls_segment_filename", "drm/seg_%03d.ts", "drm/index.m3u8")
	b, _ := os.ReadFile(filepath.Join(dir, "drm", "index.m3u8"))
	// ffmpeg writes the segment number it took for IV into each tag; the answer's tag leaves it
	// out, and players take the segment number (RFC 8216, section 5.2).
	ffmpegTag := regexp.MustCompile(`(?m)^#EXT-X-KEY:METHOD=AES-128,URI="` + regexp.QuoteMeta(keyPath) + `",IV=0x[0-9a-fA-F]{32}$`)
	if !ffmpegTag.Match(b) {
		t.Fatalf("the playlist names no AES-128 key at the key route:\n%s", b)
	}
	os.WriteFile(filepath.Join(dir, "drm", "index.m3u8"), ffmpegTag.ReplaceAll(b, []byte(tag)), 0o644)
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

// encryptFMP4 encrypts an fMP4 rendition in place with Common Encryption (scheme cenc,
// AES-CTR, or cbcs, the pattern of MediaPackage's CMAF HLS) under key and kid with mp4ff
// (github.com/Eyevinn/mp4ff: ffmpeg 5.1 writes broken fragmented CENC): its init segment,
// carrying the PSSH box pssh (none when empty), and its media segments.
func encryptFMP4(t *testing.T, init string, segments []string, scheme string, kid keys.KID, key [16]byte, pssh []byte) {
	t.Helper()
	iv := []byte{1, 2, 3, 4, 5, 6, 7, 8} // cenc: an 8-byte per-sample IV
	if scheme == "cbcs" {
		iv = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16} // cbcs: a constant 16-byte IV
	}
	uuid, err := mp4.NewUUIDFromHex(hex.EncodeToString(kid[:]))
	if err != nil {
		t.Fatal(err)
	}
	var boxes []*mp4.PsshBox
	if len(pssh) > 0 {
		box, err := mp4.DecodeBox(0, bytes.NewReader(pssh))
		if err != nil {
			t.Fatalf("PSSH box: %v", err)
		}
		boxes = append(boxes, box.(*mp4.PsshBox))
	}
	var ipd *mp4.InitProtectData
	rewriteMP4(t, init, func(f *mp4.File) (err error) {
		ipd, err = mp4.InitProtect(f.Init, key[:], iv, scheme, uuid, boxes)
		return err
	})
	if len(segments) == 0 {
		t.Fatal("ffmpeg wrote no fMP4 segments")
	}
	for _, path := range segments {
		rewriteMP4(t, path, func(f *mp4.File) error {
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

// TestDRMClearKeyDASHInBrowser: a DASH stream encrypted with cenc under the key a real SPEKE v2
// request gets from the demo key server's handler,
// whose MPD signals Common Encryption and Widevine only (as MediaPackage's CMAF endpoints do),
// plays in Chromium with the browser's W3C Clear Key, the player page asking the license route
// (?clearkey=) for the key; with the route refusing, the page says the license could not be had.
func TestDRMClearKeyDASHInBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := bytes.Repeat([]byte{11}, keys.MinSeed)
	kid, _ := keys.ParseKID("6c5f5206-7d98-4808-84d8-94f132c1e9fe")
	const contentID = "StreamCdkLive-main-cmaf-dash"
	key, _, _ := spekeAnswer(t, seed, contentID, kid, speke.Widevine, "cenc")
	dash := filepath.Join(dir, "cenc")
	os.MkdirAll(dash, 0o755)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
		"-sc_threshold", "0", "-b:v", "300k", "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", "cenc/index.mpd")
	chunks, _ := filepath.Glob(filepath.Join(dash, "chunk-stream0-*.m4s"))
	encryptFMP4(t, filepath.Join(dash, "init-stream0.m4s"), chunks, "cenc", kid, key, nil)
	mpd, _ := os.ReadFile(filepath.Join(dash, "index.mpd"))
	protection := `<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="` + kid.UUID() + `"/>` +
		`<ContentProtection schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" value="Widevine"/>`
	m := strings.Replace(string(mpd), `<MPD `, `<MPD xmlns:cenc="urn:mpeg:cenc:2013" `, 1)
	m = strings.Replace(m, `<Representation `, protection+`<Representation `, 1)
	os.WriteFile(filepath.Join(dash, "index.mpd"), []byte(m), 0o644)

	ctx, base, page, link, refuse := licensed(t, dir, seed, "cenc/index.mpd", contentID)
	t.Run("clearkey dash cenc plays with the license route's key", func(t *testing.T) { playsAs(t, ctx, link, "drm-clearkey-dash", "dash") })
	// A DRM vendor's license servers (Widevine, PlayReady) reach dash.js's protection data; what
	// is not an https URL is refused.
	t.Run("drm vendor license links", func(t *testing.T) {
		vendor := page + "?url=" + base + "/media/cenc/index.mpd&widevine=https://license.example.com/wv&playready=javascript:alert(1)" +
			"&fairplay=https://fps.example.com/license&fairplaycert=https://fps.example.com/app.cer"
		if _, err := chromedp.Run(ctx, chromedp.Navigate(vendor)); err != nil {
			t.Fatal(err)
		}
		type drmState struct {
			Drm struct {
				Licenses            map[string]string
				FairPlayCertificate string
			}
			Refused []string
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[drmState](`window.streamcdk`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Drm.Licenses["com.widevine.alpha"] != "https://license.example.com/wv" || got.Drm.Licenses["com.microsoft.playready"] != "" || !slices.Contains(got.Refused, "playready") ||
			got.Drm.Licenses["com.apple.fps"] != "https://fps.example.com/license" || got.Drm.FairPlayCertificate != "https://fps.example.com/app.cer" {
			t.Errorf("licenses %v, certificate %q, refused %v", got.Drm.Licenses, got.Drm.FairPlayCertificate, got.Refused)
		}
		// FairPlay needs its application certificate: a license server alone is refused.
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page+"?url="+base+"/media/cenc/index.mpd&fairplay=https://fps.example.com/license")); err != nil {
			t.Fatal(err)
		}
		if got, _ := chromedp.Run(ctx, chromedp.Evaluate[drmState](`window.streamcdk`)); got.Drm.Licenses["com.apple.fps"] != "" || !slices.Contains(got.Refused, "fairplay") {
			t.Errorf("FairPlay without a certificate: licenses %v, refused %v", got.Drm.Licenses, got.Refused)
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

// spekeAnswer asks the demo key server's SPEKE v2 handler (package speke, which the key
// server's function runs for MediaPackage) for the content key of kid under contentID, signaled
// for the DRM system with scheme, as MediaPackage asks (one video key, the signaling elements
// its endpoints use), and returns the key, the media playlist's key tag and the PSSH box.
func spekeAnswer(t *testing.T, seed []byte, contentID string, kid keys.KID, system, scheme string) (key [16]byte, keyTag string, pssh []byte) {
	t.Helper()
	signaling := `<cpix:HLSSignalingData playlist="media"/><cpix:HLSSignalingData playlist="master"/>`
	if system != speke.ClearKeyAES128 {
		signaling = `<cpix:PSSH/><cpix:ContentProtectionData/>` + signaling
	}
	req := `<cpix:CPIX contentId="` + contentID + `" version="2.3" xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">` +
		`<cpix:ContentKeyList><cpix:ContentKey kid="` + kid.UUID() + `" commonEncryptionScheme="` + scheme + `"/></cpix:ContentKeyList>` +
		`<cpix:DRMSystemList><cpix:DRMSystem kid="` + kid.UUID() + `" systemId="` + system + `">` + signaling + `</cpix:DRMSystem></cpix:DRMSystemList>` +
		`<cpix:ContentKeyUsageRuleList><cpix:ContentKeyUsageRule kid="` + kid.UUID() + `" intendedTrackType="VIDEO"><cpix:VideoFilter/></cpix:ContentKeyUsageRule></cpix:ContentKeyUsageRuleList></cpix:CPIX>`
	out, err := speke.Answer(seed, "2.0", []byte(req), func(cid string, k keys.KID) string { return keyserver.KeyPath + "/" + cid + "/" + k.UUID() })
	if err != nil {
		t.Fatalf("SPEKE v2 request refused: %v", err)
	}
	var doc struct {
		Keys    []string `xml:"ContentKeyList>ContentKey>Data>Secret>PlainValue"`
		Systems []struct {
			PSSH string `xml:"PSSH"`
			HLS  []struct {
				Playlist string `xml:"playlist,attr"`
				Value    string `xml:",chardata"`
			} `xml:"HLSSignalingData"`
		} `xml:"DRMSystemList>DRMSystem"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil || len(doc.Keys) != 1 || len(doc.Systems) != 1 {
		t.Fatalf("SPEKE answer %s: %v", out, err)
	}
	k, err := base64.StdEncoding.DecodeString(doc.Keys[0])
	if err != nil || len(k) != 16 {
		t.Fatalf("content key %q: %v", doc.Keys[0], err)
	}
	copy(key[:], k)
	for _, h := range doc.Systems[0].HLS {
		if h.Playlist == "media" {
			b, _ := base64.StdEncoding.DecodeString(h.Value)
			keyTag = string(b)
		}
	}
	pssh, _ = base64.StdEncoding.DecodeString(doc.Systems[0].PSSH)
	return key, keyTag, pssh
}

// TestDRMClearKeyCMAFHLSInBrowser: a CMAF HLS stream encrypted with cbcs under the key a real
// SPEKE v2 request gets from the demo key server's handler, its playlist carrying the answer's
// Widevine key tag (SAMPLE-AES, the PSSH in a data: URI, as MediaPackage's CMAF HLS endpoints
// signal it), plays in Chromium with the browser's W3C Clear Key, the player page asking the
// license route (?clearkey=) for the tag's key id; with the route refusing, the page says so.
func TestDRMClearKeyCMAFHLSInBrowser(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := bytes.Repeat([]byte{13}, keys.MinSeed)
	kid, _ := keys.ParseKID("0f083e4e-b831-4a3d-917e-ce78076e54aa")
	const contentID = "StreamCdkLive-main-cmaf-hls"
	key, tag, pssh := spekeAnswer(t, seed, contentID, kid, speke.Widevine, "cbcs")
	if !strings.HasPrefix(tag, `#EXT-X-KEY:METHOD=SAMPLE-AES,URI="data:text/plain;base64,`) || !strings.Contains(tag, `KEYFORMAT="urn:uuid:`+speke.Widevine+`"`) {
		t.Fatalf("SPEKE answer's key tag %q", tag)
	}
	folder := filepath.Join(dir, "cbcs")
	os.MkdirAll(folder, 0o755)
	ffmpeg(t, dir, "-f", "lavfi", "-i", "testsrc2=size=426x240:rate=30:duration=8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
		"-sc_threshold", "0", "-b:v", "300k", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
		"-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", "cbcs/seg_%03d.m4s", "cbcs/index.m3u8")
	segments, _ := filepath.Glob(filepath.Join(folder, "seg_*.m4s"))
	encryptFMP4(t, filepath.Join(folder, "init.mp4"), segments, "cbcs", kid, key, pssh)
	playlist, _ := os.ReadFile(filepath.Join(folder, "index.m3u8"))
	if !strings.Contains(string(playlist), "#EXT-X-MAP:") {
		t.Fatalf("ffmpeg's playlist has no init segment:\n%s", playlist)
	}
	os.WriteFile(filepath.Join(folder, "index.m3u8"), []byte(strings.Replace(string(playlist), "#EXT-X-MAP:", tag+"\n#EXT-X-MAP:", 1)), 0o644)

	ctx, base, page, link, refuse := licensed(t, dir, seed, "cbcs/index.m3u8", contentID)
	t.Run("clearkey cmaf hls cbcs plays with the license route's key", func(t *testing.T) { playsAs(t, ctx, link, "drm-clearkey-cmaf-hls", "hls") })
	// A stream's own license route (each MediaPackage endpoint has its own content id) wins over
	// the link's: the CMAF button plays with clearkey.CMAF's.
	t.Run("clearkey per stream", func(t *testing.T) {
		stream := base + "/media/cbcs/index.m3u8"
		perStream := page + "?url=" + stream + "&clearkey=" + keyserver.LicensePath + "/another-endpoint&alt.CMAF=" + stream + "&clearkey.CMAF=" + keyserver.LicensePath + "/" + contentID
		if _, err := chromedp.Run(ctx, chromedp.Navigate(perStream)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Click(`//button[text()="CMAF"]`)); err != nil {
			t.Fatal(err)
		}
		advance(t, ctx, "drm-clearkey-per-stream", 2)
	})
	t.Run("drm license route refusing: the page says why (hls)", func(t *testing.T) {
		refuse.Store(true)
		st := waitError(t, ctx, link, "decryption license could not be obtained")
		if !strings.Contains(st.Error, "403") {
			t.Errorf("error %q, want the license refusal with its status", st.Error)
		}
	})
}

// licensed serves dir, with the license route of seed (refusing while refuse is set), to a
// browser; link opens the stream at path (under dir) with ?clearkey= naming contentID's route.
func licensed(t *testing.T, dir string, seed []byte, path, contentID string) (ctx context.Context, base, page, link string, refuse *atomic.Bool) {
	refuse = new(atomic.Bool)
	base, page = serveWith(t, dir, map[string]http.Handler{keyserver.LicensePath + "/": licenseRoute(seed, refuse)})
	return browser(t), base, page, page + "?url=" + base + "/media/" + path + "&clearkey=" + keyserver.LicensePath + "/" + contentID, refuse
}

// playsAs plays link (3 s of media) and checks the engine's format.
func playsAs(t *testing.T, ctx context.Context, link, name, format string) {
	if st := play(t, ctx, link, name, 3); st.Format != format {
		t.Errorf("format %q, want %q", st.Format, format)
	}
}

// licenseRoute is the license route as the distribution serves it (the key server's W3C Clear
// Key licenses by POST), refusing while refuse is set.
func licenseRoute(seed []byte, refuse *atomic.Bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
}

// rewriteMP4 decodes the MP4 file at path, changes it with f and writes it back.
func rewriteMP4(t *testing.T, path string, f func(*mp4.File) error) {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := mp4.DecodeFile(in)
	in.Close()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := f(file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b bytes.Buffer
	if err := file.Encode(&b); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, b.Bytes(), 0o644)
}
