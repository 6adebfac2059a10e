package config

import (
	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/stacks"
)

var namespaces = []string{"vod:", "streamcdk:"}

// Keys documents every context key StreamCDK reads. The README's configuration table lists the same.
var Keys = map[string]string{
	"streamcdk:vodStackName":    "name of the VoD stack (default StreamCdkVod)",
	"vod:archiveClass":          "move sources to GLACIER or DEEP_ARCHIVE after vod:archiveAfterDays (default: no archiving)",
	"vod:archiveAfterDays":      "days after upload before archiving (1-3650, default 30)",
	"vod:uploadCorsOrigins":     "comma-separated origins allowed to upload from a browser (default none)",
	"vod:transferAcceleration":  "S3 Transfer Acceleration on the mezzanine bucket (default false)",
	"vod:noncurrentVersionDays": "days to keep overwritten source versions (1-3650, default 90)",
}

// Load reads the configuration. given lists every context key that was set (for typo detection);
// it may be nil.
func Load(get Getter, given []string) (*stacks.AppProps, error) {
	if err := unknownKeys(given); err != nil {
		return nil, err
	}
	r := &reader{get: get}
	p := &stacks.AppProps{VodStackName: r.str("streamcdk:vodStackName")}

	m := &p.Vod.Mezzanine
	m.ArchiveClass = mezzanine.ArchiveClass(r.oneOf("vod:archiveClass", string(mezzanine.ArchiveGlacier), string(mezzanine.ArchiveDeepArchive)))
	m.ArchiveAfterDays = r.integer("vod:archiveAfterDays", 1, 3650)
	if m.ArchiveClass == mezzanine.ArchiveNone {
		m.ArchiveAfterDays = 0
	}
	m.CorsAllowedOrigins = r.list("vod:uploadCorsOrigins")
	for _, o := range m.CorsAllowedOrigins {
		r.check("vod:uploadCorsOrigins", o, mezzanine.CheckOrigin)
	}
	m.TransferAcceleration = r.boolean("vod:transferAcceleration")
	m.NoncurrentVersionDays = r.integer("vod:noncurrentVersionDays", 1, 3650)
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}
