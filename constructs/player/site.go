package player

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/contract"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/internal/storage"
)

// Prefix is where the page lives in its bucket and on the distribution: /player/.
const Prefix = "player/"

// SiteProps configures NewSite.
type SiteProps struct {
	// LogsBucket receives the bucket's access logs. Default: none (the page is static and public
	// through CloudFront, whose own logs record every request).
	LogsBucket awss3.IBucket
	// NodeModules holds hls.js and dash.js (package.json's versions). Default: the node_modules
	// of the streamcdk source tree this package was built from; set it when that tree has none
	// (e.g. streamcdk used from the Go module cache).
	NodeModules string
	// Files are more static files for the page's folder, by path below it (e.g. "ads/creative.mp4").
	// Default: none.
	Files map[string][]byte
}

// Site is the player page in a private bucket (CloudFront reads it through Origin Access
// Control), put there by CDK's BucketDeployment (Deploy): the only custom resource this page
// needs.
type Site struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Bucket holds the page under Prefix.
	Bucket awss3.Bucket
	// Deployment copies the page into Bucket and invalidates /player/* on the distribution;
	// nil until Deploy. Role is the role its function runs as.
	Deployment awss3deployment.BucketDeployment
	Role       awsiam.Role

	files map[string][]byte
	logs  awslogs.LogGroup
}

// NewSite defines the page's bucket and the role that deploys it; Deploy, once the
// distribution that serves the bucket exists, copies the page in. The page's files are read
// here, so a missing library is refused before anything is created.
func NewSite(scope constructs.Construct, id string, props *SiteProps) *Site {
	if props == nil {
		props = &SiteProps{}
	}
	nm := props.NodeModules
	if nm == "" {
		nm = NodeModules()
	}
	files, err := Files(nm)
	if err != nil {
		panic(fmt.Errorf("%w; or set SiteProps.NodeModules (VodStackProps/LiveStackProps.PlayerNodeModules) to a node_modules holding them", err))
	}
	maps.Copy(files, props.Files)
	c := constructs.NewConstruct(scope, &id)
	s := &Site{Construct: c, files: files}
	bp := storage.SecureBucketProps("", props.LogsBucket, "player-site/")
	s.Bucket = awss3.NewBucket(c, jsii.String("Bucket"), bp)
	if props.LogsBucket == nil {
		nag.Suppress(s.Bucket, false, nag.Rule{ID: "AwsSolutions-S1", Reason: "Static player page, read only through CloudFront, whose standard logs record every request."})
	}
	s.logs = awslogs.NewLogGroup(c, jsii.String("DeployLogs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH, RemovalPolicy: awscdk.RemovalPolicy_DESTROY})
	s.Role = awsiam.NewRole(c, jsii.String("DeployRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("CDK BucketDeployment copies the player page into its bucket"),
	})
	s.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"), Resources: &[]*string{s.logs.LogGroupArn()},
	}))
	return s
}

