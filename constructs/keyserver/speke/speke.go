// Package speke answers SPEKE v2 key requests (CPIX 2.3/2.4 documents) as the demo key server:
// content keys from package keys, Clear Key AES-128 signaling for HLS (TS) and Widevine
// signaling for CMAF, following "Implementing SPEKE v2.0 with AWS Elemental MediaPackage"
// (https://docs.aws.amazon.com/mediapackage/latest/userguide/implementing-speke-v2.html). Pure
// Go: the Lambda handler reads the seed and calls Answer.
package speke

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
)

// DRM system ids the demo key server answers ("Supported DRM system IDs",
// https://docs.aws.amazon.com/mediapackage/latest/userguide/encryption-choosing-speke-version.html).
const (
	// ClearKeyAES128 is HLS AES-128 (TS endpoints): the player fetches the key from a URL.
	ClearKeyAES128 = "3ea8778f-7742-4bf9-b18b-e834b2acbd47"
	// Widevine is signaled on CMAF endpoints (MediaPackage offers no W3C Clear Key there); a
	// player can decrypt with the browser's W3C Clear Key from the license route, which hands
	// out the same keys.
	Widevine = "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"
)

// DRM system ids of the other systems a DRM vendor's key provider may serve; the demo key
// server refuses them ("Supported DRM system IDs", the page above; DASH-IF's registry,
// https://dashif.org/identifiers/content_protection/).
const (
	PlayReady = "9a04f079-9840-4286-ab92-e65be0885f95"
	FairPlay  = "94ce86fb-07ff-4f43-adb8-93d2fa968ca2"
	Irdeto    = "80a6be7e-1448-4c37-9e70-d5aebe04c8d2"
)

// Versions are the X-Speke-Version values and CPIX@version values answered (SPEKE v2.0 is
// CPIX 2.3, v2.1 CPIX 2.4; the header is echoed back).
var (
	Versions     = []string{"2.0", "2.1"}
	CPIXVersions = []string{"2.3", "2.4"}
)

// Error is a refused request: HTTP 422 with MediaPackage's error text ("Error responses",
// implementing-speke-v2.html).
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

func refuse(format string, args ...any) error { return &Error{Message: fmt.Sprintf(format, args...)} }

// KeyURL is where a player gets the AES-128 key of (contentID, kid): the key route of the
// stack's distribution.
type KeyURL func(contentID string, kid keys.KID) string

// Answer fills a SPEKE v2 request in: each content key's value, each DRM system's signaling;
// the rest (usage rules, key periods) is echoed as it came. version is the request's
// X-Speke-Version header. A request it cannot answer is an *Error.
func Answer(seed []byte, version string, body []byte, keyURL KeyURL) ([]byte, error) {
	if !contains(Versions, version) {
		return nil, refuse("Unsupported SPEKE version")
	}
	root, err := parse(bytes.NewReader(body))
	if err != nil || root == nil || root.name.Space != nsCPIX || root.name.Local != "CPIX" {
		return nil, refuse("Malformed CPIX document")
	}
	contentID, ok := root.attr("contentId")
	if !ok || contentID == "" {
		return nil, refuse("Missing CPIX@contentId")
	}
	if v, ok := root.attr("version"); !ok {
		return nil, refuse("Missing CPIX@version")
	} else if !contains(CPIXVersions, v) {
		return nil, refuse("Unsupported CPIX@version")
	}
	if err := keys.CheckContentID(contentID); err != nil {
		return nil, refuse("Unsupported CPIX@contentId: %v", err)
	}
	// Content keys encrypted to a certificate (CPIX DeliveryDataList, MediaPackage's
	// CertificateArn) are not offered: answering plain values to such a request would send keys
	// in the clear where the encryptor expected them protected.
	if root.child(nsCPIX, "DeliveryDataList") != nil {
		return nil, refuse("Encrypted content keys (DeliveryDataList) are not supported by the demo key server")
	}
	schemes, err := fillKeys(root, seed, contentID)
	if err != nil {
		return nil, err
	}
	if err := fillSystems(root, contentID, schemes, keyURL); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	root.declare()
	root.write(&b, root.prefixes())
	return b.Bytes(), nil
}

// fillKeys puts each content key's value in (pskc PlainValue, base64) and returns each key id's
// scheme; all keys of a request share one scheme.
func fillKeys(root *node, seed []byte, contentID string) (map[string]string, error) {
	list := root.child(nsCPIX, "ContentKeyList")
	if list == nil || len(list.all(nsCPIX, "ContentKey")) == 0 {
		return nil, refuse("Missing CPIX ContentKeyList")
	}
	schemes, scheme := map[string]string{}, ""
	for _, ck := range list.all(nsCPIX, "ContentKey") {
		id, _ := ck.attr("kid")
		kid, err := keys.ParseKID(id)
		if err != nil {
			return nil, refuse("Malformed ContentKey@kid %s", id)
		}
		s, ok := ck.attr("commonEncryptionScheme")
		if !ok || s == "" {
			return nil, refuse("Missing ContentKey@commonEncryptionScheme for KID %s", id)
		}
		if scheme != "" && s != scheme {
			return nil, refuse("Non compliant ContentKey@commonEncryptionScheme combination")
		}
		scheme, schemes[kid.UUID()] = s, s
		key, err := keys.Key(seed, contentID, kid)
		if err != nil {
			return nil, err
		}
		value := &node{name: xmlName(nsPSKC, "PlainValue"), text: base64.StdEncoding.EncodeToString(key[:])}
		secret := &node{name: xmlName(nsPSKC, "Secret"), children: []*node{value}}
		ck.children = []*node{{name: xmlName(nsCPIX, "Data"), children: []*node{secret}}}
	}
	return schemes, nil
}

