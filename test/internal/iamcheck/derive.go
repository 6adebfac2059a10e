package iamcheck

import (
	"fmt"
	"sort"
	"strings"
)

// Call is one request the deployed stack makes at run time.
type Call struct {
	// Role is the logical ID of the calling role; empty when Service calls on its own behalf.
	Role string `json:"role,omitempty"`
	// Service is the calling service principal when Role is empty.
	Service string `json:"service,omitempty"`
	// Action, Resource and Context describe the request.
	Action   string            `json:"action"`
	Resource string            `json:"resource"`
	Context  map[string]string `json:"context,omitempty"`
	// Why says what makes the call.
	Why string `json:"why"`
}

func (c Call) String() string {
	who := c.Role
	if who == "" {
		who = c.Service
	}
	s := fmt.Sprintf("%s %s on %s", who, c.Action, c.Resource)
	if len(c.Context) > 0 {
		keys := make([]string, 0, len(c.Context))
		for k := range c.Context {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var kv []string
		for _, k := range keys {
			kv = append(kv, k+"="+c.Context[k])
		}
		s += " [" + strings.Join(kv, " ") + "]"
	}
	return s + " (" + c.Why + ")"
}

// sdkServices maps Step Functions' AWS SDK integration service names to the IAM prefix, and
// the service a role passed in the request is passed to (iam:PassedToService) with the
// principal that then assumes it. Extend it when a workflow uses another service.
var sdkServices = map[string]struct {
	prefix, passedTo, assumedBy string
	// resources maps an API to the resource it acts on (after "arn:<partition>:<prefix>:<region>:<account>:"),
	// or, as "@<resource type>", to every resource of that type in the template (the request
	// names one at run time, e.g. from an event); APIs not listed support no resource type ("*").
	resources map[string]string
}{
	"mediapackagevod": {"mediapackage-vod", "mediapackage-vod.amazonaws.com", "mediapackage.amazonaws.com",
		map[string]string{"describeAsset": "assets/streamcdk-asset-1"}},
	"medialive": {"medialive", "medialive.amazonaws.com", "medialive.amazonaws.com",
		map[string]string{"createTags": "@AWS::MediaLive::Channel"}},
}

// Derive lists the calls the template itself implies.
func (t *Template) Derive() ([]Call, error) {
	var calls []Call
	for _, f := range []func() ([]Call, error){t.stateMachines, t.functions, t.rules, t.schedules, t.alarms, t.distributions, t.accessLogs, t.packagingGroups, t.mediaLive, t.originEndpoints} {
		c, err := f()
		if err != nil {
			return nil, err
		}
		calls = append(calls, c...)
	}
	return calls, nil
}

// roleOf returns the logical ID of the template role an ARN names.
func (t *Template) roleOf(arn string) string {
	if id := t.ByArn(arn); id != "" && t.Resources[id].Type == "AWS::IAM::Role" {
		return id
	}
	return ""
}

// assume is the trust call of a service assuming a role.
func (t *Template) assume(role, service, sourceArn, why string) Call {
	ctx := map[string]string{"aws:SourceAccount": Account}
	if sourceArn != "" {
		ctx["aws:SourceArn"] = sourceArn
	}
	return Call{Service: service, Action: "sts:AssumeRole", Resource: t.Arn(role), Context: ctx, Why: why}
}

// keyCalls are the KMS calls needed to send to a resource encrypted with a template key.
func (t *Template) keyCalls(role, service, resourceID, via string, ctx map[string]string, why string, actions ...string) []Call {
	keyRef := t.Str(resourceID, "KmsMasterKeyId")
	kid := t.ByArn(keyRef)
	if kid == "" || t.Resources[kid].Type != "AWS::KMS::Key" {
		for _, id := range t.LogicalIDs("AWS::KMS::Key") {
			if fmt.Sprint(t.ref(id)) == keyRef {
				kid = id
			}
		}
	}
	if kid == "" {
		return nil // SSE with the service's own key, or none
	}
	var out []Call
	for _, a := range actions {
		c := Call{Role: role, Service: service, Action: a, Resource: t.Arn(kid), Why: why + " (key of " + resourceID + ")", Context: map[string]string{}}
		for k, v := range ctx {
			c.Context[k] = v
		}
		if via != "" {
			c.Context["kms:ViaService"] = via + "." + t.Region + ".amazonaws.com"
			c.Context["kms:CallerAccount"] = Account
		}
		out = append(out, c)
	}
	return out
}

func (t *Template) stateMachines() ([]Call, error) {
	var calls []Call
	for _, sm := range t.LogicalIDs("AWS::StepFunctions::StateMachine") {
		role := t.roleOf(t.Str(sm, "RoleArn"))
		if role == "" {
			return nil, fmt.Errorf("state machine %s: role %q is not in the template", sm, t.Str(sm, "RoleArn"))
		}
		calls = append(calls, t.assume(role, "states.amazonaws.com", t.Arn(sm), "Step Functions runs "+sm))
		def, err := JSON(t.Str(sm, "DefinitionString"))
		if err != nil {
			return nil, fmt.Errorf("state machine %s: definition: %w", sm, err)
		}
		c, err := t.tasks(sm, role, def)
		if err != nil {
			return nil, err
		}
		calls = append(calls, c...)
		if dests, ok := t.Prop(sm, "LoggingConfiguration", "Destinations").([]any); ok && len(dests) > 0 {
			for _, a := range []string{"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"} {
				calls = append(calls, Call{Role: role, Action: a, Resource: "*", Why: sm + " logs to CloudWatch Logs (vended logs)"})
			}
		}
		if on, _ := t.Prop(sm, "TracingConfiguration", "Enabled").(bool); on {
			for _, a := range []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"} {
				calls = append(calls, Call{Role: role, Action: a, Resource: "*", Why: sm + " traces with X-Ray"})
			}
		}
	}
	return calls, nil
}

