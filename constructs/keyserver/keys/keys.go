// Package keys is the demo key server's key arithmetic, pure Go (no AWS calls): content keys
// derived from a seed kept in Secrets Manager, so the same content id and key id always give the
// same key (SPEKE may ask again; a player's license request comes later), and the W3C Clear Key
// license exchange players use to get them.
package keys

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// OriginHeader carries the origin secret the distribution sends with the player routes: API
// Gateway is public, and only requests through the distribution (signed cookies checked there
// when playback signing is on) may get keys.
const OriginHeader = "X-Streamcdk-Origin-Verify"

// KID is a 16-byte key id.
type KID [16]byte

// ParseKID reads a key id as CPIX writes it (a UUID, 8-4-4-4-12 hex) or as 32 hex digits.
func ParseKID(s string) (KID, error) {
	var k KID
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		return k, fmt.Errorf("key id %q is not 16 bytes of hex (a UUID)", s)
	}
	copy(k[:], b)
	return k, nil
}

// UUID writes the key id as CPIX does.
func (k KID) UUID() string {
	h := hex.EncodeToString(k[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// MinSeed is the shortest seed accepted, in bytes: keys are as strong as the seed.
const MinSeed = 32

var contentIDRe = regexp.MustCompile(`^[0-9A-Za-z_-]{1,256}$`)

// CheckContentID checks a content id: MediaPackage's ResourceId characters, [0-9a-zA-Z_-], 1 to
// 256 (https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_SpekeKeyProvider.html):
// an id is also a path segment of the key routes, so nothing else may reach them.
func CheckContentID(id string) error {
	if !contentIDRe.MatchString(id) {
		return fmt.Errorf("content id %q is not 1 to 256 letters, digits, - and _", id)
	}
	return nil
}

// Key derives the content key of (contentID, kid): HMAC-SHA256 of both under the seed, its
// first 16 bytes (an AES-128 key). The same inputs always give the same key; another content id
// or key id gives an unrelated one.
func Key(seed []byte, contentID string, kid KID) ([16]byte, error) {
	var k [16]byte
	if len(seed) < MinSeed {
		return k, fmt.Errorf("the key seed has %d bytes; at least %d are needed", len(seed), MinSeed)
	}
	if err := CheckContentID(contentID); err != nil {
		return k, err
	}
	m := hmac.New(sha256.New, seed)
	fmt.Fprintf(m, "streamcdk content key\x00%s\x00%s", contentID, kid.UUID())
	copy(k[:], m.Sum(nil))
	return k, nil
}

// License answers a W3C Clear Key license request ({"kids": [...], "type": ...}, key ids in
// base64url without padding) with the keys of contentID ({"keys": [{"kty": "oct", "kid", "k"}],
// "type": "temporary"}), as Encrypted Media Extensions define it
// (https://www.w3.org/TR/encrypted-media/#clear-key-request-format,
// https://www.w3.org/TR/encrypted-media/#clear-key-license-format).
func License(seed []byte, contentID string, request []byte) ([]byte, error) {
	var req struct {
		Kids []string `json:"kids"`
		Type string   `json:"type"`
	}
	if err := json.Unmarshal(request, &req); err != nil {
		return nil, fmt.Errorf("the license request is not Clear Key JSON: %v", err)
	}
	if len(req.Kids) == 0 {
		return nil, errors.New("the license request names no key id")
	}
	type jwk struct {
		Kty string `json:"kty"`
		Kid string `json:"kid"`
		K   string `json:"k"`
	}
	out := struct {
		Keys []jwk  `json:"keys"`
		Type string `json:"type"`
	}{Type: "temporary"}
	for _, id := range req.Kids {
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
		if err != nil || len(raw) != 16 {
			return nil, fmt.Errorf("key id %q is not 16 bytes of base64url", id)
		}
		var kid KID
		copy(kid[:], raw)
		k, err := Key(seed, contentID, kid)
		if err != nil {
			return nil, err
		}
		out.Keys = append(out.Keys, jwk{Kty: "oct", Kid: base64.RawURLEncoding.EncodeToString(kid[:]), K: base64.RawURLEncoding.EncodeToString(k[:])})
	}
	return json.Marshal(out)
}
