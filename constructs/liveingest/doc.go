// Package liveingest defines a live ingest channel: MediaLive input(s) of any common type,
// an input security group from validated CIDRs for push inputs, a STANDARD (two-pipeline) or
// SINGLE_PIPELINE channel encoding an ABR ladder (package encoder) and sending it to a
// MediaPackage v2 channel by CMAF ingest, a least-privilege role and channel logs. Native
// CloudFormation resources only.
package liveingest
