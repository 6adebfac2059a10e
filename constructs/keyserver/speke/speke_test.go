package speke

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
)

var seed = bytes.Repeat([]byte{42}, keys.MinSeed)

func keyURL(contentID string, kid keys.KID) string {
	return "https://d111.cloudfront.net/keys/" + contentID + "/" + kid.UUID()
}

// widevineRequest is AWS's SPEKE v2 test request (awslabs/speke-reference-server,
// tests/server_api_body_spekev2.xml): Widevine, cenc, a video and an audio key.
const widevineRequest = `<cpix:CPIX contentId="cenc_test_001" version="2.3" xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">
 <cpix:ContentKeyList>
  <cpix:ContentKey kid="0f083e4e-b831-4a3d-917e-ce78076e54aa" commonEncryptionScheme="cenc"></cpix:ContentKey>
  <cpix:ContentKey kid="041fdd3a-7f5e-4848-a7cb-65e97758e9a0" commonEncryptionScheme="cenc"></cpix:ContentKey>
 </cpix:ContentKeyList>
 <cpix:DRMSystemList>
  <cpix:DRMSystem kid="0f083e4e-b831-4a3d-917e-ce78076e54aa" systemId="edef8ba9-79d6-4ace-a3c8-27dcd51d21ed">
   <cpix:PSSH/><cpix:ContentProtectionData/>
   <cpix:HLSSignalingData playlist="media"/><cpix:HLSSignalingData playlist="master"/>
  </cpix:DRMSystem>
  <cpix:DRMSystem kid="041fdd3a-7f5e-4848-a7cb-65e97758e9a0" systemId="edef8ba9-79d6-4ace-a3c8-27dcd51d21ed">
   <cpix:PSSH/><cpix:ContentProtectionData/>
   <cpix:HLSSignalingData playlist="media"/><cpix:HLSSignalingData playlist="master"/>
  </cpix:DRMSystem>
 </cpix:DRMSystemList>
 <cpix:ContentKeyPeriodList><cpix:ContentKeyPeriod id="keyPeriod_0909829f-40ff-4625-90fb-a4a1b9e8c5e6" index="1"/></cpix:ContentKeyPeriodList>
 <cpix:ContentKeyUsageRuleList>
  <cpix:ContentKeyUsageRule kid="0f083e4e-b831-4a3d-917e-ce78076e54aa" intendedTrackType="VIDEO"><cpix:KeyPeriodFilter periodId="keyPeriod_0909829f-40ff-4625-90fb-a4a1b9e8c5e6"/><cpix:VideoFilter/></cpix:ContentKeyUsageRule>
  <cpix:ContentKeyUsageRule kid="041fdd3a-7f5e-4848-a7cb-65e97758e9a0" intendedTrackType="AUDIO"><cpix:AudioFilter/></cpix:ContentKeyUsageRule>
 </cpix:ContentKeyUsageRuleList>
</cpix:CPIX>`

func subtree(t *testing.T, doc []byte, local string) string {
	t.Helper()
	root, err := parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	n := root.child(nsCPIX, local)
	if n == nil {
		t.Fatalf("no %s in %s", local, doc)
	}
	var b bytes.Buffer
	n.write(&b, root.prefixes())
	return b.String()
}

func decoded(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("%q is not base64: %v", s, err)
	}
	return string(b)
}

