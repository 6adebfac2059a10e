// Package transcode defines the VoD transcode pipeline: an EventBridge rule on the mezzanine
// bucket starts a Step Functions workflow that probes the source (Go Lambda), records the job in
// DynamoDB, runs MediaConvert (.sync), optionally registers the result with MediaPackage VOD,
// and reports completion or failure through SNS and SQS. Job settings come from package jobspec.
// NewOutputBucket makes the renditions' bucket (NewPipeline makes one when none is given).
package transcode
