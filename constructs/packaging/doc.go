// Package packaging defines MediaPackage resources natively in CloudFormation: for VoD, a
// packaging group with HLS, DASH and CMAF packaging configurations, secured by a CDN identifier.
package packaging
