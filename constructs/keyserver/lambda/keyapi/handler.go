package main

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
	"github.com/streamcdk/streamcdk/constructs/keyserver/speke"
)

// SecretsAPI is the part of the Secrets Manager client the handler uses.
type SecretsAPI interface {
	GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// OriginHeader carries the distribution's origin secret (keys.OriginHeader).
const OriginHeader = keys.OriginHeader

// UserAgent is X-Speke-User-Agent, which SPEKE v2 responses carry.
const UserAgent = "streamcdk-demo-key-server"

type handler struct {
	secrets            SecretsAPI
	seedArn, originArn string
	// keyPath is the distribution path the AES-128 keys are served under, e.g. /streamcdk-keys.
	keyPath string

	mu           sync.Mutex
	seed, origin []byte
}

func (h *handler) serve(ctx context.Context, r events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body := []byte(r.Body)
	if r.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(r.Body)
		if err != nil {
			return text(http.StatusBadRequest, "the body is not base64"), nil
		}
		body = b
	}
	seed, origin, err := h.load(ctx)
	if err != nil {
		fmt.Println("secrets:", err)
		return text(http.StatusInternalServerError, "the key server cannot read its secrets"), nil
	}
	switch r.Resource {
	case "/speke":
		return h.speke(seed, header(r, "X-Speke-Version"), body), nil
	case "/streamcdk-keys/{contentId}/{kid}", "/streamcdk-license/{contentId}":
		if subtle.ConstantTimeCompare([]byte(header(r, OriginHeader)), origin) != 1 {
			return text(http.StatusForbidden, "keys are served through the stack's distribution only"), nil
		}
		if r.Resource == "/streamcdk-license/{contentId}" {
			lic, err := keys.License(seed, r.PathParameters["contentId"], body)
			if err != nil {
				return text(http.StatusBadRequest, err.Error()), nil
			}
			return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Body: string(lic), Headers: noStore("application/json")}, nil
		}
		return h.aesKey(seed, r.PathParameters["contentId"], r.PathParameters["kid"]), nil
	}
	return text(http.StatusNotFound, "no such route"), nil
}

// speke answers MediaPackage: the CPIX document filled in, or 422 with the reason.
func (h *handler) speke(seed []byte, version string, body []byte) events.APIGatewayProxyResponse {
	out, err := speke.Answer(seed, version, body, func(contentID string, kid keys.KID) string {
		// A path without the host: players resolve it against the playlist's own URL, the
		// distribution's ("the URI ... relative to the Playlist", RFC 8216 section 4.3.2.4).
		return strings.TrimRight(h.keyPath, "/") + "/" + contentID + "/" + kid.UUID()
	})
	var refused *speke.Error
	if errors.As(err, &refused) {
		return events.APIGatewayProxyResponse{StatusCode: http.StatusUnprocessableEntity, Body: refused.Message, Headers: map[string]string{"Content-Type": "text/plain"}}
	}
	if err != nil {
		fmt.Println("speke:", err)
		return text(http.StatusInternalServerError, "the key server failed")
	}
	return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Body: string(out), Headers: map[string]string{
		"Content-Type": "application/xml", "X-Speke-Version": version, "X-Speke-User-Agent": UserAgent}}
}

// aesKey is the raw 16-byte AES-128 key HLS players fetch (binary, base64 for API Gateway).
func (h *handler) aesKey(seed []byte, contentID, id string) events.APIGatewayProxyResponse {
	kid, err := keys.ParseKID(id)
	if err != nil {
		return text(http.StatusBadRequest, err.Error())
	}
	k, err := keys.Key(seed, contentID, kid)
	if err != nil {
		return text(http.StatusBadRequest, err.Error())
	}
	return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Body: base64.StdEncoding.EncodeToString(k[:]), IsBase64Encoded: true, Headers: noStore("application/octet-stream")}
}

// load reads the seed and the origin secret once per execution environment.
func (h *handler) load(ctx context.Context) (seed, origin []byte, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.seed != nil {
		return h.seed, h.origin, nil
	}
	read := func(arn string) ([]byte, error) {
		out, err := h.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
		if err != nil {
			return nil, err
		}
		return []byte(aws.ToString(out.SecretString)), nil
	}
	if h.seed, err = read(h.seedArn); err != nil {
		return nil, nil, err
	}
	if h.origin, err = read(h.originArn); err != nil {
		h.seed = nil
		return nil, nil, err
	}
	return h.seed, h.origin, nil
}

func header(r events.APIGatewayProxyRequest, name string) string {
	for k, v := range r.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// noStore keeps keys out of shared caches: each viewer's request reaches the distribution's
// signed-cookie check.
func noStore(contentType string) map[string]string {
	return map[string]string{"Content-Type": contentType, "Cache-Control": "no-store"}
}

func text(status int, msg string) events.APIGatewayProxyResponse {
	return events.APIGatewayProxyResponse{StatusCode: status, Body: msg, Headers: map[string]string{"Content-Type": "text/plain"}}
}
