package jobspec

import (
	"fmt"
	"strings"
)

// Limits of Spec.AdBreaks.
const (
	// MaxAdBreaks is the most mid-roll positions one title takes.
	MaxAdBreaks = 32
	// MaxAdBreakSecond is the latest position accepted (24 hours).
	MaxAdBreakSecond = 86400
)

// Esam is MediaConvert's ESAM settings: SCTE-35 signals from an XML document rather than the
// source.
type Esam struct {
	ResponseSignalPreroll                int                                       `json:"ResponseSignalPreroll"`
	SignalProcessingNotification         *EsamSignalProcessingNotification         `json:"SignalProcessingNotification"`
	ManifestConfirmConditionNotification *EsamManifestConfirmConditionNotification `json:"ManifestConfirmConditionNotification"`
}

// EsamSignalProcessingNotification holds the signal processing notification (SCC) XML.
type EsamSignalProcessingNotification struct {
	SccXml string `json:"SccXml"`
}

// EsamManifestConfirmConditionNotification holds the manifest confirm condition (MCC) XML.
type EsamManifestConfirmConditionNotification struct {
	MccXml string `json:"MccXml"`
}

// M3u8Settings are the TS settings of an HLS output.
type M3u8Settings struct {
	Scte35Source string `json:"Scte35Source"`
}

// acquisitionPoint names StreamCDK's signals in the ESAM documents.
const acquisitionPoint = "streamcdk"

// adBreaksWithin keeps the positions before the end of a source of the given duration (all of
// them when the duration is unknown): a break at or after the end has nothing to follow it.
func adBreaksWithin(breaks []int, duration float64) []int {
	var out []int
	for _, b := range breaks {
		if duration <= 0 || float64(b) < duration {
			out = append(out, b)
		}
	}
	return out
}

// esam is the ESAM for mid-roll insertion points: each position becomes an SCTE-35
// time_signal (placement opportunity start, segmentation type 0x34; MediaConvert inserts
// time signals only) with no duration, and the HLS manifests get an empty cue pair there
// (#EXT-X-CUE-OUT:0 immediately followed by #EXT-X-CUE-IN, both on the segment that starts at
// the position), which MediaTailor reads as a VOD insertion point: a break is added, no content
// is replaced.
func esam(breaks []int) *Esam {
	var scc, mcc strings.Builder
	scc.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<SignalProcessingNotification xmlns="urn:cablelabs:iptvservices:esam:xsd:signal:1" xmlns:sig="urn:cablelabs:md:xsd:signaling:3.0" acquisitionPointIdentity="` + acquisitionPoint + `">` + "\n")
	mcc.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<ns2:ManifestConfirmConditionNotification xmlns:ns2="http://www.cablelabs.com/namespaces/metadata/xsd/confirmation/2" xmlns="http://www.cablelabs.com/namespaces/metadata/xsd/core/2">` + "\n")
	for i, at := range breaks {
		id := i + 1
		fmt.Fprintf(&scc, ` <ResponseSignal acquisitionPointIdentity="%s" acquisitionSignalID="%d" signalPointID="%d" action="create">`+"\n"+
			`  <sig:NPTPoint nptPoint="%d"/>`+"\n"+
			`  <sig:SCTE35PointDescriptor spliceCommandType="06">`+"\n"+
			`   <sig:SegmentationDescriptorInfo segmentEventId="%d" segmentTypeId="52" duration="PT0S"/>`+"\n"+
			`  </sig:SCTE35PointDescriptor>`+"\n"+
			` </ResponseSignal>`+"\n", acquisitionPoint, id, id, at, id)
		fmt.Fprintf(&mcc, ` <ns2:ManifestResponse acquisitionPointIdentity="%s" acquisitionSignalID="%d" duration="PT0S">`+"\n"+
			`  <ns2:SegmentModify>`+"\n"+
			`   <ns2:FirstSegment><ns2:Tag value="#EXT-X-CUE-OUT:0"/><ns2:Tag value="#EXT-X-CUE-IN"/></ns2:FirstSegment>`+"\n"+
			`  </ns2:SegmentModify>`+"\n"+
			` </ns2:ManifestResponse>`+"\n", acquisitionPoint, id)
	}
	scc.WriteString(`</SignalProcessingNotification>` + "\n")
	mcc.WriteString(`</ns2:ManifestConfirmConditionNotification>` + "\n")
	// No preroll: the signal lands at the position itself, not 4 s (MediaConvert's default) before.
	return &Esam{ResponseSignalPreroll: 0, SignalProcessingNotification: &EsamSignalProcessingNotification{SccXml: scc.String()},
		ManifestConfirmConditionNotification: &EsamManifestConfirmConditionNotification{MccXml: mcc.String()}}
}
