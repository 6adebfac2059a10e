// Package cdn defines StreamCDK's CloudFront delivery: the distribution for VoD outputs (S3 with
// Origin Access Control, and MediaPackage when packaging is on) and the CDN identifier secret
// that CloudFront sends and MediaPackage checks.
package cdn
