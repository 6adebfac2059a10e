package packaging

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ops"
)

// Egress5xxPerFiveMinutes server errors answered to CloudFront within five minutes raise the
// channel's alarm (the endpoints answer 5xx when they cannot serve: viewers see errors).
const Egress5xxPerFiveMinutes = 25

func (c *LiveChannel) metric(name string, dims map[string]*string, label string) awscloudwatch.IMetric {
	d := map[string]*string{"ChannelGroup": c.GroupName(), "Channel": jsii.String(c.Name)}
	for k, v := range dims {
		d[k] = v
	}
	return ops.Metric("AWS/MediaPackage", name, d, "Sum", awscdk.Duration_Minutes(jsii.Number(1)), label)
}

// Widgets are the channel's dashboard widgets: requests to each endpoint, responses by status
// class, ingest requests from MediaLive, and 4xx/5xx responses per endpoint.
func (c *LiveChannel) Widgets() []awscloudwatch.IWidget {
	var byEndpoint, byStatus, errors []awscloudwatch.IMetric
	for _, e := range c.Endpoints {
		byEndpoint = append(byEndpoint, c.metric("EgressRequestCount", map[string]*string{"OriginEndpoint": e.Endpoint.OriginEndpointName()}, e.Format))
		for _, code := range []string{"4xx", "5xx"} {
			errors = append(errors, c.metric("EgressRequestCount", map[string]*string{"OriginEndpoint": e.Endpoint.OriginEndpointName(), "StatusCode": jsii.String(code)}, e.Format+" "+code))
		}
	}
	for _, s := range []string{"2xx", "4xx", "5xx"} {
		byStatus = append(byStatus, c.metric("EgressRequestCount", map[string]*string{"StatusCode": jsii.String(s)}, s))
	}
	return []awscloudwatch.IWidget{
		ops.Graph("MediaPackage "+c.Name+": egress requests by endpoint", byEndpoint, nil),
		ops.Graph("MediaPackage "+c.Name+": egress responses by status (right: ingest requests)", byStatus,
			[]awscloudwatch.IMetric{c.metric("IngressRequestCount", nil, "ingest")}),
		ops.Graph("MediaPackage "+c.Name+": 4xx and 5xx by endpoint", errors, nil),
	}
}

// Alarms defines the channel's alarm, notifying topic: Egress5xxPerFiveMinutes or more server
// errors from its endpoints within five minutes.
func (c *LiveChannel) Alarms(topic *ops.Topic) []awscloudwatch.Alarm {
	m := ops.Metric("AWS/MediaPackage", "EgressRequestCount", map[string]*string{"ChannelGroup": c.GroupName(), "Channel": jsii.String(c.Name), "StatusCode": jsii.String("5xx")},
		"Sum", awscdk.Duration_Minutes(jsii.Number(5)), "5xx responses")
	return []awscloudwatch.Alarm{topic.Alarm(c.Construct, "Egress5xxAlarm", &awscloudwatch.AlarmProps{
		AlarmDescription:   jsii.String(fmt.Sprintf("MediaPackage channel %s answered %d or more requests with 5xx within five minutes: viewers get errors", c.Name, Egress5xxPerFiveMinutes)),
		Metric:             m,
		Threshold:          jsii.Number(Egress5xxPerFiveMinutes),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})}
}