// tasks lists the calls of every Task state, also inside Parallel and Map states.
func (t *Template) tasks(sm, role string, def map[string]any) ([]Call, error) {
	var calls []Call
	states, _ := def["States"].(map[string]any)
	names := make([]string, 0, len(states))
	for n := range states {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		st, _ := states[name].(map[string]any)
		switch st["Type"] {
		case "Parallel":
			branches, _ := st["Branches"].([]any)
			for _, b := range branches {
				c, err := t.tasks(sm, role, b.(map[string]any))
				if err != nil {
					return nil, err
				}
				calls = append(calls, c...)
			}
		case "Map":
			for _, k := range []string{"ItemProcessor", "Iterator"} {
				if b, ok := st[k].(map[string]any); ok {
					c, err := t.tasks(sm, role, b)
					if err != nil {
						return nil, err
					}
					calls = append(calls, c...)
				}
			}
		case "Task":
			c, err := t.task(role, fmt.Sprintf("%s %q", sm, name), st)
			if err != nil {
				return nil, err
			}
			calls = append(calls, c...)
		}
	}
	return calls, nil
}

func param(p map[string]any, k string) string {
	s, _ := p[k].(string)
	return s
}

// task lists the calls one Task state makes, by its integration.
func (t *Template) task(role, where string, st map[string]any) ([]Call, error) {
	res, _ := st["Resource"].(string)
	p, _ := st["Parameters"].(map[string]any)
	call := func(action, resource string) Call {
		return Call{Role: role, Action: action, Resource: resource, Why: where}
	}
	if strings.HasPrefix(res, "arn:"+Partition+":lambda:") {
		return []Call{call("lambda:InvokeFunction", res)}, nil
	}
	integ, ok := strings.CutPrefix(res, "arn:"+Partition+":states:::")
	if !ok {
		return nil, fmt.Errorf("%s: resource %q is no integration the harness knows", where, res)
	}
	base, _, _ := strings.Cut(integ, ".")
	switch base {
	case "dynamodb:putItem", "dynamodb:updateItem", "dynamodb:getItem", "dynamodb:deleteItem":
		table := t.ByArn(param(p, "TableName"))
		if table == "" {
			return nil, fmt.Errorf("%s: table %q is not in the template", where, param(p, "TableName"))
		}
		action := "dynamodb:" + strings.ToUpper(base[9:10]) + base[10:]
		return []Call{call(action, t.Arn(table))}, nil
	case "sns:publish":
		topic := t.ByArn(param(p, "TopicArn"))
		if topic == "" {
			return nil, fmt.Errorf("%s: topic %q is not in the template", where, param(p, "TopicArn"))
		}
		return append([]Call{call("sns:Publish", t.Arn(topic))}, t.keyCalls(role, "", topic, "sns", nil, where, "kms:GenerateDataKey", "kms:Decrypt")...), nil
	case "sqs:sendMessage":
		q := t.ByArn(param(p, "QueueUrl"))
		if q == "" {
			return nil, fmt.Errorf("%s: queue %q is not in the template", where, param(p, "QueueUrl"))
		}
		return append([]Call{call("sqs:SendMessage", t.Arn(q))}, t.keyCalls(role, "", q, "sqs", nil, where, "kms:GenerateDataKey", "kms:Decrypt")...), nil
	case "lambda:invoke":
		fn := param(p, "FunctionName")
		if id := t.ByArn(fn); id != "" {
			fn = t.Arn(id)
		}
		return []Call{call("lambda:InvokeFunction", fn)}, nil
	case "mediaconvert:createJob":
		return t.mediaConvertTask(p, call, where, strings.HasSuffix(integ, ".sync")), nil
	}
	if rest, ok := strings.CutPrefix(base, "aws-sdk:"); ok {
		return t.sdkTask(rest, p, call, where)
	}
	return nil, fmt.Errorf("%s: integration %q is not one the harness knows; add it to iamcheck", where, integ)
}

