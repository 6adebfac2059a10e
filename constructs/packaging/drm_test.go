package packaging

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	mpvodtypes "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"
	"github.com/aws/jsii-runtime-go"
)

// TestDRMSupportUsesTheModel: every system and method of the support matrix is one of
// MediaPackage v2's values (aws-sdk-go-v2), TS methods of TsEncryptionMethod and CMAF ones of
// CmafEncryptionMethod; every DRM system has a row in some container.
func TestDRMSupportUsesTheModel(t *testing.T) {
	methods := map[string][]string{}
	for _, m := range mp2types.TsEncryptionMethod("").Values() {
		methods["TS"] = append(methods["TS"], string(m))
	}
	for _, m := range mp2types.CmafEncryptionMethod("").Values() {
		methods["CMAF"] = append(methods["CMAF"], string(m))
	}
	covered := map[mp2types.DrmSystem]bool{}
	for container, rows := range DRMSupport {
		for s, ms := range rows {
			covered[s] = true
			for _, m := range ms {
				if !strings.Contains(strings.Join(methods[container], ","), m) {
					t.Errorf("%s %s: method %s is not one of MediaPackage's %v", container, s, m, methods[container])
				}
			}
		}
	}
	for _, s := range mp2types.DrmSystem("").Values() {
		if !covered[s] {
			t.Errorf("DRM system %s has no row in the support matrix", s)
		}
	}
}

// TestDRMEncryptionPerEndpoint: each endpoint gets the systems its container takes and one
// method they share; what fits nothing, or shares nothing, is refused naming what would fit.
func TestDRMEncryptionPerEndpoint(t *testing.T) {
	d := DRMOptions{KeyProviderURL: "https://k.execute-api.eu-west-1.amazonaws.com/p/copyProtection"}
	for _, c := range []struct {
		systems            []mp2types.DrmSystem
		container, format  string
		method, got, error string
	}{
		{nil, "TS", "HLS", string(mp2types.TsEncryptionMethodSampleAes), "FAIRPLAY", ""},
		{nil, "CMAF", "CMAF_HLS", string(mp2types.CmafEncryptionMethodCbcs), "FAIRPLAY,WIDEVINE,PLAYREADY", ""},
		{nil, "CMAF", "CMAF_DASH", string(mp2types.CmafEncryptionMethodCenc), "WIDEVINE,PLAYREADY", ""},
		{[]mp2types.DrmSystem{mp2types.DrmSystemFairplay}, "CMAF", "CMAF_DASH", "", "", "has no DRM system the CMAF_DASH endpoint's CMAF segments take; add one of IRDETO, PLAYREADY or WIDEVINE"},
		{[]mp2types.DrmSystem{mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready}, "CMAF", "CMAF_DASH", string(mp2types.CmafEncryptionMethodCenc), "WIDEVINE,PLAYREADY", ""},
		{[]mp2types.DrmSystem{mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready}, "CMAF", "CMAF_HLS", string(mp2types.CmafEncryptionMethodCbcs), "WIDEVINE,PLAYREADY", ""},
		{[]mp2types.DrmSystem{mp2types.DrmSystemClearKeyAes128, mp2types.DrmSystemWidevine}, "TS", "HLS", string(mp2types.TsEncryptionMethodAes128), "CLEAR_KEY_AES_128", ""},
		{[]mp2types.DrmSystem{mp2types.DrmSystemWidevine}, "TS", "HLS", "", "", "has no DRM system the HLS endpoint's TS segments take; add one of CLEAR_KEY_AES_128 or FAIRPLAY"},
		{[]mp2types.DrmSystem{mp2types.DrmSystemFairplay, mp2types.DrmSystemIrdeto}, "CMAF", "CMAF_HLS", "", "", "lists FAIRPLAY, IRDETO, which share no encryption method in CMAF segments"},
		{[]mp2types.DrmSystem{mp2types.DrmSystemFairplay, mp2types.DrmSystemClearKeyAes128}, "TS", "HLS", "", "", "which share no encryption method in TS segments"},
	} {
		d.Systems = c.systems
		method, systems, err := d.Encryption(c.container, c.format)
		if c.error != "" {
			if err == nil || !strings.Contains(err.Error(), c.error) {
				t.Errorf("%v on %s: %v, want %q", c.systems, c.format, err, c.error)
			}
			continue
		}
		if err != nil || method != c.method || strings.Join(systems, ",") != c.got {
			t.Errorf("%v on %s: %s %v %v, want %s %s", c.systems, c.format, method, systems, err, c.method, c.got)
		}
	}
}