// TestWidevineAnswer: every content key gets its derived value (base64, 16 bytes), each
// Widevine system a PSSH box naming its key, the same box in ContentProtectionData's cenc:pssh,
// and HLS signaling (EXT-X-KEY in media playlists, EXT-X-SESSION-KEY in master ones) with that
// PSSH; key periods and usage rules come back unchanged; the same request gets the same answer.
func TestWidevineAnswer(t *testing.T) {
	out, err := Answer(seed, "2.0", []byte(widevineRequest), keyURL)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := root.attr("contentId"); v != "cenc_test_001" || !strings.Contains(string(out), `xmlns:cpix="urn:dashif:org:cpix"`) {
		t.Errorf("root changed: %s", out[:200])
	}
	for _, ck := range root.child(nsCPIX, "ContentKeyList").all(nsCPIX, "ContentKey") {
		id, _ := ck.attr("kid")
		kid, _ := keys.ParseKID(id)
		want, _ := keys.Key(seed, "cenc_test_001", kid)
		v := ck.child(nsCPIX, "Data").child(nsPSKC, "Secret").child(nsPSKC, "PlainValue").text
		if v != base64.StdEncoding.EncodeToString(want[:]) {
			t.Errorf("key %s: %s", id, v)
		}
	}
	for _, sys := range root.child(nsCPIX, "DRMSystemList").all(nsCPIX, "DRMSystem") {
		id, _ := sys.attr("kid")
		kid, _ := keys.ParseKID(id)
		pssh := sys.child(nsCPIX, "PSSH").text
		box, _ := base64.StdEncoding.DecodeString(pssh)
		if len(box) < 32 || int(binary.BigEndian.Uint32(box)) != len(box) || string(box[4:8]) != "pssh" || !bytes.Contains(box, kid[:]) || !bytes.Contains(box, []byte{0xed, 0xef, 0x8b, 0xa9}) {
			t.Errorf("%s: PSSH box %x", id, box)
		}
		if cpd := decoded(t, sys.child(nsCPIX, "ContentProtectionData").text); cpd != `<cenc:pssh xmlns:cenc="urn:mpeg:cenc:2013">`+pssh+`</cenc:pssh>` {
			t.Errorf("%s: ContentProtectionData %s", id, cpd)
		}
		lines := map[string]string{}
		for _, h := range sys.all(nsCPIX, "HLSSignalingData") {
			p, _ := h.attr("playlist")
			lines[p] = decoded(t, h.text)
		}
		// cenc in HLS is SAMPLE-AES-CTR (draft-pantos-hls-rfc8216bis, EXT-X-KEY METHOD).
		attrs := `METHOD=SAMPLE-AES-CTR,URI="data:text/plain;base64,` + pssh + `",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",KEYFORMATVERSIONS="1"`
		if lines["media"] != "#EXT-X-KEY:"+attrs || lines["master"] != "#EXT-X-SESSION-KEY:"+attrs {
			t.Errorf("%s: HLS signaling %q", id, lines)
		}
	}
	for _, l := range []string{"ContentKeyUsageRuleList", "ContentKeyPeriodList"} {
		if got, want := subtree(t, out, l), subtree(t, []byte(widevineRequest), l); got != want {
			t.Errorf("%s changed:\n%s\nwant\n%s", l, got, want)
		}
	}
	again, _ := Answer(seed, "2.0", []byte(widevineRequest), keyURL)
	if !bytes.Equal(out, again) {
		t.Error("the same request got another answer")
	}
}

// TestClearKeyAES128Answer: HLS AES-128 signaling names the key route of the key; PSSH and
// ContentProtectionData are left out; the scheme must be cbc1.
func TestClearKeyAES128Answer(t *testing.T) {
	req := `<cpix:CPIX contentId="stack-news-hls" version="2.3" xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">
 <cpix:ContentKeyList><cpix:ContentKey kid="98ee5596-cd3e-a20d-163a-e382420c6eff" commonEncryptionScheme="cbc1"/></cpix:ContentKeyList>
 <cpix:DRMSystemList><cpix:DRMSystem kid="98ee5596-cd3e-a20d-163a-e382420c6eff" systemId="3ea8778f-7742-4bf9-b18b-e834b2acbd47">
  <cpix:PSSH/><cpix:ContentProtectionData/><cpix:HLSSignalingData playlist="media"/><cpix:HLSSignalingData playlist="master"/>
 </cpix:DRMSystem></cpix:DRMSystemList>
 <cpix:ContentKeyUsageRuleList><cpix:ContentKeyUsageRule kid="98ee5596-cd3e-a20d-163a-e382420c6eff" intendedTrackType="ALL"><cpix:AudioFilter/><cpix:VideoFilter/></cpix:ContentKeyUsageRule></cpix:ContentKeyUsageRuleList>
</cpix:CPIX>`
	out, err := Answer(seed, "2.1", []byte(req), keyURL)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := parse(bytes.NewReader(out))
	sys := root.child(nsCPIX, "DRMSystemList").child(nsCPIX, "DRMSystem")
	if sys.child(nsCPIX, "PSSH") != nil || sys.child(nsCPIX, "ContentProtectionData") != nil {
		t.Errorf("Clear Key AES-128 with PSSH data: %s", out)
	}
	want := `#EXT-X-KEY:METHOD=AES-128,URI="https://d111.cloudfront.net/keys/stack-news-hls/98ee5596-cd3e-a20d-163a-e382420c6eff",KEYFORMAT="identity",KEYFORMATVERSIONS="1"`
	if got := decoded(t, sys.all(nsCPIX, "HLSSignalingData")[0].text); got != want {
		t.Errorf("media signaling %s, want %s", got, want)
	}
	if _, err := Answer(seed, "2.0", []byte(strings.ReplaceAll(req, "cbc1", "cbcs")), keyURL); err == nil || !strings.Contains(err.Error(), "non compatible with DRMSystem 3ea8778f") {
		t.Errorf("Clear Key with cbcs: %v", err)
	}
}

