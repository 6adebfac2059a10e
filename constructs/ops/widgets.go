package ops

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Graph is a half-width graph of metrics (left axis, and right axis when given).
func Graph(title string, left, right []awscloudwatch.IMetric) awscloudwatch.IWidget {
	p := &awscloudwatch.GraphWidgetProps{Title: jsii.String(title), Width: jsii.Number(12), Height: jsii.Number(6), Left: &left}
	if len(right) > 0 {
		p.Right = &right
	}
	return awscloudwatch.NewGraphWidget(p)
}

// Metric is a metric of namespace with dimensions, a statistic, a period and a label.
func Metric(namespace, name string, dims map[string]*string, statistic string, period awscdk.Duration, label string) awscloudwatch.Metric {
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace: jsii.String(namespace), MetricName: jsii.String(name), DimensionsMap: &dims,
		Statistic: jsii.String(statistic), Period: period, Label: jsii.String(label),
	})
}

// With is m changed by props (statistic, period, label, ...), as aws-cdk's metric methods take
// them; nil props leave m as it is.
func With(m awscloudwatch.Metric, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	if props == nil {
		return m
	}
	return m.With(props)
}

// Header is a full-width title row.
func Header(markdown string) awscloudwatch.IWidget {
	return awscloudwatch.NewTextWidget(&awscloudwatch.TextWidgetProps{Markdown: jsii.String(markdown), Width: jsii.Number(24), Height: jsii.Number(1)})
}

// AlarmStatus is a full-width row of alarms' states.
func AlarmStatus(title string, alarms []awscloudwatch.Alarm) awscloudwatch.IWidget {
	list := make([]interfacesawscloudwatch.IAlarmRef, len(alarms))
	for i, a := range alarms {
		list[i] = a
	}
	return awscloudwatch.NewAlarmStatusWidget(&awscloudwatch.AlarmStatusWidgetProps{Title: jsii.String(title), Alarms: &list, Width: jsii.Number(24), Height: jsii.Number(3)})
}

// NewDashboard defines a dashboard of rows, each a list of widgets laid out left to right.
func NewDashboard(scope constructs.Construct, id, name string, rows ...[]awscloudwatch.IWidget) awscloudwatch.Dashboard {
	var widgets []*[]awscloudwatch.IWidget
	for _, r := range rows {
		if len(r) > 0 {
			widgets = append(widgets, &r)
		}
	}
	return awscloudwatch.NewDashboard(scope, jsii.String(id), &awscloudwatch.DashboardProps{
		DashboardName:   jsii.String(name),
		DefaultInterval: awscdk.Duration_Hours(jsii.Number(3)),
		Widgets:         &widgets,
	})
}
