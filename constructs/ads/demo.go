package ads

import (
	_ "embed"
	"fmt"
	"strings"
)

// Demo as an ad decision server URL asks a stack to serve its own: a static VAST document and
// an ad creative next to the player page (under /player/ads/), to try ads end to end with no
// ad server at hand. Every break gets the same three 10 s ads (a 30 s pod).
const Demo = "demo"

// DemoPrefix is where the demo ad server's files live, below the player page's folder.
const DemoPrefix = "ads/"

// DemoCreative is the demo ad: 10 s of a moving test pattern with a tone, H.264 960x540 and
// AAC stereo in MP4 (made with ffmpeg's testsrc2 and sine sources).
//
//go:embed demo/creative.mp4
var DemoCreative []byte

// DemoAdsPerBreak is the number of ads in the demo VAST's pod; each lasts DemoAdSeconds.
const (
	DemoAdsPerBreak = 3
	DemoAdSeconds   = 10
)

// DemoFiles are the demo ad server's static files (below DemoPrefix) besides the VAST document:
// the creative and the beacons' target (MediaTailor calls it as an ad is shown: impression,
// start, complete).
func DemoFiles() map[string][]byte {
	return map[string][]byte{"creative.mp4": DemoCreative, "impression": []byte("ok\n")}
}

// DemoVAST is the demo ad server's answer: a VAST 3.0 pod of DemoAdsPerBreak linear ads of the
// creative, with impression and start/complete tracking beacons (MediaTailor rejects answers
// without tracking), where folder is the https URL of the demo files (ending in /).
func DemoVAST(folder string) string {
	creative, impression := folder+"creative.mp4", folder+"impression"
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<VAST version="3.0">` + "\n")
	for i := 1; i <= DemoAdsPerBreak; i++ {
		fmt.Fprintf(&b, ` <Ad id="streamcdk-demo-%d" sequence="%d">
  <InLine>
   <AdSystem>StreamCDK demo</AdSystem>
   <AdTitle>StreamCDK demo ad %d</AdTitle>
   <Impression><![CDATA[%s]]></Impression>
   <Creatives>
    <Creative id="streamcdk-demo-creative" sequence="1">
     <Linear>
      <Duration>00:00:%02d</Duration>
      <TrackingEvents>
       <Tracking event="start"><![CDATA[%s]]></Tracking>
       <Tracking event="complete"><![CDATA[%s]]></Tracking>
      </TrackingEvents>
      <MediaFiles>
       <MediaFile delivery="progressive" type="video/mp4" width="960" height="540" bitrate="700"><![CDATA[%s]]></MediaFile>
      </MediaFiles>
     </Linear>
    </Creative>
   </Creatives>
  </InLine>
 </Ad>
`, i, i, i, impression, DemoAdSeconds, impression, impression, creative)
	}
	b.WriteString(`</VAST>` + "\n")
	return b.String()
}
