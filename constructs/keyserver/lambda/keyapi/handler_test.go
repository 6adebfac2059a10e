package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
)

type fakeSecrets struct {
	values map[string]string
	calls  int
	fail   bool
}

func (f *fakeSecrets) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	f.calls++
	if f.fail {
		return nil, errors.New("AccessDenied")
	}
	return &secretsmanager.GetSecretValueOutput{SecretString: aws.String(f.values[aws.ToString(in.SecretId)])}, nil
}

const seedValue = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR"

func newHandler() (*handler, *fakeSecrets) {
	f := &fakeSecrets{values: map[string]string{"seed": seedValue, "origin": "origin-secret"}}
	return &handler{secrets: f, seedArn: "seed", originArn: "origin", keyPath: "/streamcdk-keys"}, f
}

const kidUUID = "98ee5596-cd3e-a20d-163a-e382420c6eff"

const clearKeyRequest = `<cpix:CPIX contentId="stack-news-hls" version="2.3" xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">
 <cpix:ContentKeyList><cpix:ContentKey kid="` + kidUUID + `" commonEncryptionScheme="cbc1"/></cpix:ContentKeyList>
 <cpix:DRMSystemList><cpix:DRMSystem kid="` + kidUUID + `" systemId="3ea8778f-7742-4bf9-b18b-e834b2acbd47"><cpix:HLSSignalingData playlist="media"/><cpix:HLSSignalingData playlist="master"/></cpix:DRMSystem></cpix:DRMSystemList>
 <cpix:ContentKeyUsageRuleList><cpix:ContentKeyUsageRule kid="` + kidUUID + `" intendedTrackType="ALL"><cpix:AudioFilter/><cpix:VideoFilter/></cpix:ContentKeyUsageRule></cpix:ContentKeyUsageRuleList>
</cpix:CPIX>`

