package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/contract"
)

// RuntimeCalls lists the calls the pipeline's code and the roles it passes make at run time:
// the Prepare function's SDK calls (handler.go) and MediaConvert's, as the job's role. The calls
// the workflow itself makes follow from the synthesized definition (see package contract).
func (p *Pipeline) RuntimeCalls() []contract.Call {
	props := p.props
	source := props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "show/ep1.mov"))
	metadata := props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "show/ep1.json"))
	output := p.OutputBucket.ArnForObjects(jsii.String("show/ep1-mov/cmaf/index_1920x1080_7800k_00001.mp4"))
	fn := p.Prepare.Role()
	calls := []contract.Call{
		{Role: fn, Action: "s3:GetObject", Resource: source, Why: "Prepare: MediaConvert Probe reads the source with the caller's credentials"},
		{Role: fn, Action: "mediaconvert:Probe", Resource: jsii.String("*"), Why: "Prepare: probes the source"},
		{Role: p.MediaConvertRole, Action: "s3:GetObject", Resource: source, Why: "MediaConvert job reads the source"},
		{Role: p.MediaConvertRole, Action: "s3:PutObject", Resource: output, Why: "MediaConvert job writes renditions"},
	}
	if p.trigger() == TriggerMetadata {
		sidecar := props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "show/ep1.en.srt"))
		calls = append(calls,
			contract.Call{Role: fn, Action: "s3:GetObject", Resource: metadata, Why: "Prepare: reads the metadata file"},
			contract.Call{Role: fn, Action: "s3:GetObject", Resource: sidecar, Why: "Prepare: checks that each caption and audio file the metadata names exists (HeadObject) and reads an SCC file's first timecode"},
			contract.Call{Role: p.MediaConvertRole, Action: "s3:GetObject", Resource: sidecar, Why: "MediaConvert job reads the caption and audio files"},
			contract.Call{Role: fn, Action: "s3:GetObjectTagging", Resource: source, Why: `Prepare: reads the source's tags before adding "archive"`},
			contract.Call{Role: fn, Action: "s3:PutObjectTagging", Resource: source, Why: `Prepare: tags the source for archiving`},
		)
	}
	viaS3 := map[string]*string{"kms:ViaService": jsii.String("s3." + *awscdk.Aws_REGION() + ".amazonaws.com")}
	if k := props.SourceEncryptionKey; k != nil {
		for _, r := range []awsiam.IRole{fn, p.MediaConvertRole} {
			calls = append(calls, contract.Call{Role: r, Action: "kms:Decrypt", Resource: k.KeyArn(), Context: viaS3, Why: "reading an SSE-KMS source"})
		}
	}
	if k := p.OutputBucket.EncryptionKey(); k != nil {
		for _, a := range []string{"kms:GenerateDataKey", "kms:Decrypt"} {
			calls = append(calls, contract.Call{Role: p.MediaConvertRole, Action: a, Resource: k.KeyArn(), Context: viaS3, Why: "MediaConvert writes SSE-KMS renditions (multipart)"})
		}
	}
	return calls
}
