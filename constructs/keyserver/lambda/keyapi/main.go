// Command keyapi is the demo key server's Lambda function, behind API Gateway: SPEKE v2 for
// MediaPackage (POST /speke, IAM-authorized), and for players through the stack's distribution
// the AES-128 key of HLS (GET /streamcdk-keys/{contentId}/{kid}) and W3C Clear Key licenses
// (POST /streamcdk-license/{contentId}). Keys come from the seed in Secrets Manager (package keys).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	h := &handler{secrets: secretsmanager.NewFromConfig(cfg), seedArn: os.Getenv("SEED_SECRET_ARN"), originArn: os.Getenv("ORIGIN_SECRET_ARN"), keyPath: os.Getenv("KEY_PATH")}
	lambda.Start(h.serve)
}
