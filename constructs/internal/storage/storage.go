// Package storage holds the bucket defaults every StreamCDK bucket shares: encrypted, private,
// TLS-only, versioned, retained, access-logged.
package storage

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// RemovalPolicy returns p, or RETAIN when p is the zero value.
func RemovalPolicy(p awscdk.RemovalPolicy) awscdk.RemovalPolicy {
	if p == "" {
		return awscdk.RemovalPolicy_RETAIN
	}
	return p
}

// SecureBucketProps returns the shared defaults. Callers add lifecycle rules, CORS and the like.
func SecureBucketProps(removal awscdk.RemovalPolicy, logs awss3.IBucket, logsPrefix string) *awss3.BucketProps {
	p := &awss3.BucketProps{
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		EnforceSSL:        jsii.Bool(true),
		MinimumTLSVersion: jsii.Number(1.2),
		Versioned:         jsii.Bool(true),
		RemovalPolicy:     RemovalPolicy(removal),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
	}
	if logs != nil {
		p.ServerAccessLogsBucket = logs
		p.ServerAccessLogsPrefix = jsii.String(logsPrefix)
	}
	return p
}

// NoncurrentExpiry is a lifecycle rule that keeps old object versions for days, then deletes them.
func NoncurrentExpiry(id string, days int) *awss3.LifecycleRule {
	return &awss3.LifecycleRule{
		Id:                                  jsii.String(id),
		NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(float64(days))),
		AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(7)),
	}
}

// NewLogsBucket creates the bucket that receives S3 server access logs and CloudFront standard
// logs. CloudFront standard logging writes with ACLs, so object ownership is BucketOwnerPreferred.
func NewLogsBucket(scope constructs.Construct, id string, removal awscdk.RemovalPolicy, retentionDays int) awss3.Bucket {
	p := SecureBucketProps(removal, nil, "")
	p.ObjectOwnership = awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED
	p.LifecycleRules = &[]*awss3.LifecycleRule{{
		Id:                                  jsii.String("ExpireLogs"),
		Expiration:                          awscdk.Duration_Days(jsii.Number(float64(retentionDays))),
		NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(30)),
		AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(1)),
	}}
	// cdk-nag's S1 accepts a bucket that is itself the access-log destination.
	return awss3.NewBucket(scope, jsii.String(id), p)
}

// NewViewerLogsBucket creates the bucket of a distribution's standard logs, which hold viewers'
// IP addresses and request URLs: its own bucket (no other log source shares it or its ACLs),
// encrypted with key, kept retentionDays. CloudFront's log delivery may use the key: "you must
// add the following to the key policy ... to enable writing log files to the bucket"
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
func NewViewerLogsBucket(scope constructs.Construct, id string, key awskms.Key, retentionDays int) awss3.Bucket {
	p := SecureBucketProps("", nil, "")
	p.ObjectOwnership = awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED // CloudFront writes with ACLs
	p.Encryption, p.EncryptionKey, p.BucketKeyEnabled = awss3.BucketEncryption_KMS, key, jsii.Bool(true)
	p.LifecycleRules = &[]*awss3.LifecycleRule{{
		Id:                                  jsii.String("ExpireLogs"),
		Expiration:                          awscdk.Duration_Days(jsii.Number(float64(retentionDays))),
		NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(1)),
		AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(1)),
	}}
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudFrontStandardLogs"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("delivery.logs.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
	}), nil)
	return awss3.NewBucket(scope, jsii.String(id), p)
}

// EnableEventBridge turns on S3's native EventBridge delivery through the bucket's own
// NotificationConfiguration (CDK's eventBridgeEnabled uses a custom resource instead).
func EnableEventBridge(b awss3.Bucket) {
	cfn := b.Node().DefaultChild().(awss3.CfnBucket)
	cfn.AddPropertyOverride(jsii.String("NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled"), jsii.Bool(true))
}