// mediaConvertTask: CreateJob in the queue, passing (and MediaConvert assuming) the job's role;
// with .sync, Step Functions also tags, polls and cancels the job through its managed rule.
func (t *Template) mediaConvertTask(p map[string]any, call func(action, resource string) Call, where string, sync bool) []Call {
	queue := param(p, "Queue")
	if queue == "" {
		queue = "arn:" + Partition + ":mediaconvert:" + t.Region + ":" + Account + ":queues/Default"
	} else if id := t.ByArn(queue); id != "" {
		queue = t.Arn(id)
	}
	calls := []Call{call("mediaconvert:CreateJob", queue)}
	if r := param(p, "Role"); r != "" {
		pass := call("iam:PassRole", r)
		pass.Context = map[string]string{"iam:PassedToService": "mediaconvert.amazonaws.com"}
		calls = append(calls, pass)
		if id := t.roleOf(r); id != "" {
			// MediaConvert assumes the role for a job in the queue: the queue is the SourceArn.
			calls = append(calls, t.assume(id, "mediaconvert.amazonaws.com", queue, "MediaConvert runs jobs as the role "+where+" passes"))
		}
	}
	if sync {
		job := "arn:" + Partition + ":mediaconvert:" + t.Region + ":" + Account + ":jobs/1700000000000-abcdef"
		rule := "arn:" + Partition + ":events:" + t.Region + ":" + Account + ":rule/StepFunctionsGetEventsForMediaConvertJobRule"
		// Step Functions tags the jobs it creates (ManagedByService): TagResource on the job.
		calls = append(calls, call("mediaconvert:TagResource", job), call("mediaconvert:GetJob", job), call("mediaconvert:CancelJob", job),
			call("events:PutTargets", rule), call("events:PutRule", rule), call("events:DescribeRule", rule))
	}
	return calls
}

// sdkTask: an AWS SDK integration's action on its resource type, and the roles it passes.
func (t *Template) sdkTask(rest string, p map[string]any, call func(action, resource string) Call, where string) ([]Call, error) {
	svc, api, _ := strings.Cut(rest, ":")
	info, known := sdkServices[svc]
	if !known {
		return nil, fmt.Errorf("%s: AWS SDK integration %q: add the service to iamcheck's sdkServices", where, svc)
	}
	action := info.prefix + ":" + strings.ToUpper(api[:1]) + api[1:]
	var calls []Call
	switch r, ok := info.resources[api]; {
	case !ok:
		calls = append(calls, call(action, "*"))
	case strings.HasPrefix(r, "@"):
		for _, id := range t.LogicalIDs(r[1:]) {
			calls = append(calls, call(action, t.Arn(id)))
		}
	default:
		calls = append(calls, call(action, "arn:"+Partition+":"+info.prefix+":"+t.Region+":"+Account+":"+r))
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasSuffix(k, "RoleArn") {
			pass := call("iam:PassRole", param(p, k))
			pass.Context = map[string]string{"iam:PassedToService": info.passedTo}
			calls = append(calls, pass)
			if id := t.roleOf(param(p, k)); id != "" {
				calls = append(calls, t.assume(id, info.assumedBy, "", "the role "+where+" passes as "+k))
			}
		}
	}
	return calls, nil

}

