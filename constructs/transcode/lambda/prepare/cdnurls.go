package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Endpoint is one MediaPackage VOD egress endpoint, as CreateAsset returns it.
type Endpoint struct {
	PackagingConfigurationID string `json:"PackagingConfigurationId"`
	URL                      string `json:"Url"`
}

// CDNURLsEvent asks for the CloudFront URLs of a MediaPackage asset's egress endpoints.
type CDNURLsEvent struct {
	// Playback is the job's playback map, returned with the new URLs added.
	Playback map[string]string `json:"playback"`
	// EgressEndpoints are CreateAsset's endpoints.
	EgressEndpoints []Endpoint `json:"egressEndpoints"`
	// Names maps packaging configuration ids to playback keys (e.g. "mediaPackageHls").
	Names map[string]string `json:"names"`
	// ResourceID is the asset's content id in key requests (the Clear Key license route's).
	ResourceID string `json:"resourceId"`
}

// cdnURLs serves each egress endpoint's path from the CloudFront distribution, whose
// /out/v1/* behaviour routes to MediaPackage with the CDN identifier header.
func (h *handler) cdnURLs(_ context.Context, ev CDNURLsEvent) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range ev.Playback {
		out[k] = v
	}
	for _, e := range ev.EgressEndpoints {
		u, err := url.Parse(e.URL)
		if err != nil || u.Path == "" {
			return nil, fmt.Errorf("egress endpoint %q of %s is not a URL", e.URL, e.PackagingConfigurationID)
		}
		name := ev.Names[e.PackagingConfigurationID]
		if name == "" {
			name = "mediaPackage-" + e.PackagingConfigurationID
		}
		if h.cfg.PlaybackBase == "" {
			out[name] = e.URL
		} else {
			out[name] = strings.TrimRight(h.cfg.PlaybackBase, "/") + u.Path
		}
	}
	if link := h.protectedLink(out, ev.ResourceID); link != "" {
		out["player"] = link
	}
	return out, nil
}

// protectedLink is the player page opened on an encrypted asset (private outputs): its DASH,
// which browsers decrypt with Clear Key from the license route (or a DRM vendor's license
// server given in the link), CMAF HLS one click away.
func (h *handler) protectedLink(pb map[string]string, resourceID string) string {
	if !h.cfg.PrivateOutputs || h.cfg.PlayerURL == "" || pb["mediaPackageDash"] == "" {
		return ""
	}
	q := url.Values{"url": {pb["mediaPackageDash"]}}
	if c := pb["mediaPackageCmaf"]; c != "" {
		q.Set("alt.CMAF", c)
	}
	if h.cfg.ClearKeyLicense != "" && resourceID != "" {
		q.Set("clearkey", h.cfg.ClearKeyLicense+"/"+resourceID)
	}
	return h.cfg.PlayerURL + "?" + q.Encode()
}

// invoke dispatches on "action": "cdnUrls" maps MediaPackage endpoints; anything else prepares a job.
func (h *handler) invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	var a struct {
		Action string `json:"action"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	if a.Action == "cdnUrls" {
		var ev CDNURLsEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, err
		}
		return h.cdnURLs(ctx, ev)
	}
	var ev Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return nil, err
	}
	return h.handle(ctx, ev)
}
