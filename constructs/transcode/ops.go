package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// MetricMediaConvert is one of MediaConvert's metrics of the pipeline's queue (Sum over five
// minutes, labelled with its name), changed by props (statistic, period, label, ...; nil: none):
// "JobsCompletedCount", "JobsErroredCount", "TranscodingTime" (ms; Average, Maximum)...
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/mediaconvert_cwmetrics.html).
func (p *Pipeline) MetricMediaConvert(name string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ops.Metric("AWS/MediaConvert", name, map[string]*string{"Queue": p.QueueArn()}, "Sum", awscdk.Duration_Minutes(jsii.Number(5)), name), props)
}

// MetricJobsErrored counts the pipeline's MediaConvert jobs that failed (Sum over five minutes).
func (p *Pipeline) MetricJobsErrored(props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(p.MetricMediaConvert("JobsErroredCount", &awscloudwatch.MetricOptions{Label: jsii.String("errored")}), props)
}

// MetricJobsCompleted counts the pipeline's MediaConvert jobs that completed (Sum over five minutes).
func (p *Pipeline) MetricJobsCompleted(props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(p.MetricMediaConvert("JobsCompletedCount", &awscloudwatch.MetricOptions{Label: jsii.String("completed")}), props)
}

// Widgets are the pipeline's dashboard widgets: workflow executions, MediaConvert jobs and
// their transcoding time on the pipeline's queue, the records and dead-letter queues, and the
// alarms.
func (p *Pipeline) Widgets() []awscloudwatch.IWidget {
	period := awscdk.Duration_Minutes(jsii.Number(5))
	sum := func(label string) *awscloudwatch.MetricOptions {
		return &awscloudwatch.MetricOptions{Statistic: jsii.String("Sum"), Period: period, Label: jsii.String(label)}
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
			p.MetricJobsCompleted(nil), p.MetricJobsErrored(nil),
		}, []awscloudwatch.IMetric{p.MetricMediaConvert("TranscodingTime", &awscloudwatch.MetricOptions{Statistic: jsii.String("Average"), Label: jsii.String("average")}),
			p.MetricMediaConvert("TranscodingTime", &awscloudwatch.MetricOptions{Statistic: jsii.String("Maximum"), Label: jsii.String("longest")})}),
		ops.Graph("Job records and dead letters (messages waiting)", []awscloudwatch.IMetric{
			p.Queue.MetricApproximateNumberOfMessagesVisible(deepest("completion records")),
			p.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(deepest("dead letters")),
		}, nil),
		ops.Graph("Prepare function (errors, throttles)", []awscloudwatch.IMetric{
			p.Prepare.MetricErrors(sum("errors")), p.Prepare.MetricThrottles(sum("throttles")),
		}, nil),
	}
}