func (t *Template) functions() ([]Call, error) {
	var calls []Call
	for _, fn := range t.LogicalIDs("AWS::Lambda::Function") {
		role := t.roleOf(t.Str(fn, "Role"))
		if role == "" {
			return nil, fmt.Errorf("function %s: role %q is not in the template", fn, t.Str(fn, "Role"))
		}
		calls = append(calls, t.assume(role, "lambda.amazonaws.com", "", "Lambda runs "+fn))
		group := t.Str(fn, "LoggingConfig", "LogGroup")
		if group == "" {
			group = "/aws/lambda/" + t.Name(fn)
		}
		stream := "arn:" + Partition + ":logs:" + t.Region + ":" + Account + ":log-group:" + group + ":log-stream:2026/01/01/[$LATEST]0123456789abcdef"
		calls = append(calls, Call{Role: role, Action: "logs:CreateLogStream", Resource: stream, Why: fn + " logs"},
			Call{Role: role, Action: "logs:PutLogEvents", Resource: stream, Why: fn + " logs"})
		if t.Str(fn, "TracingConfig", "Mode") == "Active" {
			for _, a := range []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"} {
				calls = append(calls, Call{Role: role, Action: a, Resource: "*", Why: fn + " traces with X-Ray"})
			}
		}
	}
	return calls, nil
}

func (t *Template) rules() ([]Call, error) {
	var calls []Call
	for _, rule := range t.LogicalIDs("AWS::Events::Rule") {
		targets, _ := t.Prop(rule, "Targets").([]any)
		for _, x := range targets {
			tg, _ := x.(map[string]any)
			arn, _ := tg["Arn"].(string)
			if ra, _ := tg["RoleArn"].(string); ra != "" {
				role := t.roleOf(ra)
				if role == "" {
					return nil, fmt.Errorf("rule %s: role %q is not in the template", rule, ra)
				}
				calls = append(calls, t.assume(role, "events.amazonaws.com", t.Arn(rule), "EventBridge delivers "+rule))
				switch {
				case strings.Contains(arn, ":states:"):
					calls = append(calls, Call{Role: role, Action: "states:StartExecution", Resource: arn, Why: rule + " starts the workflow"})
				default:
					return nil, fmt.Errorf("rule %s: target %q is not one the harness knows", rule, arn)
				}
			}
			if dlq, _ := tg["DeadLetterConfig"].(map[string]any); dlq != nil {
				q := t.ByArn(fmt.Sprint(dlq["Arn"]))
				if q == "" {
					return nil, fmt.Errorf("rule %s: dead-letter queue %v is not in the template", rule, dlq["Arn"])
				}
				c := Call{Service: "events.amazonaws.com", Action: "sqs:SendMessage", Resource: t.Arn(q), Context: map[string]string{"aws:SourceArn": t.Arn(rule)}, Why: rule + " dead-letters undeliverable events"}
				calls = append(append(calls, c), t.keyCalls("", "events.amazonaws.com", q, "", c.Context, rule+" dead-letters", "kms:GenerateDataKey", "kms:Decrypt")...)
			}
		}
	}
	return calls, nil
}

// schedules: EventBridge Scheduler assumes each schedule's target role, with the schedule's
// group (default: "default") as the SourceArn.
func (t *Template) schedules() ([]Call, error) {
	var calls []Call
	for _, id := range t.LogicalIDs("AWS::Scheduler::Schedule") {
		tg, _ := t.Prop(id, "Target").(map[string]any)
		ra, _ := tg["RoleArn"].(string)
		role := t.roleOf(ra)
		if role == "" {
			return nil, fmt.Errorf("schedule %s: role %q is not in the template", id, ra)
		}
		group, _ := t.Prop(id, "GroupName").(string)
		if group == "" {
			group = "default"
		}
		groupArn := "arn:" + Partition + ":scheduler:" + t.Region + ":" + Account + ":schedule-group/" + group
		calls = append(calls, t.assume(role, "scheduler.amazonaws.com", groupArn, "EventBridge Scheduler runs "+id))
	}
	return calls, nil
}

