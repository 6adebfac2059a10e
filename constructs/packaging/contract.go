package packaging

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/contract"
)

// RuntimeCalls lists what MediaPackage does with the roles the group is given: reading HLS
// sources for new assets (the ingest role) and, with CDN authorization, reading the CDN
// identifier (the secrets role, with every action MediaPackage documents for it).
func (v *Vod) RuntimeCalls() []contract.Call {
	b := v.props.SourceBucket
	calls := []contract.Call{
		{Role: v.IngestRole, Action: "s3:GetObject", Resource: b.ArnForObjects(jsii.String("show/ep1-mov/hls/index.m3u8")), Why: "MediaPackage reads an asset's HLS source"},
		{Role: v.IngestRole, Action: "s3:GetBucketLocation", Resource: b.BucketArn(), Why: "MediaPackage locates the source bucket"},
		{Role: v.IngestRole, Action: "s3:GetBucketRequestPayment", Resource: b.BucketArn(), Why: "MediaPackage checks requester-pays"},
		{Role: v.IngestRole, Action: "s3:ListBucket", Resource: b.BucketArn(), Why: "MediaPackage lists the asset's segments"},
	}
	if k := b.EncryptionKey(); k != nil {
		calls = append(calls, contract.Call{Role: v.IngestRole, Action: "kms:Decrypt", Resource: k.KeyArn(),
			Context: map[string]*string{"kms:ViaService": jsii.String("s3." + *awscdk.Aws_REGION() + ".amazonaws.com")}, Why: "MediaPackage reads SSE-KMS sources"})
	}
	if s := v.props.CDNIdentifierSecret; s != nil {
		for _, a := range []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"} {
			calls = append(calls, contract.Call{Role: v.SecretsRole, Action: a, Resource: s.SecretArn(), Why: "MediaPackage CDN authorization reads the identifier"})
		}
		calls = append(calls, contract.Call{Role: v.SecretsRole, Action: "secretsmanager:ListSecrets", Resource: jsii.String("*"), Why: "MediaPackage CDN authorization lists secrets"})
	}
	return calls
}

// RuntimeCalls lists what MediaPackage v2 does with the secrets role: read the CDN identifier
// (the actions it documents for CDN authorization).
func (g *LiveGroup) RuntimeCalls() []contract.Call {
	var calls []contract.Call
	if g.secret == nil {
		return nil
	}
	for _, a := range []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"} {
		calls = append(calls, contract.Call{Role: g.SecretsRole, Action: a, Resource: g.secret.SecretArn(), Why: "MediaPackage v2 CDN authorization reads the identifier"})
	}
	return append(calls, contract.Call{Role: g.SecretsRole, Action: "secretsmanager:BatchGetSecretValue", Resource: jsii.String("*"), Why: "MediaPackage v2 CDN authorization reads the identifier"})
}
