package test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/stacks"
)

// panicOf runs f and returns what it panicked with ("" if it did not).
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// TestConstructProps covers props that configuration cannot reach: Go users of the constructs
// get the same clear errors.
func TestConstructProps(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Props"), nil)
	existing := awss3.Bucket_FromBucketName(stack, jsii.String("Existing"), jsii.String("my-sources"))
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"existing bucket with settings", func() {
			mezzanine.NewBucket(stack, "M1", &mezzanine.BucketProps{Bucket: existing, ArchiveClass: mezzanine.ArchiveGlacier})
		}, "mezzanine: Bucket is an existing bucket, so the settings that create one must be left unset"},
		{"negative days", func() {
			mezzanine.NewBucket(stack, "M2", &mezzanine.BucketProps{NoncurrentVersionDays: -1})
		}, "mezzanine: NoncurrentVersionDays -1 days is not allowed; use 1 to 3650 days"},
		{"pipeline without source", func() { transcode.NewPipeline(stack, "P1", nil) }, "transcode: Source is required"},
		{"bad acceleration", func() {
			transcode.NewPipeline(stack, "P2", &transcode.PipelineProps{Source: existing, PipelineOptions: transcode.PipelineOptions{Acceleration: "FAST"}})
		}, `transcode: Acceleration "FAST" is not allowed; use PREFERRED, ENABLED or DISABLED`},
		{"reserved user metadata", func() {
			transcode.NewPipeline(stack, "P3", &transcode.PipelineProps{Source: existing, PipelineOptions: transcode.PipelineOptions{UserMetadata: map[string]string{"sourceKey": "x"}}})
		}, `transcode: UserMetadata "sourceKey" is not allowed as a key`},
		{"plain http playback", func() {
			transcode.NewPipeline(stack, "P4", &transcode.PipelineProps{Source: existing, PlaybackBaseURL: "http://cdn.example.com"})
		}, `transcode: PlaybackBaseURL "http://cdn.example.com" is not allowed; use an https:// URL`},
		{"oversized environment", func() {
			big := map[string]string{}
			for i := 0; i < 200; i++ {
				big[fmt.Sprintf("key%03d", i)] = "0123456789"
			}
			transcode.NewPipeline(stack, "P5", &transcode.PipelineProps{Source: existing, PipelineOptions: transcode.PipelineOptions{UserMetadata: big}})
		}, "at most 3000 are allowed (Lambda's limit is 4 KB)"},
		{"packaging without bucket", func() { packaging.NewVod(stack, "V1", nil) }, "packaging: SourceBucket is required"},
		{"packaging segment", func() {
			packaging.NewVod(stack, "V2", &packaging.VodProps{SourceBucket: existing, VodOptions: packaging.VodOptions{SegmentSeconds: 60}})
		}, "packaging: SegmentSeconds 60 seconds is not allowed; use 1 to 30 seconds"},
		{"identifier version", func() { cdn.NewIdentifier(stack, "I1", &cdn.IdentifierProps{Version: "V3"}) }, `cdn: Version "V3" is not allowed; use V1 or V2`},
		{"distribution without bucket", func() { cdn.NewVodDistribution(stack, "D1", nil) }, "cdn: OutputBucket is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := panicOf(c.f); !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	// An existing bucket is used as is: nothing is created for it.
	m := mezzanine.NewBucket(stack, "M3", &mezzanine.BucketProps{Bucket: existing})
	if m.Bucket != existing || m.CfnBucket != nil || m.LogsBucket != nil {
		t.Errorf("existing bucket not used as is: %+v", m)
	}
}

// TestVodStackNilProps: the stack synthesizes with nil props and no cdk.json context at all,
// as it does when another app composes it.
func TestVodStackNilProps(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir()), BuiltinCloudFormationValidation: jsii.Bool(false)})
	v := stacks.NewVodStack(app, "Bare", nil)
	tmpl := assertions.Template_FromStack(v.Stack, nil)
	hasProps(t, tmpl, "AWS::StepFunctions::StateMachine", map[string]any{"TracingConfiguration": map[string]any{"Enabled": true}})
	if v.Packaging != nil || v.Identifier != nil {
		t.Error("MediaPackage resources created without being asked for")
	}
}