func (t *Template) alarms() ([]Call, error) {
	var calls []Call
	for _, al := range t.LogicalIDs("AWS::CloudWatch::Alarm") {
		actions, _ := t.Prop(al, "AlarmActions").([]any)
		for _, a := range actions {
			topic := t.ByArn(fmt.Sprint(a))
			if topic == "" || t.Resources[topic].Type != "AWS::SNS::Topic" {
				return nil, fmt.Errorf("alarm %s: action %v is not a template topic", al, a)
			}
			ctx := map[string]string{"aws:SourceArn": t.Arn(al), "aws:SourceAccount": Account}
			calls = append(calls, Call{Service: "cloudwatch.amazonaws.com", Action: "sns:Publish", Resource: t.Arn(topic), Context: ctx, Why: al + " notifies"})
			calls = append(calls, t.keyCalls("", "cloudwatch.amazonaws.com", topic, "", ctx, al+" notifies", "kms:GenerateDataKey", "kms:Decrypt")...)
		}
	}
	return calls, nil
}

func (t *Template) distributions() ([]Call, error) {
	var calls []Call
	for _, d := range t.LogicalIDs("AWS::CloudFront::Distribution") {
		origins, _ := t.Prop(d, "DistributionConfig", "Origins").([]any)
		for _, o := range origins {
			om, _ := o.(map[string]any)
			if om["OriginAccessControlId"] == nil {
				continue
			}
			ctx := map[string]string{"aws:SourceArn": t.Arn(d), "aws:SourceAccount": Account}
			if t.oacType(om["OriginAccessControlId"]) == "mediapackagev2" {
				if strings.Contains(fmt.Sprint(om["OriginCustomHeaders"]), "X-MediaPackageV2-CDNIdentifier") {
					ctx["mediapackagev2:RequestHasMatchingCdnAuthHeader"] = "true"
				}
				for _, e := range t.LogicalIDs("AWS::MediaPackageV2::OriginEndpoint") {
					for _, a := range []string{"mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"} {
						calls = append(calls, Call{Service: "cloudfront.amazonaws.com", Action: a, Resource: t.Arn(e), Context: ctx, Why: d + " reads MediaPackage through Origin Access Control"})
					}
				}
				continue
			}
			b := t.BucketOfDomain(fmt.Sprint(om["DomainName"]))
			if b == "" {
				return nil, fmt.Errorf("distribution %s: OAC origin %v is not a template bucket", d, om["DomainName"])
			}
			calls = append(calls, Call{Service: "cloudfront.amazonaws.com", Action: "s3:GetObject", Resource: t.Arn(b) + "/show/ep1/cmaf/index.m3u8", Context: ctx, Why: d + " reads through Origin Access Control"})
			if kid := t.bucketKey(b); kid != "" {
				calls = append(calls, Call{Service: "cloudfront.amazonaws.com", Action: "kms:Decrypt", Resource: t.Arn(kid), Context: ctx, Why: d + " reads SSE-KMS objects"})
			}
		}
	}
	return calls, nil
}

// oacType is the origin type of the template's Origin Access Control with this id ("s3",
// "mediapackagev2"...).
func (t *Template) oacType(id any) string {
	for _, o := range t.LogicalIDs("AWS::CloudFront::OriginAccessControl") {
		if fmt.Sprint(t.getAtt(o, "Id")) == fmt.Sprint(id) {
			return t.Str(o, "OriginAccessControlConfig", "OriginAccessControlOriginType")
		}
	}
	return "s3"
}

// bucketKey is the logical ID of the template KMS key a bucket's default encryption uses.
func (t *Template) bucketKey(b string) string {
	rules, _ := t.Prop(b, "BucketEncryption", "ServerSideEncryptionConfiguration").([]any)
	for _, r := range rules {
		rm, _ := r.(map[string]any)
		def, _ := rm["ServerSideEncryptionByDefault"].(map[string]any)
		if k, _ := def["KMSMasterKeyID"].(string); k != "" {
			return t.ByArn(k)
		}
	}
	return ""
}