// TestRefusals: MediaPackage's error texts for what cannot be answered.
func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		version, body, want string
	}{
		{"1.0", widevineRequest, "Unsupported SPEKE version"},
		{"2.0", strings.Replace(widevineRequest, `contentId="cenc_test_001" `, "", 1), "Missing CPIX@contentId"},
		{"2.0", strings.Replace(widevineRequest, `version="2.3" `, "", 1), "Missing CPIX@version"},
		{"2.0", strings.Replace(widevineRequest, `version="2.3"`, `version="2.0"`, 1), "Unsupported CPIX@version"},
		{"2.0", strings.Replace(widevineRequest, `commonEncryptionScheme="cenc"></cpix:ContentKey>
 </cpix:ContentKeyList>`, `commonEncryptionScheme="cbcs"></cpix:ContentKey>
 </cpix:ContentKeyList>`, 1), "Non compliant ContentKey@commonEncryptionScheme combination"},
		{"2.0", strings.Replace(widevineRequest, ` commonEncryptionScheme="cenc"`, "", 1), "Missing ContentKey@commonEncryptionScheme for KID 0f083e4e"},
		{"2.0", strings.ReplaceAll(widevineRequest, "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed", "9a04f079-9840-4286-ab92-e65be0885f95"), "non compatible with DRMSystem 9a04f079"},
		{"2.0", strings.Replace(widevineRequest, "cenc_test_001", "../keys", 1), "Unsupported CPIX@contentId"},
		{"2.0", "<html/>", "Malformed CPIX document"},
	} {
		_, err := Answer(seed, c.version, []byte(c.body), keyURL)
		var e *Error
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v", c.want, err)
		} else if !errors.As(err, &e) {
			t.Errorf("%q: %T is not a refusal", c.want, err)
		}
	}
}

// TestNamespacesDeclared: an answer declares every prefix it writes, whether the request used a
// default namespace, left pskc undeclared, or declared a prefix on a child element.
func TestNamespacesDeclared(t *testing.T) {
	req := strings.NewReplacer(`<cpix:`, `<`, `</cpix:`, `</`, ` xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"`, ` xmlns="urn:dashif:org:cpix"`).Replace(widevineRequest)
	req = strings.Replace(req, `<ContentKeyUsageRuleList>`, `<ContentKeyUsageRuleList xmlns:foo="urn:example:foo"><foo:Bar/>`, 1)
	out, err := Answer(seed, "2.0", []byte(req), keyURL)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the answer is not well-formed: %v\n%s", err, out)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Space == "cpix" || se.Name.Space == "pskc" || se.Name.Space == "foo") {
			t.Errorf("prefix %s undeclared in the answer", se.Name.Space)
		}
	}
	if !strings.Contains(string(out), `<foo:Bar/>`) || !strings.Contains(string(out), `xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"`) {
		t.Errorf("answer %s", out)
	}
}

// TestWidevineAnswersWhatIsAsked: a request for the media playlist's key tag alone (cbcs, as
// a CMAF HLS endpoint asks) gets that tag, SAMPLE-AES, and no PSSH or DASH data; a request with
// encrypted content keys (DeliveryDataList) is refused rather than answered in the clear.
func TestWidevineAnswersWhatIsAsked(t *testing.T) {
	req := `<cpix:CPIX contentId="stack-news-cmaf-hls" version="2.3" xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">
 <cpix:ContentKeyList><cpix:ContentKey kid="0f083e4e-b831-4a3d-917e-ce78076e54aa" commonEncryptionScheme="cbcs"/></cpix:ContentKeyList>
 <cpix:DRMSystemList><cpix:DRMSystem kid="0f083e4e-b831-4a3d-917e-ce78076e54aa" systemId="edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"><cpix:HLSSignalingData playlist="media"/></cpix:DRMSystem></cpix:DRMSystemList>
</cpix:CPIX>`
	out, err := Answer(seed, "2.0", []byte(req), keyURL)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := parse(bytes.NewReader(out))
	sys := root.child(nsCPIX, "DRMSystemList").child(nsCPIX, "DRMSystem")
	if sys.child(nsCPIX, "PSSH") != nil || sys.child(nsCPIX, "ContentProtectionData") != nil || len(sys.all(nsCPIX, "HLSSignalingData")) != 1 {
		t.Errorf("answered more than asked: %s", out)
	}
	if tag := decoded(t, sys.child(nsCPIX, "HLSSignalingData").text); !strings.HasPrefix(tag, "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=") {
		t.Errorf("cbcs key tag %s", tag)
	}
	withDelivery := strings.Replace(req, "<cpix:ContentKeyList>", `<cpix:DeliveryDataList><cpix:DeliveryData/></cpix:DeliveryDataList><cpix:ContentKeyList>`, 1)
	var e *Error
	if _, err := Answer(seed, "2.0", []byte(withDelivery), keyURL); !errors.As(err, &e) || !strings.Contains(e.Message, "Encrypted content keys") {
		t.Errorf("encrypted content keys: %v", err)
	}
}
