package packaging

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// Egress5xxPerFiveMinutes server errors answered to CloudFront within five minutes raise the
// channel's alarm (the endpoints answer 5xx when they cannot serve: viewers see errors).
const Egress5xxPerFiveMinutes = 25

// metric is one of MediaPackage's metrics of the channel (Sum a minute), with more dimensions.
func (c *LiveChannel) metric(name string, dims map[string]*string, label string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	d := map[string]*string{"ChannelGroup": c.GroupName(), "Channel": jsii.String(c.Name)}
	for k, v := range dims {
		d[k] = v
	}
	return ops.With(ops.Metric("AWS/MediaPackage", name, d, "Sum", awscdk.Duration_Minutes(jsii.Number(1)), label), props)
}

// MetricEgressRequests counts the requests the channel's endpoints answered (Sum a minute):
// of one endpoint (nil: all of them) and one status class ("2xx", "4xx", "5xx"; "": all),
// changed by props (statistic, period, label, ...; nil: none)
// (https://docs.aws.amazon.com/mediapackage/latest/userguide/monitoring-cloudwatch.html).
func (c *LiveChannel) MetricEgressRequests(endpoint *LiveEndpoint, statusClass string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	dims, label := map[string]*string{}, "all"
	if endpoint != nil {
		dims["OriginEndpoint"], label = endpoint.Endpoint.OriginEndpointName(), endpoint.Format
	}
	if statusClass != "" {
		dims["StatusCode"] = jsii.String(statusClass)
		label = strings.TrimPrefix(label+" "+statusClass, "all ")
	}
	return c.metric("EgressRequestCount", dims, label, props)
}

// MetricIngressRequests counts MediaLive's ingest requests to the channel (Sum a minute),
// changed by props (nil: none).
func (c *LiveChannel) MetricIngressRequests(props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return c.metric("IngressRequestCount", nil, "ingest", props)
}

// Widgets are the channel's dashboard widgets: requests to each endpoint, responses by status
// class, ingest requests from MediaLive, and 4xx/5xx responses per endpoint.
func (c *LiveChannel) Widgets() []awscloudwatch.IWidget {
	var byEndpoint, byStatus, errors []awscloudwatch.IMetric
	for _, e := range c.Endpoints {
		byEndpoint = append(byEndpoint, c.MetricEgressRequests(e, "", nil))
		for _, code := range []string{"4xx", "5xx"} {
			errors = append(errors, c.MetricEgressRequests(e, code, nil))
		}
	}
	for _, s := range []string{"2xx", "4xx", "5xx"} {
		byStatus = append(byStatus, c.MetricEgressRequests(nil, s, nil))
	}
	return []awscloudwatch.IWidget{
		ops.Graph("MediaPackage "+c.Name+": egress requests by endpoint", byEndpoint, nil),
		ops.Graph("MediaPackage "+c.Name+": egress responses by status (right: ingest requests)", byStatus,
			[]awscloudwatch.IMetric{c.MetricIngressRequests(nil)}),
		ops.Graph("MediaPackage "+c.Name+": 4xx and 5xx by endpoint", errors, nil),
	}
}

// Alarms defines the channel's alarm, notifying topic: Egress5xxPerFiveMinutes or more server
// errors from its endpoints within five minutes.
func (c *LiveChannel) Alarms(topic *ops.Topic) []awscloudwatch.Alarm {
	m := c.MetricEgressRequests(nil, "5xx", &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Label: jsii.String("5xx responses")})
	return []awscloudwatch.Alarm{topic.Alarm(c.Construct, "Egress5xxAlarm", &awscloudwatch.AlarmProps{
		AlarmDescription:   jsii.String(fmt.Sprintf("MediaPackage channel %s answered %d or more requests with 5xx within five minutes: viewers get errors", c.Name, Egress5xxPerFiveMinutes)),
		Metric:             m,
		Threshold:          jsii.Number(Egress5xxPerFiveMinutes),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})}
}

// Egress4xxPerFiveMinutesWithFailover client errors within five minutes raise the failover
// alarm of a channel whose endpoints force errors (ForceEndpointErrors): they answer 404 on a
// stale or incomplete manifest or slate input, which moves viewers to the other Region's origin.
const Egress4xxPerFiveMinutesWithFailover = 25

// FailoverAlarm defines the alarm, notifying topic, that says the channel's endpoints are
// forcing errors (Egress4xxPerFiveMinutesWithFailover 4xx within five minutes): the CDN is
// sending viewers to the failover origin in otherRegion. Nil for a channel that forces none.
func (c *LiveChannel) FailoverAlarm(topic *ops.Topic, otherRegion string) awscloudwatch.Alarm {
	if !c.ForceEndpointErrors {
		return nil
	}
	m := c.MetricEgressRequests(nil, "4xx", &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Label: jsii.String("4xx responses")})
	return topic.Alarm(c.Construct, "FailoverAlarm", &awscloudwatch.AlarmProps{
		AlarmDescription:   jsii.String(fmt.Sprintf("MediaPackage channel %s answered %d or more requests with 4xx within five minutes: its endpoints force errors (stale or incomplete manifest, slate input), and the CDN moves viewers to %s", c.Name, Egress4xxPerFiveMinutesWithFailover, otherRegion)),
		Metric:             m,
		Threshold:          jsii.Number(Egress4xxPerFiveMinutesWithFailover),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})
}
