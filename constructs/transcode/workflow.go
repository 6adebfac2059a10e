package transcode

import (
	"reflect"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	sfn "github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	tasks "github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// Job statuses recorded in the tracking table.
const (
	StatusIngested = "INGESTED"
	StatusEncoding = "ENCODING"
	StatusComplete = "COMPLETE"
	StatusFailed   = "FAILED"
)

// throttles lists, per service, the errors retried with backoff before a step counts as failed,
// as Step Functions names them in ErrorEquals:
//   - AWS SDK integrations (mediapackagevod): "ServiceName.ErrorName", the service as the
//     documents' exception prefix spells it and the API model's error shape with "Exception"
//     appended when it lacks it
//     (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html);
//   - optimized integrations (lambda, dynamodb, sns, sqs, mediaconvert): the service's prefix
//     and its SDK exception class, which always ends in "Exception" (DynamoDB's
//     RequestLimitExceeded shape is DynamoDB.RequestLimitExceededException); Lambda's are the
//     ones the Step Functions guide tells to retry
//     (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
//
// test/transcode_test.go checks each name against the API model's error shapes in
// aws-sdk-go-v2 (its types), so a name that can never match fails a test.
var throttles = map[string][]string{
	"lambda":       {"Lambda.TooManyRequestsException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException"},
	"dynamodb":     {"DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceededException", "DynamoDB.InternalServerErrorException"},
	"mediaconvert": {"MediaConvert.TooManyRequestsException", "MediaConvert.InternalServerErrorException"},
	"mediapackage": {"MediaPackageVod.TooManyRequestsException", "MediaPackageVod.ServiceUnavailableException", "MediaPackageVod.InternalServerErrorException"},
	"sns":          {"SNS.ThrottledException", "SNS.KMSThrottlingException", "SNS.InternalErrorException"},
	"sqs":          {"SQS.RequestThrottledException", "SQS.KmsThrottledException"},
}

// Throttles are the error names the workflow retries for a service's steps (see throttles).
func Throttles(service string) []string { return throttles[service] }

// FunctionErrorType is the name Step Functions sees for an error a Go Lambda function
// returns: aws-lambda-go reports the error's type name, without package or pointer
// (github.com/aws/aws-lambda-go lambda/errors.go, getErrorType), so *jobspec.Throttled
// arrives as "Throttled".
func FunctionErrorType(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// functionRetry retries the prepare function's own retryable error (jobspec.Throttled) and
// Lambda's service errors.
func functionRetry() *sfn.RetryProps {
	r := retry("lambda")
	r.Errors = jsii.Strings(append(throttles["lambda"], FunctionErrorType(&jobspec.Throttled{}))...)
	return r
}

func retry(service string) *sfn.RetryProps {
	return &sfn.RetryProps{
		Errors:         jsii.Strings(throttles[service]...),
		Interval:       awscdk.Duration_Seconds(jsii.Number(2)),
		BackoffRate:    jsii.Number(2),
		MaxAttempts:    jsii.Number(6),
		MaxDelay:       awscdk.Duration_Seconds(jsii.Number(60)),
		JitterStrategy: sfn.JitterType_FULL,
	}
}

func str(path string) tasks.DynamoAttributeValue {
	return tasks.DynamoAttributeValue_FromString(sfn.JsonPath_StringAt(jsii.String(path)))
}

func lit(s string) tasks.DynamoAttributeValue {
	return tasks.DynamoAttributeValue_FromString(jsii.String(s))
}

func asJSON(path string) tasks.DynamoAttributeValue {
	return tasks.DynamoAttributeValue_FromString(sfn.JsonPath_JsonToString(sfn.JsonPath_ObjectAt(jsii.String(path))))
}

// now is the time a state was entered, for updatedAt / completedAt (made when used: a jsii
// call at package initialization would start Node in every program that imports this package).
func now() tasks.DynamoAttributeValue {
	return tasks.DynamoAttributeValue_FromString(sfn.JsonPath_StateEnteredTime())
}

// update sets attributes of the job's item (and, in keep, only those not set yet). Every name
// goes through a placeholder, so DynamoDB's reserved words (status, plan...) need no care; the
// expression is built in sorted order, so the template is deterministic.
func (p *Pipeline) update(c constructs.Construct, id string, set, keep map[string]tasks.DynamoAttributeValue) tasks.DynamoUpdateItem {
	set["updatedAt"] = now()
	names := map[string]*string{}
	values := map[string]tasks.DynamoAttributeValue{}
	var clauses []string
	add := func(attrs map[string]tasks.DynamoAttributeValue, ifMissing bool) {
		keys := make([]string, 0, len(attrs))
		for k := range attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n, v := "#"+k, ":"+k
			names[n], values[v] = jsii.String(k), attrs[k]
			if ifMissing {
				clauses = append(clauses, n+" = if_not_exists("+n+", "+v+")")
			} else {
				clauses = append(clauses, n+" = "+v)
			}
		}
	}
	add(set, false)
	add(keep, true)
	t := tasks.NewDynamoUpdateItem(c, jsii.String(id), &tasks.DynamoUpdateItemProps{
		Table:                     p.Table,
		Key:                       &map[string]tasks.DynamoAttributeValue{"jobId": str("$.jobId")},
		UpdateExpression:          jsii.String("SET " + strings.Join(clauses, ", ")),
		ExpressionAttributeNames:  &names,
		ExpressionAttributeValues: &values,
		ResultPath:                sfn.JsonPath_DISCARD(),
	})
	t.AddRetry(retry("dynamodb"))
	return t
}

// record is the completion or failure record sent to SNS and SQS.
func record(status string, extra map[string]interface{}) sfn.TaskInput {
	m := map[string]interface{}{
		"status":       status,
		"jobId":        sfn.JsonPath_StringAt(jsii.String("$.jobId")),
		"sourceBucket": sfn.JsonPath_StringAt(jsii.String("$.bucket")),
		"sourceKey":    sfn.JsonPath_StringAt(jsii.String("$.key")),
	}
	for k, v := range extra {
		m[k] = v
	}
	return sfn.TaskInput_FromObject(&m)
}

// packagingChecks bounds the wait for a MediaPackage asset: 5, 10, 20, 40 s, then every minute,
// about an hour in all.
const packagingChecks = 60

// awaitPackaging polls the new asset (DescribeAsset, with backoff) until every egress endpoint
// is PLAYABLE, so that a COMPLETE job's URLs play; an endpoint that FAILED, or one still not
// playable after packagingChecks checks, fails the job with the reason.
func (p *Pipeline) awaitPackaging(wf constructs.Construct, stack awscdk.Stack, recordFailure sfn.IChainable, errored sfn.IChainable, catchAll *sfn.CatchProps, then sfn.IChainable) sfn.IChainable {
	start := sfn.NewPass(wf, jsii.String("Start packaging checks"), &sfn.PassProps{
		Result: sfn.Result_FromObject(&map[string]interface{}{"attempt": 0, "wait": 5}), ResultPath: jsii.String("$.poll"),
	})
	wait := sfn.NewWait(wf, jsii.String("Wait for packaging"), &sfn.WaitProps{Time: sfn.WaitTime_SecondsPath(jsii.String("$.poll.wait"))})
	check := tasks.NewCallAwsService(wf, jsii.String("Check packaging"), &tasks.CallAwsServiceProps{
		Service:      jsii.String("mediapackagevod"),
		Action:       jsii.String("describeAsset"),
		Parameters:   &map[string]interface{}{"Id": sfn.JsonPath_StringAt(jsii.String("$.asset.id"))},
		IamAction:    jsii.String("mediapackage-vod:DescribeAsset"),
		IamResources: jsii.Strings(*assetsArn(stack)),
		ResultSelector: &map[string]interface{}{
			"id":              sfn.JsonPath_StringAt(jsii.String("$.Id")),
			"egressEndpoints": sfn.JsonPath_ListAt(jsii.String("$.EgressEndpoints")),
			"pending.$":       "$.EgressEndpoints[?(@.Status != 'PLAYABLE')]",
			"failed.$":        "$.EgressEndpoints[?(@.Status == 'FAILED')]",
		},
		ResultPath: jsii.String("$.asset"),
	})
	check.AddRetry(retry("mediapackage")).AddCatch(errored, catchAll)
	failed := sfn.NewPass(wf, jsii.String("Packaging failed"), &sfn.PassProps{
		Parameters: &map[string]interface{}{"reason": sfn.JsonPath_Format(jsii.String("MediaPackage could not package the asset: {}"),
			sfn.JsonPath_JsonToString(sfn.JsonPath_ListAt(jsii.String("$.asset.failed"))))},
		ResultPath: jsii.String("$.failure"),
	})
	timedOut := sfn.NewPass(wf, jsii.String("Packaging timed out"), &sfn.PassProps{
		Parameters: &map[string]interface{}{"reason": sfn.JsonPath_Format(jsii.String("MediaPackage had not packaged the asset after {} checks: {}"),
			sfn.JsonPath_StringAt(jsii.String("$.poll.attempt")), sfn.JsonPath_JsonToString(sfn.JsonPath_ListAt(jsii.String("$.asset.pending"))))},
		ResultPath: jsii.String("$.failure"),
	})
	backoff := sfn.NewPass(wf, jsii.String("Back off"), &sfn.PassProps{
		Parameters: &map[string]interface{}{
			"attempt": sfn.JsonPath_MathAdd(sfn.JsonPath_NumberAt(jsii.String("$.poll.attempt")), jsii.Number(1)),
			"wait":    sfn.JsonPath_MathAdd(sfn.JsonPath_NumberAt(jsii.String("$.poll.wait")), sfn.JsonPath_NumberAt(jsii.String("$.poll.wait"))),
		},
		ResultPath: jsii.String("$.poll"),
	})
	capWait := sfn.NewPass(wf, jsii.String("Wait a minute at most"), &sfn.PassProps{
		Result: sfn.Result_FromNumber(jsii.Number(60)), ResultPath: jsii.String("$.poll.wait"),
	})
	pending := sfn.Condition_IsPresent(jsii.String("$.asset.pending[0]"))
	start.Next(wait).Next(check).Next(sfn.NewChoice(wf, jsii.String("Asset playable?"), nil).
		When(sfn.Condition_IsPresent(jsii.String("$.asset.failed[0]")), failed.Next(recordFailure), nil).
		When(sfn.Condition_And(pending, sfn.Condition_NumberGreaterThanEquals(jsii.String("$.poll.attempt"), jsii.Number(packagingChecks))), timedOut.Next(recordFailure), nil).
		When(pending, backoff.Next(sfn.NewChoice(wf, jsii.String("Longer than a minute?"), nil).
			When(sfn.Condition_NumberGreaterThan(jsii.String("$.poll.wait"), jsii.Number(60)), capWait.Next(wait), nil).
			Otherwise(wait)), nil).
		Otherwise(then))
	return start
}

// QueueArn is the ARN of the MediaConvert queue jobs go to.
func (p *Pipeline) QueueArn() *string {
	if p.MediaConvertQueue != nil {
		return p.MediaConvertQueue.AttrArn()
	}
	name := p.props.QueueName
	if name == "" {
		name = "Default"
	}
	return awscdk.Stack_Of(p.Construct).FormatArn(&awscdk.ArnComponents{Service: jsii.String("mediaconvert"), Resource: jsii.String("queues"), ResourceName: jsii.String(name)})
}

// failures are the workflow's failure states, which the main path's states catch into.
type failures struct {
	// record records FAILED, notifies and fails the execution (input: $.failure.reason).
	record tasks.DynamoUpdateItem
	// rejected reads a rejection's reason from the prepare function's error, then fails.
	rejected sfn.IChainable
	// errored describes any other error, then fails.
	errored sfn.IChainable
	// all catches every error into $.error.
	all *sfn.CatchProps
}

func (p *Pipeline) newStateMachine(c constructs.Construct, retention awslogs.RetentionDays, removal awscdk.RemovalPolicy) sfn.StateMachine {
	wf := constructs.NewConstruct(c, jsii.String("Workflow"))
	f := p.failureStates(wf)
	start, prepared := p.prepareStates(wf, f)
	encode := p.encodeState(wf, f)
	finish := p.finishStates(wf, f)
	var afterEncode sfn.IChainable = finish
	if p.props.Packaging != nil {
		afterEncode = p.packagingStates(wf, f, finish)
	}
	definition := start.Next(prepared).Next(encode).Next(afterEncode)

	logs := awslogs.NewLogGroup(c, jsii.String("WorkflowLogs"), &awslogs.LogGroupProps{Retention: retention, RemovalPolicy: removal})
	sm := sfn.NewStateMachine(c, jsii.String("StateMachine"), &sfn.StateMachineProps{
		Comment:          jsii.String("StreamCDK VoD: probe, encode with MediaConvert, package, notify"),
		DefinitionBody:   sfn.DefinitionBody_FromChainable(definition),
		StateMachineType: sfn.StateMachineType_STANDARD,
		TracingEnabled:   jsii.Bool(true),
		Timeout:          awscdk.Duration_Hours(jsii.Number(24)),
		Logs:             &sfn.LogOptions{Destination: logs, Level: sfn.LogLevel_ALL, IncludeExecutionData: jsii.Bool(true)},
	})
	// W3005: CDK adds DependsOn on the role and its policy next to the GetAtt; harmless.
	nag.IgnoreLint(sm.Node().DefaultChild().(awscdk.CfnResource), "W3005")
	p.grantWorkflow(sm)
	return sm
}

// failureStates are the failure path: record FAILED with the reason, notify, queue the record,
// fail the execution; rejections and other errors become a reason first.
func (p *Pipeline) failureStates(wf constructs.Construct) *failures {
	recordFailure := p.update(wf, "Record failure",
		map[string]tasks.DynamoAttributeValue{"status": lit(StatusFailed), "errorReason": str("$.failure.reason")},
		map[string]tasks.DynamoAttributeValue{"sourceBucket": str("$.bucket"), "sourceKey": str("$.key"), "startedAt": str("$$.Execution.StartTime")})
	failRecord := record(StatusFailed, map[string]interface{}{"reason": sfn.JsonPath_StringAt(jsii.String("$.failure.reason"))})
	notifyFailure := tasks.NewSnsPublish(wf, jsii.String("Notify failure"), &tasks.SnsPublishProps{
		Topic: p.Topic, Subject: jsii.String("StreamCDK: transcode failed"), Message: failRecord, ResultPath: sfn.JsonPath_DISCARD(),
	})
	notifyFailure.AddRetry(retry("sns"))
	queueFailure := tasks.NewSqsSendMessage(wf, jsii.String("Queue failure record"), &tasks.SqsSendMessageProps{
		Queue: p.Queue, MessageBody: failRecord, ResultPath: sfn.JsonPath_DISCARD(),
	})
	queueFailure.AddRetry(retry("sqs"))
	fail := sfn.NewFail(wf, jsii.String("Failed"), &sfn.FailProps{Error: jsii.String("TranscodeFailed"), CausePath: jsii.String("$.failure.reason")})
	failurePath := recordFailure.Next(notifyFailure).Next(queueFailure).Next(fail)

	// Rejections from the prepare function carry a readable reason in their JSON cause.
	readRejection := sfn.NewPass(wf, jsii.String("Read rejection"), &sfn.PassProps{
		Parameters: &map[string]interface{}{"cause": sfn.JsonPath_StringToJson(sfn.JsonPath_StringAt(jsii.String("$.error.Cause")))},
		ResultPath: jsii.String("$.failure"),
	})
	useRejection := sfn.NewPass(wf, jsii.String("Use rejection reason"), &sfn.PassProps{
		Parameters: &map[string]interface{}{"reason": sfn.JsonPath_StringAt(jsii.String("$.failure.cause.errorMessage"))},
		ResultPath: jsii.String("$.failure"),
	})
	describeError := sfn.NewPass(wf, jsii.String("Describe error"), &sfn.PassProps{
		Parameters: &map[string]interface{}{"reason": sfn.JsonPath_JsonToString(sfn.JsonPath_ObjectAt(jsii.String("$.error")))},
		ResultPath: jsii.String("$.failure"),
	})
	return &failures{
		record:   recordFailure,
		rejected: readRejection.Next(useRejection).Next(failurePath),
		errored:  describeError.Next(failurePath),
		all:      &sfn.CatchProps{Errors: jsii.Strings("States.ALL"), ResultPath: jsii.String("$.error")},
	}
}

// prepareStates describe the upload, record it INGESTED, probe and plan it with the prepare
// function, and record ENCODING with the plan.
func (p *Pipeline) prepareStates(wf constructs.Construct, f *failures) (sfn.Pass, sfn.IChainable) {
	start := sfn.NewPass(wf, jsii.String("Describe upload"), &sfn.PassProps{
		Parameters: &map[string]interface{}{
			"bucket":    sfn.JsonPath_StringAt(jsii.String("$.detail.bucket.name")),
			"key":       sfn.JsonPath_StringAt(jsii.String("$.detail.object.key")),
			"size":      sfn.JsonPath_NumberAt(jsii.String("$.detail.object.size")),
			"jobId":     sfn.JsonPath_ExecutionName(),
			"startedAt": sfn.JsonPath_ExecutionStartTime(),
		},
	})
	ingest := tasks.NewDynamoPutItem(wf, jsii.String("Record ingest"), &tasks.DynamoPutItemProps{
		Table: p.Table,
		Item: &map[string]tasks.DynamoAttributeValue{
			"jobId": str("$.jobId"), "status": lit(StatusIngested), "sourceBucket": str("$.bucket"),
			"sourceKey": str("$.key"), "startedAt": str("$.startedAt"), "updatedAt": str("$.startedAt"),
			"sizeBytes": tasks.DynamoAttributeValue_NumberFromString(sfn.JsonPath_Format(jsii.String("{}"), sfn.JsonPath_StringAt(jsii.String("$.size")))),
		},
		ResultPath: sfn.JsonPath_DISCARD(),
	})
	ingest.AddRetry(retry("dynamodb")).AddCatch(f.errored, f.all)

	prepare := tasks.NewLambdaInvoke(wf, jsii.String("Probe and plan"), &tasks.LambdaInvokeProps{
		LambdaFunction: p.Prepare,
		Payload: sfn.TaskInput_FromObject(&map[string]interface{}{
			"bucket": sfn.JsonPath_StringAt(jsii.String("$.bucket")), "key": sfn.JsonPath_StringAt(jsii.String("$.key")),
			"size": sfn.JsonPath_NumberAt(jsii.String("$.size")), "jobId": sfn.JsonPath_StringAt(jsii.String("$.jobId")),
		}),
		PayloadResponseOnly:      jsii.Bool(true),
		RetryOnServiceExceptions: jsii.Bool(false), // retried below with the other throttles
		ResultPath:               jsii.String("$.prepared"),
	})
	prepare.AddRetry(functionRetry()).
		AddCatch(f.rejected, &sfn.CatchProps{Errors: jsii.Strings(FunctionErrorType(&jobspec.Rejection{})), ResultPath: jsii.String("$.error")}).
		AddCatch(f.errored, f.all)

	encoding := p.update(wf, "Record encoding", map[string]tasks.DynamoAttributeValue{
		"status": lit(StatusEncoding), "sourceKey": str("$.prepared.sourceKey"), "outputBase": str("$.prepared.outputBase"),
		"probe": asJSON("$.prepared.media"), "plan": asJSON("$.prepared.plan"), "summary": str("$.prepared.summary")}, nil)
	encoding.AddCatch(f.errored, f.all)
	return start, ingest.Next(prepare).Next(encoding)
}

// encodeState runs the job in MediaConvert and waits for it (.sync).
func (p *Pipeline) encodeState(wf constructs.Construct, f *failures) sfn.CustomState {
	encode := sfn.NewCustomState(wf, jsii.String("Encode"), &sfn.CustomStateProps{StateJson: &map[string]interface{}{
		"Type":     "Task",
		"Resource": "arn:" + *awscdk.Aws_PARTITION() + ":states:::mediaconvert:createJob.sync",
		"Parameters": map[string]interface{}{
			"Role":     p.MediaConvertRole.RoleArn(),
			"Queue":    p.QueueArn(),
			"Priority": p.props.Priority,
			// The function downgrades the configured mode for jobs that cannot be accelerated.
			"AccelerationSettings": map[string]interface{}{"Mode.$": "$.prepared.acceleration"},
			"StatusUpdateInterval": "SECONDS_60",
			"Settings.$":           "$.prepared.settings",
			"UserMetadata.$":       "$.prepared.userMetadata",
		},
		"ResultSelector": map[string]interface{}{"id.$": "$.Job.Id", "status.$": "$.Job.Status"},
		"ResultPath":     "$.encode",
	}})
	encode.AddRetry(retry("mediaconvert")).AddCatch(f.errored, f.all)
	return encode
}

// finishStates record COMPLETE with the playback URLs, notify, queue the record and succeed.
func (p *Pipeline) finishStates(wf constructs.Construct, f *failures) sfn.IChainable {
	complete := p.update(wf, "Record complete", map[string]tasks.DynamoAttributeValue{
		"status": lit(StatusComplete), "playback": asJSON("$.prepared.playback"), "outputs": asJSON("$.prepared.outputs"),
		"mediaConvertJobId": str("$.encode.id"), "completedAt": now()}, nil)
	complete.AddCatch(f.errored, f.all)
	doneRecord := record(StatusComplete, map[string]interface{}{
		"sourceKey":         sfn.JsonPath_StringAt(jsii.String("$.prepared.sourceKey")),
		"playback":          sfn.JsonPath_ObjectAt(jsii.String("$.prepared.playback")),
		"summary":           sfn.JsonPath_StringAt(jsii.String("$.prepared.summary")),
		"mediaConvertJobId": sfn.JsonPath_StringAt(jsii.String("$.encode.id")),
	})
	notify := tasks.NewSnsPublish(wf, jsii.String("Notify complete"), &tasks.SnsPublishProps{
		Topic: p.Topic, Subject: jsii.String("StreamCDK: transcode complete"), Message: doneRecord, ResultPath: sfn.JsonPath_DISCARD(),
	})
	notify.AddRetry(retry("sns")).AddCatch(f.errored, f.all)
	queue := tasks.NewSqsSendMessage(wf, jsii.String("Queue completion record"), &tasks.SqsSendMessageProps{
		Queue: p.Queue, MessageBody: doneRecord, ResultPath: sfn.JsonPath_DISCARD(),
	})
	queue.AddRetry(retry("sqs")).AddCatch(f.errored, f.all)
	return complete.Next(notify).Next(queue).Next(sfn.NewSucceed(wf, jsii.String("Done"), nil))
}

// configurationNames maps each packaging configuration's ID to the playback URL's name.
func configurationNames(ids packaging.VodConfigurationIDs) map[string]interface{} {
	names := map[string]interface{}{}
	for id, name := range map[string]string{ids.HLS: "mediaPackageHls", ids.DASH: "mediaPackageDash", ids.CMAF: "mediaPackageCmaf"} {
		if id != "" {
			names[id] = name
		}
	}
	return names
}

// packagingStates register the HLS outputs as a MediaPackage VOD asset, map its URLs to the
// distribution's, wait until it plays and record it, then finish; outputs without HLS finish
// at once.
func (p *Pipeline) packagingStates(wf constructs.Construct, f *failures, finish sfn.IChainable) sfn.IChainable {
	v := p.props.Packaging
	createAsset := tasks.NewCallAwsService(wf, jsii.String("Register MediaPackage asset"), &tasks.CallAwsServiceProps{
		Service: jsii.String("mediapackagevod"),
		Action:  jsii.String("createAsset"),
		Parameters: &map[string]interface{}{
			"Id":               sfn.JsonPath_StringAt(jsii.String("$.prepared.mediaPackage.assetId")),
			"ResourceId":       sfn.JsonPath_StringAt(jsii.String("$.prepared.mediaPackage.resourceId")),
			"SourceArn":        sfn.JsonPath_StringAt(jsii.String("$.prepared.mediaPackage.sourceArn")),
			"PackagingGroupId": v.PackagingGroupID(),
			"SourceRoleArn":    v.IngestRoleArn(),
		},
		IamAction: jsii.String("mediapackage-vod:CreateAsset"),
		// CreateAsset supports no resource type (Service Authorization Reference): "*" only.
		IamResources: jsii.Strings("*"),
		AdditionalIamStatements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:    jsii.Strings("iam:PassRole"),
			Resources:  &[]*string{v.IngestRoleArn()},
			Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{"iam:PassedToService": "mediapackage-vod.amazonaws.com"}},
		})},
		ResultSelector: &map[string]interface{}{"id": sfn.JsonPath_StringAt(jsii.String("$.Id"))},
		ResultPath:     jsii.String("$.asset"),
	})
	createAsset.AddRetry(retry("mediapackage")).AddCatch(f.errored, f.all)
	// Serve the packaged formats from CloudFront (its /out/v1/* behaviour), not from MediaPackage.
	cdnURLs := tasks.NewLambdaInvoke(wf, jsii.String("Map MediaPackage URLs"), &tasks.LambdaInvokeProps{
		LambdaFunction: p.Prepare,
		Payload: sfn.TaskInput_FromObject(&map[string]interface{}{
			"action":          "cdnUrls",
			"playback":        sfn.JsonPath_ObjectAt(jsii.String("$.prepared.playback")),
			"egressEndpoints": sfn.JsonPath_ListAt(jsii.String("$.asset.egressEndpoints")),
			"names":           configurationNames(v.ConfigurationIDs()),
			"resourceId":      sfn.JsonPath_StringAt(jsii.String("$.prepared.mediaPackage.resourceId")),
		}),
		PayloadResponseOnly:      jsii.Bool(true),
		RetryOnServiceExceptions: jsii.Bool(false),
		ResultPath:               jsii.String("$.prepared.playback"),
	})
	cdnURLs.AddRetry(functionRetry()).AddCatch(f.errored, f.all)
	recordAsset := p.update(wf, "Record MediaPackage asset", map[string]tasks.DynamoAttributeValue{
		"egressEndpoints":     tasks.DynamoAttributeValue_FromString(sfn.JsonPath_JsonToString(sfn.JsonPath_ListAt(jsii.String("$.asset.egressEndpoints")))),
		"mediaPackageAssetId": str("$.prepared.mediaPackage.assetId")}, nil)
	recordAsset.AddCatch(f.errored, f.all)
	playable := p.awaitPackaging(wf, awscdk.Stack_Of(wf), f.record, f.errored, f.all, cdnURLs.Next(recordAsset).Next(finish))
	return sfn.NewChoice(wf, jsii.String("HLS to package?"), nil).
		When(sfn.Condition_IsPresent(jsii.String("$.prepared.mediaPackage")), createAsset.Next(playable), nil).
		Otherwise(finish)
}

