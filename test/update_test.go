package test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/cfndiff"
	"github.com/streamcdk/streamcdk/internal/review"
)

// inPlaceVariant changes, at once, settings that must update a deployed stack in place:
// encoding (ladders, codecs, formats, segments, GOPs, audio, captions and audio languages), delivery (domains, price class,
// geo, WAF, Origin Shield, metrics), live packaging (LL-HLS, windows), ads on in both stacks
// (scheduled breaks in their own pair), the live player off, the alarm emails.
var inPlaceVariant = map[string]any{
	"vod:ladder": "1080:6000,720:3500,360:800", "vod:codec": "H_265", "vod:formats": "CMAF,MP4,THUMBNAILS",
	"vod:segmentSeconds": "4", "vod:gopSeconds": "2", "vod:audioBitrate": "96000", "vod:acceleration": "DISABLED",
	"vod:priceClass": "All", "vod:geoAllow": "US,CA", "vod:originShieldRegion": "us-east-1",
	"vod:domainNames": "video.example.com", "vod:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
	"vod:webAclArn":           "arn:aws:wafv2:us-east-1:123456789012:global/webacl/streamcdk/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
	"vod:adDecisionServerUrl": "https://ads.example.com/vast?sid=[session.id]", "vod:cdnAdditionalMetrics": "false",
	"vod:notificationEmail": "ops@example.com", "vod:archiveClass": "GLACIER", "vod:uploadCorsOrigins": "https://upload.example.com",
	"vod:captions": "CC1:eng:English,CC3:spa:Espanol", "vod:audio": "eng,spa",
	"live:captions": "CC1:eng:English,CC3:spa:Espanol", "live:audioLanguages": "eng,spa", "live:audioPids": "482,483",
	"live:preset": "HD720", "live:frameRate": "25", "live:segmentSeconds": "4", "live:gopSeconds": "2",
	"live:audioBitrate": "96000", "live:lowLatencyHls": "true", "live:manifestWindowSeconds": "120", "live:startoverWindowSeconds": "3600",
	"live:priceClass": "All", "live:geoAllow": "US", "live:originShieldRegion": "us-east-1",
	"live:domainNames": "live.example.com", "live:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
	"live:adDecisionServerUrl": "https://ads.example.com/live?sid=[session.id]",
	"live:notificationEmail":   "ops@example.com", "live:player": "false", "live:cdnAdditionalMetrics": "false",
}