func TestDRMOptionsValidate(t *testing.T) {
	url := "https://k.execute-api.eu-west-1.amazonaws.com/p/copyProtection"
	for _, c := range []struct {
		d    DRMOptions
		want string
	}{
		{DRMOptions{}, ""},
		{DRMOptions{KeyProviderURL: url}, ""},
		{DRMOptions{KeyProviderURL: "http://k.example.com/speke"}, "DRM.KeyProviderURL \"http://k.example.com/speke\" is not allowed; MediaPackage takes an https:// URL"},
		{DRMOptions{Systems: []mp2types.DrmSystem{mp2types.DrmSystemWidevine}}, "sets DRM options without DRM.KeyProviderURL"},
		{DRMOptions{KeyProviderURL: url, Systems: []mp2types.DrmSystem{"MARLIN"}}, `DRM.Systems[0] "MARLIN" is not allowed`},
		{DRMOptions{KeyProviderURL: url, KeyRotationSeconds: 60}, "DRM.KeyRotationSeconds 60 seconds is not allowed; use 300 to 31536000 seconds"},
		{DRMOptions{KeyProviderURL: url, AudioPreset: mp2types.PresetSpeke20AudioShared}, "SHARED (one key for audio and video) must be both presets or neither"},
		{DRMOptions{KeyProviderURL: url, AudioPreset: mp2types.PresetSpeke20AudioShared, VideoPreset: mp2types.PresetSpeke20VideoShared}, ""},
		{DRMOptions{KeyProviderURL: url, AudioPreset: mp2types.PresetSpeke20AudioUnencrypted, VideoPreset: mp2types.PresetSpeke20VideoUnencrypted}, "are both UNENCRYPTED"},
		{DRMOptions{KeyProviderURL: url, AudioPreset: mp2types.PresetSpeke20AudioUnencrypted}, ""},
	} {
		err := c.d.Validate()
		if (c.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.d, err, c.want)
		}
	}
	if err := CheckKeyProviderRoleArn("x", "Role", "arn:aws:iam::123456789012:role/SpekeAccess"); err != nil {
		t.Error(err)
	}
	if err := CheckKeyProviderRoleArn("x", "Role", "arn:aws:iam::123456789012:user/me"); err == nil {
		t.Error("a user ARN passed as a role")
	}
}

// TestDRMOnTheEndpoints: a channel with DRM has every endpoint encrypted through the provider
// with the provider's role, the presets and a content id per endpoint; no key or IV.
func TestDRMOnTheEndpoints(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	g := NewLiveGroup(stack, "Packaging", &LiveGroupProps{Auth: AuthOAC})
	g.AllowDistribution(jsii.String("arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"))
	role := awsiam.Role_FromRoleArn(stack, jsii.String("Vendor"), jsii.String("arn:aws:iam::123456789012:role/SpekeAccess"), nil)
	g.AddChannel("news", &LiveChannelProps{KeyProviderRole: role, LiveChannelOptions: LiveChannelOptions{LowLatencyHLS: true,
		DRM: DRMOptions{KeyProviderURL: "https://k.execute-api.eu-west-1.amazonaws.com/p/copyProtection", Systems: []mp2types.DrmSystem{mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready, mp2types.DrmSystemClearKeyAes128}}}})
	b, _ := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	var doc struct {
		Resources map[string]struct {
			Type       string
			Properties struct {
				OriginEndpointName string
				Segment            struct{ Encryption map[string]any }
			}
		}
	}
	json.Unmarshal(b, &doc)
	n := 0
	for _, r := range doc.Resources {
		if r.Type != "AWS::MediaPackageV2::OriginEndpoint" {
			continue
		}
		n++
		e, _ := json.Marshal(r.Properties.Segment.Encryption)
		want := map[string]string{"hls": `"TsEncryptionMethod":"AES_128"`, "cmaf-hls": `"CmafEncryptionMethod":"CBCS"`, "cmaf-dash": `"CmafEncryptionMethod":"CENC"`, "ll-hls": `"CmafEncryptionMethod":"CBCS"`}[r.Properties.OriginEndpointName]
		for _, w := range []string{want, `"PresetSpeke20Audio":"PRESET_AUDIO_1"`, `"Url":"https://k.execute-api.eu-west-1.amazonaws.com/p/copyProtection"`, `"RoleArn":"arn:aws:iam::123456789012:role/SpekeAccess"`, `{"Ref":"AWS::StackName"},"news-` + r.Properties.OriginEndpointName + `"`} {
			if !strings.Contains(string(e), w) {
				t.Errorf("%s: encryption %s lacks %s", r.Properties.OriginEndpointName, e, w)
			}
		}
		if strings.Contains(string(e), "ConstantInitializationVector") {
			t.Errorf("%s: an IV in the template", r.Properties.OriginEndpointName)
		}
	}
	if n != 4 {
		t.Errorf("%d endpoints", n)
	}
}

