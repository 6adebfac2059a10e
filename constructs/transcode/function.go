package transcode

import (
	"github.com/streamcdk/streamcdk/constructs/internal/trust"

	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/gobuild"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
)

func (p *Pipeline) newMediaConvertRole(c constructs.Construct) awsiam.Role {
	props := p.props
	r := awsiam.NewRole(c, jsii.String("MediaConvertRole"), &awsiam.RoleProps{
		AssumedBy:   trust.Service(c, "mediaconvert.amazonaws.com"),
		Description: jsii.String("MediaConvert reads sources and writes renditions"),
	})
	r.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
	}))
	r.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: jsii.Strings(*p.OutputBucket.ArnForObjects(jsii.String("*"))),
	}))
	if props.SourceEncryptionKey != nil {
		props.SourceEncryptionKey.GrantDecrypt(r)
	}
	if k := p.OutputBucket.EncryptionKey(); k != nil {
		// SSE-KMS writes: a data key per object (S3 Bucket Key), decrypt for multipart uploads.
		k.Grant(r, jsii.String("kms:GenerateDataKey"), jsii.String("kms:Decrypt"))
	}
	nag.Suppress(r, true, nag.Rule{ID: "AwsSolutions-IAM5",
		AppliesTo: []string{objectsFinding(props.Source, props.SourcePrefix), objectsFinding(p.OutputBucket, "")},
		Reason:    "Object keys are chosen by uploaders at run time: MediaConvert reads only under the watched prefix of the source bucket and writes only to the output bucket."})
	return r
}

func (p *Pipeline) newPrepareFunction(c constructs.Construct, retention awslogs.RetentionDays, removal awscdk.RemovalPolicy) awslambda.Function {
	props := p.props
	logs := awslogs.NewLogGroup(c, jsii.String("PrepareLogs"), &awslogs.LogGroupProps{Retention: retention, RemovalPolicy: removal})
	role := awsiam.NewRole(c, jsii.String("PrepareRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Probes sources and reads metadata files"),
	})
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: jsii.Strings(*logs.LogGroupArn()),
	}))
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
	}))
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediaconvert:Probe"),
		Resources: jsii.Strings("*"),
	}))
	if p.trigger() == TriggerMetadata {
		// A metadata file's "archive" tags its source for the mezzanine lifecycle rules.
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("s3:GetObjectTagging", "s3:PutObjectTagging"),
			Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
		}))
	}
	if props.SourceEncryptionKey != nil {
		props.SourceEncryptionKey.GrantDecrypt(role)
	}
	env := p.prepareEnv()
	fn := awslambda.NewFunction(c, jsii.String("Prepare"), &awslambda.FunctionProps{
		Description:  jsii.String("Probes a source with MediaConvert and plans its encoding"),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         gobuild.Code("constructs/transcode/lambda/prepare"),
		MemorySize:   jsii.Number(256),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(60)),
		Tracing:      awslambda.Tracing_ACTIVE,
		LogGroup:     logs,
		Role:         role,
		Environment:  &env,
	})
	// W3005: CDK adds DependsOn on the role (next to the GetAtt) so that its policy exists
	// before the function; the redundancy is CDK's and harmless.
	nag.IgnoreLint(fn.Node().DefaultChild().(awscdk.CfnResource), "W3005")
	nag.Suppress(role, true, nag.Rule{ID: "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*", objectsFinding(props.Source, props.SourcePrefix)},
		Reason:    "mediaconvert:Probe and the X-Ray trace upload that Lambda tracing adds have no resource-level permissions; source object keys are chosen by uploaders (reads stay under the watched prefix)."})
	return fn
}

// objectsFinding is how cdk-nag names a bucket-objects resource in an IAM5 finding.
func objectsFinding(b awss3.IBucket, prefix string) string {
	if cfn, ok := b.Node().DefaultChild().(awscdk.CfnResource); ok && cfn != nil {
		return "Resource::<" + *awscdk.Stack_Of(b).GetLogicalId(cfn) + ".Arn>/" + prefix + "*"
	}
	return "Resource::*"
}

// prepareEnv is the Prepare function's configuration (lambda/prepare/main.go reads it).
func (p *Pipeline) prepareEnv() map[string]*string {
	props := p.props
	suffixes, _ := json.Marshal(p.suffixes())
	spec, _ := json.Marshal(props.Encoding)
	user := props.UserMetadata
	if user == nil {
		user = map[string]string{}
	}
	userJSON, _ := json.Marshal(user) // encoding/json sorts map keys: deterministic
	env := map[string]*string{
		"SPEC":              jsii.String(string(spec)),
		"SUFFIXES":          jsii.String(string(suffixes)),
		"OUTPUT_BUCKET":     p.OutputBucket.BucketName(),
		"OUTPUT_BUCKET_ARN": p.OutputBucket.BucketArn(),
		"ACCELERATION":      jsii.String(string(p.acceleration())),
		"SOURCE_PREFIX":     jsii.String(props.SourcePrefix),
		"TRIGGER":           jsii.String(string(p.trigger())),
		"USER_METADATA":     jsii.String(string(userJSON)),
	}
	if props.PlayerURL != "" {
		env["PLAYER_URL"] = jsii.String(props.PlayerURL)
	}
	if props.AdsHLSPrefix != "" {
		env["ADS_HLS_PREFIX"] = jsii.String(props.AdsHLSPrefix)
		env["ADS_DASH_PREFIX"] = jsii.String(props.AdsDASHPrefix)
	}
	if props.PlaybackBaseURL != "" {
		env["PLAYBACK_BASE_URL"] = jsii.String(props.PlaybackBaseURL)
	}
	if props.PrivateOutputs {
		env["PRIVATE_OUTPUTS"] = jsii.String("true")
	}
	if props.ClearKeyLicensePath != "" {
		env["CLEARKEY_LICENSE"] = jsii.String(props.ClearKeyLicensePath)
	}
	if props.Packaging != nil {
		// The function refuses a title whose HLS output MediaPackage VOD could not ingest.
		env["MEDIA_PACKAGE"] = jsii.String("true")
	}
	return env
}
