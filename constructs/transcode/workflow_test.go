package transcode_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	ddb "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	mc "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
	mpvod "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"
	sns "github.com/aws/aws-sdk-go-v2/service/sns/types"
	sqs "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// errorSources are where each retried error name comes from: an error shape of the service's
// API model (aws-sdk-go-v2's type, named as Step Functions forms it: prefix, ".", shape,
// "Exception" when the shape lacks it; supported-services-awssdk.html), or, for the Lambda
// client's own exceptions that no API model holds, the Step Functions guide that names them.
var errorSources = map[string]any{
	"Lambda.TooManyRequestsException":                 (*lambdatypes.TooManyRequestsException)(nil),
	"Lambda.ServiceException":                         (*lambdatypes.ServiceException)(nil),
	"Lambda.AWSLambdaException":                       "https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html",
	"Lambda.SdkClientException":                       "https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html",
	"Lambda.ClientExecutionTimeoutException":          "https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html",
	"DynamoDB.ProvisionedThroughputExceededException": (*ddb.ProvisionedThroughputExceededException)(nil),
	"DynamoDB.ThrottlingException":                    (*ddb.ThrottlingException)(nil),
	"DynamoDB.RequestLimitExceededException":          (*ddb.RequestLimitExceeded)(nil),
	"DynamoDB.InternalServerErrorException":           (*ddb.InternalServerError)(nil),
	"MediaConvert.TooManyRequestsException":           (*mc.TooManyRequestsException)(nil),
	"MediaConvert.InternalServerErrorException":       (*mc.InternalServerErrorException)(nil),
	"MediaPackageVod.TooManyRequestsException":        (*mpvod.TooManyRequestsException)(nil),
	"MediaPackageVod.ServiceUnavailableException":     (*mpvod.ServiceUnavailableException)(nil),
	"MediaPackageVod.InternalServerErrorException":    (*mpvod.InternalServerErrorException)(nil),
	"SNS.ThrottledException":                          (*sns.ThrottledException)(nil),
	"SNS.KMSThrottlingException":                      (*sns.KMSThrottlingException)(nil),
	"SNS.InternalErrorException":                      (*sns.InternalErrorException)(nil),
	"SQS.RequestThrottledException":                   (*sqs.RequestThrottled)(nil),
	"SQS.KmsThrottledException":                       (*sqs.KmsThrottled)(nil),
}

// TestRetriedErrorNames: every name the workflow retries can match an error the service
// raises: it is formed from an error shape of the service's API model, or named by the Step
// Functions guide.
func TestRetriedErrorNames(t *testing.T) {
	for _, service := range []string{"lambda", "dynamodb", "mediaconvert", "mediapackage", "sns", "sqs"} {
		names := transcode.Throttles(service)
		if len(names) == 0 {
			t.Errorf("%s: no retried errors", service)
		}
		for _, name := range names {
			src, ok := errorSources[name]
			if !ok {
				t.Errorf("%s: %s has no source (an API-model error shape or a Step Functions guide)", service, name)
				continue
			}
			if url, isDoc := src.(string); isDoc {
				if !strings.HasPrefix(url, "https://docs.aws.amazon.com/step-functions/") {
					t.Errorf("%s: %s cites %s", service, name, url)
				}
				continue
			}
			shape := reflect.TypeOf(src).Elem().Name()
			prefix, _, _ := strings.Cut(name, ".")
			want := prefix + "." + shape
			if !strings.HasSuffix(shape, "Exception") {
				want += "Exception"
			}
			if name != want {
				t.Errorf("%s: %s, but the API model's shape %s makes %s", service, name, shape, want)
			}
		}
	}
}

// TestFunctionErrorNames: the workflow retries and catches the prepare function's errors under
// the names aws-lambda-go gives them (the type name, without package or pointer).
func TestFunctionErrorNames(t *testing.T) {
	if got := transcode.FunctionErrorType(&jobspec.Throttled{}); got != "Throttled" {
		t.Errorf("*jobspec.Throttled reaches Step Functions as %q, want Throttled", got)
	}
	if got := transcode.FunctionErrorType(&jobspec.Rejection{}); got != "Rejection" {
		t.Errorf("*jobspec.Rejection reaches Step Functions as %q, want Rejection", got)
	}
	if slices.Contains(transcode.Throttles("lambda"), "Throttled") {
		t.Error("the shared Lambda list names the prepare function's own error; only its steps retry it")
	}
}