func (t *Template) accessLogs() ([]Call, error) {
	var calls []Call
	for _, b := range t.LogicalIDs("AWS::S3::Bucket") {
		dest := t.Str(b, "LoggingConfiguration", "DestinationBucketName")
		if dest == "" {
			continue
		}
		id := t.ByArn(dest)
		if id == "" {
			return nil, fmt.Errorf("bucket %s: log bucket %q is not in the template", b, dest)
		}
		key := t.Arn(id) + "/" + t.Str(b, "LoggingConfiguration", "LogFilePrefix") + "2026-01-01-00-00-00-0123456789ABCDEF"
		ctx := map[string]string{"aws:SourceArn": t.Arn(b), "aws:SourceAccount": Account}
		calls = append(calls, Call{Service: "logging.s3.amazonaws.com", Action: "s3:PutObject", Resource: key, Context: ctx, Why: b + " server access logs"})
	}
	return calls, nil
}

func (t *Template) packagingGroups() ([]Call, error) {
	var calls []Call
	for _, g := range t.LogicalIDs("AWS::MediaPackage::PackagingGroup") {
		if ra := t.Str(g, "Authorization", "SecretsRoleArn"); ra != "" {
			role := t.roleOf(ra)
			if role == "" {
				return nil, fmt.Errorf("packaging group %s: secrets role %q is not in the template", g, ra)
			}
			calls = append(calls, t.assume(role, "mediapackage.amazonaws.com", "", g+" CDN authorization"))
		}
	}
	return calls, nil
}

// mediaLive: MediaLive assumes each channel's and input's role.
func (t *Template) mediaLive() ([]Call, error) {
	var calls []Call
	for _, typ := range []string{"AWS::MediaLive::Channel", "AWS::MediaLive::Input"} {
		for _, id := range t.LogicalIDs(typ) {
			ra := t.Str(id, "RoleArn")
			if ra == "" {
				continue
			}
			role := t.roleOf(ra)
			if role == "" {
				return nil, fmt.Errorf("%s: role %q is not in the template", id, ra)
			}
			calls = append(calls, t.assume(role, "medialive.amazonaws.com", t.Arn(id), "MediaLive runs "+id))
		}
	}
	return calls, nil
}

// originEndpoints: CloudFront fetches from each MediaPackage v2 endpoint without signing, with
// the CDN identifier header (which MediaPackage checks against the secret, reading it as the
// endpoint policy's secrets role).
func (t *Template) originEndpoints() ([]Call, error) {
	var calls []Call
	for _, id := range t.LogicalIDs("AWS::MediaPackageV2::OriginEndpointPolicy") {
		arn := t.mediaPackageV2Arn(t.Str(id, "ChannelGroupName"), t.Str(id, "ChannelName"), t.Str(id, "OriginEndpointName"))
		if ra := t.Str(id, "CdnAuthConfiguration", "SecretsRoleArn"); ra != "" {
			role := t.roleOf(ra)
			if role == "" {
				return nil, fmt.Errorf("%s: secrets role %q is not in the template", id, ra)
			}
			calls = append(calls, t.assume(role, "mediapackagev2.amazonaws.com", "", id+" CDN authorization"))
			if t.mediaPackageOAC() {
				continue // CloudFront signs its requests: see distributions
			}
			ctx := map[string]string{"mediapackagev2:RequestHasMatchingCdnAuthHeader": "true"}
			for _, a := range []string{"mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"} {
				calls = append(calls, Call{Service: Anonymous, Action: a, Resource: arn, Context: ctx, Why: "CloudFront fetches with the CDN identifier (" + id + ")"})
			}
		}
	}
	return calls, nil
}

// mediaPackageOAC says whether CloudFront reaches MediaPackage v2 through Origin Access Control.
func (t *Template) mediaPackageOAC() bool {
	for _, o := range t.LogicalIDs("AWS::CloudFront::OriginAccessControl") {
		if t.Str(o, "OriginAccessControlConfig", "OriginAccessControlOriginType") == "mediapackagev2" {
			return true
		}
	}
	return false
}

// Anonymous is the principal of unsigned requests (CloudFront to a custom origin).
const Anonymous = "anonymous"
