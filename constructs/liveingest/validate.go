package liveingest

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

var (
	nameRe    = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	paramRe   = regexp.MustCompile(`^/?[A-Za-z0-9_.\-/]{1,1000}$`)
	flowArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:mediaconnect:[a-z0-9-]+:\d{12}:flow:[A-Za-z0-9-]+:[A-Za-z0-9_-]+$`)
	hostPort  = regexp.MustCompile(`^[A-Za-z0-9.-]+:\d{1,5}$`)
)

// secretArnRe is a secret's complete ARN: MediaLive needs the complete one (with the six-character
// suffix Secrets Manager adds) to read it.
var secretArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$`)

func bad(field string, v any, problem string, args ...any) error {
	return validate.Invalid("liveingest", field, v, problem, args...)
}

// Validate returns the *validate.Error NewChannel would panic with for these props, without
// creating anything. An empty Name becomes the construct's id, checked when it is made.
func (p *ChannelProps) Validate() error {
	q := p.withDefaults()
	if q.Name == "" {
		q.Name = "channel"
	}
	return q.validate()
}

// withDefaults is p with the sources a URL_PULL input defaults to.
func (p ChannelProps) withDefaults() ChannelProps {
	if p.inputType() == URLPull && len(p.Sources) == 0 {
		p.Sources = DemoSources[:p.feeds()]
	}
	return p
}

// validate checks the props, defaults filled in, before anything is created.
func (p *ChannelProps) validate() error {
	if p.Destination == nil {
		return bad("Destination", validate.NoValue, "is required (the MediaPackage v2 channel to send to)")
	}
	if !nameRe.MatchString(p.Name) {
		return bad("Name", p.Name, "is not allowed; use 1 to 64 letters, digits, - and _")
	}
	if err := p.ChannelOptions.Validate(); err != nil {
		return err
	}
	if seg, dest := p.Encoding.WithDefaults().SegmentSeconds, p.Destination.Windows().SegmentSeconds; seg != dest {
		return bad("Encoding.SegmentSeconds", seg, "differs from the MediaPackage channel's segment length (%d s); use the same", dest)
	}
	return p.ValidateWindows(p.Destination.Windows())
}

// Validate returns the *validate.Error NewChannel would panic with for these options, without
// creating anything (the checks against the destination's windows wait for it).
func (p *ChannelOptions) Validate() error {
	if err := validate.OneOf("liveingest", "InputType", p.inputType(), InputTypes); err != nil {
		return err
	}
	if err := validate.OneOf("liveingest", "Class", p.class(), ChannelClasses); err != nil {
		return err
	}
	if err := p.validateSources(); err != nil {
		return err
	}
	if err := p.validateCidrs(); err != nil {
		return err
	}
	if err := p.Encoding.Validate(); err != nil {
		return validate.Nest("liveingest", "Encoding", err)
	}
	if err := p.CheckEpochLocking(); err != nil {
		return err
	}
	return p.validateBreakTimes()
}

// CheckEpochLocking refuses, for an epoch-locked channel (EpochLocked, or one the caller is
// about to lock), what epoch locking cannot work with: a pull ("The channel can't include HLS
// inputs. If the channel includes an HLS input, MediaLive stops attempting to lock pipelines";
// "the embedded timecode must be within 2 minutes of epoch time",
// https://docs.aws.amazon.com/medialive/latest/ug/pipeline-locking-verify-input.html: an MP4
// file's timecode is its own, and each Region's channel would play it from its start), and
// scheduled breaks (each Region's schedule would cue its break at another moment, and the two
// Regions' segments would differ).
func (p *ChannelOptions) CheckEpochLocking() error {
	if !p.EpochLocked {
		return nil
	}
	if p.inputType() == URLPull {
		return bad("InputType", string(URLPull), "cannot be epoch-locked: MediaLive stops locking a channel with an HLS input, and an MP4 file carries no epoch timecode; push a feed with embedded timecode within two minutes of epoch time (RTMP_PUSH, RTP_PUSH, SRT_CALLER or MEDIACONNECT)")
	}
	if p.BreakEveryMinutes > 0 {
		return bad("BreakEveryMinutes", p.BreakEveryMinutes, "cannot be combined with epoch locking: each Region's schedule would cue its break at another moment; cue breaks in the source")
	}
	return nil
}