// Deploy copies the page into the bucket with CDK's BucketDeployment and invalidates
// /player/* on distribution, which serves the bucket, so a changed page is seen at once rather
// than when CloudFront's cached copy expires. The page is written at synth (its asset hash
// follows the content: deterministic).
func (s *Site) Deploy(distribution awscloudfront.IDistribution) awss3deployment.BucketDeployment {
	dir, err := os.MkdirTemp("", "streamcdk-player-")
	for name, b := range s.files {
		if err != nil {
			break
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
			err = os.WriteFile(p, b, 0o644)
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		panic(fmt.Errorf("player: writing the page for its asset: %w", err))
	}
	s.Deployment = awss3deployment.NewBucketDeployment(s.Construct, jsii.String("Deployment"), &awss3deployment.BucketDeploymentProps{
		DestinationBucket:    s.Bucket,
		DestinationKeyPrefix: jsii.String(Prefix),
		Sources:              &[]awss3deployment.ISource{awss3deployment.Source_Asset(jsii.String(filepath.Clean(dir)), nil)},
		Role:                 s.Role,
		LogGroup:             s.logs,
		Prune:                jsii.Bool(true),
		Distribution:         distribution,
		DistributionPaths:    jsii.Strings("/" + Prefix + "*"),
	})
	// CDK grants the function CloudFront invalidations on any distribution (Resource *); this
	// role is the page's own, so it may invalidate only the distribution serving the page.
	s.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect:       awsiam.Effect_DENY,
		Actions:      jsii.Strings("cloudfront:CreateInvalidation"),
		NotResources: &[]*string{distribution.DistributionArn()},
	}))
	// The asset was staged (copied into the cloud assembly) when it was defined.
	os.RemoveAll(dir)
	// CDK's BucketDeployment function (one per stack, in Python): its runtime is CDK's choice and
	// it runs only at deploy time.
	for _, child := range *awscdk.Stack_Of(s.Construct).Node().Children() {
		if strings.HasPrefix(*child.Node().Id(), "Custom::CDKBucketDeployment") {
			nag.Suppress(child, true, nag.Rule{ID: "AwsSolutions-L1", Reason: "CDK's BucketDeployment provider function: its runtime is set by CDK, and it runs only at deploy time."})
			if f, ok := child.Node().DefaultChild().(awscdk.CfnResource); ok {
				// W3005: CDK adds DependsOn on the role next to the GetAtt; harmless.
				nag.IgnoreLint(f, "W3005")
			}
		}
	}
	nag.Suppress(s.Role, true, nag.Rule{ID: "AwsSolutions-IAM5",
		Reason: "CDK's BucketDeployment grants its function read on the CDK asset and write under player/ (object keys and wildcard actions chosen by CDK), and CloudFront invalidations (CDK's Resource *, which the role's own Deny limits to the distribution serving the page); it runs only at deploy time."})
	return s.Deployment
}

// AddData adds a file written at deploy time below the page's folder, whose content may hold
// deploy-time values (e.g. the distribution's domain), which a synth-time file cannot.
func (s *Site) AddData(name, content string) {
	s.Deployment.AddSource(awss3deployment.Source_Data(jsii.String(name), jsii.String(content), nil))
}

// RuntimeCalls lists what the deployment function does at deploy time: read the page's asset,
// list, write and prune under player/, invalidate /player/* on distributionArn.
func (s *Site) RuntimeCalls(assetObjectArn, distributionArn *string) []contract.Call {
	page := s.Bucket.ArnForObjects(jsii.String(Prefix + "index.html"))
	return []contract.Call{
		{Role: s.Role, Action: "s3:GetObject", Resource: assetObjectArn, Why: "BucketDeployment reads the page's asset"},
		{Role: s.Role, Action: "s3:ListBucket", Resource: s.Bucket.BucketArn(), Why: "BucketDeployment lists player/ (sync, prune)"},
		{Role: s.Role, Action: "s3:GetBucketLocation", Resource: s.Bucket.BucketArn(), Why: "BucketDeployment locates the bucket"},
		{Role: s.Role, Action: "s3:GetObject", Resource: page, Why: "BucketDeployment compares files (sync)"},
		{Role: s.Role, Action: "s3:PutObject", Resource: page, Why: "BucketDeployment writes the page"},
		{Role: s.Role, Action: "s3:DeleteObject", Resource: page, Why: "BucketDeployment prunes removed files"},
		{Role: s.Role, Action: "s3:AbortMultipartUpload", Resource: page, Why: "BucketDeployment aborts failed uploads"},
		{Role: s.Role, Action: "cloudfront:CreateInvalidation", Resource: distributionArn, Why: "BucketDeployment invalidates /player/* so the new page is served at once"},
		{Role: s.Role, Action: "cloudfront:GetInvalidation", Resource: distributionArn, Why: "BucketDeployment waits for the invalidation"},
	}
}
