package mezzanine_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
)

// A source bucket whose sources move to Glacier Deep Archive 60 days after upload, and that
// browsers on one origin may upload to.
func ExampleNewBucket() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	src := mezzanine.NewBucket(stack, "Sources", &mezzanine.BucketProps{
		ArchiveClass:       mezzanine.ArchiveDeepArchive,
		ArchiveAfterDays:   60,
		CORSAllowedOrigins: []string{"https://upload.example.com"},
	})
	_ = src.Bucket // awss3.IBucket: grant, subscribe, pass to transcode.NewPipeline

	buckets := assertions.Template_FromStack(stack, nil).FindResources(jsii.String("AWS::S3::Bucket"), nil)
	fmt.Println(len(*buckets), "buckets: the sources and their access logs")
	// Output: 2 buckets: the sources and their access logs
}
