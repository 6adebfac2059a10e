package liveingest

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// Alarm thresholds of the channel's alarms (see Alarms).
const (
	// InputLossSecondsPerMinute of input loss on every pipeline, two minutes running, is an
	// outage: viewers see slate or nothing. MediaLive counts input loss for RTP and MediaConnect
	// inputs; for the others the alarm watches fill frames (FillMsec, the same 10 s).
	InputLossSecondsPerMinute = 10
	// AlertMinutes of an active MediaLive alert in a row wake someone.
	AlertMinutes = 3
)

// Metric is a MediaLive metric of one pipeline (0 or 1): Average a minute, labelled with the
// pipeline, changed by props (statistic, period, label, ...; nil: none), as aws-cdk's metric
// methods are (https://docs.aws.amazon.com/medialive/latest/ug/monitoring-eml-metrics.html).
func (ch *Channel) Metric(name string, pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ops.Metric("AWS/MediaLive", name, map[string]*string{"ChannelId": ch.ChannelID(), "Pipeline": jsii.String(fmt.Sprint(pipeline))},
		"Average", awscdk.Duration_Minutes(jsii.Number(1)), fmt.Sprintf("pipeline %d", pipeline)), props)
}

// MetricActiveAlerts is the number of alerts active on a pipeline (Maximum a minute).
func (ch *Channel) MetricActiveAlerts(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ch.Metric("ActiveAlerts", pipeline, maximum), props)
}

// MetricInputLossSeconds is the input lost on a pipeline, seconds a minute (Sum; RTP and
// MediaConnect inputs only).
func (ch *Channel) MetricInputLossSeconds(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ch.Metric("InputLossSeconds", pipeline, sum), props)
}

// MetricFillMsec is how long a pipeline filled for a lost input, ms (Maximum a minute).
func (ch *Channel) MetricFillMsec(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ch.Metric("FillMsec", pipeline, maximum), props)
}

// MetricDroppedFrames is the frames a pipeline dropped (Sum a minute).
func (ch *Channel) MetricDroppedFrames(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(ch.Metric("DroppedFrames", pipeline, sum), props)
}

var (
	sum     = &awscloudwatch.MetricOptions{Statistic: jsii.String("Sum")}
	maximum = &awscloudwatch.MetricOptions{Statistic: jsii.String("Maximum")}
)

// Pipelines is how many pipelines the channel runs: 2 for STANDARD, 1 for SINGLE_PIPELINE.
func (ch *Channel) Pipelines() int { return ch.props.feeds() }

// perPipeline is a metric for each of the channel's pipelines.
func (ch *Channel) perPipeline(metric func(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric) []awscloudwatch.IMetric {
	var out []awscloudwatch.IMetric
	for i := 0; i < ch.Pipelines(); i++ {
		out = append(out, metric(i, nil))
	}
	return out
}

// Widgets are the channel's dashboard widgets, per pipeline: active alerts, input loss and
// dropped frames.
func (ch *Channel) Widgets() []awscloudwatch.IWidget {
	n := ch.props.Name
	return []awscloudwatch.IWidget{
		ops.Graph("MediaLive "+n+": active alerts", ch.perPipeline(ch.MetricActiveAlerts), nil),
		ops.Graph("MediaLive "+n+": input loss (seconds per minute; right: fill frames, ms)", ch.perPipeline(ch.MetricInputLossSeconds), ch.perPipeline(ch.MetricFillMsec)),
		ops.Graph("MediaLive "+n+": dropped frames", ch.perPipeline(ch.MetricDroppedFrames), nil),
	}
}

// across combines the pipelines' metric with fn (MIN: every pipeline, MAX: any pipeline).
func (ch *Channel) across(fn string, metric func(pipeline int, props *awscloudwatch.MetricOptions) awscloudwatch.Metric, label string) awscloudwatch.IMetric {
	ms := ch.perPipeline(metric)
	if len(ms) == 1 {
		return ms[0]
	}
	using := map[string]awscloudwatch.IMetric{}
	var ids []string
	for i, m := range ms {
		id := fmt.Sprintf("p%d", i)
		using[id] = m
		ids = append(ids, id)
	}
	return awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
		Expression: jsii.String(fn + "([" + strings.Join(ids, ",") + "])"), UsingMetrics: &using,
		Period: awscdk.Duration_Minutes(jsii.Number(1)), Label: jsii.String(label),
	})
}

// Alarms defines the channel's alarms, notifying topic: input lost on every pipeline (on a
// STANDARD channel one lost feed is what redundancy is for), and a MediaLive alert active on
// any pipeline for AlertMinutes. MediaLive publishes nothing while a channel is idle, so an
// idle channel raises neither.
func (ch *Channel) Alarms(topic *ops.Topic) []awscloudwatch.Alarm {
	c, n := ch.Construct, ch.props.Name
	// InputLossSeconds exists for RTP and MediaConnect inputs only; elsewhere MediaLive's fill
	// frames (FillMsec, while it fills for a lost input) tell the same.
	loss, threshold, what := ch.across("MIN", ch.MetricInputLossSeconds, "input loss, least-affected pipeline"), float64(InputLossSecondsPerMinute), "input loss"
	if t := ch.props.inputType(); t != RTPPush && t != MediaConnect {
		loss, threshold, what = ch.across("MIN", ch.MetricFillMsec, "fill frames, least-affected pipeline (ms)"), float64(InputLossSecondsPerMinute*1000), "fill frames"
	}
	return []awscloudwatch.Alarm{
		topic.Alarm(c, "InputLossAlarm", &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(fmt.Sprintf("MediaLive channel %s lost its input on every pipeline (%s for %d s or more a minute, two minutes running): viewers see no live picture", n, what, InputLossSecondsPerMinute)),
			Metric:             loss,
			Threshold:          jsii.Number(threshold),
			EvaluationPeriods:  jsii.Number(2),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		}),
		topic.Alarm(c, "AlertsAlarm", &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(fmt.Sprintf("MediaLive channel %s has had an active alert for %d minutes (see the channel's Alerts tab)", n, AlertMinutes)),
			Metric:             ch.across("MAX", ch.MetricActiveAlerts, "active alerts, any pipeline"),
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(AlertMinutes),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		}),
	}
}
