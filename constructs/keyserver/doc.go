// Package keyserver is StreamCDK's demo DRM key server: a SPEKE v2 key provider for MediaPackage
// (API Gateway with IAM authorization in front of a Go Lambda, keys derived from a seed kept in
// Secrets Manager) that also hands players their keys (the AES-128 key of HLS and W3C Clear Key
// licenses) through the stack's distribution. It is for development and testing: Clear Key is
// not a commercial DRM. Subpackages keys and speke are its pure Go parts; lambda/keyapi is
// the function.
package keyserver
