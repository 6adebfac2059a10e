package liveingest

import (
	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"

	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/packaging"
)

// InputType is how the source reaches MediaLive.
type InputType string

const (
	// URLPull pulls HLS (or MP4) from URLs. The default, with two public test streams, so a
	// channel streams without an encoder of yours.
	URLPull InputType = "URL_PULL"
	// RTMPPush receives RTMP from your encoder (OBS, ffmpeg) on two push URLs.
	RTMPPush InputType = "RTMP_PUSH"
	// RTPPush receives RTP (MPEG-TS) on two push URLs.
	RTPPush InputType = "RTP_PUSH"
	// SRTCaller calls your SRT listeners.
	SRTCaller InputType = "SRT_CALLER"
	// MediaConnect takes two MediaConnect flows.
	MediaConnect InputType = "MEDIACONNECT"
)

// ChannelClass is MediaLive's redundancy class.
type ChannelClass string

const (
	// Standard runs two pipelines, each fed by its own source. The default.
	Standard ChannelClass = "STANDARD"
	// SinglePipeline runs one pipeline from one source: half the cost, for development.
	SinglePipeline ChannelClass = "SINGLE_PIPELINE"
)

// InputTypes and ChannelClasses list the allowed values.
var (
	// SRTAlgorithms are MediaLive's SRT decryption algorithms (its SrtEncryptionType enum).
	SRTAlgorithms  = []string{string(mltypes.SrtEncryptionTypeAes128), string(mltypes.SrtEncryptionTypeAes192), string(mltypes.SrtEncryptionTypeAes256)}
	InputTypes     = []InputType{URLPull, RTMPPush, RTPPush, SRTCaller, MediaConnect}
	ChannelClasses = []ChannelClass{Standard, SinglePipeline}
)

// DemoSources are two public HLS test streams (the ones AWS's Live Streaming solution pulls),
// the default URL_PULL sources.
var DemoSources = []string{
	"https://d15an60oaeed9r.cloudfront.net/live_stream_v2/sports_reel_with_markers.m3u8",
	"https://d3h5srgm8b0t83.cloudfront.net/live_stream_v2/sports_reel_with_markers.m3u8",
}

// ChannelOptions are the channel settings a user chooses (the live stack takes them as they
// are). The zero value pulls the demo sources into a STANDARD HD channel.
type ChannelOptions struct {
	// InputType is how the source arrives. Default: URLPull.
	InputType InputType
	// Class is STANDARD (two pipelines, two sources) or SINGLE_PIPELINE. Default: Standard.
	Class ChannelClass
	// Sources are, for URLPull, the URLs to pull (two for Standard: one per pipeline) and, for
	// SRTCaller, the listeners to call as host:port. Default (URLPull): DemoSources.
	Sources []string
	// PullUsername and PullPasswordParameter authenticate URL pulls: the password is read by
	// MediaLive from the SSM SecureString parameter of that name, never put in the template.
	// Default: no credentials.
	PullUsername, PullPasswordParameter string
	// SRTStreamID is sent to the SRT listeners. Default: none.
	SRTStreamID string
	// SRTPassphrase is a Secrets Manager secret holding the passphrase (10-79 characters) that
	// encrypts the SRT stream: MediaLive reads it and decrypts the caller sources with
	// SRTAlgorithm (https://docs.aws.amazon.com/medialive/latest/ug/encryption-srt-password.html).
	// Required for SRTCaller unless AllowUnencryptedSRT.
	SRTPassphrase awssecretsmanager.ISecret
	// AllowUnencryptedSRT permits an SRT caller input without SRTPassphrase: the contribution
	// feed then crosses the network in the clear (synth warns). Default: false.
	AllowUnencryptedSRT bool
	// SRTAlgorithm is AES128, AES192 or AES256. Default: AES256 (with SRTPassphrase).
	SRTAlgorithm string
	// FlowArns are the MediaConnect flows (two for Standard). Required for MediaConnect.
	FlowArns []string
	// InputCIDRs may push to the input (RTMP/RTP push): IPv4 CIDRs, at most 10. Required for push
	// inputs.
	InputCIDRs []string
	// AllowOpenInput permits CIDRs wider than /16 (MinInputPrefix) in InputCIDRs, such as
	// 0.0.0.0/0 or 0.0.0.0/1 + 128.0.0.0/1 (anyone may push); synth warns. Default: false.
	AllowOpenInput bool
	// Encoding is the ladder, codec, GOP and input specification. Default: encoder.Spec{} (HD1080, H.264).
	Encoding encoder.Spec
	// AutoStart starts the channel once it is deployed and stops it when the stack deletes it
	// (a running channel bills by the hour and cannot be deleted), with CDK's AwsCustomResource:
	// the stack's only custom resource, present with this option alone. Default: false.
	AutoStart bool
	// BreakEveryMinutes inserts an SCTE-35 splice insert (an ad break) every so many minutes,
	// 1-1440, while the channel runs: an EventBridge Scheduler schedule calls MediaLive's
	// BatchUpdateSchedule directly (a universal target, no function). Default: 0 (breaks come
	// from the source, or from an operator's command).
	BreakEveryMinutes int
	// BreakSeconds is the duration of each scheduled break, 5-600. Default: 30.
	BreakSeconds int
	// EpochLocked locks the outputs to the Unix epoch (MediaLive's EPOCH_LOCKING), so that a
	// channel in another Region with the same settings makes the same segments at the same
	// times: the CDN can then fail over between the two Regions' origins. The source must carry
	// embedded timecode within two minutes of epoch time, and cannot be an HLS pull
	// (CheckEpochLocking). Default: false (the two pipelines lock to each other).
	EpochLocked bool

	// passphraseImported: the caller imports SRTPassphrase when it makes the channel
	// (ValidateImportingSRTPassphrase).
	passphraseImported bool
}

// ChannelProps configures NewChannel: the options and what the channel is wired to. Only
// Destination is required.
type ChannelProps struct {
	ChannelOptions
	// Name of the channel; it names the MediaLive input and channel. Default: the construct id.
	Name string
	// Destination is the MediaPackage v2 channel both pipelines send to (CMAF ingest): one made
	// by packaging.LiveGroup.AddChannel, or an existing one (packaging.ExistingLiveChannel).
	// Required.
	Destination packaging.LiveDestination
}

// breakSeconds is the scheduled break's duration with its default.
func (p *ChannelOptions) breakSeconds() int {
	if p.BreakSeconds == 0 {
		return 30
	}
	return p.BreakSeconds
}

func (p *ChannelOptions) inputType() InputType {
	if p.InputType == "" {
		return URLPull
	}
	return p.InputType
}

func (p *ChannelOptions) class() ChannelClass {
	if p.Class == "" {
		return Standard
	}
	return p.Class
}

// feeds is how many sources the class needs: one per pipeline.
func (p *ChannelOptions) feeds() int {
	if p.class() == SinglePipeline {
		return 1
	}
	return 2
}

func (p *ChannelOptions) push() bool {
	t := p.inputType()
	return t == RTMPPush || t == RTPPush
}
