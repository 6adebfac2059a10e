package cdn

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
)

// Version selects the MediaPackage generation whose CDN authorization the identifier serves.
type Version string

const (
	// MediaPackageV1 uses secret key MediaPackageCDNIdentifier and header
	// X-MediaPackage-CDNIdentifier (MediaPackage VOD and v1 live endpoints). The default.
	MediaPackageV1 Version = "V1"
	// MediaPackageV2 uses secret key MediaPackageV2CDNIdentifier and header
	// X-MediaPackageV2-CDNIdentifier.
	MediaPackageV2 Version = "V2"
)

// IdentifierProps configures NewIdentifier.
type IdentifierProps struct {
	// Version of MediaPackage the identifier is for. Default: MediaPackageV1.
	Version Version
	// Secret is an existing secret holding the identifier under the version's key.
	// Default: a secret with a generated 32-character identifier.
	Secret awssecretsmanager.ISecret
}

// Identifier is the shared secret CloudFront sends and MediaPackage checks, so that only the
// distribution can pull from the origin.
type Identifier struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Secret holds the identifier as JSON under Key.
	Secret awssecretsmanager.ISecret
	// Key is the JSON key of the identifier in the secret.
	Key string
	// HeaderName is the header CloudFront sends to the origin.
	HeaderName string
}

// NewIdentifier defines the CDN identifier secret. props may be nil.
func NewIdentifier(scope constructs.Construct, id string, props *IdentifierProps) *Identifier {
	if props == nil {
		props = &IdentifierProps{}
	}
	c := constructs.NewConstruct(scope, &id)
	i := &Identifier{Construct: c, Key: "MediaPackageCDNIdentifier", HeaderName: "X-MediaPackage-CDNIdentifier"}
	switch props.Version {
	case "", MediaPackageV1:
	case MediaPackageV2:
		i.Key, i.HeaderName = "MediaPackageV2CDNIdentifier", "X-MediaPackageV2-CDNIdentifier"
	default:
		panic(bad("Version", string(props.Version), "is not allowed; use %s or %s", MediaPackageV1, MediaPackageV2))
	}
	if props.Secret != nil {
		i.Secret = props.Secret
		return i
	}
	s := awssecretsmanager.NewSecret(c, jsii.String("Resource"), &awssecretsmanager.SecretProps{
		Description: jsii.String("CDN identifier CloudFront sends to MediaPackage (" + i.HeaderName + ")"),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String("{}"),
			GenerateStringKey:    jsii.String(i.Key),
			ExcludePunctuation:   jsii.Bool(true),
			PasswordLength:       jsii.Number(32),
		},
	})
	nag.Suppress(s, false, nag.Rule{ID: "AwsSolutions-SMG4",
		Reason: "The CDN identifier is also a CloudFront origin header; rotating it needs a coordinated distribution update, done by redeploying with a new secret rather than by a rotation Lambda."})
	i.Secret = s
	return i
}

// HeaderValue is a CloudFormation dynamic reference to the identifier: the value is resolved at
// deploy time and never appears in the template.
func (i *Identifier) HeaderValue() *string {
	return i.Secret.SecretValueFromJson(jsii.String(i.Key)).UnsafeUnwrap()
}
