package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// AppProps configures every stack of the application.
type AppProps struct {
	// VodStackName names the VoD stack. Default: "StreamCdkVod".
	VodStackName string
	// Vod configures the VoD stack.
	Vod VodStackProps
	// LiveStackName names the live stack. Default: "StreamCdkLive".
	LiveStackName string
	// Live configures the live stack.
	Live LiveStackProps
	// WithoutVod and WithoutLive leave a stack out of the app (a team that only streams live,
	// or only serves on demand). Default: both stacks.
	WithoutVod, WithoutLive bool
}

// App holds the stacks Build created.
type App struct {
	// Vod is the video-on-demand stack; nil with WithoutVod.
	Vod *VodStack
	// Live is the live streaming stack; nil with WithoutLive.
	Live *LiveStack
	// LiveSecondary is the live stack in Live.SecondaryRegion that Live's distribution fails
	// over to; nil without one.
	LiveSecondary *LiveStack
}

// Stacks are the stacks built, VoD first.
func (a *App) Stacks() []awscdk.Stack {
	var out []awscdk.Stack
	if a.Vod != nil {
		out = append(out, a.Vod.Stack)
	}
	if a.LiveSecondary != nil {
		out = append(out, a.LiveSecondary.Stack)
	}
	if a.Live != nil {
		out = append(out, a.Live.Stack)
	}
	return out
}

// Build adds StreamCDK's stacks to app and applies the cdk-nag AwsSolutions checks, so that
// `cdk synth` and the tests see the same composition and the same checks.
func Build(app awscdk.App, props *AppProps) *App {
	if props == nil {
		props = &AppProps{}
	}
	name := props.VodStackName
	if name == "" {
		name = "StreamCdkVod"
	}
	a := &App{}
	if err := props.validate(); err != nil { // each stack validates its own props
		panic(err)
	}
	if !props.WithoutVod {
		within("Vod", func() { a.Vod = NewVodStack(app, name, &props.Vod) })
	}
	live := props.LiveStackName
	if live == "" {
		live = "StreamCdkLive"
	}
	if !props.WithoutLive {
		within("Live", func() { a.Live = NewLiveStack(app, live, &props.Live) })
		a.LiveSecondary = a.Live.Failover
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	return a
}

// newStack creates a stack with its props, describing it when the caller did not.
func newStack(scope constructs.Construct, id string, sp awscdk.StackProps, description string) awscdk.Stack {
	if sp.Description == nil {
		sp.Description = jsii.String(description)
	}
	return awscdk.NewStack(scope, jsii.String(id), &sp)
}

// output adds a stack output.
func output(s awscdk.Stack, id, description string, value *string) {
	awscdk.NewCfnOutput(s, jsii.String(id), &awscdk.CfnOutputProps{Value: value, Description: jsii.String(description)})
}

// assetObject is an object of the CDK bootstrap's asset bucket (the default synthesizer's).
func assetObject() *string {
	return awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:s3:::cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/asset.zip"), nil)
}

// dashboardURL is the console address of a dashboard in the stack's region.
func dashboardURL(d awscloudwatch.Dashboard) *string {
	return jsii.String("https://console.aws.amazon.com/cloudwatch/home?region=" + *awscdk.Aws_REGION() + "#dashboards:name=" + *d.DashboardName())
}