// ValidateImportingSRTPassphrase is Validate for options whose SRTPassphrase (left nil) the
// caller imports when it makes the channel, from an ARN it checks with CheckSecretCompleteArn.
func (p *ChannelOptions) ValidateImportingSRTPassphrase() error {
	if p.SRTPassphrase != nil {
		return bad("SRTPassphrase", validate.NoValue, "is given, and a passphrase secret is imported by ARN too; give one")
	}
	q := *p
	q.passphraseImported = true
	return q.Validate()
}

// CheckSecretCompleteArn checks the ARN of the secret holding an SRT passphrase: MediaLive needs
// the complete ARN, with the six characters Secrets Manager adds to the name
// (https://docs.aws.amazon.com/medialive/latest/ug/encryption-srt-password.html). A token
// passes; the error names pkg's field.
func CheckSecretCompleteArn(pkg, field, arn string) error {
	if *awscdk.Token_IsUnresolved(jsii.String(arn)) || secretArnRe.MatchString(arn) {
		return nil
	}
	return validate.Invalid(pkg, field, arn, "is not the complete ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)")
}

// validateBreakTimes checks the scheduled breaks' own settings (the destination's windows are
// checked against them in validateBreaks).
func (p *ChannelOptions) validateBreakTimes() error {
	if p.BreakEveryMinutes == 0 {
		if p.BreakSeconds != 0 {
			return bad("BreakSeconds", p.BreakSeconds, "needs {BreakEveryMinutes}")
		}
		return nil
	}
	if err := validate.InRange("liveingest", "BreakEveryMinutes", p.BreakEveryMinutes, 1, 1440, "minutes", false); err != nil {
		return err
	}
	return validate.InRange("liveingest", "BreakSeconds", p.BreakSeconds, 5, 600, "seconds", true)
}

// ValidateWindows returns the *validate.Error NewChannel would panic with for these options'
// scheduled breaks on a destination of windows w (packaging.LiveChannelOptions.Windows gives a
// channel's before it is made): every break carries the same splice event id, so two must never
// be listed in one manifest (window plus break).
func (p *ChannelOptions) ValidateWindows(win packaging.LiveWindows) error {
	if p.BreakEveryMinutes == 0 {
		return nil
	}
	// A time-shifted manifest (startover) can span many breaks, each listed with the same
	// EXT-X-DATERANGE ID but another date, which HLS forbids: "If a Playlist contains two
	// EXT-X-DATERANGE tags with the same ID attribute value, then any AttributeName that appears
	// in both tags MUST have the same AttributeValue" (RFC 8216, 4.3.2.7).
	if w := win.StartoverWindowSeconds; w > 0 {
		return bad("BreakEveryMinutes", p.BreakEveryMinutes, "cannot be combined with the channel's startover window (%d s): every scheduled break carries the same splice event id, and a time-shifted manifest would list several breaks under one ID; drop one of them", w)
	}
	if gap, need := p.BreakEveryMinutes*60, win.ManifestWindowSeconds+p.breakSeconds(); gap <= need {
		return bad("BreakEveryMinutes", p.BreakEveryMinutes, "puts breaks %d s apart, within one manifest window plus a break (%d s + %d s); space them further apart or shorten the window", gap, win.ManifestWindowSeconds, p.breakSeconds())
	}
	return nil
}

