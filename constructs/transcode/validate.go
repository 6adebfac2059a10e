package transcode

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

var (
	suffixRe = regexp.MustCompile(`^[a-z0-9]{1,10}$`)
	queueRe  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	prefixRe = regexp.MustCompile(`^[A-Za-z0-9!\-_.'()/ ]{0,512}$`)
)

func (props *PipelineProps) validate() error {
	if props.Source == nil {
		return fmt.Errorf("transcode: Source is required (the mezzanine bucket)")
	}
	if !prefixRe.MatchString(props.SourcePrefix) || strings.HasPrefix(props.SourcePrefix, "/") {
		return fmt.Errorf("transcode: SourcePrefix %q is not allowed; use a key prefix such as \"uploads/\" (letters, digits, ! - _ . ' ( ) / and spaces, no leading /)", props.SourcePrefix)
	}
	switch props.Trigger {
	case "", TriggerVideo, TriggerMetadata:
	default:
		return fmt.Errorf("transcode: Trigger %q is not allowed; use %s or %s", props.Trigger, TriggerVideo, TriggerMetadata)
	}
	for i, s := range props.Suffixes {
		if !suffixRe.MatchString(s) {
			return fmt.Errorf("transcode: Suffixes[%d] %q is not allowed; use lower-case letters and digits without the dot, e.g. \"mp4\"", i, s)
		}
	}
	if err := props.Encoding.Validate(); err != nil {
		return fmt.Errorf("transcode: Encoding.%w", err)
	}
	switch props.Acceleration {
	case "", AccelerationPreferred, AccelerationEnabled, AccelerationDisabled:
	default:
		return fmt.Errorf("transcode: Acceleration %q is not allowed; use %s, %s or %s", props.Acceleration, AccelerationPreferred, AccelerationEnabled, AccelerationDisabled)
	}
	if props.Priority < -50 || props.Priority > 50 {
		return fmt.Errorf("transcode: Priority %d is not allowed; use -50 to 50", props.Priority)
	}
	if props.QueueName != "" && props.CreateQueue {
		return fmt.Errorf("transcode: QueueName %q and CreateQueue go against each other; name an existing queue or create one", props.QueueName)
	}
	if props.QueueName != "" && !queueRe.MatchString(props.QueueName) {
		return fmt.Errorf("transcode: QueueName %q is not allowed; use a MediaConvert queue name (letters, digits, - and _)", props.QueueName)
	}
	keys := make([]string, 0, len(props.UserMetadata))
	for k := range props.UserMetadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || k == "streamcdkJobId" || k == "sourceKey" {
			return fmt.Errorf("transcode: UserMetadata key %q is not allowed; it is empty or reserved (streamcdkJobId, sourceKey)", k)
		}
	}
	// Lambda refuses environments over 4 KB at deploy time; the spec, suffixes and user metadata
	// travel there, so check their size now (tokens such as bucket names take the rest).
	spec, _ := json.Marshal(props.Encoding)
	user, _ := json.Marshal(props.UserMetadata)
	sfx, _ := json.Marshal(props.Suffixes)
	if n := len(spec) + len(user) + len(sfx) + len(props.SourcePrefix); n > 3000 {
		return fmt.Errorf("transcode: Encoding, UserMetadata, Suffixes and SourcePrefix take %d bytes of the function's environment; at most 3000 are allowed (Lambda's limit is 4 KB)", n)
	}
	if e := props.NotificationEmail; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			return fmt.Errorf("transcode: NotificationEmail %q is not an email address", e)
		}
	}
	if props.Packaging != nil && !props.Encoding.WithDefaults().Has(jobspec.HLS) {
		return fmt.Errorf("transcode: Packaging needs %q in Encoding.Formats (MediaPackage VOD ingests HLS with TS segments); Formats is %v", jobspec.HLS, props.Encoding.WithDefaults().Formats)
	}
	if u := props.PlaybackBaseURL; u != "" && !*awscdk.Token_IsUnresolved(jsii.String(u)) && !strings.HasPrefix(u, "https://") {
		return fmt.Errorf("transcode: PlaybackBaseURL %q is not allowed; use an https:// URL", u)
	}
	return nil
}
