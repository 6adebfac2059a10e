package packaging

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	mpv2 "github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackagev2"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// DRMOptions encrypt a live channel's endpoints with keys from a SPEKE v2 key provider (a DRM
// vendor's): MediaPackage v2 asks it for content keys, assuming the role the provider grants
// (LiveChannelProps.KeyProviderRole), and signals the DRM systems in the manifests. The zero
// value is no encryption.
type DRMOptions struct {
	// KeyProviderURL is the provider's SPEKE v2 endpoint: "The URL of the API Gateway proxy that
	// you set up to talk to your key server. The API Gateway proxy must reside in the same AWS
	// Region as MediaPackage and must start with https://" (SpekeKeyProvider Url,
	// https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_SpekeKeyProvider.html).
	// A token (a URL made in the same app, such as keyserver.KeyServer.SPEKEURL) is taken as
	// it is. Default: none (no encryption).
	KeyProviderURL string
	// Systems are the DRM systems the provider serves; each endpoint signals those its
	// container supports (DRMSupport). Default: FAIRPLAY, WIDEVINE and PLAYREADY.
	Systems []mp2types.DrmSystem
	// KeyRotationSeconds rotates the content keys this often, 300 to 31536000 seconds
	// ("Key rotation", https://docs.aws.amazon.com/mediapackage/latest/userguide/drm-content-key-rotation.html).
	// Default: 0, no rotation.
	KeyRotationSeconds int
	// AudioPreset and VideoPreset are the SPEKE v2 encryption contract: which content keys
	// encrypt the audio and the video tracks. Default: PRESET_AUDIO_1 and PRESET_VIDEO_1 (one
	// key for all audio, one for all video).
	AudioPreset mp2types.PresetSpeke20Audio
	VideoPreset mp2types.PresetSpeke20Video
}

// On reports whether the endpoints are encrypted.
func (d DRMOptions) On() bool { return d.KeyProviderURL != "" }

// DRMSystems, AudioPresets and VideoPresets list the values the options take (MediaPackage v2's
// enumerations in aws-sdk-go-v2).
var (
	DRMSystems   = mp2types.DrmSystem("").Values()
	AudioPresets = mp2types.PresetSpeke20Audio("").Values()
	VideoPresets = mp2types.PresetSpeke20Video("").Values()
)

// DefaultDRMSystems are the systems a key provider is taken to serve when none are given.
var DefaultDRMSystems = []mp2types.DrmSystem{mp2types.DrmSystemFairplay, mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready}

// DRMSupport is MediaPackage's SPEKE v2 support matrix, by container, the encryption methods
// each DRM system takes ("Container and DRM system support with SPEKE",
// https://docs.aws.amazon.com/mediapackage/latest/userguide/encryption-choosing-speke-version.html):
// TS: FairPlay SAMPLE-AES, Clear Key AES-128; CMAF: FairPlay cbcs, Widevine and PlayReady cbcs
// or cenc, Irdeto cenc (Clear Key AES-128 is not offered on CMAF).
var DRMSupport = map[string]map[mp2types.DrmSystem][]string{
	"TS": {
		mp2types.DrmSystemFairplay:       {string(mp2types.TsEncryptionMethodSampleAes)},
		mp2types.DrmSystemClearKeyAes128: {string(mp2types.TsEncryptionMethodAes128)},
	},
	"CMAF": {
		mp2types.DrmSystemFairplay:  {string(mp2types.CmafEncryptionMethodCbcs)},
		mp2types.DrmSystemWidevine:  {string(mp2types.CmafEncryptionMethodCbcs), string(mp2types.CmafEncryptionMethodCenc)},
		mp2types.DrmSystemPlayready: {string(mp2types.CmafEncryptionMethodCbcs), string(mp2types.CmafEncryptionMethodCenc)},
		mp2types.DrmSystemIrdeto:    {string(mp2types.CmafEncryptionMethodCenc)},
	},
}

// MaxDRMSystems is how many systems an endpoint's SpekeKeyProvider lists at most (DrmSystems,
// 1 to 4 items, API_SpekeKeyProvider.html above).
const MaxDRMSystems = 4

// Key rotation's bounds, in seconds (Encryption KeyRotationIntervalSeconds,
// https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_Encryption.html).
const MinKeyRotationSeconds, MaxKeyRotationSeconds = 300, 31_536_000

func (d DRMOptions) systems() []mp2types.DrmSystem {
	if len(d.Systems) == 0 {
		return DefaultDRMSystems
	}
	return d.Systems
}