// fillSystems writes each DRM system's signaling for its key.
func fillSystems(root *node, contentID string, schemes map[string]string, keyURL KeyURL) error {
	list := root.child(nsCPIX, "DRMSystemList")
	if list == nil {
		return nil
	}
	for _, sys := range list.all(nsCPIX, "DRMSystem") {
		id, _ := sys.attr("kid")
		systemID, _ := sys.attr("systemId")
		kid, err := keys.ParseKID(id)
		if err != nil || schemes[kid.UUID()] == "" {
			return refuse("DRMSystem kid %s names no ContentKey", id)
		}
		switch strings.ToLower(systemID) {
		case ClearKeyAES128:
			// "cbc1 only" (MediaPackage's system table): AES-128 encrypts whole TS segments.
			if schemes[kid.UUID()] != "cbc1" {
				return refuse("ContentKey@commonEncryptionScheme non compatible with DRMSystem %s", systemID)
			}
			uri := keyURL(contentID, kid)
			line := `METHOD=AES-128,URI="` + uri + `",KEYFORMAT="identity",KEYFORMATVERSIONS="1"`
			sys.children = hlsSignaling(line)
		case Widevine:
			sys.children = widevineSignaling(sys, kid, schemes[kid.UUID()])
		default:
			return refuse("ContentKey@commonEncryptionScheme non compatible with DRMSystem %s: the demo key server answers Clear Key AES-128 (%s) and Widevine (%s)", systemID, ClearKeyAES128, Widevine)
		}
	}
	return nil
}

// widevineSignaling is a Widevine DRMSystem's answer: the PSSH box, the DASH
// ContentProtection data and the HLS key tags, those the request asks for (its empty elements;
// all when it names none). The HLS method follows the scheme: SAMPLE-AES for cbcs,
// SAMPLE-AES-CTR for cenc ("EXT-X-KEY", METHOD, https://datatracker.ietf.org/doc/html/draft-pantos-hls-rfc8216bis#section-4.4.4.4).
func widevineSignaling(sys *node, kid keys.KID, scheme string) []*node {
	pssh := base64.StdEncoding.EncodeToString(widevinePSSH(kid))
	cpd := `<cenc:pssh xmlns:cenc="urn:mpeg:cenc:2013">` + pssh + `</cenc:pssh>`
	method := "SAMPLE-AES"
	if scheme == "cenc" {
		method = "SAMPLE-AES-CTR"
	}
	line := `METHOD=` + method + `,URI="data:text/plain;base64,` + pssh + `",KEYFORMAT="urn:uuid:` + Widevine + `",KEYFORMATVERSIONS="1"`
	all := append([]*node{
		{name: xmlName(nsCPIX, "PSSH"), text: pssh},
		{name: xmlName(nsCPIX, "ContentProtectionData"), text: base64.StdEncoding.EncodeToString([]byte(cpd))},
	}, hlsSignaling(line)...)
	asked := map[string]bool{}
	for _, c := range sys.children {
		p, _ := c.attr("playlist")
		asked[c.name.Local+p] = true
	}
	if len(asked) == 0 {
		return all
	}
	var out []*node
	for _, n := range all {
		if p, _ := n.attr("playlist"); asked[n.name.Local+p] {
			out = append(out, n)
		}
	}
	return out
}

// hlsSignaling is the media playlist's #EXT-X-KEY and the master playlist's
// #EXT-X-SESSION-KEY, each whole line base64-encoded, identical but for the tag.
func hlsSignaling(attrs string) []*node {
	out := make([]*node, 0, 2)
	for _, p := range []struct{ playlist, tag string }{{"media", "#EXT-X-KEY:"}, {"master", "#EXT-X-SESSION-KEY:"}} {
		n := &node{name: xmlName(nsCPIX, "HLSSignalingData"), text: base64.StdEncoding.EncodeToString([]byte(p.tag + attrs))}
		n.setAttr("playlist", p.playlist)
		out = append(out, n)
	}
	return out
}

// widevinePSSH is a version-0 'pssh' box for Widevine whose data is the WidevinePsshData
// protobuf with the key id alone (field 2, key_id: tag 0x12, length 16).
func widevinePSSH(kid keys.KID) []byte {
	data := append([]byte{0x12, 0x10}, kid[:]...)
	system, _ := hex.DecodeString(strings.ReplaceAll(Widevine, "-", ""))
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(4+4+4+16+4+len(data)))
	b.WriteString("pssh")
	b.Write([]byte{0, 0, 0, 0}) // version 0, flags 0
	b.Write(system)
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.Write(data)
	return b.Bytes()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
