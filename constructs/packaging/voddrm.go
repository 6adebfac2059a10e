package packaging

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackage"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	mpvodtypes "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/keyserver/speke"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// VodDRMOptions encrypt a packaging group's CMAF (HLS) and DASH configurations with keys from a
// SPEKE v2 key provider: MediaPackage VOD asks it for an asset's keys (the asset's ResourceId
// is the content id), assuming the role the provider grants (VodProps.KeyProviderRole). With
// DRM the group has no HLS (TS) configuration: MediaPackage VOD encrypts TS with SPEKE v1 only
// (VodDRMSupport). The zero value is no encryption.
type VodDRMOptions struct {
	// KeyProviderURL is the provider's SPEKE v2 endpoint, an https:// API Gateway URL in the
	// stack's Region ("Url", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-mediapackage-packagingconfiguration-spekekeyprovider.html).
	// A token is taken as it is. Default: none (no encryption).
	KeyProviderURL string
	// Systems are the DRM systems the provider serves; each configuration signals those its
	// package supports (VodDRMSupport), at most VodMaxSystemIDs. Default: VodDefaultSystems
	// (CMAF: FAIRPLAY and WIDEVINE; DASH: WIDEVINE and PLAYREADY).
	Systems []mp2types.DrmSystem
	// AudioPreset and VideoPreset are the SPEKE v2 encryption contract, in MediaPackage VOD's
	// spelling (PRESET-AUDIO-1). Default: PRESET-AUDIO-1 and PRESET-VIDEO-1.
	AudioPreset mpvodtypes.PresetSpeke20Audio
	VideoPreset mpvodtypes.PresetSpeke20Video
}

// On reports whether the configurations are encrypted.
func (d VodDRMOptions) On() bool { return d.KeyProviderURL != "" }

// VodAudioPresets and VodVideoPresets list the presets MediaPackage VOD takes (aws-sdk-go-v2).
var (
	VodAudioPresets = mpvodtypes.PresetSpeke20Audio("").Values()
	VodVideoPresets = mpvodtypes.PresetSpeke20Video("").Values()
)

// VodDRMSupport is MediaPackage VOD's SPEKE v2 support, by package: CMAF (Apple HLS) takes
// FairPlay, Widevine and PlayReady (cbcs only), DASH takes PlayReady, Widevine and Irdeto;
// Apple HLS (TS) and MSS take SPEKE v1 only ("Container and DRM system support with SPEKE",
// https://docs.aws.amazon.com/mediapackage/latest/ug/encryption-choosing-speke-version.html).
var VodDRMSupport = map[string][]mp2types.DrmSystem{
	"CMAF": {mp2types.DrmSystemFairplay, mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready},
	"DASH": {mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready, mp2types.DrmSystemIrdeto},
}

// VodMaxSystemIDs are how many system ids a configuration lists at most: "Provide up to two
// system IDs" (CMAF encryption settings,
// https://docs.aws.amazon.com/mediapackage/latest/ug/cfigs-cmaf-encryption.html), and two for
// DASH (https://docs.aws.amazon.com/mediapackage/latest/ug/cfigs-dash-encryption.html). (The
// HLS page once said three for CMAF; the CMAF page's two is the safe reading.)
var VodMaxSystemIDs = map[string]int{"CMAF": 2, "DASH": 2}

// VodDefaultSystems are what each configuration signals when no systems are given: FairPlay
// (Apple devices) and Widevine (Chrome, Android) for CMAF HLS, Widevine and PlayReady (Edge,
// TVs) for DASH.
var VodDefaultSystems = map[string][]mp2types.DrmSystem{
	"CMAF": {mp2types.DrmSystemFairplay, mp2types.DrmSystemWidevine},
	"DASH": {mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready},
}

// DRMSystemIDs are the systems' ids in SPEKE requests (SystemIds of a packaging configuration).
var DRMSystemIDs = map[mp2types.DrmSystem]string{
	mp2types.DrmSystemFairplay:  speke.FairPlay,
	mp2types.DrmSystemWidevine:  speke.Widevine,
	mp2types.DrmSystemPlayready: speke.PlayReady,
	mp2types.DrmSystemIrdeto:    speke.Irdeto,
}

func (d VodDRMOptions) presets() (mpvodtypes.PresetSpeke20Audio, mpvodtypes.PresetSpeke20Video) {
	return or(d.AudioPreset, mpvodtypes.PresetSpeke20AudioPresetAudio1), or(d.VideoPreset, mpvodtypes.PresetSpeke20VideoPresetVideo1)
}

