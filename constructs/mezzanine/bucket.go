package mezzanine

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Bucket is the mezzanine (source) bucket.
type Bucket struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Bucket is the source bucket (created or supplied).
	Bucket awss3.IBucket
	// CfnBucket is the L1 of a created bucket; nil when an existing bucket was supplied.
	CfnBucket awss3.CfnBucket
	// LogsBucket receives the server access logs; nil when an existing bucket was supplied.
	LogsBucket awss3.IBucket
}

// NewBucket defines the mezzanine bucket. props may be nil.
func NewBucket(scope constructs.Construct, id string, props *BucketProps) *Bucket {
	if props == nil {
		props = &BucketProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	m := &Bucket{Construct: c}
	if props.Bucket != nil {
		m.Bucket = props.Bucket
		return m
	}

	logs := props.LogsBucket
	if logs == nil {
		logs = storage.NewLogsBucket(c, "Logs", props.RemovalPolicy, orDefault(props.LogRetentionDays, 365))
	}
	m.LogsBucket = logs

	bp := storage.SecureBucketProps(props.RemovalPolicy, logs, "mezzanine/")
	if props.EncryptionKey != nil {
		bp.Encryption = awss3.BucketEncryption_KMS
		bp.EncryptionKey = props.EncryptionKey
		bp.BucketKeyEnabled = jsii.Bool(true)
	}
	rule := storage.NoncurrentExpiry("SourceVersions", orDefault(props.NoncurrentVersionDays, 90))
	rule.AbortIncompleteMultipartUploadAfter = awscdk.Duration_Days(jsii.Number(float64(orDefault(props.AbortIncompleteUploadDays, 7))))
	rules := []*awss3.LifecycleRule{rule}
	after := awscdk.Duration_Days(jsii.Number(float64(orDefault(props.ArchiveAfterDays, 30))))
	classes := map[ArchiveClass]awss3.StorageClass{ArchiveGlacier: awss3.StorageClass_GLACIER(), ArchiveDeepArchive: awss3.StorageClass_DEEP_ARCHIVE()}
	if props.ArchiveClass != ArchiveNone {
		rules = append(rules, &awss3.LifecycleRule{
			Id:          jsii.String("ArchiveSources"),
			Transitions: &[]*awss3.Transition{{StorageClass: classes[props.ArchiveClass], TransitionAfter: after}},
		})
	}
	// Per-source archiving, requested by a metadata file and applied as a tag by the workflow.
	for _, a := range []ArchiveClass{ArchiveGlacier, ArchiveDeepArchive} {
		rules = append(rules, &awss3.LifecycleRule{
			Id:          jsii.String(map[ArchiveClass]string{ArchiveGlacier: "ArchiveTaggedGlacier", ArchiveDeepArchive: "ArchiveTaggedDeepArchive"}[a]),
			TagFilters:  &map[string]interface{}{ArchiveTag: string(a)},
			Transitions: &[]*awss3.Transition{{StorageClass: classes[a], TransitionAfter: after}},
		})
	}
	bp.LifecycleRules = &rules
	if len(props.CORSAllowedOrigins) > 0 {
		bp.Cors = &[]*awss3.CorsRule{{
			AllowedMethods: &[]awss3.HttpMethods{awss3.HttpMethods_PUT, awss3.HttpMethods_POST, awss3.HttpMethods_GET, awss3.HttpMethods_HEAD},
			AllowedOrigins: jsii.Strings(props.CORSAllowedOrigins...),
			AllowedHeaders: jsii.Strings("*"),
			ExposedHeaders: jsii.Strings("ETag"),
			MaxAge:         jsii.Number(3000),
		}}
	}
	if props.TransferAcceleration {
		bp.TransferAcceleration = jsii.Bool(true)
	}
	b := awss3.NewBucket(c, jsii.String("Resource"), bp)
	storage.EnableEventBridge(b)
	m.Bucket = b
	m.CfnBucket = b.Node().DefaultChild().(awss3.CfnBucket)
	return m
}

// ArchiveClasses lists the allowed archive classes, for callers that accept them in any case.
var ArchiveClasses = []ArchiveClass{ArchiveGlacier, ArchiveDeepArchive}

// MaxDays bounds the day counts of BucketProps (ten years).
const MaxDays = 3650

// Validate returns the *validate.Error NewBucket would panic with for these props, without
// creating anything.
func (p *BucketProps) Validate() error {
	if p.Bucket != nil {
		if p.EncryptionKey != nil || p.LogsBucket != nil || p.LogRetentionDays != 0 || p.ArchiveClass != "" ||
			p.ArchiveAfterDays != 0 || p.NoncurrentVersionDays != 0 || p.AbortIncompleteUploadDays != 0 ||
			len(p.CORSAllowedOrigins) > 0 || p.TransferAcceleration || p.RemovalPolicy != "" {
			return validate.Invalid("mezzanine", "Bucket", validate.NoValue, "is an existing bucket, so the settings that create one must be left unset")
		}
		return nil
	}
	if err := validate.OneOfOrDefault("mezzanine", "ArchiveClass", p.ArchiveClass, ArchiveClasses); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		v    int
	}{{"ArchiveAfterDays", p.ArchiveAfterDays}, {"NoncurrentVersionDays", p.NoncurrentVersionDays},
		{"AbortIncompleteUploadDays", p.AbortIncompleteUploadDays}, {"LogRetentionDays", p.LogRetentionDays}} {
		if err := validate.InRange("mezzanine", d.name, d.v, 1, MaxDays, "days", true); err != nil {
			return err
		}
	}
	for i, o := range p.CORSAllowedOrigins {
		if err := validate.Origin("mezzanine", fmt.Sprintf("CORSAllowedOrigins[%d]", i), o); err != nil {
			return err
		}
	}
	return nil
}

func orDefault(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}