func (d DRMOptions) presets() (mp2types.PresetSpeke20Audio, mp2types.PresetSpeke20Video) {
	return or(d.AudioPreset, mp2types.PresetSpeke20AudioPresetAudio1), or(d.VideoPreset, mp2types.PresetSpeke20VideoPresetVideo1)
}

// or is v, or def when v is empty.
func or[T ~string](v, def T) T {
	if v == "" {
		return def
	}
	return v
}

// Validate checks the options (every endpoint's pairing is checked with the channel, which
// knows its endpoints: Encryption).
func (d DRMOptions) Validate() error {
	if !d.On() {
		if len(d.Systems) > 0 || d.KeyRotationSeconds != 0 || d.AudioPreset != "" || d.VideoPreset != "" {
			return validate.Invalid("packaging", "DRM", validate.NoValue, "sets DRM options without {DRM.KeyProviderURL}; give the key provider's URL, or leave them out")
		}
		return nil
	}
	if err := checkProvider(d.KeyProviderURL, d.Systems, MaxDRMSystems); err != nil {
		return err
	}
	if err := validate.InRange("packaging", "DRM.KeyRotationSeconds", d.KeyRotationSeconds, MinKeyRotationSeconds, MaxKeyRotationSeconds, "seconds", true); err != nil {
		return err
	}
	a, v := d.presets()
	if err := validate.OneOf("packaging", "DRM.AudioPreset", a, AudioPresets); err != nil {
		return err
	}
	if err := validate.OneOf("packaging", "DRM.VideoPreset", v, VideoPresets); err != nil {
		return err
	}
	return checkPresetPair(string(a), string(v))
}

// checkProvider checks a key provider's URL and the DRM systems listed for it (at most max).
func checkProvider(url string, systems []mp2types.DrmSystem, max int) error {
	if !*awscdk.Token_IsUnresolved(jsii.String(url)) && (!strings.HasPrefix(url, "https://") || strings.ContainsAny(url, " \n")) {
		return validate.Invalid("packaging", "DRM.KeyProviderURL", url, "is not allowed; MediaPackage takes an https:// URL of an API Gateway proxy in the stack's Region")
	}
	seen := map[mp2types.DrmSystem]bool{}
	for i, s := range systems {
		f := fmt.Sprintf("DRM.Systems[%d]", i)
		if err := validate.OneOf("packaging", f, s, DRMSystems); err != nil {
			return err
		}
		if seen[s] {
			return validate.Invalid("packaging", f, string(s), "is listed twice")
		}
		seen[s] = true
	}
	if len(systems) > max {
		return validate.Invalid("packaging", "DRM.Systems", validate.NoValue, "lists %d systems; an endpoint takes at most %d", len(systems), max)
	}
	return nil
}

// checkPresetPair checks a SPEKE v2 encryption contract (MediaPackage v2 and VOD spell the two
// words alike). SHARED is one key for audio and video: both presets say so or neither
// ("SPEKE Version 2.0 presets", https://docs.aws.amazon.com/mediapackage/latest/userguide/drm-content-speke-v2-presets.html).
func checkPresetPair(audio, video string) error {
	shared, clear := string(mp2types.PresetSpeke20AudioShared), string(mp2types.PresetSpeke20AudioUnencrypted)
	if (audio == shared) != (video == shared) {
		return validate.Invalid("packaging", "DRM.AudioPreset", audio, "and {DRM.VideoPreset} %s disagree: SHARED (one key for audio and video) must be both presets or neither", video)
	}
	// "You can't select UNENCRYPTED for both audio and video presets" (the presets page above).
	if audio == clear && video == clear {
		return validate.Invalid("packaging", "DRM.AudioPreset", audio, "and {DRM.VideoPreset} are both UNENCRYPTED; encrypt audio or video (or turn DRM off)")
	}
	return nil
}

