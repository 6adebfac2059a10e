package ops_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// An encrypted alarm topic with one alarm that may publish to it, and a dashboard.
func ExampleNewTopic() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Ops"), nil)
	topic := ops.NewTopic(stack, "Alarms", &ops.TopicProps{DisplayName: "Streaming alarms", Email: "media-ops@example.com"})
	errors := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("AWS/Lambda"), MetricName: jsii.String("Errors")})
	topic.Alarm(stack, "Errors", &awscloudwatch.AlarmProps{Metric: errors, Threshold: jsii.Number(1), EvaluationPeriods: jsii.Number(1)})
	ops.NewDashboard(stack, "Dashboard", "streaming", []awscloudwatch.IWidget{ops.AlarmStatus("Alarms", topic.Alarms)})
	fmt.Println(len(topic.Alarms), "alarm")
	// Output: 1 alarm
}

// A dashboard of rows of widgets, as the stacks make theirs.
func ExampleNewDashboard() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Ops"), nil)
	d := ops.NewDashboard(stack, "Dashboard", "streaming", []awscloudwatch.IWidget{ops.Header("### Delivery")})
	fmt.Println(d.Node().Id() != nil)
	// Output: true
}
