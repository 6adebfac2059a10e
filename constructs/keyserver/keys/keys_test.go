package keys

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

var seed = bytes.Repeat([]byte{7}, MinSeed)

// TestKeysAreStableAndDistinct: one content id and key id always give one key; any other
// content id, key id or seed gives another.
func TestKeysAreStableAndDistinct(t *testing.T) {
	kid, err := ParseKID("6c5f5206-7d98-4808-84d8-94f132c1e9fe")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Key(seed, "stack-news-cmaf-dash", kid)
	b, _ := Key(seed, "stack-news-cmaf-dash", kid)
	if a != b {
		t.Fatal("the same request gave two keys")
	}
	other := kid
	other[15] ^= 1
	for name, f := range map[string]func() [16]byte{
		"content id": func() [16]byte { k, _ := Key(seed, "stack-news-hls", kid); return k },
		"key id":     func() [16]byte { k, _ := Key(seed, "stack-news-cmaf-dash", other); return k },
		"seed":       func() [16]byte { k, _ := Key(bytes.Repeat([]byte{8}, MinSeed), "stack-news-cmaf-dash", kid); return k },
	} {
		if f() == a {
			t.Errorf("another %s gave the same key", name)
		}
	}
	if kid.UUID() != "6c5f5206-7d98-4808-84d8-94f132c1e9fe" {
		t.Errorf("UUID %s", kid.UUID())
	}
	if _, err := Key(seed[:8], "x", kid); err == nil {
		t.Error("a short seed was taken")
	}
	if _, err := Key(seed, "../etc", kid); err == nil || !strings.Contains(err.Error(), "is not 1 to 256 letters") {
		t.Errorf("a path as content id: %v", err)
	}
}

// TestClearKeyLicense: a W3C Clear Key request gets the derived keys in a JWK set, base64url
// without padding, type temporary; a request without key ids or with a bad one is refused.
func TestClearKeyLicense(t *testing.T) {
	kid, _ := ParseKID("6c5f52067d98480884d894f132c1e9fe")
	req := `{"kids":["` + base64.RawURLEncoding.EncodeToString(kid[:]) + `"],"type":"temporary"}`
	out, err := License(seed, "c1", []byte(req))
	if err != nil {
		t.Fatal(err)
	}
	var lic struct {
		Keys []struct{ Kty, Kid, K string }
		Type string
	}
	if err := json.Unmarshal(out, &lic); err != nil {
		t.Fatal(err)
	}
	want, _ := Key(seed, "c1", kid)
	if len(lic.Keys) != 1 || lic.Keys[0].Kty != "oct" || lic.Keys[0].K != base64.RawURLEncoding.EncodeToString(want[:]) || lic.Type != "temporary" || strings.Contains(string(out), "=") {
		t.Errorf("license %s", out)
	}
	for _, bad := range []string{`{"kids":[]}`, `{"kids":["AAAA"]}`, `not json`} {
		if _, err := License(seed, "c1", []byte(bad)); err == nil {
			t.Errorf("%s was answered", bad)
		}
	}
}
