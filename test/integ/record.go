package integ

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/transcode"
)

// Record is a job's completion or failure record, as the workflow queues it.
type Record struct {
	Status    string            `json:"status"`
	SourceKey string            `json:"sourceKey"`
	Playback  map[string]string `json:"playback"`
	Failure   json.RawMessage   `json:"failure"`
}

// JobRecord picks, from queued message bodies, the record of the job of sourceKey: done with
// it when it completed, an error when it failed (with the reason), neither while none came.
func JobRecord(bodies []string, sourceKey string) (*Record, error) {
	for _, b := range bodies {
		var r Record
		if json.Unmarshal([]byte(b), &r) != nil || r.SourceKey != sourceKey {
			continue
		}
		switch r.Status {
		case transcode.StatusComplete:
			return &r, nil
		case transcode.StatusFailed:
			return nil, fmt.Errorf("the job of %s failed: %s", sourceKey, strings.TrimSpace(string(r.Failure)))
		}
	}
	return nil, nil
}

// Usage is what a run kept running, for its cost estimate.
type Usage struct {
	// Elapsed is the whole run; ChannelRunning how long the live channel ran.
	Elapsed, ChannelRunning time.Duration
	// Live is the channel's encoding and class.
	Live  encoder.Spec
	Class liveingest.ChannelClass
	// VodOutputMinutes are the transcode's output minutes (renditions x clip minutes).
	VodOutputMinutes float64
}

// Estimate is what a run cost at list prices, with its lines: the live channel's running time
// at liveingest's hourly list price; MediaConvert's output minutes, counted (its price depends
// on tier, codec and resolution); the rest (storage for minutes, a few requests, the
// distribution's few megabytes) is cents.
func Estimate(u Usage) (usd float64, lines []string) {
	hourly, basis := liveingest.HourlyListPriceOf(u.Live, u.Class)
	live := hourly * u.ChannelRunning.Hours()
	lines = append(lines,
		fmt.Sprintf("MediaLive: %s running at about $%.2f an hour (%s): $%.2f", u.ChannelRunning.Round(time.Second), hourly, basis, live),
		fmt.Sprintf("MediaConvert: %.1f output minutes (https://aws.amazon.com/mediaconvert/pricing/)", u.VodOutputMinutes),
		fmt.Sprintf("the rest (S3, CloudFront, MediaPackage, Lambda, Step Functions, DynamoDB over %s): cents", u.Elapsed.Round(time.Second)))
	return live, lines
}
