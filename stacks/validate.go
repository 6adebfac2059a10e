package stacks

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/keyserver"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Validate returns the *validate.Error (its field placed within AppProps) that Build would panic
// with for the settings each construct checks on its own and the checks across them, without
// creating anything.
func (p *AppProps) Validate() error {
	if err := p.validate(); err != nil {
		return err
	}
	if !p.WithoutVod {
		if err := p.Vod.Validate(); err != nil {
			return validate.Nest("stacks", "Vod", err)
		}
	}
	if !p.WithoutLive {
		if err := p.Live.Validate(); err != nil {
			return validate.Nest("stacks", "Live", err)
		}
	}
	return nil
}

// validate checks the app's own settings: a stack to build, and the stacks' names.
func (p *AppProps) validate() error {
	if p.WithoutVod && p.WithoutLive {
		return validate.Invalid("stacks", "WithoutVod", true, "and {WithoutLive} leave no stack to build")
	}
	for _, n := range []struct{ field, name string }{{"VodStackName", p.VodStackName}, {"LiveStackName", p.LiveStackName}} {
		if n.name != "" && !stackNameRe.MatchString(n.name) {
			return validate.Invalid("stacks", n.field, n.name, "is not allowed; use a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128 characters")
		}
	}
	return nil
}

// stackNameRe is CloudFormation's stack name: "can contain only alphanumeric characters
// (case-sensitive) and hyphens. It must start with an alphabetic character and can't be longer
// than 128 characters." (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html)
var stackNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,127}$`)

// kmsKeyRe is a KMS key's ARN (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN).
var kmsKeyRe = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)

// check is one construct's options check and where its fields sit in the stack's props.
type check struct {
	prefix string
	err    error
}

// first returns the first failed check, its field placed within the stack's props.
func first(checks ...check) error {
	for _, c := range checks {
		if c.err != nil && c.prefix == "" { // already the stack's own field
			return c.err
		} else if c.err != nil {
			return validate.Nest("stacks", c.prefix, c.err)
		}
	}
	return nil
}

// demoAds stands in for ads.Demo, which the stacks replace with their own demo server's URL.
const demoAds = "https://demo-ads.example.com/player/ads/vast.xml"

// adsOptions are the ad options as the stack gives them to its playback configuration.
func adsOptions(o ads.PlaybackOptions) *ads.PlaybackOptions {
	if o.AdDecisionServerURL == ads.Demo {
		o.AdDecisionServerURL = demoAds
	}
	return &o
}

// Validate returns the *validate.Error NewVodStack would panic with (see AppProps.Validate).
func (p *VodStackProps) Validate() error {
	if err := p.validate(); err != nil {
		return err
	}
	on := p.Ads.AdDecisionServerURL != ""
	if err := checkCertificateArn(p.CertificateArn, &p.CDN); err != nil {
		return err
	}
	checks := []check{
		{"Mezzanine", p.Mezzanine.Validate()},
		{"Pipeline", p.Pipeline.Validate()},
		checkCDN(&p.CDN, p.CertificateArn, on),
	}
	if err := p.checkDRM(); err != nil {
		return err
	}
	if p.MediaPackage {
		pk := p.Packaging
		if p.DemoKeyServer {
			// The demo key server's URL exists once it does: check the options with a stand-in.
			pk.DRM.KeyProviderURL, pk.DRM.Systems = "https://demo-key-server.invalid/v1/speke", keyserver.DemoSystems
		}
		checks = append(checks, check{"Pipeline", transcode.PackagingFormats(p.encoding())},
			check{"Packaging", pk.Validate()}, check{"CDNIdentifier", p.CDNIdentifier.Validate()})
	}
	if on {
		checks = append(checks, check{"Ads", adsOptions(p.Ads).Validate(false)})
	}
	return first(checks...)
}

// Validate returns the *validate.Error NewLiveStack would panic with (see AppProps.Validate).
func (p *LiveStackProps) Validate() error {
	channels := p.channels()
	withDefault := *p
	withDefault.Channels = channels
	if err := withDefault.validate(); err != nil {
		return err
	}
	on := false
	var checks []check
	for i, c := range channels {
		at := fmt.Sprintf("Channels[%d].", i)
		seg := c.Ingest.Encoding.WithDefaults().SegmentSeconds
		pk := c.Packaging
		if p.DemoKeyServer && !pk.DRM.On() {
			// The demo key server's URL exists once it does: check the options with a stand-in.
			pk.DRM.KeyProviderURL = "https://demo-key-server.invalid/v1/speke"
		}
		checks = append(checks,
			checkIngest(&c, at),
			check{at + "Packaging", pk.Validate(seg)},
			check{at + "Ingest", c.Ingest.ValidateWindows(c.Packaging.Windows(seg))})
		if c.Ads.AdDecisionServerURL != "" {
			on = true
			checks = append(checks, check{at + "Ads", adsOptions(c.Ads).Validate(true)})
		}
	}
	if err := checkCertificateArn(p.CertificateArn, &p.CDN); err != nil {
		return err
	}
	if err := checkLiveDRM(p, channels); err != nil {
		return err
	}
	if err := p.checkFailover(channels); err != nil {
		return err
	}
	checks = append(checks, checkCDN(&p.CDN, p.CertificateArn, on), check{"CDNIdentifier", p.CDNIdentifier.Validate()})
	return first(checks...)
}

// checkLiveDRM checks the key provider's role for the channels with DRM, and refuses DRM with
// ads: MediaTailor would stitch clear ad segments into encrypted manifests, a transition this
// version does not prove in a player.
func checkLiveDRM(p *LiveStackProps, channels []LiveChannelConfig) error {
	on := p.DemoKeyServer
	for i, c := range channels {
		d := c.Packaging.DRM
		if p.DemoKeyServer && (d.On() || len(d.Systems) > 0) {
			field := fmt.Sprintf("Channels[%d].Packaging.DRM.Systems", i)
			if d.On() {
				field = fmt.Sprintf("Channels[%d].Packaging.DRM.KeyProviderURL", i)
			}
			return validate.Invalid("stacks", field, validate.NoValue, "names a key provider or DRM systems, and {DemoKeyServer} is on: the demo key server answers Clear Key AES-128 and Widevine itself; give one of the two")
		}
		if !d.On() && !p.DemoKeyServer {
			continue
		}
		on = true
		if c.Ads.AdDecisionServerURL != "" {
			field, value := fmt.Sprintf("Channels[%d].Packaging.DRM.KeyProviderURL", i), any(d.KeyProviderURL)
			if p.DemoKeyServer {
				field, value = "DemoKeyServer", validate.NoValue
			}
			return validate.Invalid("stacks", field, value, "cannot be combined with ads ({Channels[%d].Ads.AdDecisionServerURL}) yet: clear ad segments between encrypted ones are not proven in a player; turn one off", i)
		}
	}
	return checkKeyProviderRole(on, p.DemoKeyServer, p.KeyProviderRoleArn, "Channels[0].Packaging.DRM.KeyProviderURL")
}

// checkDRM checks VoD encryption: MediaPackage to encrypt, no ads, no clear renditions served,
// the key provider's role.
func (p *VodStackProps) checkDRM() error {
	d := p.Packaging.DRM
	on := d.On() || p.DemoKeyServer
	field, value := "Packaging.DRM.KeyProviderURL", any(d.KeyProviderURL)
	if p.DemoKeyServer {
		field, value = "DemoKeyServer", validate.NoValue
	}
	switch {
	case p.DemoKeyServer && (d.On() || len(d.Systems) > 0):
		given := "Packaging.DRM.Systems"
		if d.On() {
			given = "Packaging.DRM.KeyProviderURL"
		}
		return validate.Invalid("stacks", given, validate.NoValue, "names a key provider or DRM systems, and {DemoKeyServer} is on: the demo key server answers Widevine itself; give one of the two")
	case on && !p.MediaPackage:
		// MediaConvert's own SPEKE encryption would fix the keys into the stored files at
		// encode time, for the formats each output group encrypts; MediaPackage VOD encrypts
		// at request time from clear HLS that stays private.
		return validate.Invalid("stacks", field, value, "needs {MediaPackage}: MediaPackage VOD encrypts the CMAF HLS and DASH it packages from private HLS renditions (MediaConvert's own SPEKE encryption is not offered)")
	case on && p.Ads.AdDecisionServerURL != "":
		return validate.Invalid("stacks", field, value, "cannot be combined with ads ({Ads.AdDecisionServerURL}) yet: clear ad segments between encrypted ones are not proven in a player, and MediaTailor could not reach the private renditions; turn one off")
	case on && transcode.UnservedFormat(p.Pipeline.Encoding) != "":
		return validate.Invalid("stacks", "Pipeline.Encoding.Formats", string(transcode.UnservedFormat(p.Pipeline.Encoding)), "would be written in the clear with DRM on ({%s}), and is not served: MediaPackage makes encrypted CMAF HLS and DASH from the %s renditions; leave it out", field, jobspec.HLS)
	}
	return checkKeyProviderRole(on, p.DemoKeyServer, p.KeyProviderRoleArn, field)
}

// checkKeyProviderRole checks the ARN of a DRM vendor's role: required with their key
// provider, refused with the demo key server (it makes its own) and without DRM.
func checkKeyProviderRole(on, demo bool, arn, drmField string) error {
	switch {
	case demo && arn != "":
		return validate.Invalid("stacks", "KeyProviderRoleArn", arn, "is for a key provider of your own; {DemoKeyServer} makes its own role")
	case demo:
		return nil
	case on && arn == "":
		return validate.Invalid("stacks", "KeyProviderRoleArn", validate.NoValue, "is required with DRM: the role MediaPackage assumes to call the key provider (your DRM vendor gives it)")
	case !on && arn != "":
		return validate.Invalid("stacks", "KeyProviderRoleArn", arn, "is given but nothing is encrypted ({%s})", drmField)
	case on:
		return packaging.CheckKeyProviderRoleArn("stacks", "KeyProviderRoleArn", arn)
	}
	return nil
}

// checkCertificateArn checks a stack's certificate ARN (given instead of CDN.Certificate).
func checkCertificateArn(arn string, o *cdn.Options) error {
	if arn == "" {
		return nil
	}
	if o.Certificate != nil {
		return validate.Invalid("stacks", "CertificateArn", arn, "and {CDN.Certificate} both name the certificate; give one")
	}
	return cdn.CheckCertificateArn("stacks", "CertificateArn", arn)
}

// checkCDN is the distribution options' check, with the certificate the stack imports from arn
// (an error about that certificate names CertificateArn, the setting given).
func checkCDN(o *cdn.Options, arn string, adInsertion bool) check {
	if arn == "" {
		return check{"CDN", o.Validate(adInsertion)}
	}
	err := o.ValidateImportingCertificate(adInsertion)
	if e := asStackSetting(err, "Certificate", "CertificateArn", arn, "CDN."); e != nil {
		return check{"", e}
	}
	return check{"CDN", err}
}

// asStackSetting re-names a construct's error about field, whose value the stack imports from
// an ARN, as the stack's own setting (setting, the ARN given); the construct's other fields it
// names are placed under within. Other errors: nil.
func asStackSetting(err error, field, setting, arn, within string) error {
	var e *validate.Error
	if !errors.As(err, &e) || e.Field != field {
		return nil
	}
	c := *e
	c.Pkg, c.Prefix, c.Field, c.Value = "stacks", "", setting, arn
	c.Problem = strings.ReplaceAll(e.Problem, "{", "{"+within)
	return &c
}

// cdnOptions are the distribution options as a stack gives them: with the certificate imported
// from arn when one is given.
func cdnOptions(s awscdk.Stack, o cdn.Options, arn string) cdn.Options {
	if arn != "" {
		o.Certificate = awscertificatemanager.Certificate_FromCertificateArn(s, jsii.String("Certificate"), jsii.String(arn))
	}
	return o
}

// checkIngest is a channel's ingest check, with the passphrase secret the stack imports from
// SRTPassphraseSecretArn.
func checkIngest(c *LiveChannelConfig, at string) check {
	arn := c.SRTPassphraseSecretArn
	if arn == "" {
		return check{at + "Ingest", c.Ingest.Validate()}
	}
	if c.Ingest.SRTPassphrase != nil {
		return check{strings.TrimSuffix(at, "."), validate.Invalid("stacks", "SRTPassphraseSecretArn", arn, "and {Ingest.SRTPassphrase} both name the passphrase secret; give one")}
	}
	if err := liveingest.CheckSecretCompleteArn("stacks", "SRTPassphraseSecretArn", arn); err != nil {
		return check{strings.TrimSuffix(at, "."), err}
	}
	err := c.Ingest.ValidateImportingSRTPassphrase()
	if e := asStackSetting(err, "SRTPassphrase", at+"SRTPassphraseSecretArn", arn, at+"Ingest."); e != nil {
		return check{"", e}
	}
	return check{at + "Ingest", err}
}
