// Package mezzanine defines the source (mezzanine) bucket that receives the files to transcode.
//
// The bucket is private, encrypted, TLS-only, versioned, access-logged and retained, and it
// publishes object events to EventBridge natively (no bucket-notification custom resource).
package mezzanine
