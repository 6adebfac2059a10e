// Package packaging defines MediaPackage resources natively in CloudFormation:
//   - VoD (NewVod): a MediaPackage VOD packaging group with HLS, DASH and CMAF packaging
//     configurations, secured by a CDN identifier, that the transcode pipeline registers assets in;
//   - Live (NewLiveGroup, AddChannel): a MediaPackage v2 channel group and its channels (CMAF
//     ingest from MediaLive, MQCS input switching), each with HLS (TS, H.264 only), CMAF HLS,
//     DASH and optionally low-latency HLS origin endpoints, their endpoint policies admitting the
//     distribution by the CDN identifier header or Origin Access Control.
package packaging