func (p *ChannelOptions) validateSources() error {
	if err := p.validateAudioSelection(); err != nil {
		return err
	}
	if p.AllowUnencryptedSRT && p.inputType() != SRTCaller {
		return bad("AllowUnencryptedSRT", true, "applies to SRT_CALLER inputs only; {InputType} is %s", p.inputType())
	}
	if err := p.validateSrt(); err != nil {
		return err
	}
	if p.SRTStreamID != "" && p.inputType() != SRTCaller {
		return bad("SRTStreamID", p.SRTStreamID, "applies to SRT_CALLER inputs only; {InputType} is %s", p.inputType())
	}
	if len(p.FlowArns) > 0 && p.inputType() != MediaConnect {
		return bad("FlowArns", p.FlowArns, "applies to MEDIACONNECT inputs only; {InputType} is %s", p.inputType())
	}
	if (p.PullUsername != "" || p.PullPasswordParameter != "") && p.inputType() != URLPull {
		return bad("PullUsername", p.PullUsername, "applies to URL_PULL inputs only; {InputType} is %s", p.inputType())
	}
	switch p.inputType() {
	case URLPull:
		return p.validatePull()
	case SRTCaller:
		return p.validateListeners()
	case MediaConnect:
		return p.validateFlows()
	}
	if len(p.Sources) > 0 {
		return bad("Sources", p.Sources, "is for URL_PULL and SRT_CALLER inputs; push inputs get their URLs from MediaLive")
	}
	return nil
}

// validateSrt checks the SRT passphrase and algorithm: an SRT caller input is encrypted unless
// AllowUnencryptedSRT says otherwise.
func (p *ChannelOptions) validateSrt() error {
	passphrase := p.SRTPassphrase != nil || p.passphraseImported
	if (passphrase || p.SRTAlgorithm != "") && p.inputType() != SRTCaller {
		return bad("SRTPassphrase", validate.NoValue, "applies to SRT_CALLER inputs only; {InputType} is %s", p.inputType())
	}
	if p.SRTAlgorithm != "" {
		if !passphrase {
			return bad("SRTAlgorithm", p.SRTAlgorithm, "needs {SRTPassphrase} (the secret holding the passphrase)")
		}
		if err := validate.OneOf("liveingest", "SRTAlgorithm", p.SRTAlgorithm, SRTAlgorithms); err != nil {
			return err
		}
	}
	if p.inputType() == SRTCaller && !passphrase && !p.AllowUnencryptedSRT {
		return bad("SRTPassphrase", validate.NoValue, "is required for an SRT caller input: without it the contribution feed crosses the network in the clear; give the Secrets Manager secret holding the passphrase, or set {AllowUnencryptedSRT}")
	}
	return nil
}

// validatePull checks a URL pull's sources (one per pipeline) and credentials.
func (p *ChannelOptions) validatePull() error {
	n := p.feeds()
	if len(p.Sources) > 0 && len(p.Sources) != n {
		return bad("Sources", p.Sources, "has %d URL(s); a %s channel pulls %d, one per pipeline", len(p.Sources), p.class(), n)
	}
	for i, s := range p.Sources {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return bad(fmt.Sprintf("Sources[%d]", i), s, "is not an http(s) URL of an HLS playlist or MP4 file")
		}
		if u.User != nil {
			return bad(fmt.Sprintf("Sources[%d]", i), u.Redacted(), "carries credentials, which would sit in the template; give {PullUsername} and {PullPasswordParameter} (an SSM SecureString name) instead")
		}
	}
	if (p.PullUsername == "") != (p.PullPasswordParameter == "") {
		return bad("PullUsername", p.PullUsername, "and {PullPasswordParameter} go together (the password is read from that SSM parameter)")
	}
	if p.PullPasswordParameter != "" && !paramRe.MatchString(p.PullPasswordParameter) {
		return bad("PullPasswordParameter", p.PullPasswordParameter, "is not an SSM parameter name; give the name of a SecureString parameter holding the password, never the password itself")
	}
	for i, s := range p.Sources {
		if p.PullPasswordParameter != "" && !strings.HasPrefix(s, "https://") {
			return bad(fmt.Sprintf("Sources[%d]", i), s, "is pulled with {PullUsername} and its password over plain http, where anyone on the way reads them; use https")
		}
	}
	return nil
}

// validateListeners checks an SRT caller's listeners (one per pipeline).
func (p *ChannelOptions) validateListeners() error {
	n := p.feeds()
	if len(p.Sources) != n {
		return bad("Sources", p.Sources, "has %d listener(s); a %s channel calls %d, one per pipeline, as host:port", len(p.Sources), p.class(), n)
	}
	for i, s := range p.Sources {
		if !hostPort.MatchString(s) {
			return bad(fmt.Sprintf("Sources[%d]", i), s, "is not host:port, e.g. srt.example.com:5000")
		}
	}
	return nil
}