// Encryption is the endpoint's encryption for container (TS or CMAF) and format (HLS,
// CMAF_HLS, CMAF_DASH, LL_HLS): the systems of d its container supports and the one method
// they all take (cbcs preferred for HLS, which Apple devices decrypt; cenc for DASH, which every
// DASH DRM client takes). An endpoint no system fits, or whose systems share no method, is an
// error naming what would fit.
func (d DRMOptions) Encryption(container, format string) (method string, systems []string, err error) {
	support := DRMSupport[container]
	var methods []string
	for _, s := range d.systems() {
		m, ok := support[s]
		// DASH takes PlayReady, Widevine and Irdeto, not FairPlay: "DASH supports both CENC and
		// CBCS encryption methods with PlayReady, Widevine, and Irdeto"
		// (https://docs.aws.amazon.com/mediapackage/latest/userguide/dash-overview.html).
		if !ok || (format == "CMAF_DASH" && s == mp2types.DrmSystemFairplay) {
			continue
		}
		systems = append(systems, string(s))
		if methods == nil {
			methods = m
		} else {
			methods = slices.DeleteFunc(slices.Clone(methods), func(x string) bool { return !slices.Contains(m, x) })
		}
	}
	fits := make([]string, 0, len(support))
	for s := range support {
		if format != "CMAF_DASH" || s != mp2types.DrmSystemFairplay {
			fits = append(fits, string(s))
		}
	}
	slices.Sort(fits)
	switch {
	case len(systems) == 0:
		return "", nil, validate.Invalid("packaging", "DRM.Systems", validate.NoValue, "has no DRM system the %s endpoint's %s segments take; add one of %s", format, container, validate.Choices(fits))
	case len(methods) == 0:
		return "", nil, validate.Invalid("packaging", "DRM.Systems", validate.NoValue, "lists %s, which share no encryption method in %s segments (the %s endpoint); MediaPackage's support matrix: SAMPLE-AES for FairPlay and AES-128 for Clear Key in TS, cbcs for FairPlay and cenc for Irdeto in CMAF", strings.Join(systems, ", "), container, format)
	}
	method = methods[0]
	if format == "CMAF_DASH" && slices.Contains(methods, string(mp2types.CmafEncryptionMethodCenc)) {
		method = string(mp2types.CmafEncryptionMethodCenc)
	} else if slices.Contains(methods, string(mp2types.CmafEncryptionMethodCbcs)) {
		method = string(mp2types.CmafEncryptionMethodCbcs)
	}
	return method, systems, nil
}

var roleArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)

// CheckKeyProviderRoleArn checks the ARN of the role a key provider grants MediaPackage: "Valid
// format: arn:aws:iam::{accountID}:role/{name}" (SpekeKeyProvider RoleArn, API_SpekeKeyProvider.html
// above); the error names field of pkg.
func CheckKeyProviderRoleArn(pkg, field, arn string) error {
	if roleArnRe.MatchString(arn) {
		return nil
	}
	return validate.Invalid(pkg, field, arn, "is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)")
}

// encryption is the CloudFormation encryption of an endpoint, nil without DRM.
func (ch *LiveChannel) encryption(p *LiveChannelProps, container, format, name string) *mpv2.CfnOriginEndpoint_EncryptionProperty {
	d := p.DRM
	if !d.On() {
		return nil
	}
	method, systems, err := d.Encryption(container, format)
	if err != nil {
		panic(err) // validated before anything is made
	}
	m := &mpv2.CfnOriginEndpoint_EncryptionMethodProperty{CmafEncryptionMethod: jsii.String(method)}
	if container == "TS" {
		m = &mpv2.CfnOriginEndpoint_EncryptionMethodProperty{TsEncryptionMethod: jsii.String(method)}
	}
	a, v := d.presets()
	e := &mpv2.CfnOriginEndpoint_EncryptionProperty{EncryptionMethod: m, SpekeKeyProvider: &mpv2.CfnOriginEndpoint_SpekeKeyProviderProperty{
		DrmSystems: jsii.Strings(systems...),
		EncryptionContractConfiguration: &mpv2.CfnOriginEndpoint_EncryptionContractConfigurationProperty{
			PresetSpeke20Audio: jsii.String(string(a)), PresetSpeke20Video: jsii.String(string(v))},
		ResourceId: ch.ContentID(name),
		RoleArn:    p.KeyProviderRole.RoleArn(),
		Url:        jsii.String(d.KeyProviderURL),
	}}
	if d.KeyRotationSeconds > 0 {
		e.KeyRotationIntervalSeconds = jsii.Number(float64(d.KeyRotationSeconds))
	}
	return e
}

// ContentID is the content id the key provider sees for the channel's endpoint named name
// (hls, cmaf-hls, cmaf-dash, ll-hls): <stack>-<channel>-<endpoint>, one per endpoint ("The
// service does not permit you to use the same ID for two simultaneous encryption processes",
// SpekeKeyProvider ResourceId), of [0-9a-zA-Z_-]. Players ask the demo key server's license
// route for keys by it.
func (c *LiveChannel) ContentID(name string) *string {
	return awscdk.Fn_Join(jsii.String("-"), jsii.Strings(*awscdk.Aws_STACK_NAME(), c.Name, name))
}