// TestSpekeRoute: MediaPackage's request (base64 body, as API Gateway passes binary) gets the
// CPIX answer with the SPEKE headers, the key's URL a path on the distribution; a request the
// server cannot answer gets 422 with the reason.
func TestSpekeRoute(t *testing.T) {
	h, _ := newHandler()
	r := events.APIGatewayProxyRequest{Resource: "/speke", Headers: map[string]string{"x-speke-version": "2.0"},
		Body: base64.StdEncoding.EncodeToString([]byte(clearKeyRequest)), IsBase64Encoded: true}
	resp, err := h.serve(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	uri := base64.StdEncoding.EncodeToString([]byte(`#EXT-X-KEY:METHOD=AES-128,URI="/streamcdk-keys/stack-news-hls/` + kidUUID + `",KEYFORMAT="identity",KEYFORMATVERSIONS="1"`))
	if resp.StatusCode != 200 || resp.Headers["X-Speke-Version"] != "2.0" || resp.Headers["X-Speke-User-Agent"] != UserAgent || resp.Headers["Content-Type"] != "application/xml" || !strings.Contains(resp.Body, uri) {
		t.Errorf("response %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
	r.Headers["x-speke-version"] = "1.0"
	if resp, _ := h.serve(context.Background(), r); resp.StatusCode != 422 || resp.Body != "Unsupported SPEKE version" {
		t.Errorf("SPEKE 1.0: %d %s", resp.StatusCode, resp.Body)
	}
}

// TestPlayerRoutes: the AES-128 key (16 raw bytes) and the Clear Key license are served only
// with the distribution's origin secret, never cached; the seed is read once.
func TestPlayerRoutes(t *testing.T) {
	h, f := newHandler()
	key := events.APIGatewayProxyRequest{Resource: "/streamcdk-keys/{contentId}/{kid}", PathParameters: map[string]string{"contentId": "stack-news-hls", "kid": kidUUID}}
	if resp, _ := h.serve(context.Background(), key); resp.StatusCode != 403 {
		t.Errorf("key without the origin secret: %d", resp.StatusCode)
	}
	key.Headers = map[string]string{OriginHeader: "origin-secret"}
	resp, _ := h.serve(context.Background(), key)
	raw, _ := base64.StdEncoding.DecodeString(resp.Body)
	kid, _ := keys.ParseKID(kidUUID)
	want, _ := keys.Key([]byte(seedValue), "stack-news-hls", kid)
	if resp.StatusCode != 200 || !resp.IsBase64Encoded || string(raw) != string(want[:]) || resp.Headers["Cache-Control"] != "no-store" {
		t.Errorf("key: %d %v %x", resp.StatusCode, resp.Headers, raw)
	}
	lic := events.APIGatewayProxyRequest{Resource: "/streamcdk-license/{contentId}", PathParameters: map[string]string{"contentId": "stack-news-cmaf-dash"},
		Headers: map[string]string{OriginHeader: "origin-secret"}, Body: `{"kids":["` + base64.RawURLEncoding.EncodeToString(kid[:]) + `"],"type":"temporary"}`}
	if resp, _ := h.serve(context.Background(), lic); resp.StatusCode != 200 || !strings.Contains(resp.Body, `"kty":"oct"`) {
		t.Errorf("license: %d %s", resp.StatusCode, resp.Body)
	}
	lic.Headers[OriginHeader] = "guess"
	if resp, _ := h.serve(context.Background(), lic); resp.StatusCode != 403 {
		t.Errorf("license with a wrong origin secret: %d", resp.StatusCode)
	}
	if f.calls != 2 {
		t.Errorf("%d secret reads, want 2 (seed and origin, once)", f.calls)
	}
	if resp, _ := h.serve(context.Background(), events.APIGatewayProxyRequest{Resource: "/other"}); resp.StatusCode != 404 {
		t.Errorf("unknown route: %d", resp.StatusCode)
	}
}

// TestSecretsUnreadable: without its secrets the server answers 500 and tries again next time.
func TestSecretsUnreadable(t *testing.T) {
	h, f := newHandler()
	f.fail = true
	if resp, _ := h.serve(context.Background(), events.APIGatewayProxyRequest{Resource: "/speke"}); resp.StatusCode != 500 {
		t.Errorf("status %d", resp.StatusCode)
	}
	f.fail = false
	r := events.APIGatewayProxyRequest{Resource: "/speke", Headers: map[string]string{"X-Speke-Version": "2.0"}, Body: clearKeyRequest}
	if resp, _ := h.serve(context.Background(), r); resp.StatusCode != 200 {
		t.Errorf("after the secrets came back: %d %s", resp.StatusCode, resp.Body)
	}
}

// TestNoKeyInLogs: whatever the function writes to its log (CloudWatch Logs) over every route,
// answered or refused, holds no content key, in any encoding, and no secret.
func TestNoKeyInLogs(t *testing.T) {
	r, w, _ := os.Pipe()
	stdout := os.Stdout
	os.Stdout = w
	h, f := newHandler()
	kid, _ := keys.ParseKID(kidUUID)
	key, _ := keys.Key([]byte(seedValue), "stack-news-hls", kid)
	origin := map[string]string{OriginHeader: "origin-secret"}
	for _, req := range []events.APIGatewayProxyRequest{
		{Resource: "/speke", Headers: map[string]string{"x-speke-version": "2.0"}, Body: clearKeyRequest},
		{Resource: "/speke", Headers: map[string]string{"x-speke-version": "2.0"}, Body: strings.Replace(clearKeyRequest, "cbc1", "cenc", 1)},
		{Resource: "/streamcdk-keys/{contentId}/{kid}", Headers: origin, PathParameters: map[string]string{"contentId": "stack-news-hls", "kid": kidUUID}},
		{Resource: "/streamcdk-license/{contentId}", Headers: origin, PathParameters: map[string]string{"contentId": "stack-news-hls"}, Body: `{"kids":["` + base64.RawURLEncoding.EncodeToString(kid[:]) + `"],"type":"temporary"}`},
	} {
		h.serve(context.Background(), req)
	}
	f.fail = true
	h2 := &handler{secrets: f, seedArn: "seed", originArn: "origin", keyPath: "/streamcdk-keys"}
	h2.serve(context.Background(), events.APIGatewayProxyRequest{Resource: "/speke", Body: clearKeyRequest})
	w.Close()
	os.Stdout = stdout
	logged, _ := io.ReadAll(r)
	for _, secret := range []string{hex.EncodeToString(key[:]), base64.StdEncoding.EncodeToString(key[:]), base64.RawURLEncoding.EncodeToString(key[:]), string(key[:]), seedValue, "origin-secret"} {
		if bytes.Contains(logged, []byte(secret)) {
			t.Errorf("the log holds a key or secret: %q", logged)
		}
	}
}
