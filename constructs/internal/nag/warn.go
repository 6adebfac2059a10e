package nag

import (
	"reflect"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Warn adds a synth warning with an id a user can acknowledge (Annotations.AddWarningV2).
// aws-cdk-go 2.277 gave AddWarningV2 a third argument (options); the call goes by reflection,
// with no options, so the constructs compile and warn alike with the versions before and after.
func Warn(scope constructs.IConstruct, id, message string) {
	m := reflect.ValueOf(awscdk.Annotations_Of(scope)).MethodByName("AddWarningV2")
	args := []reflect.Value{reflect.ValueOf(jsii.String(id)), reflect.ValueOf(jsii.String(message))}
	for i := len(args); i < m.Type().NumIn(); i++ {
		args = append(args, reflect.Zero(m.Type().In(i)))
	}
	m.Call(args)
}
