// Package ads defines server-side ad insertion with AWS Elemental MediaTailor, natively in
// CloudFormation: a playback configuration in front of a stack's CloudFront playback URLs,
// whose manifests, ad segments and content segments all flow through the same distribution
// (see cdn.Served.AdInsertion), and the checks of an ad decision server URL.
package ads
