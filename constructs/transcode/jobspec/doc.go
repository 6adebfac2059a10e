// Package jobspec turns an encoding specification (ladder, codec, output formats) and a probed
// source into MediaConvert job settings. It is plain Go with no CDK or AWS SDK dependency: the
// transcode construct validates a Spec at synth time, and the workflow's Lambda uses the same code
// at run time, so a specification that synthesizes is one the Lambda can build jobs from.
package jobspec
