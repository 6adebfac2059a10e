package player

import (
	_ "embed"
	"strings"
)

// IndexRewriteCode is the CloudFront Function (viewer request) the distribution runs on
// /player/*: a folder's address (/player/) serves its index.html. S3 behind Origin Access
// Control has no index documents and answers a folder's key with 403
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example_cloudfront_functions_url_rewrite_single_page_apps_section.html).
//
//go:embed edge/index-rewrite.js
var IndexRewriteCode string

// Formats are the values the page accepts for ?format=, and Labels the names of the other
// formats a link may offer (?alt.<label>= and ?ads.<label>=): the page refuses any other, so a
// crafted link cannot put its own text on the stack's domain. Keep them equal to player.js's.
var (
	Formats = []string{"hls", "dash"}
	Labels  = []string{"HLS", "CMAF", "DASH"}
)

// ContentSecurityPolicy is the page's Content-Security-Policy: its own scripts and styles only,
// streams (manifests, segments, keys) only from the page's own origin (the distribution, which
// also fronts MediaTailor and MediaPackage) and from streamOrigins, never framed by another
// site. hls.js transmuxes in a worker made from a blob: URL, and both players feed the video
// element through Media Source Extensions (blob: media). hls.js adds each subtitle and caption
// track as a <track> element whose source is an empty WebVTT file in a data: URL (the cues come
// from the stream), which media-src governs.
func ContentSecurityPolicy(streamOrigins []string) string {
	streams := strings.TrimSpace("'self' " + strings.Join(streamOrigins, " "))
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src " + streams,
		"media-src " + streams + " blob: data:",
		"worker-src 'self' blob:",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"form-action 'self'",
	}, "; ")
}
