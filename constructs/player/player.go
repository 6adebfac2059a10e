// Package player is StreamCDK's player page: plain HTML and JavaScript that plays HLS (TS and
// CMAF, with hls.js or Safari's own HLS) and DASH (dash.js) and shows the stream URL, format,
// the rendition playing and the ladder, the buffer, the latency to the live edge and any error.
// hls.js and dash.js are pinned in package.json and copied from node_modules into the page:
// no third-party CDN at run time. Serve it locally with cmd/serve.
package player

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
)

//go:embed web
var web embed.FS

// Vendor maps the page's vendor files to their place in node_modules.
var Vendor = map[string]string{
	"vendor/hls.min.js":      "hls.js/dist/hls.min.js",
	"vendor/dash.all.min.js": "dashjs/dist/modern/umd/dash.all.min.js",
}

// NodeModules is the project's node_modules, found from this source file.
func NodeModules() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "node_modules")
}

// Files returns the page's files by path: the embedded page and the vendor libraries read from
// nodeModules.
func Files(nodeModules string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := web.ReadFile(p)
		out[p[len("web/"):]] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, dst := range slices.Sorted(maps.Keys(Vendor)) { // sorted: the same error every run
		src := Vendor[dst]
		b, err := os.ReadFile(filepath.Join(nodeModules, src))
		if err != nil {
			return nil, fmt.Errorf("player: %s is missing (run make synth or npm ci to install hls.js and dash.js): %w", src, err)
		}
		out[dst] = b
	}
	return out, nil
}

// Handler serves the page (index.html at its root).
func Handler(nodeModules string) (http.Handler, error) {
	files, err := Files(nodeModules)
	if err != nil {
		return nil, err
	}
	types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path[1:]
		if p == "" {
			p = "index.html"
		}
		b, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", types[filepath.Ext(p)])
		w.Write(b)
	}), nil
}
