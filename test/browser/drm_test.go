package browser

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

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