// TestVodDRMSystemIDs: every system of MediaPackage VOD's SPEKE v2 matrix is a MediaPackage
// DrmSystem (aws-sdk-go-v2) with a SPEKE system id; each package takes the systems of the
// options it supports, up to its count, and says what fits otherwise.
func TestVodDRMSystemIDs(t *testing.T) {
	for pkg, systems := range VodDRMSupport {
		for _, s := range systems {
			if !strings.Contains(strings.Join(asStrings(mp2types.DrmSystem("").Values()), ","), string(s)) || len(DRMSystemIDs[s]) != 36 {
				t.Errorf("%s: %s is not a DrmSystem with a system id (%q)", pkg, s, DRMSystemIDs[s])
			}
		}
	}
	url := "https://k.execute-api.us-east-1.amazonaws.com/v1/speke"
	d := VodDRMOptions{KeyProviderURL: url}
	cmaf, _ := d.SystemIDs("CMAF")
	dash, _ := d.SystemIDs("DASH")
	if len(cmaf) != 2 || cmaf[0] != DRMSystemIDs[mp2types.DrmSystemFairplay] || len(dash) != 2 || dash[0] != DRMSystemIDs[mp2types.DrmSystemWidevine] {
		t.Errorf("default systems: CMAF %v, DASH %v", cmaf, dash)
	}
	for _, c := range []struct {
		d    VodDRMOptions
		want string
	}{
		{VodDRMOptions{KeyProviderURL: url, Systems: []mp2types.DrmSystem{mp2types.DrmSystemIrdeto}}, "MediaPackage VOD's CMAF package takes with SPEKE v2"},
		{VodDRMOptions{KeyProviderURL: url, Systems: []mp2types.DrmSystem{mp2types.DrmSystemFairplay}}, "DASH package takes"},
		{VodDRMOptions{KeyProviderURL: url, Systems: []mp2types.DrmSystem{mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready, mp2types.DrmSystemIrdeto}}, "it takes at most 2"},
		{VodDRMOptions{KeyProviderURL: url, Systems: []mp2types.DrmSystem{mp2types.DrmSystemFairplay, mp2types.DrmSystemWidevine, mp2types.DrmSystemPlayready}}, "gives the CMAF package FAIRPLAY, WIDEVINE, PLAYREADY; it takes at most 2"},
		{VodDRMOptions{KeyProviderURL: url, AudioPreset: mpvodtypes.PresetSpeke20AudioShared}, "SHARED (one key for audio and video) must be both"},
		{VodDRMOptions{KeyProviderURL: url, AudioPreset: mpvodtypes.PresetSpeke20AudioUnencrypted, VideoPreset: mpvodtypes.PresetSpeke20VideoUnencrypted}, "both UNENCRYPTED"},
		{VodDRMOptions{KeyProviderURL: url, VideoPreset: mpvodtypes.PresetSpeke20Video(mp2types.PresetSpeke20VideoPresetVideo2)}, "is not allowed"},
		{VodDRMOptions{Systems: []mp2types.DrmSystem{mp2types.DrmSystemWidevine}}, "without DRM.KeyProviderURL"},
		{VodDRMOptions{KeyProviderURL: "http://k.example.com/speke"}, "https://"},
	} {
		if err := c.d.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.d, err, c.want)
		}
	}
	if err := (VodDRMOptions{KeyProviderURL: url, AudioPreset: mpvodtypes.PresetSpeke20AudioShared, VideoPreset: mpvodtypes.PresetSpeke20VideoShared}).Validate(); err != nil {
		t.Errorf("SHARED presets: %v", err)
	}
}

// TestVodDRMConfigurations: with DRM the group has CMAF and DASH configurations encrypted with
// the provider's URL and role, and no HLS (TS) one; the role is required.
func TestVodDRMConfigurations(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	role := awsiam.Role_FromRoleArn(stack, jsii.String("R"), jsii.String("arn:aws:iam::123456789012:role/SpekeAccess"), nil)
	src := awss3.NewBucket(stack, jsii.String("B"), nil)
	drm := VodDRMOptions{KeyProviderURL: "https://k.execute-api.us-east-1.amazonaws.com/v1/speke", Systems: []mp2types.DrmSystem{mp2types.DrmSystemWidevine}}
	if err := (&VodProps{SourceBucket: src, VodOptions: VodOptions{DRM: drm}}).Validate(); err == nil || !strings.Contains(err.Error(), "KeyProviderRole is required with DRM") {
		t.Errorf("no role: %v", err)
	}
	v := NewVod(stack, "Vod", &VodProps{SourceBucket: src, VodOptions: VodOptions{DRM: drm}, KeyProviderRole: role})
	if v.HLS != nil || v.ConfigurationIDs().HLS != "" {
		t.Error("an HLS (TS) configuration with DRM")
	}
	tmpl := assertions.Template_FromStack(stack, nil)
	for _, pkg := range []string{"CmafPackage", "DashPackage"} {
		tmpl.HasResourceProperties(jsii.String("AWS::MediaPackage::PackagingConfiguration"), map[string]any{pkg: assertions.Match_ObjectLike(&map[string]any{
			"Encryption": map[string]any{"SpekeKeyProvider": map[string]any{
				"RoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "SystemIds": []any{DRMSystemIDs[mp2types.DrmSystemWidevine]},
				"Url": drm.KeyProviderURL, "EncryptionContractConfiguration": map[string]any{
					"PresetSpeke20Audio": string(mpvodtypes.PresetSpeke20AudioPresetAudio1), "PresetSpeke20Video": string(mpvodtypes.PresetSpeke20VideoPresetVideo1)}}}})})
	}
	tmpl.ResourceCountIs(jsii.String("AWS::MediaPackage::PackagingConfiguration"), jsii.Number(2))
}

func asStrings[T ~string](v []T) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