// Validate checks the options and what each configuration would signal.
func (d VodDRMOptions) Validate() error {
	if !d.On() {
		if len(d.Systems) > 0 || d.AudioPreset != "" || d.VideoPreset != "" {
			return validate.Invalid("packaging", "DRM", validate.NoValue, "sets DRM options without {DRM.KeyProviderURL}; give the key provider's URL, or leave them out")
		}
		return nil
	}
	if err := checkProvider(d.KeyProviderURL, d.Systems, len(DRMSystems)); err != nil {
		return err
	}
	a, v := d.presets()
	if err := validate.OneOf("packaging", "DRM.AudioPreset", a, VodAudioPresets); err != nil {
		return err
	}
	if err := validate.OneOf("packaging", "DRM.VideoPreset", v, VodVideoPresets); err != nil {
		return err
	}
	if err := checkPresetPair(string(a), string(v)); err != nil {
		return err
	}
	for _, pkg := range []string{"CMAF", "DASH"} {
		if _, err := d.SystemIDs(pkg); err != nil {
			return err
		}
	}
	return nil
}

// SystemIDs are the ids of the systems of d that the package (CMAF or DASH) takes, in the
// order given; none, or more than the package lists, is an error naming what fits.
func (d VodDRMOptions) SystemIDs(pkg string) ([]string, error) {
	_, ids, err := d.systemsFor(pkg)
	return ids, err
}

// Encryptions describe, by configuration (CMAF, DASH), what encrypts it: the method where
// MediaPackage VOD documents one, and the systems signaled; empty without DRM.
func (v *Vod) Encryptions() map[string]string {
	out := map[string]string{}
	if !v.props.DRM.On() {
		return out
	}
	// CMAF HLS: "Supports only cbcs encryption" (VodDRMSupport's page); DASH names no method.
	for pkg, method := range map[string]string{"CMAF": string(mp2types.CmafEncryptionMethodCbcs) + " ", "DASH": ""} {
		if names, _, err := v.props.DRM.systemsFor(pkg); err == nil {
			out[pkg] = method + "(" + strings.Join(names, ", ") + ")"
		}
	}
	return out
}

func (d VodDRMOptions) systemsFor(pkg string) (names, ids []string, err error) {
	systems := d.Systems
	if len(systems) == 0 {
		systems = VodDefaultSystems[pkg]
	}
	for _, s := range systems {
		if slices.Contains(VodDRMSupport[pkg], s) {
			names, ids = append(names, string(s)), append(ids, DRMSystemIDs[s])
		}
	}
	fits := make([]string, 0, len(VodDRMSupport[pkg]))
	for _, s := range VodDRMSupport[pkg] {
		fits = append(fits, string(s))
	}
	switch {
	case len(ids) == 0:
		return nil, nil, validate.Invalid("packaging", "DRM.Systems", validate.NoValue, "has no DRM system MediaPackage VOD's %s package takes with SPEKE v2; add one of %s", pkg, validate.Choices(fits))
	case len(ids) > VodMaxSystemIDs[pkg]:
		return nil, nil, validate.Invalid("packaging", "DRM.Systems", validate.NoValue, "gives the %s package %s; it takes at most %d systems", pkg, strings.Join(names, ", "), VodMaxSystemIDs[pkg])
	}
	return names, ids, nil
}

// speke is a configuration's key provider for pkg (CMAF or DASH).
func (v *Vod) speke(pkg string) *awsmediapackage.CfnPackagingConfiguration_SpekeKeyProviderProperty {
	d := v.props.DRM
	ids, err := d.SystemIDs(pkg)
	if err != nil {
		panic(fmt.Sprintf("validated before anything is made: %v", err))
	}
	a, vp := d.presets()
	return &awsmediapackage.CfnPackagingConfiguration_SpekeKeyProviderProperty{
		EncryptionContractConfiguration: &awsmediapackage.CfnPackagingConfiguration_EncryptionContractConfigurationProperty{
			PresetSpeke20Audio: jsii.String(string(a)), PresetSpeke20Video: jsii.String(string(vp))},
		RoleArn:   v.props.KeyProviderRole.RoleArn(),
		SystemIds: jsii.Strings(ids...),
		Url:       jsii.String(d.KeyProviderURL),
	}
}

// DRMOptions are the group's DRM options as it was made with them.
func (v *Vod) DRMOptions() VodDRMOptions { return v.props.DRM }
