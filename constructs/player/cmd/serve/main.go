// Command serve serves the StreamCDK player page on this machine for any stream URL, and
// optionally a folder of media beside it:
//
//	go run ./constructs/player/cmd/serve -addr 127.0.0.1:8080 [-media ./out]
//
// then open http://127.0.0.1:8080/player/?url=<stream URL> (media at /media/...).
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/streamcdk/streamcdk/constructs/player"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	media := flag.String("media", "", "folder served under /media/ (optional)")
	flag.Parse()
	h, err := player.Handler(player.NodeModules())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.Handle("/player/", http.StripPrefix("/player", h))
	if *media != "" {
		mux.Handle("/media/", http.StripPrefix("/media/", cors(http.FileServer(http.Dir(*media)))))
	}
	fmt.Printf("player: http://%s/player/?url=<stream URL>\n", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}

// cors lets the page fetch media from another origin too.
func cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		h.ServeHTTP(w, r)
	})
}
