package keyserver_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/keyserver"
)

// The demo key server: MediaPackage calls its SPEKE route as MediaPackageRole; players get keys
// under KeyPath through the distribution.
func ExampleNew() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Keys"), nil)
	k := keyserver.New(stack, "KeyServer", nil)
	fmt.Println(keyserver.KeyPath, k.MediaPackageRole != nil, len(k.RuntimeCalls()))
	// Output: /streamcdk-keys true 3
}