// TestStackPropsValidate: settings a library caller gives that the stack cannot honour are
// refused by Validate, before anything is made, naming the field.
func TestStackPropsValidate(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Validate"), nil)
	key := awskms.Key_FromKeyArn(stack, jsii.String("Key"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"))
	secret := awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Secret"), jsii.String("cdn-identifier"))
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"two mezzanine keys", (&stacks.VodStackProps{SourceKMSKeyArn: *key.KeyArn(), Mezzanine: mezzanine.BucketProps{EncryptionKey: key}}).Validate(),
			"stacks: SourceKMSKeyArn \"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555\" and Mezzanine.EncryptionKey both name the mezzanine bucket's key; give one"},
		{"key ARN", (&stacks.VodStackProps{SourceKMSKeyArn: "key/1234"}).Validate(), `stacks: SourceKMSKeyArn "key/1234" is not allowed; use a KMS key ARN`},
		{"identifier secret without MediaPackage", (&stacks.VodStackProps{CDNIdentifier: cdn.IdentifierOptions{Secret: secret}}).Validate(),
			"stacks: CDNIdentifier.Secret applies to MediaPackage's CDN identifier; turn on MediaPackage or remove it"},
		{"identifier secret with OAC", (&stacks.LiveStackProps{OriginAuth: packaging.AuthOAC, CDNIdentifier: cdn.IdentifierOptions{Secret: secret}}).Validate(),
			"stacks: CDNIdentifier.Secret applies to the CDN identifier header, which OriginAuth OAC does not use"},
		{"two certificates", (&stacks.VodStackProps{CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", CDN: cdn.Options{Certificate: awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("Cert"), jsii.String("arn:aws:acm:us-east-1:123456789012:certificate/y")), DomainNames: []string{"video.example.com"}}}).Validate(),
			"stacks: CertificateArn \"arn:aws:acm:us-east-1:123456789012:certificate/x\" and CDN.Certificate both name the certificate; give one"},
		{"two passphrase secrets", (&stacks.LiveStackProps{Channels: []stacks.LiveChannelConfig{{SRTPassphraseSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf",
			Ingest: liveingest.ChannelOptions{InputType: liveingest.SRTCaller, Sources: []string{"a.example.com:5000", "b.example.com:5000"}, SRTPassphrase: secret}}}}).Validate(),
			"stacks: Channels[0].SRTPassphraseSecretArn \"arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf\" and Channels[0].Ingest.SRTPassphrase both name the passphrase secret; give one"},
		{"certificate ARN without domain names", (&stacks.VodStackProps{CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x"}).Validate(),
			`stacks: CertificateArn "arn:aws:acm:us-east-1:123456789012:certificate/x" is given without CDN.DomainNames`},
		{"passphrase ARN on a pull input", (&stacks.LiveStackProps{Channels: []stacks.LiveChannelConfig{{SRTPassphraseSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf"}}}).Validate(),
			`stacks: Channels[0].SRTPassphraseSecretArn "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf" applies to SRT_CALLER inputs only; Channels[0].Ingest.InputType is URL_PULL`},
		{"stack name", (&stacks.AppProps{LiveStackName: "live_1"}).Validate(), `stacks: LiveStackName "live_1" is not allowed; use a CloudFormation stack name`},
		{"break range before the channel exists", (&stacks.LiveStackProps{Channels: []stacks.LiveChannelConfig{{Ingest: liveingest.ChannelOptions{BreakEveryMinutes: 5000}}}}).Validate(),
			"stacks: Channels[0].Ingest.BreakEveryMinutes 5000 minutes is not allowed; use 1 to 1440 minutes"},
		{"break within the manifest window before the channel exists", (&stacks.LiveStackProps{Channels: []stacks.LiveChannelConfig{{Ingest: liveingest.ChannelOptions{BreakEveryMinutes: 1}}}}).Validate(),
			"stacks: Channels[0].Ingest.BreakEveryMinutes 1 puts breaks 60 s apart"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, c.err, c.want)
		}
	}
	// The demo key server's options (rotation, presets) are checked before its URL exists.
	demo := stacks.LiveStackProps{DemoKeyServer: true, Channels: []stacks.LiveChannelConfig{{Packaging: packaging.LiveChannelOptions{DRM: packaging.DRMOptions{KeyRotationSeconds: 600}}}}}
	if err := demo.Validate(); err != nil {
		t.Errorf("demo key server with key rotation: %v", err)
	}
	demo.Channels[0].Packaging.DRM.KeyRotationSeconds = 60
	if err := demo.Validate(); err == nil || !strings.Contains(err.Error(), "KeyRotationSeconds 60 seconds is not allowed") {
		t.Errorf("demo key server with a 60 s rotation: %v", err)
	}
}

// TestPropsValidate: every construct's props have a Validate that returns, before anything is
// made, the error its constructor would panic with.
func TestPropsValidate(t *testing.T) {
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"pipeline":          {(&transcode.PipelineProps{}).Validate(), "transcode: Source is required"},
		"output bucket":     {(&transcode.OutputBucketProps{NoncurrentVersionDays: -1}).Validate(), "transcode: NoncurrentVersionDays -1 days"},
		"vod packaging":     {(&packaging.VodProps{}).Validate(), "packaging: SourceBucket is required"},
		"live group":        {(&packaging.LiveGroupProps{}).Validate(), "packaging: CDNIdentifierSecret is required"},
		"channel":           {(&liveingest.ChannelProps{}).Validate(), "liveingest: Destination is required"},
		"cost guard":        {(&liveingest.CostGuardProps{}).Validate(), "liveingest: Channels and Topic are required"},
		"vod distribution":  {(&cdn.VodDistributionProps{}).Validate(), "cdn: OutputBucket is required"},
		"live distribution": {(&cdn.LiveDistributionProps{}).Validate(), "cdn: MediaPackage"},
		"playback":          {(&ads.PlaybackProps{}).Validate(), "ads: "},
		"mezzanine":         {(&mezzanine.BucketProps{ArchiveClass: "COLD"}).Validate(), `mezzanine: ArchiveClass "COLD" is not allowed`},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", name, c.err, c.want)
		}
	}
}
