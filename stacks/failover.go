package stacks

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// newLiveSecondary is the stack a live stack's distribution fails over to, in props'
// SecondaryRegion: the channels of props under the primary's channel group name (the same
// playback paths), encoders locked to the epoch as the primary's, endpoints that force no errors
// (the backup answers what it has), a CDN identifier of its own replicated to primaryRegion
// (where the distribution reads it), its alarms and dashboard; no distribution, player, ads or
// key server of its own. AWS's cross-Region failover for MediaPackage v2 is CDN-driven
// ("Cross-Region failover", https://docs.aws.amazon.com/mediapackage/latest/userguide/cross-region-failover.html).
func newLiveSecondary(scope constructs.Construct, id string, primary *LiveStackProps, group, primaryRegion string) *LiveStack {
	props := *primary
	props.StackProps.Env = &awscdk.Environment{Account: primary.StackProps.Env.Account, Region: jsii.String(primary.SecondaryRegion)}
	props.SecondaryRegion = ""
	s := newStack(scope, id, props.StackProps, "StreamCDK live, failover Region: MediaLive channels and MediaPackage v2 endpoints behind the primary live stack's distribution")
	l := &LiveStack{Stack: s}
	l.addPackaging(&props, &cdn.IdentifierProps{ReplicaRegions: []string{primaryRegion}, SecretName: *s.StackName() + "-CdnIdentifier"}, group)
	l.addChannels(props.channels(), "", true, false)
	l.operations(&props)
	l.outputs()
	return l
}

// failoverOrigin is the secondary stack's egress as the distribution's failover origin, with
// the secondary's identifier read from its replica in this stack's Region; nil without one.
func (l *LiveStack) failoverOrigin() *cdn.FailoverOrigin {
	f := l.Failover
	if f == nil {
		return nil
	}
	return &cdn.FailoverOrigin{DomainName: f.Packaging.EgressDomain(),
		Identifier: f.Identifier.ReplicaIn(l.Stack, "FailoverCdnIdentifier")}
}

var regionRe = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)

// checkFailover checks a failover pair's settings: two Regions named, the CDN identifier (an
// Origin Access Control would make each Region's stack wait for the other's), no DRM yet (both
// Regions would need the same keys), inputs that epoch locking takes.
func (p *LiveStackProps) checkFailover(channels []LiveChannelConfig) error {
	if e := p.StackProps.Env; e != nil && e.Region != nil && !*awscdk.Token_IsUnresolved(e.Region) && !regionRe.MatchString(*e.Region) {
		return validate.Invalid("stacks", "StackProps.Env.Region", *e.Region, "is not an AWS Region (e.g. us-east-1)")
	}
	r := p.SecondaryRegion
	if r == "" {
		return nil
	}
	primary := ""
	if p.StackProps.Env != nil && p.StackProps.Env.Region != nil && !*awscdk.Token_IsUnresolved(p.StackProps.Env.Region) {
		primary = *p.StackProps.Env.Region
	}
	switch {
	case !regionRe.MatchString(r):
		return validate.Invalid("stacks", "SecondaryRegion", r, "is not an AWS Region (e.g. us-west-2)")
	case primary == "":
		return validate.Invalid("stacks", "SecondaryRegion", r, "needs the live stack's own Region ({StackProps.Env.Region}): cross-Region references name both")
	case primary == r:
		return validate.Invalid("stacks", "SecondaryRegion", r, "is the live stack's own Region; name another")
	case p.OriginAuth != "" && p.OriginAuth != packaging.AuthCDNIdentifier:
		return validate.Invalid("stacks", "OriginAuth", string(p.OriginAuth), "cannot be combined with {SecondaryRegion}: each Region's endpoint policies would name the distribution, which names both Regions' egress; use %s", packaging.AuthCDNIdentifier)
	case p.DemoKeyServer:
		return validate.Invalid("stacks", "DemoKeyServer", validate.NoValue, "cannot be combined with {SecondaryRegion} yet: both Regions would have to hand out the same keys")
	}
	for i, c := range channels {
		if c.Packaging.DRM.On() {
			return validate.Invalid("stacks", fmt.Sprintf("Channels[%d].Packaging.DRM.KeyProviderURL", i), c.Packaging.DRM.KeyProviderURL, "cannot be combined with {SecondaryRegion} yet: both Regions would have to get the same keys")
		}
		if c.Packaging.LowLatencyHLS {
			// Blocking playlist reloads hold a request until the part exists, up to a segment:
			// longer than the primary origin's 5 s to first byte, so they would fail over.
			return validate.Invalid("stacks", fmt.Sprintf("Channels[%d].Packaging.LowLatencyHLS", i), true, "cannot be combined with {SecondaryRegion} yet: a blocking playlist reload waits longer than the failover's 5 s to first byte")
		}
		in := c.Ingest
		in.EpochLocked = true
		if err := in.CheckEpochLocking(); err != nil {
			return validate.Nest("stacks", fmt.Sprintf("Channels[%d].Ingest", i), err)
		}
	}
	return nil
}

// secondaryOutputs are a secondary stack's outputs: its alarms and dashboard, and each channel's
// id, console and ingest (its playback is the primary's distribution).
func (l *LiveStack) secondaryOutputs(out func(id, desc string, value *string)) {
	out("AlarmsTopicArn", "Alarms of every channel in this Region (subscribe to be woken)", l.Alarms.Topic.TopicArn())
	out("DashboardUrl", "The operations dashboard of this Region", dashboardURL(l.Dashboard))
	out("EgressDomain", "MediaPackage v2 egress of this Region: the primary distribution's failover origin", l.Packaging.EgressDomain())
	for _, ch := range l.Channels {
		l.channelOutputs(out, ch)
	}
}

// failoverWidgets are the primary dashboard's row for both Regions: per channel, each Region's
// origin answering 4xx and 5xx (a 404 from the primary is a failover) and each Region's
// MediaLive alerts, the secondary's metrics read from its Region.
func (l *LiveStack) failoverWidgets(f *LiveStack, region string) []awscloudwatch.IWidget {
	widgets := []awscloudwatch.IWidget{ops.Header("### Failover: " + *l.Stack.Region() + " first, then " + region)}
	in := func(r, label string) *awscloudwatch.MetricOptions {
		return &awscloudwatch.MetricOptions{Region: jsii.String(r), Label: jsii.String(label)}
	}
	for i, ch := range l.Channels {
		mine, theirs := l.Packaging.Channels[i], f.Packaging.Channels[i]
		var origins, alerts []awscloudwatch.IMetric
		for _, code := range []string{"4xx", "5xx"} {
			origins = append(origins, mine.MetricEgressRequests(nil, code, in(*l.Stack.Region(), *l.Stack.Region()+" "+code)),
				theirs.MetricEgressRequests(nil, code, in(region, region+" "+code)))
		}
		for p := 0; p < ch.Pipelines(); p++ {
			alerts = append(alerts, ch.MetricActiveAlerts(p, in(*l.Stack.Region(), fmt.Sprintf("%s pipeline %d", *l.Stack.Region(), p))),
				f.Channels[i].MetricActiveAlerts(p, in(region, fmt.Sprintf("%s pipeline %d", region, p))))
		}
		widgets = append(widgets, ops.Graph("Channel "+ch.Name()+": origin 4xx and 5xx by Region", origins, nil),
			ops.Graph("Channel "+ch.Name()+": MediaLive active alerts by Region", alerts, nil))
	}
	return widgets
}
