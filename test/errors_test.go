package test

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/config"
	"github.com/streamcdk/streamcdk/stacks"
)

// badConfigurations: for every setting, bad values and what the one-line error must say. Each
// error names the context key(s) the user set, in the key's units, never a Go field name,
// whether config or a construct's check found it.
var badConfigurations = []struct {
	ctx  map[string]any
	want string
}{
	{map[string]any{"streamcdk:vodStackName": "my_stack"}, `context streamcdk:vodStackName: "my_stack" is not allowed; use a CloudFormation stack name`},
	{map[string]any{"vod:archiveClass": "COLD"}, `context vod:archiveClass: "COLD" is not allowed; use GLACIER or DEEP_ARCHIVE`},
	{map[string]any{"vod:archiveAfterDays": "5000"}, `context vod:archiveAfterDays: 5000 days is not allowed; use 1 to 3650 days`},
	{map[string]any{"vod:noncurrentVersionDays": "-1"}, `context vod:noncurrentVersionDays: -1 days is not allowed; use 1 to 3650 days`},
	{map[string]any{"vod:uploadCorsOrigins": "https://a.example.com,example.com"}, `context vod:uploadCorsOrigins: "example.com" is not an origin; use * or scheme://host[:port]`},
	{map[string]any{"vod:transferAcceleration": "yes"}, `context vod:transferAcceleration: "yes" is not allowed; use true or false`},
	{map[string]any{"vod:sourcePrefix": "/uploads"}, `context vod:sourcePrefix: "/uploads" is not allowed; use a key prefix such as "uploads/"`},
	{map[string]any{"vod:trigger": "S3"}, `context vod:trigger: "S3" is not allowed; use VIDEO or METADATA`},
	{map[string]any{"vod:suffixes": "mp4,.mov"}, `context vod:suffixes: ".mov" is not allowed; use lower-case letters and digits without the dot`},
	{map[string]any{"vod:codec": "H264"}, `context vod:codec: "H264" is not allowed; use H_264 or H_265`},
	{map[string]any{"vod:formats": "CMAF,WEBM"}, `context vod:formats: "WEBM" is not allowed; use CMAF, HLS, MP4 or THUMBNAILS`},
	{map[string]any{"vod:formats": "cmaf,CMAF"}, `context vod:formats: "CMAF" is listed twice`},
	{map[string]any{"vod:formats": "THUMBNAILS"}, `context vod:formats: "THUMBNAILS" has no video output; add CMAF, HLS or MP4`},
	{map[string]any{"vod:codec": "H_265", "vod:formats": "HLS"}, `context vod:formats: "HLS" is not allowed with vod:codec H_265: HEVC in HLS must be in fragmented MP4, not MPEG-TS (Apple HLS Authoring Specification 1.5); use CMAF instead of HLS`},
	{map[string]any{"vod:ladder": "1080:60000000"}, `context vod:ladder rung 1 "1080:60000000": 60000000 kb/s is not allowed; use 50 to 40000 kb/s`},
	{map[string]any{"vod:ladder": "720:4500,1080:7800"}, `context vod:ladder rung 2 "1080:7800" is not below vod:ladder rung 1 "720:4500"; list renditions largest first`},
	{map[string]any{"vod:ladder": "4320:40000"}, `context vod:ladder rung 1 "4320:40000": 4320 is not allowed; use an even number of pixels from 144 to 2160`},
	{map[string]any{"vod:ladder": "1080:7800:11"}, `context vod:ladder rung 1 "1080:7800:11": 11 is not allowed; use 1 to 10`},
	{map[string]any{"vod:ladder": "1080:abc"}, `context vod:ladder: "1080:abc" is not allowed; rung "1080:abc" is not shortSide:maxKbps[:qvbrLevel]`},
	{map[string]any{"vod:segmentSeconds": "5"}, `context vod:gopSeconds: 2 is not allowed; use a whole number of seconds that divides vod:segmentSeconds (5)`},
	{map[string]any{"vod:segmentSeconds": "31"}, `context vod:segmentSeconds: 31 seconds is not allowed; use 1 to 30 seconds`},
	{map[string]any{"vod:gopSeconds": "4"}, `context vod:gopSeconds: 4 is not allowed; use a whole number of seconds that divides vod:segmentSeconds (6)`},
	{map[string]any{"vod:audioBitrate": "100000"}, `context vod:audioBitrate: 100000 is not allowed; use one of 64000, 96000, 128000, 160000, 192000, 256000, 320000 bits per second`},
	{map[string]any{"vod:thumbnailSeconds": "4000"}, `context vod:thumbnailSeconds: 4000 seconds is not allowed; use 1 to 3600 seconds`},
	{map[string]any{"vod:acceleration": "FAST"}, `context vod:acceleration: "FAST" is not allowed; use PREFERRED, ENABLED or DISABLED`},
	{map[string]any{"vod:queue": "my queue"}, `context vod:queue: "my queue" is not allowed; use a MediaConvert queue name`},
	{map[string]any{"vod:createQueue": "true", "vod:queue": "Premium"}, `context vod:queue: "Premium" and vod:createQueue go against each other`},
	{map[string]any{"vod:createQueue": "maybe"}, `context vod:createQueue: "maybe" is not allowed; use true or false`},
	{map[string]any{"vod:userMetadata": "team"}, `context vod:userMetadata: "team" is not allowed; use key=value pairs`},
	{map[string]any{"vod:userMetadata": "sourceKey=x"}, `context vod:userMetadata: "sourceKey" is not allowed as a key; it is empty or reserved`},
	{map[string]any{"vod:sourceKmsKeyArn": "alias/media"}, `context vod:sourceKmsKeyArn: "alias/media" is not allowed; use a KMS key ARN`},
	{map[string]any{"vod:priority": "99"}, `context vod:priority: 99 is not allowed; use -50 to 50`},
	{map[string]any{"vod:notificationEmail": "ops at example"}, `context vod:notificationEmail: "ops at example" is not an email address`},
	{map[string]any{"vod:mediaPackage": "yes"}, `context vod:mediaPackage: "yes" is not allowed; use true or false`},
	{map[string]any{"vod:mediaPackage": "true", "vod:formats": "CMAF"}, `context vod:formats: "CMAF" has no HLS, which vod:mediaPackage needs`},
	{map[string]any{"vod:mediaPackage": "true", "vod:codec": "H_265"}, `context vod:mediaPackage: true needs HLS (TS) renditions to package, which vod:codec H_265 cannot have (HEVC in HLS must be in fragmented MP4, not MPEG-TS (Apple HLS Authoring Specification 1.5)); use H_264`},
	{map[string]any{"vod:geoAllow": "us,uk"}, `context vod:geoAllow: "UK" is not an ISO 3166-1 alpha-2 country code`},
	{map[string]any{"vod:outputEncryption": "AES"}, `context vod:outputEncryption: "AES" is not allowed; use S3_MANAGED or KMS`},
	{map[string]any{"vod:priceClass": "300"}, `context vod:priceClass: "300" is not allowed; use one of 100, 200, All`},
	{map[string]any{"vod:domainNames": "video.example.com"}, `context vod:domainNames: "video.example.com" needs vod:certificateArn`},
	{map[string]any{"vod:domainNames": "video_1.example.com", "vod:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/x"}, `context vod:domainNames: "video_1.example.com" is not a lower-case domain name`},
	{map[string]any{"vod:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x"}, `context vod:certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" is not the ARN of an ACM certificate in us-east-1`},
	{map[string]any{"vod:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/x"}, `context vod:certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" is given without vod:domainNames`},
	{map[string]any{"vod:webAclArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1"}, `context vod:webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1" is not the ARN of a CloudFront-scope WAFv2 web ACL`},
	{map[string]any{"vod:geoAllow": "US,XX"}, `context vod:geoAllow: "XX" is not an ISO 3166-1 alpha-2 country code`},
	{map[string]any{"vod:geoAllow": "USA"}, `context vod:geoAllow: "USA" is not an ISO 3166-1 alpha-2 country code`},
	{map[string]any{"vod:playbackCorsOrigins": "player.example.com"}, `context vod:playbackCorsOrigins: "player.example.com" is not an origin`},
	{map[string]any{"vod:mediaTailorAccountHash": "abc/def"}, `context vod:mediaTailorAccountHash: "abc/def" is not allowed; give the account hash a stack with ads outputs`},
	{map[string]any{"live:mediaTailorAccountHash": "abc123abc123"}, `context live:mediaTailorAccountHash: "abc123abc123" is not allowed; give the account hash a stack with ads outputs (letters and digits: the path segment after /v1/master/ in its ad URLs), with ads on`},
	{map[string]any{"vod:viewerLogDays": "5000"}, `context vod:viewerLogDays: 5000 days is not allowed; use 1 to 3650 days`},
	{map[string]any{"vod:playerStreamOrigins": "http://live.example.com"}, `context vod:playerStreamOrigins: "http://live.example.com" is not an https origin`},
	{map[string]any{"vod:originShieldRegion": "Virginia"}, `context vod:originShieldRegion: "Virginia" is not an AWS region`},
	{map[string]any{"vod:signingPublicKeyFile": "testdata/missing.pem"}, `context vod:signingPublicKeyFile: "testdata/missing.pem" is not allowed; name a readable PEM public key file`},
	{map[string]any{"vod:signingPublicKeyFile": "testdata/vod.json"}, `context vod:signingPublicKeyFile: "testdata/vod.json" does not hold a PEM public key`},
	{map[string]any{"vod:codec": ""}, `context vod:codec: "" is empty`},
	// Live.
	{map[string]any{"streamcdk:liveStackName": "live_stack"}, `context streamcdk:liveStackName: "live_stack" is not allowed; use a CloudFormation stack name`},
	{map[string]any{"live:channelName": "my channel"}, `context live:channelName: "my channel" is not allowed; use 1 to 64 letters, digits, - and _`},
	{map[string]any{"live:inputType": "RTMP"}, `context live:inputType: "RTMP" is not allowed; use URL_PULL, RTMP_PUSH, RTP_PUSH, SRT_CALLER or MEDIACONNECT`},
	{map[string]any{"live:channelClass": "DOUBLE"}, `context live:channelClass: "DOUBLE" is not allowed; use STANDARD or SINGLE_PIPELINE`},
	{map[string]any{"live:sources": "https://a.example.com/x.m3u8"}, `context live:sources: "https://a.example.com/x.m3u8" has 1 URL(s); a STANDARD channel pulls 2, one per pipeline`},
	{map[string]any{"live:sources": "https://u:p@a.example.com/x.m3u8,https://b.example.com/x.m3u8"}, `context live:sources: "https://u:xxxxx@a.example.com/x.m3u8" carries credentials, which would sit in the template; give live:pullUsername and live:pullPasswordParameter`},
	{map[string]any{"live:pullUsername": "bob"}, `context live:pullUsername: "bob" and live:pullPasswordParameter go together`},
	{map[string]any{"live:pullUsername": "bob", "live:pullPasswordParameter": "p@ss w0rd!"}, `context live:pullPasswordParameter: "p@ss w0rd!" is not an SSM parameter name`},
	{map[string]any{"live:pullPassword": "hunter2"}, `context live:pullPassword is refused: passwords never go in configuration`},
	{map[string]any{"live:srtStreamId": "s1"}, `context live:srtStreamId: "s1" applies to SRT_CALLER inputs only; live:inputType is URL_PULL`},
	{map[string]any{"live:inputType": "MEDIACONNECT", "live:flowArns": "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one"}, `context live:flowArns: "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one" has 1 flow(s); a STANDARD channel takes 2`},
	{map[string]any{"live:inputType": "RTMP_PUSH"}, `context live:inputCidrs is required for a push input`},
	{map[string]any{"live:inputType": "RTMP_PUSH", "live:inputCidrs": "10.0.0.1/8"}, `context live:inputCidrs: "10.0.0.1/8" has host bits set; use 10.0.0.0/8`},
	{map[string]any{"live:inputType": "SRT_CALLER", "live:sources": "srt.example.com:5000,srt2.example.com:5000", "live:srtPassphraseSecretArn": "my-secret"}, `context live:srtPassphraseSecretArn: "my-secret" is not the complete ARN of a Secrets Manager secret`},
	{map[string]any{"live:inputType": "SRT_CALLER", "live:sources": "srt.example.com:5000,srt2.example.com:5000", "live:srtAlgorithm": "AES256"}, `context live:srtAlgorithm: "AES256" needs live:srtPassphraseSecretArn`},
	{map[string]any{"live:srtPassphraseSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf"}, `applies to SRT_CALLER inputs only; live:inputType is URL_PULL`},
	{map[string]any{"live:sources": "http://a.example.com/x.m3u8,http://b.example.com/x.m3u8", "live:pullUsername": "u", "live:pullPasswordParameter": "/live/pull"}, `context live:sources: "http://a.example.com/x.m3u8" is pulled with live:pullUsername and its password over plain http`},
	{map[string]any{"live:inputType": "RTMP_PUSH", "live:inputCidrs": "0.0.0.0/0"}, `context live:inputCidrs: "0.0.0.0/0" is wider than /16 and so lets strangers push`},
	// The whole internet in two halves is as open as 0.0.0.0/0.
	{map[string]any{"live:inputType": "RTMP_PUSH", "live:inputCidrs": "0.0.0.0/1,128.0.0.0/1"}, `context live:inputCidrs: "0.0.0.0/1" is wider than /16 and so lets strangers push (0.0.0.0/1 and 128.0.0.0/1 together are the whole internet); name your encoders' networks, or set live:allowOpenInput`},
	// A cloud provider's /8 is no encoder network either.
	{map[string]any{"live:inputType": "RTMP_PUSH", "live:inputCidrs": "3.0.0.0/8"}, `context live:inputCidrs: "3.0.0.0/8" is wider than /16`},
	{map[string]any{"live:inputType": "SRT_CALLER", "live:sources": "srt.example.com:5000,srt2.example.com:5000"}, `context live:srtPassphraseSecretArn is required for an SRT caller input`},
	{map[string]any{"live:allowUnencryptedSrt": "true"}, `context live:allowUnencryptedSrt: true applies to SRT_CALLER inputs only`},
	{map[string]any{"live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24", "live:allowOpenInput": "maybe"}, `context live:allowOpenInput: "maybe" is not allowed; use true or false`},
	{map[string]any{"live:preset": "4K"}, `context live:preset: "4K" is not allowed; use HD1080, HD720 or SD540`},
	{map[string]any{"live:codec": "VP9"}, `context live:codec: "VP9" is not allowed; use H_264 or H_265`},
	{map[string]any{"live:ladder": "1920x1080:60000"}, `context live:ladder rung 1 "1920x1080:60000": 60000 kb/s is not allowed; use 100 to 40000 kb/s`},
	{map[string]any{"live:ladder": "1920:6000"}, `context live:ladder: "1920:6000" is not allowed; rung "1920:6000" is not WIDTHxHEIGHT:maxKbps[:qvbrLevel]`},
	{map[string]any{"live:ladder": "3840x2160:15000", "live:inputResolution": "HD"}, `context live:ladder rung 1 "3840x2160:15000": 2160 is taller than the input specification allows (live:inputResolution HD carries at most 1080 lines)`},
	{map[string]any{"live:frameRate": "24"}, `context live:frameRate: "24" is not allowed; use 25, 29.97, 30, 50, 59.94 or 60`},
	{map[string]any{"live:gopSeconds": "4"}, `context live:gopSeconds: 4 is not allowed; use a whole number of seconds that divides live:segmentSeconds (6)`},
	{map[string]any{"live:segmentSeconds": "5"}, `context live:gopSeconds: 2 is not allowed; use a whole number of seconds that divides live:segmentSeconds (5)`},
	{map[string]any{"live:captions": "CC1:eng:English,CC9:fra:Francais"}, `context live:captions channel 2 "CC9:fra:Francais": "CC9:fra:Francais" is not allowed; the 608 channel is CC1 to CC4`},
	{map[string]any{"live:channels": []any{map[string]any{"channelName": "news", "captions": "CC1:en:English"}}}, `context live:channels[0].captions channel 1 "CC1:en:English": "en" has no valid language; use an ISO 639-2 code`},
	{map[string]any{"live:audioLanguages": "eng,spa", "live:audioPids": "482,483", "live:sources": "https://media.example.com/a.mp4,https://media.example.com/b.mp4"}, `context live:audioPids: "482,483" selects transport-stream PIDs; the source https://media.example.com/a.mp4 is an MP4 file`},
	{map[string]any{"live:audioLanguages": "eng,spa", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "192.0.2.0/24"}, `context live:audioLanguages: "eng,spa" needs a feed with several audio tracks; an RTMP_PUSH feed carries one`},
	{map[string]any{"live:audioLanguages": "eng,spa,eng", "live:inputType": "RTP_PUSH", "live:inputCidrs": "192.0.2.0/24"}, `context live:audioLanguages language 3 "eng": "eng" is listed twice`},
	{map[string]any{"live:audioLanguages": "eng,spa", "live:audioPids": "482", "live:inputType": "RTP_PUSH", "live:inputCidrs": "192.0.2.0/24"}, `context live:audioPids: "482" has 1 PIDs for 2 live:audioLanguages; give one PID per language, in the same order`},
	{map[string]any{"live:audioLanguages": "eng", "live:audioPids": "0x1e2", "live:inputType": "RTP_PUSH", "live:inputCidrs": "192.0.2.0/24"}, `context live:audioPids: "0x1e2" is not allowed; use whole numbers, one PID per audio language`},
	{map[string]any{"live:drm": "clearkey"}, `context live:drm: "clearkey" is not allowed; use off, demo`},
	{map[string]any{"live:region": "east"}, `context live:region: "east" is not an AWS Region`},
	{map[string]any{"live:secondaryRegion": "us-west-2"}, `context live:secondaryRegion: "us-west-2" needs the live stack's own Region (live:region)`},
	{map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-east-1"}, `context live:secondaryRegion: "us-east-1" is the live stack's own Region`},
	{map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-west-2"}, `context live:inputType: "URL_PULL" cannot be epoch-locked: MediaLive stops locking a channel with an HLS input, and an MP4 file carries no epoch timecode`},
	{map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-west-2", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24", "live:lowLatencyHls": "true"}, `context live:lowLatencyHls: true cannot be combined with live:secondaryRegion yet`},
	{map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-west-2", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24", "live:originAuth": "OAC"}, `context live:originAuth: "OAC" cannot be combined with live:secondaryRegion`},
	{map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-west-2", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24", "live:drm": "demo"}, `context live:drm: "demo" cannot be combined with live:secondaryRegion yet`},
	{map[string]any{"vod:drm": "clearkey"}, `context vod:drm: "clearkey" is not allowed; use off, demo`},
	{map[string]any{"vod:drm": "demo"}, `context vod:drm: "demo" needs vod:mediaPackage: MediaPackage VOD encrypts the CMAF HLS and DASH`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "demo", "vod:adDecisionServerUrl": "demo"}, `context vod:drm: "demo" cannot be combined with ads (vod:adDecisionServerUrl) yet`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "demo", "vod:formats": "HLS,MP4"}, `context vod:formats: "MP4" would be written in the clear with DRM on (vod:drm), and is not served`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "demo", "vod:drmSystems": "WIDEVINE"}, `context vod:drmSystems: "WIDEVINE" names a key provider or DRM systems, and vod:drm is on`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke"}, `context vod:drm: "speke" is not allowed; give vod:spekeRoleArn too`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "vod:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "vod:drmSystems": "CLEAR_KEY_AES_128"}, `context vod:drmSystems: "CLEAR_KEY_AES_128" has no DRM system MediaPackage VOD's CMAF package takes with SPEKE v2; add one of FAIRPLAY, WIDEVINE or PLAYREADY`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "vod:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "vod:drmSystems": "WIDEVINE,PLAYREADY,IRDETO"}, `context vod:drmSystems: "WIDEVINE,PLAYREADY,IRDETO" gives the DASH package WIDEVINE, PLAYREADY, IRDETO; it takes at most 2 systems`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "vod:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "vod:drmVideoPreset": "PRESET_VIDEO_9"}, `context vod:drmVideoPreset: "PRESET_VIDEO_9" is not allowed`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "vod:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "vod:drmAudioPreset": "shared"}, `context vod:drmAudioPreset: "SHARED" and vod:drmVideoPreset PRESET-VIDEO-1 disagree`},
	{map[string]any{"vod:mediaPackage": "true", "vod:drm": "speke", "vod:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "vod:spekeRoleArn": "SpekeAccess"}, `context vod:spekeRoleArn: "SpekeAccess" is not an IAM role ARN`},
	{map[string]any{"vod:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}, `context vod:spekeRoleArn: "arn:aws:iam::123456789012:role/SpekeAccess" is given but nothing is encrypted (vod:spekeUrl)`},
	{map[string]any{"live:drm": "demo", "live:drmSystems": "PLAYREADY"}, `context live:drmSystems names a key provider or DRM systems, and live:drm is on: the demo key server answers Clear Key AES-128 and Widevine itself`},
	{map[string]any{"live:drm": "demo", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}, `context live:spekeRoleArn: "arn:aws:iam::123456789012:role/SpekeAccess" is for a key provider of your own`},
	{map[string]any{"live:drm": "speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}, `context live:drm: "speke" is not allowed; give live:spekeUrl too`},
	{map[string]any{"live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke"}, `context live:spekeUrl: "https://k.execute-api.us-east-1.amazonaws.com/p/speke" is not allowed; needs live:drm=speke`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "http://k.example.com/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}, `context live:spekeUrl: "http://k.example.com/speke" is not allowed; MediaPackage takes an https:// URL`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "SpekeAccess"}, `context live:spekeRoleArn: "SpekeAccess" is not an IAM role ARN`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "live:drmSystems": "WIDEVINE"}, `context live:drmSystems: "WIDEVINE" has no DRM system the HLS endpoint's TS segments take; add one of CLEAR_KEY_AES_128 or FAIRPLAY`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "live:keyRotationSeconds": "60"}, `context live:keyRotationSeconds: 60 seconds is not allowed; use 300 to 31536000 seconds`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "live:drmAudioPreset": "SHARED"}, `context live:drmAudioPreset: "SHARED" and live:drmVideoPreset PRESET_VIDEO_1 disagree`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "live:drmVideoPreset": "PRESET_VIDEO_9"}, `context live:drmVideoPreset: "PRESET_VIDEO_9" is not allowed`},
	{map[string]any{"live:drm": "speke", "live:spekeUrl": "https://k.execute-api.us-east-1.amazonaws.com/p/speke", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess", "live:adDecisionServerUrl": "demo"}, `context live:spekeUrl: "https://k.execute-api.us-east-1.amazonaws.com/p/speke" cannot be combined with ads (live:adDecisionServerUrl) yet`},
	{map[string]any{"live:audioBitrate": "100"}, `context live:audioBitrate: 100 is not allowed; use one of 64000`},
	{map[string]any{"live:inputCodec": "VP9"}, `context live:inputCodec: "VP9" is not allowed; use AVC, HEVC or MPEG2`},
	{map[string]any{"live:inputMaximumBitrate": "MAX_5_MBPS"}, `context live:inputMaximumBitrate: "MAX_5_MBPS" is not allowed; use MAX_10_MBPS, MAX_20_MBPS or MAX_50_MBPS`},
	{map[string]any{"live:inputResolution": "4K"}, `context live:inputResolution: "4K" is not allowed; use SD, HD or UHD`},
	{map[string]any{"live:manifestWindowSeconds": "10"}, `context live:manifestWindowSeconds: 10 is not allowed; use 18 (three segments of live:segmentSeconds) to 900 seconds`},
	{map[string]any{"live:startoverWindowSeconds": "30"}, `context live:startoverWindowSeconds: 30 seconds is not allowed; use 60 to 1209600 seconds`},
	{map[string]any{"live:lowLatencyHls": "sometimes"}, `context live:lowLatencyHls: "sometimes" is not allowed; use true or false`},
	{map[string]any{"live:channels": `[{"channelName": "news"}, {"channelName": "News"}]`}, `context live:channels[1].channelName: "News" repeats live:channels[0].channelName; channel names must differ`},
	{map[string]any{"live:channels": `[{"channelName": "news", "inputTyp": "RTMP_PUSH"}]`}, `context live:channels[0].inputTyp is not a channel setting; did you mean inputType?`},
	{map[string]any{"live:channels": `[{"channelName": "news"}, {"channelName": "sports", "inputType": "RTMP_PUSH"}]`}, `context live:channels[1].inputCidrs is required for a push input`},
	{map[string]any{"live:channels": `[{"channelName": "news", "inputType": "RTMP_PUSH", "inputCidrs": "203.0.113.0/24"}, {"channelName": "sports", "preset": "8K"}]`}, `context live:channels[1].preset: "8K" is not allowed`},
	{map[string]any{"live:channels": `[{"channelName": "news",}]`}, `context live:channels: "[{\"channelName\": \"news\",}]" is not JSON (invalid character '}' looking for beginning of object key string at character 25, near "}]")`},
	{map[string]any{"live:channels": `[{channelName: news}]`}, `the shell removed its double quotes: wrap the whole value in single quotes`},
	{map[string]any{"live:channels": `{"channelName": "news"}`}, "context live:channels: \"{\\\"channelName\\\": \\\"news\\\"}\" is not allowed; use a non-empty JSON array of objects"},
	{map[string]any{"vod:suffixes": "mp4,,mov"}, `context vod:suffixes: "mp4,,mov" is not allowed; it has an empty item (number 2): list the values separated by single commas`},
	{map[string]any{"vod:codec": nil}, `context vod:codec is null; give a value, or remove the key for the default`},
	{map[string]any{"live:channels": `[{"channelName": "news", "gopSeconds": "2", "preset": {"name": "HD"}}]`}, `context live:channels[0].preset: {"name":"HD"} is a JSON object; use a string`},
	{map[string]any{"live:channels": `[{"channelName": "news", "preset": null}]`}, `context live:channels[0].preset is null; give a value, or remove the key for the stack-wide live:preset`},
	{map[string]any{"live:channels": `[news]`}, `context live:channels: "[news]" is not JSON (invalid character 'e' in literal null (expecting 'u') at character 3, near "ews]")`},
	{map[string]any{"live:autoStart": "later"}, `context live:autoStart: "later" is not allowed; use true or false`},
	{map[string]any{"vod:player": "maybe"}, `context vod:player: "maybe" is not allowed; use true or false`},
	{map[string]any{"live:player": "maybe"}, `context live:player: "maybe" is not allowed; use true or false`},
	{map[string]any{"live:originAuth": "SIGV4"}, `context live:originAuth: "SIGV4" is not allowed; use CDN_IDENTIFIER, OAC or BOTH`},
	{map[string]any{"live:priceClass": "300"}, `context live:priceClass: "300" is not allowed; use one of 100, 200, All`},
	{map[string]any{"live:domainNames": "live.example.com"}, `context live:domainNames: "live.example.com" needs live:certificateArn`},
	{map[string]any{"live:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x"}, `context live:certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" is not the ARN of an ACM certificate in us-east-1`},
	{map[string]any{"live:webAclArn": "x"}, `context live:webAclArn: "x" is not the ARN of a CloudFront-scope WAFv2 web ACL`},
	{map[string]any{"live:geoAllow": "XX"}, `context live:geoAllow: "XX" is not an ISO 3166-1 alpha-2 country code`},
	{map[string]any{"live:playbackCorsOrigins": "player.example.com"}, `context live:playbackCorsOrigins: "player.example.com" is not an origin`},
	{map[string]any{"live:viewerLogDays": "0"}, `context live:viewerLogDays: "0" is not allowed; use a positive whole number`},
	{map[string]any{"live:cdnIdentifierVersionId": "not a version"}, `context live:cdnIdentifierVersionId: "not a version" is not a Secrets Manager version id`},
	{map[string]any{"live:originAuth": "OAC", "live:cdnIdentifierVersionId": "0123456789abcdef0123456789abcdef"}, `context live:cdnIdentifierVersionId: "0123456789abcdef0123456789abcdef" applies to the CDN identifier header, which live:originAuth OAC does not use`},
	{map[string]any{"vod:cdnIdentifierVersionId": "0123456789abcdef0123456789abcdef"}, `context vod:cdnIdentifierVersionId: "0123456789abcdef0123456789abcdef" applies to MediaPackage's CDN identifier; turn on vod:mediaPackage or remove it`},
	{map[string]any{"live:playerStreamOrigins": "*"}, `context live:playerStreamOrigins: "*" is not an https origin`},
	{map[string]any{"live:originShieldRegion": "Virginia"}, `context live:originShieldRegion: "Virginia" is not an AWS region`},
	{map[string]any{"live:signingPublicKeyFile": "testdata/missing.pem"}, `context live:signingPublicKeyFile: "testdata/missing.pem" is not allowed; name a readable PEM public key file`},
	{map[string]any{"live:adDecisionServerUrl": "http://ads.example.com/vast"}, `context live:adDecisionServerUrl: "http://ads.example.com/vast" is not an https URL of an ad decision server`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast?id=[session.ID]"}, `context live:adDecisionServerUrl: "https://ads.example.com/vast?id=[session.ID]" uses [session.ID], which MediaTailor does not fill; use [avail.index]`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:adSlateUrl": "slate.mp4"}, `context live:adSlateUrl: "slate.mp4" is not allowed; use the https URL of an MP4 file with video and audio`},
	{map[string]any{"live:adSlateUrl": "https://media.example.com/slate.mp4"}, `context live:adSlateUrl: "https://media.example.com/slate.mp4" needs live:adDecisionServerUrl`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:adPersonalizationThresholdSeconds": "4000"}, `context live:adPersonalizationThresholdSeconds: 4000 seconds is not allowed; use 1 to 3600 seconds`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:availSuppression": "SOMETIMES"}, `context live:availSuppression: "SOMETIMES" is not allowed; use OFF, BEHIND_LIVE_EDGE or AFTER_LIVE_EDGE`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:availSuppression": "BEHIND_LIVE_EDGE", "live:availSuppressionSeconds": "90000"}, `context live:availSuppressionSeconds: 90000 seconds is not allowed; use 0 to 86399 seconds`},
	{map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:availSuppression": "BEHIND_LIVE_EDGE", "live:availSuppressionFillPolicy": "PARTIAL_AVAIL"}, `context live:availSuppressionFillPolicy: "PARTIAL_AVAIL" needs live:availSuppression AFTER_LIVE_EDGE`},
	{map[string]any{"live:adBreakEveryMinutes": "10", "live:startoverWindowSeconds": "3600"}, `context live:adBreakEveryMinutes: 10 cannot be combined with the channel's startover window (3600 s)`},
	{map[string]any{"live:adBreakEveryMinutes": "1"}, `context live:adBreakEveryMinutes: 1 puts breaks 60 s apart, within one manifest window plus a break (60 s + 30 s)`},
	{map[string]any{"live:adBreakEveryMinutes": "5", "live:adBreakSeconds": "2"}, `context live:adBreakSeconds: 2 seconds is not allowed; use 5 to 600 seconds`},
	{map[string]any{"vod:adDecisionServerUrl": "https://ads.example.com/v?x=[session.idd]"}, `context vod:adDecisionServerUrl: "https://ads.example.com/v?x=[session.idd]" uses [session.idd], which MediaTailor does not fill`},
	{map[string]any{"vod:adDecisionServerUrl": "demo", "vod:player": "false"}, `context vod:adDecisionServerUrl: "demo" needs the player page (vod:player false): the demo ad server is served from its bucket`},
	{map[string]any{"live:adDecisionServerUrl": "demo", "live:player": "false"}, `context live:adDecisionServerUrl: "demo" needs the player page (live:player false)`},
	{map[string]any{"vod:adDecisionServerUrl": "demo", "vod:signingPublicKeyFile": "testdata/signing-public-key.pem"}, `cannot be combined with vod:signingPublicKeyFile: MediaTailor fetches the content manifests`},
	{map[string]any{"vod:captions": "CC1:eng:English,CC5:spa:Espanol"}, `context vod:captions channel 2 "CC5:spa:Espanol": "CC5:spa:Espanol" is not allowed; the 608 channel is CC1 to CC4`},
	{map[string]any{"vod:captions": "CC1:english:English"}, `context vod:captions channel 1 "CC1:english:English": "english" has no valid language; use an ISO 639-2 code`},
	{map[string]any{"vod:captions": "english"}, `context vod:captions: "english" is not allowed: "english" is not a caption channel; write CC<1-4>:<ISO 639-2 language>:<label>, e.g. CC1:eng:English; or use auto or off`},
	{map[string]any{"vod:audio": "eng,english"}, `context vod:audio language 2 "english": "english" is not allowed; use all, first or ISO 639-2 language codes`},
	{map[string]any{"vod:adBreaks": "60,5m"}, `context vod:adBreaks: "5m" is not allowed; use whole seconds from the start`},
	{map[string]any{"vod:adBreaks": "60"}, `context vod:adBreaks: [60] needs HLS in vod:formats: MediaConvert writes cue markers into HLS (TS) manifests only`},
	{map[string]any{"vod:adBreaks": "60,63", "vod:formats": "HLS"}, `context vod:adBreaks position 2 "63": 63 is less than a segment (vod:segmentSeconds, 6 s) after vod:adBreaks position 1 "60"`},
	{map[string]any{"live:notificationEmail": "ops at example"}, `context live:notificationEmail: "ops at example" is not an email address`},
	{map[string]any{"live:cdnAdditionalMetrics": "some"}, `context live:cdnAdditionalMetrics: "some" is not allowed; use true or false`},
	{map[string]any{"vod:cdnAdditionalMetrics": "some"}, `context vod:cdnAdditionalMetrics: "some" is not allowed; use true or false`},
	{map[string]any{"live:costNoticeHourUtc": "25"}, `context live:costNoticeHourUtc: 25 is not allowed; use 1 to 24`},
	{map[string]any{"streamcdk:stacks": "vod,mobile"}, `context streamcdk:stacks: "mobile" is not allowed; use vod, live or vod,live`},
	{map[string]any{"streamcdk:stacks": "vod", "live:codec": "H_265"}, `context streamcdk:stacks: "vod" is not allowed; it leaves out the live stack, which live:codec configures; add live to it, or remove live:codec`},
	{map[string]any{"vod:codc": "H_265"}, `context vod:codc is not a StreamCDK setting; did you mean vod:codec?`},
	{map[string]any{"live:channels": "2"}, `context live:channels: "2" is not allowed; use a non-empty JSON array of objects, one per channel`},
	{map[string]any{"vdo:codec": "H_265"}, `context vdo:codec is not a StreamCDK setting; did you mean vod:codec?`},
}

// onlyNamespace is "vod" or "live" when every key of ctx is in that namespace, else "".
func onlyNamespace(ctx map[string]any) string {
	ns := ""
	for k := range ctx {
		n, _, _ := strings.Cut(k, ":")
		if (n != "vod" && n != "live") || (ns != "" && n != ns) {
			return ""
		}
		ns = n
	}
	return ns
}

// goFieldNames are the exported field names of the stack props and the props they hold: the
// library's vocabulary, which a context user must never read. (MediaPackage is left out: it is
// the product's name too.)
func goFieldNames() *regexp.Regexp {
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || !strings.HasPrefix(t.PkgPath(), "github.com/streamcdk/") {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			// (Failover is a built stack, not a setting.)
			if f.IsExported() && !seen[f.Name] && f.Name != "MediaPackage" && f.Name != "Failover" {
				seen[f.Name] = true
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeOf(stacks.AppProps{}))
	names := make([]string, 0, len(seen))
	for n := range seen {
		if n != "CDN" && n != "DRM" { // field names that are also words of the messages ("the CDN identifier")
			names = append(names, regexp.QuoteMeta(n))
		}
	}
	sort.Strings(names)
	return regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b|[A-Z][A-Za-z]*\[\d+\]`)
}

// TestBadConfiguration: every bad value stops synth with one line naming the setting, the value
// and what to write instead; none reaches a template. Every documented key has a case.
func TestBadConfiguration(t *testing.T) {
	goNames := goFieldNames()
	covered := map[string]bool{}
	for _, c := range badConfigurations {
		for k := range c.ctx {
			covered[k] = true
		}
		t.Run(c.want, func(t *testing.T) {
			ctx := map[string]any{"aws:cdk:bundling-stacks": []any{}} // never synthesized: skip building the Lambda
			for k, v := range c.ctx {
				ctx[k] = v
			}
			// Build only the stack the case configures (streamcdk:stacks): a live setting's error
			// must not wait for the VoD stack to be built first, nor the reverse.
			if ns := onlyNamespace(c.ctx); ns != "" {
				ctx["streamcdk:stacks"] = ns
			}
			_, err := build(t, ctx, false, t.TempDir())
			if err == nil {
				t.Fatalf("%v synthesized; want error %q", c.ctx, c.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
				t.Errorf("error %q, want one line containing %q", msg, c.want)
			}
			if m := goNames.FindString(msg); m != "" {
				t.Errorf("error %q shows the Go name %q", msg, m)
			}
		})
	}
	for k := range config.Keys {
		if !covered[k] {
			t.Errorf("no bad-value case for %s", k)
		}
	}
}