// updates are setting changes and whether a deployed stack takes them in place. The replacing
// ones are listed in README.md (Update safety) and warned about by synth.
var updates = []struct {
	name     string
	from, to map[string]any
	// loses lists the stateful resources (logical id prefixes) the update must replace or
	// delete; empty: none may be.
	loses []string
}{
	{"every in-place setting at once", nil, inPlaceVariant, nil},
	// (Scheduled breaks exclude a startover window, which inPlaceVariant has.)
	{"a live channel added; scheduled breaks", nil, map[string]any{"live:channels": `[{"channelName": "main"}, {"channelName": "backup", "channelClass": "SINGLE_PIPELINE"}]`,
		"live:adDecisionServerUrl": "https://ads.example.com/live?sid=[session.id]", "live:adBreakEveryMinutes": "10"}, nil},
	{"push input CIDRs changed", liveChannelsVariant, withOverride(liveChannelsVariant, "live:channels", strings.Replace(liveChannelsVariant["live:channels"].(string), "203.0.113.0/24", "198.51.100.0/24,192.0.2.0/24", 1)), nil},
	{"live channel renamed", liveOnly, live(map[string]any{"live:channelName": "news"}), []string{"ChannelmainChannel", "ChannelmainInput", "Packagingmain"}},
	{"packaging, storage and workflow settings; the channel class", nil, map[string]any{"vod:mediaPackage": "true", "vod:outputEncryption": "KMS", "vod:createQueue": "true",
		"vod:sourcePrefix": "in/", "vod:trigger": "METADATA", "vod:player": "false", "live:channelClass": "SINGLE_PIPELINE", "live:originAuth": "BOTH"}, nil},
	// (The same configuration as TestLiveOriginAccessControl's: one synth serves both.)
	{"live origin authorization to OAC alone", liveOnly, live(map[string]any{"live:originAuth": "OAC"}), []string{"CdnIdentifier"}},
	// HLS carries HEVC only in fMP4: the TS endpoint goes (its URL stops answering).
	// DRM turned on in the same update: the CMAF endpoints take their encryption in place.
	{"live codec to H.265; DRM on", liveOnly, live(map[string]any{"live:codec": "H_265", "live:drm": "speke",
		"live:spekeUrl": "https://abcd123456.execute-api.us-east-1.amazonaws.com/prod/copyProtection", "live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}), []string{"PackagingmainHLS"}},
	// VoD DRM on: the CMAF and DASH configurations take their encryption in place; the HLS (TS)
	// configuration goes (SPEKE v1 only), and so does the distribution's way to the renditions.
	{"VoD DRM on (demo key server)", vodOnly(map[string]any{"vod:mediaPackage": "true"}), vodOnly(map[string]any{"vod:mediaPackage": "true", "vod:drm": "demo"}), nil},
	// A secondary Region added: the primary's encoders lock to the epoch, its endpoints force
	// errors and its distribution gets an origin group, all in place.
	{"live secondary Region added", live(map[string]any{"live:region": "us-east-1", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24"}),
		live(map[string]any{"live:region": "us-east-1", "live:secondaryRegion": "us-west-2", "live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24"}), nil},
	{"live input type changed (pull to push)", liveOnly, live(map[string]any{"live:inputType": "RTP_PUSH", "live:inputCidrs": "192.0.2.0/24"}), []string{"ChannelmainInput"}},
}

// liveOnly synthesizes the live stack alone: the live-only updates compare it, at half the cost.
var liveOnly = map[string]any{"streamcdk:stacks": "live"}

func live(m map[string]any) map[string]any { return withOverride(m, "streamcdk:stacks", "live") }

func vodOnly(m map[string]any) map[string]any { return withOverride(m, "streamcdk:stacks", "vod") }

func withOverride(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// losses are the stateful resources an update replaces or deletes, as "id (type: properties)".
func losses(changes []cfndiff.Change) []string {
	var out []string
	for _, c := range changes {
		if review.StatefulTypes[c.Type] && c.Loses() {
			out = append(out, fmt.Sprintf("%s (%s %s: %s)", c.LogicalID, c.Type, strings.ToLower(c.Impact), strings.Join(c.Replacing, ", ")))
		}
	}
	return out
}

// TestUpdateSafety synthesizes each documented setting change before and after and diffs the
// templates with the CDK's own diff: an in-place change replaces or deletes no stateful resource
// (buckets, table, secrets, keys, topics and queues, MediaPackage group/channels/endpoints,
// MediaLive inputs and channels); a change documented as replacing is caught, naming what it
// replaces (so the check can fail).
func TestUpdateSafety(t *testing.T) {
	cli, err := cfndiff.CLI("..")
	if err != nil {
		t.Fatal(err)
	}
	// Each update's pairs of templates, of the stacks both sides synthesize, diffed in one go.
	var pairs []cfndiff.Pair
	var of [][]int // the pairs of each update
	for _, u := range updates {
		a, b := synth(t, u.from, false), synth(t, u.to, false)
		var idx []int
		for _, p := range []cfndiff.Pair{{Old: a.vodJSON, New: b.vodJSON}, {Old: a.liveJSON, New: b.liveJSON}} {
			if p.Old != nil && p.New != nil {
				idx = append(idx, len(pairs))
				pairs = append(pairs, p)
			}
		}
		of = append(of, idx)
	}
	diffs, err := cfndiff.Diff(cli, pairs)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range updates {
		t.Run(u.name, func(t *testing.T) {
			var lost []string
			changed := 0
			for _, j := range of[i] {
				lost = append(lost, losses(diffs[j])...)
				changed += len(diffs[j])
			}
			if changed == 0 {
				t.Fatal("the update changes nothing: the pair tests nothing")
			}
			if len(u.loses) == 0 {
				for _, l := range lost {
					t.Errorf("replaces or deletes %s", l)
				}
				return
			}
			for _, want := range u.loses {
				found := false
				for _, l := range lost {
					found = found || strings.HasPrefix(l, want)
				}
				if !found {
					t.Errorf("documented as replacing %s*, but the diff does not say so: %v", want, lost)
				}
			}
			t.Logf("replaces or deletes, as documented: %s", strings.Join(lost, "; "))
		})
	}
}