// validateFlows checks a MediaConnect input's flows (one per pipeline).
func (p *ChannelOptions) validateFlows() error {
	n := p.feeds()
	if len(p.FlowArns) != n {
		return bad("FlowArns", p.FlowArns, "has %d flow(s); a %s channel takes %d, one per pipeline", len(p.FlowArns), p.class(), n)
	}
	for i, f := range p.FlowArns {
		if !flowArnRe.MatchString(f) {
			return bad(fmt.Sprintf("FlowArns[%d]", i), f, "is not a MediaConnect flow ARN (arn:aws:mediaconnect:<region>:<account>:flow:<id>:<name>)")
		}
	}
	return nil
}

func (p *ChannelOptions) validateCidrs() error {
	if !p.push() {
		if len(p.InputCIDRs) > 0 {
			return bad("InputCIDRs", p.InputCIDRs, "applies to push inputs (RTMP_PUSH, RTP_PUSH) only")
		}
		return nil
	}
	if len(p.InputCIDRs) == 0 {
		return bad("InputCIDRs", validate.NoValue, "is required for a push input: list the networks your encoders push from, e.g. 203.0.113.0/24")
	}
	if len(p.InputCIDRs) > 10 {
		return bad("InputCIDRs", p.InputCIDRs, "has %d CIDRs; MediaLive allows at most 10", len(p.InputCIDRs))
	}
	for i, c := range p.InputCIDRs {
		ip, n, err := net.ParseCIDR(c)
		if err != nil || ip.To4() == nil {
			return bad(fmt.Sprintf("InputCIDRs[%d]", i), c, "is not an IPv4 CIDR such as 203.0.113.0/24")
		}
		if !ip.Equal(n.IP) {
			return bad(fmt.Sprintf("InputCIDRs[%d]", i), c, "has host bits set; use %s", n.String())
		}
		if OpenCIDR(c) && !p.AllowOpenInput {
			return bad(fmt.Sprintf("InputCIDRs[%d]", i), c, "is wider than /%d and so lets strangers push (0.0.0.0/1 and 128.0.0.0/1 together are the whole internet); name your encoders' networks, or set {AllowOpenInput}", MinInputPrefix)
		}
	}
	return nil
}

// MinInputPrefix is the shortest prefix an input CIDR may have without AllowOpenInput: a /16 is
// 65,536 addresses, as large as an encoder site's network gets; anything wider (a /8 is a
// cloud provider's or carrier's block) lets strangers push.
const MinInputPrefix = 16

// OpenCIDR reports whether an IPv4 CIDR is wider than MinInputPrefix (a valid CIDR is assumed).
func OpenCIDR(cidr string) bool {
	_, n, err := net.ParseCIDR(cidr)
	if err != nil {
		return false
	}
	ones, _ := n.Mask.Size()
	return ones < MinInputPrefix
}

// validateAudioSelection refuses audio languages where MediaLive cannot select them: an RTMP feed
// carries one audio track ("RTMP: No, single audio asset"), and an MP4 file's tracks are selected
// by track or language, not by PID ("Audio selectors",
// https://docs.aws.amazon.com/medialive/latest/ug/input-audio-selectors.html).
func (p *ChannelOptions) validateAudioSelection() error {
	if len(p.Encoding.AudioLanguages) == 0 {
		return nil
	}
	if p.inputType() == RTMPPush {
		return bad("Encoding.AudioLanguages", p.Encoding.AudioLanguages, "needs a feed with several audio tracks; an RTMP_PUSH feed carries one (use SRT_CALLER, RTP_PUSH, MEDIACONNECT or URL_PULL)")
	}
	if p.inputType() != URLPull || len(p.Encoding.AudioPIDs) == 0 {
		return nil
	}
	for _, src := range p.Sources {
		if strings.HasSuffix(strings.ToLower(strings.SplitN(src, "?", 2)[0]), ".mp4") {
			return bad("Encoding.AudioPIDs", validate.NoValue, "selects transport-stream PIDs; the source %s is an MP4 file, whose audio is selected by language (leave {Encoding.AudioPIDs} out)", src)
		}
	}
	return nil
}
