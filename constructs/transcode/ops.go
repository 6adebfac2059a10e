package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// Widgets are the pipeline's dashboard widgets: workflow executions, MediaConvert jobs and
// their transcoding time on the pipeline's queue, the records and dead-letter queues, and the
// alarms.
func (p *Pipeline) Widgets() []awscloudwatch.IWidget {
	period := awscdk.Duration_Minutes(jsii.Number(5))
	sum := func(label string) *awscloudwatch.MetricOptions {
		return &awscloudwatch.MetricOptions{Statistic: jsii.String("Sum"), Period: period, Label: jsii.String(label)}
	}
	queue := map[string]*string{"Queue": p.QueueArn()}
	mc := func(name, statistic, label string) awscloudwatch.IMetric {
		return ops.Metric("AWS/MediaConvert", name, queue, statistic, period, label)
	}
	deepest := func(label string) *awscloudwatch.MetricOptions {
		return &awscloudwatch.MetricOptions{Statistic: jsii.String("Maximum"), Period: period, Label: jsii.String(label)}
	}
	return []awscloudwatch.IWidget{
		ops.Graph("Transcode workflow executions", []awscloudwatch.IMetric{
			p.StateMachine.MetricStarted(sum("started")), p.StateMachine.MetricSucceeded(sum("succeeded")),
			p.StateMachine.MetricFailed(sum("failed")), p.StateMachine.MetricTimedOut(sum("timed out")),
		}, nil),
		ops.Graph("MediaConvert jobs on the queue (right: transcoding time, ms)", []awscloudwatch.IMetric{
			mc("JobsCompletedCount", "Sum", "completed"), mc("JobsErroredCount", "Sum", "errored"),
		}, []awscloudwatch.IMetric{mc("TranscodingTime", "Average", "average"), mc("TranscodingTime", "Maximum", "longest")}),
		ops.Graph("Job records and dead letters (messages waiting)", []awscloudwatch.IMetric{
			p.Queue.MetricApproximateNumberOfMessagesVisible(deepest("completion records")),
			p.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(deepest("dead letters")),
		}, nil),
		ops.Graph("Prepare function (errors, throttles)", []awscloudwatch.IMetric{
			p.Prepare.MetricErrors(sum("errors")), p.Prepare.MetricThrottles(sum("throttles")),
		}, nil),
	}
}
