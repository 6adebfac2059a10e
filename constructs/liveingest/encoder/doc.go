// Package encoder plans a live channel's ABR ladder and writes MediaLive's EncoderSettings as
// typed Go values: presets topping at 1080p, 720p or 540p, H.264 or H.265, QVBR with a maximum
// bit rate, closed GOPs, AAC stereo. Validate checks at synth what MediaLive would otherwise
// reject at deploy time or on air (references between outputs and descriptions, limits, the
// input specification against the ladder, GOP against segment). It has no CDK dependencies.
package encoder