// grantWorkflow gives the state machine's role what its tasks need beyond CDK's own grants.
func (p *Pipeline) grantWorkflow(sm sfn.StateMachine) {
	stack := awscdk.Stack_Of(sm)
	jobsArn := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("mediaconvert"), Resource: jsii.String("jobs"), ResourceName: jsii.String("*")})
	// MediaConvert .sync: create in the chosen queue, then poll the job through the managed rule.
	// The Service Authorization Reference decides the scope: CreateJob takes the Queue resource
	// type (JobTemplate and Preset too, unused here) and, with tags, the dependent action
	// TagResource on the job
	// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselementalmediaconvert.html);
	// Step Functions tags the jobs it creates (ManagedByService: AWSStepFunctions,
	// https://docs.aws.amazon.com/step-functions/latest/dg/connect-mediaconvert.html). Its IAM
	// page shows Resource "*" only because resource-level support is partial; the queue ARN is
	// the narrower statement the reference allows.
	sm.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediaconvert:CreateJob"),
		Resources: jsii.Strings(*p.QueueArn()),
	}))
	sm.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediaconvert:GetJob", "mediaconvert:CancelJob", "mediaconvert:TagResource"),
		Resources: jsii.Strings(*jobsArn),
	}))
	sm.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("events:PutTargets", "events:PutRule", "events:DescribeRule"),
		Resources: jsii.Strings(*stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("events"), Resource: jsii.String("rule"), ResourceName: jsii.String("StepFunctionsGetEventsForMediaConvertJobRule")})),
	}))
	sm.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("iam:PassRole"),
		Resources:  jsii.Strings(*p.MediaConvertRole.RoleArn()),
		Conditions: &map[string]interface{}{"StringLike": map[string]interface{}{"iam:PassedToService": "mediaconvert.amazonaws.com"}},
	}))
	// Notifications go to a topic encrypted with a customer-managed key: publishing needs it.
	p.TopicKey.Grant(sm, jsii.String("kms:Decrypt"), jsii.String("kms:GenerateDataKey*"))
	nag.Suppress(sm, true, nag.Rule{ID: "AwsSolutions-IAM5",
		AppliesTo: []string{
			"Resource::" + nag.Finding(sm, jobsArn),
			"Resource::" + nag.Finding(sm, assetsArn(stack)),
			"Resource::*",
			"Action::kms:GenerateDataKey*",
			"Resource::<" + *stack.GetLogicalId(p.Prepare.Node().DefaultChild().(awscdk.CfnResource)) + ".Arn>:*",
		},
		Reason: "Job and asset ids are assigned at run time (CreateJob is limited to the configured queue); MediaPackage CreateAsset, X-Ray and CloudWatch Logs delivery support no resource type; Lambda:* covers the function's versions; kms:GenerateDataKey* (the data-key variants SNS uses) is limited to the topic's key."})
}

// assetsArn is every MediaPackage VOD asset of the stack's account and Region (asset ids are
// assigned at run time).
func assetsArn(stack awscdk.Stack) *string {
	return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("mediapackage-vod"), Resource: jsii.String("assets"), ResourceName: jsii.String("*")})
}
