// Package hls holds the rules of the HLS specifications that StreamCDK's VoD and Live stacks
// both follow, written once.
package hls

// TransportStreamAllowed reports whether HLS may carry video of this kind in MPEG-2 transport
// stream segments. Apple's HLS Authoring Specification for Apple Devices: "1.2. The container
// format for H.264 video MUST be fragmented MP4 (fMP4) files or MPEG transport streams." and
// "1.5. The container format for HEVC video MUST be fMP4."
// (https://developer.apple.com/documentation/http_live_streaming/hls_authoring_specification_for_apple_devices)
func TransportStreamAllowed(hevc bool) bool { return !hevc }

// TransportStreamRule is the rule TransportStreamAllowed applies, for error messages.
const TransportStreamRule = "HEVC in HLS must be in fragmented MP4, not MPEG-TS (Apple HLS Authoring Specification 1.5)"
