package transcode

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

var (
	suffixRe = regexp.MustCompile(`^[a-z0-9]{1,10}$`)
	queueRe  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	prefixRe = regexp.MustCompile(`^[A-Za-z0-9!\-_.'()/ ]{0,512}$`)
)

// Triggers and Accelerations list the allowed values, for callers that accept them in any case.
var (
	Triggers      = []Trigger{TriggerVideo, TriggerMetadata}
	Accelerations = []Acceleration{AccelerationPreferred, AccelerationEnabled, AccelerationDisabled}
)

func bad(field string, v any, problem string, args ...any) error {
	return validate.Invalid("transcode", field, v, problem, args...)
}

// Validate returns the *validate.Error NewPipeline would panic with for these props, without
// creating anything.
func (props *PipelineProps) Validate() error {
	if props.Source == nil {
		return bad("Source", validate.NoValue, "is required (the mezzanine bucket)")
	}
	if err := props.PipelineOptions.Validate(); err != nil {
		return err
	}
	if props.Packaging != nil {
		if err := PackagingFormats(props.Encoding); err != nil {
			return err
		}
	}
	if err := props.checkPrivateOutputs(); err != nil {
		return err
	}
	if u := props.PlaybackBaseURL; u != "" && !*awscdk.Token_IsUnresolved(jsii.String(u)) && !strings.HasPrefix(u, "https://") {
		return bad("PlaybackBaseURL", u, "is not allowed; use an https:// URL")
	}
	return nil
}

// Validate returns the *validate.Error NewPipeline would panic with for these options, without
// creating anything.
func (props *PipelineOptions) Validate() error {
	if !prefixRe.MatchString(props.SourcePrefix) || strings.HasPrefix(props.SourcePrefix, "/") {
		return bad("SourcePrefix", props.SourcePrefix, `is not allowed; use a key prefix such as "uploads/" (letters, digits, ! - _ . ' ( ) / and spaces, no leading /, at most 512)`)
	}
	if err := validate.OneOfOrDefault("transcode", "Trigger", props.Trigger, Triggers); err != nil {
		return err
	}
	for i, s := range props.Suffixes {
		if !suffixRe.MatchString(s) {
			return bad(fmt.Sprintf("Suffixes[%d]", i), s, `is not allowed; use lower-case letters and digits without the dot, e.g. "mp4"`)
		}
	}
	if err := props.Encoding.Validate(); err != nil {
		return validate.Nest("transcode", "Encoding", err)
	}
	if err := validate.OneOfOrDefault("transcode", "Acceleration", props.Acceleration, Accelerations); err != nil {
		return err
	}
	if err := validate.InRange("transcode", "Priority", props.Priority, -50, 50, "", true); err != nil {
		return err
	}
	if props.QueueName != "" && props.CreateQueue {
		return bad("QueueName", props.QueueName, "and {CreateQueue} go against each other; name an existing queue or create one")
	}
	if props.QueueName != "" && !queueRe.MatchString(props.QueueName) {
		return bad("QueueName", props.QueueName, "is not allowed; use a MediaConvert queue name (letters, digits, - and _, at most 128)")
	}
	if err := props.validateEnvironment(); err != nil {
		return err
	}
	if e := props.NotificationEmail; e != "" {
		if err := validate.Email("transcode", "NotificationEmail", e); err != nil {
			return err
		}
	}
	return nil
}

// validateEnvironment checks what travels in the function's environment.
func (props *PipelineOptions) validateEnvironment() error {
	keys := make([]string, 0, len(props.UserMetadata))
	for k := range props.UserMetadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || k == "streamcdkJobId" || k == "sourceKey" {
			return bad("UserMetadata", k, "is not allowed as a key; it is empty or reserved (streamcdkJobId, sourceKey)")
		}
	}
	// Lambda refuses environments over 4 KB at deploy time; the spec, suffixes and user metadata
	// travel there, so check their size now (tokens such as bucket names take the rest).
	spec, _ := json.Marshal(props.Encoding)
	user, _ := json.Marshal(props.UserMetadata)
	sfx, _ := json.Marshal(props.Suffixes)
	if n := len(spec) + len(user) + len(sfx) + len(props.SourcePrefix); n > 3000 {
		return bad("UserMetadata", validate.NoValue, "takes, with the encoding settings, {Suffixes} and {SourcePrefix}, %d bytes of the function's environment; at most 3000 are allowed (Lambda's limit is 4 KB)", n)
	}
	return nil
}

// PackagingFormats checks that a spec writes what MediaPackage VOD ingests (HLS with TS
// segments). The stacks check it before they create the packaging group.
func PackagingFormats(s jobspec.Spec) error {
	if f := s.WithDefaults().Formats; !s.WithDefaults().Has(jobspec.HLS) {
		names := make([]string, len(f))
		for i, x := range f {
			names[i] = string(x)
		}
		return bad("Encoding.Formats", names, "has no %s, which {Packaging} needs (MediaPackage VOD ingests HLS with TS segments); add %s", jobspec.HLS, jobspec.HLS)
	}
	return nil
}

// checkPrivateOutputs checks what private outputs take: MediaPackage to serve, and no rendition
// that only the distribution could serve (CMAF, MP4; thumbnails stay in the bucket for the
// user's own tools).
func (props *PipelineProps) checkPrivateOutputs() error {
	if !props.PrivateOutputs {
		if props.ClearKeyLicensePath != "" {
			return bad("ClearKeyLicensePath", props.ClearKeyLicensePath, "applies to encrypted assets; turn on {PrivateOutputs} or remove it")
		}
		return nil
	}
	if props.Packaging == nil {
		return bad("PrivateOutputs", true, "needs {Packaging}: MediaPackage serves the titles when the renditions are not served")
	}
	if f := UnservedFormat(props.Encoding); f != "" {
		return bad("Encoding.Formats", string(f), "would be written in the clear and never served with {PrivateOutputs} (DRM: MediaPackage makes encrypted CMAF HLS and DASH from the %s renditions); leave it out", jobspec.HLS)
	}
	if p := props.ClearKeyLicensePath; p != "" && !licensePathRe.MatchString(p) {
		return bad("ClearKeyLicensePath", p, "is not allowed; use a path on the distribution such as /streamcdk-license")
	}
	return nil
}

var licensePathRe = regexp.MustCompile(`^(/[A-Za-z0-9_.-]+)+$`)

// UnservedFormat is the first format of s that private outputs would leave written in the
// clear and never served: CMAF and MP4 (HLS is what MediaPackage packages; thumbnails stay in
// the bucket for the user's own tools). "" when none.
func UnservedFormat(s jobspec.Spec) jobspec.Format {
	for _, f := range s.Formats {
		if f == jobspec.CMAF || f == jobspec.MP4 {
			return f
		}
	}
	return ""
}
