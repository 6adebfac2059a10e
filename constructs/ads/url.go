package ads

import (
	"net/netip"

	"net/url"
	"regexp"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// MaxServerURLLength is MediaTailor's limit on an ad decision server URL, in characters.
const MaxServerURLLength = 25000

// SessionVariables are the [session.*] and [avail.*] variables MediaTailor fills in an ad
// decision server URL; [scte.*] and [player_params.*] variables are accepted by prefix.
var SessionVariables = []string{
	"avail.index", "avail.random",
	"session.avail_duration_ms", "session.avail_duration_secs", "session.client_ip", "session.id",
	"session.referer", "session.user_agent", "session.uuid",
}

var (
	variableRe = regexp.MustCompile(`\[([^\[\]]*)\]`)
	paramRe    = regexp.MustCompile(`^player_params\.[A-Za-z0-9_.-]+$`)
	scteRe     = regexp.MustCompile(`^scte\.[A-Za-z0-9_.-]+$`)
)

// CheckServerURL checks an ad decision server URL as MediaTailor takes it: https, at most
// MaxServerURLLength characters, a host, and only the [variables] MediaTailor knows. Its error
// is a *validate.Error for field of package pkg.
func CheckServerURL(pkg, field, u string) error {
	bad := func(problem string, args ...any) error { return validate.Invalid(pkg, field, u, problem, args...) }
	if len(u) > MaxServerURLLength {
		return validate.Invalid(pkg, field, validate.NoValue, "is %d characters long; MediaTailor takes at most %d", len(u), MaxServerURLLength)
	}
	if strings.ContainsAny(u, " \t\r\n") {
		return bad("contains white space; URL-encode it (%%20)")
	}
	for _, m := range variableRe.FindAllStringSubmatch(u, -1) {
		v := m[1]
		if !knownVariable(v) {
			return bad("uses [%s], which MediaTailor does not fill; use %s, [scte.<field>] or [player_params.<name>]", v, variableList())
		}
	}
	if _, rest, ok := strings.Cut(u, "://"); ok {
		authority := rest
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			authority = rest[:i]
		}
		if strings.ContainsAny(authority, "[]") {
			// MediaTailor fills host variables only through configuration aliases, which these
			// configurations do not define ("All dynamic variables used in the domain must be defined as a ConfigurationAliases dynamic
			// variable", https://docs.aws.amazon.com/mediatailor/latest/ug/creating-configuration-aliases.html).
			return bad("puts a [variable] in the host; MediaTailor fills variables there only through configuration aliases: keep them in the path or query")
		}
	}
	plain := variableRe.ReplaceAllString(u, "x")
	p, err := url.Parse(plain)
	if err != nil || p.Scheme != "https" || p.Host == "" || strings.ContainsAny(plain, "[]") {
		return bad("is not an https URL of an ad decision server (VAST or VMAP), e.g. https://ads.example.com/vast?duration=[session.avail_duration_secs]&id=[session.id]")
	}
	return checkHost(bad, p)
}

// checkHost refuses what a template must not carry or the service cannot reach: credentials in
// the URL (they would sit in the template and the console in plain text) and a bare host
// without a domain (only resolvable inside some private network, not by MediaTailor).
func checkHost(bad func(string, ...any) error, p *url.URL) error {
	if p.User != nil {
		return bad("carries credentials (user:password@), which the template would hold in plain text; let the server admit MediaTailor by its source addresses instead (any secret in the URL sits in the template the same way)")
	}
	host := p.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if !ip.IsGlobalUnicast() || ip.IsPrivate() {
			return bad("names %s, an address MediaTailor cannot reach (private, loopback or link-local); use a public host name", host)
		}
		return nil
	}
	if !strings.Contains(host, ".") || strings.HasSuffix(host, ".") {
		return bad("names the bare host %q; use a fully qualified public host name such as ads.example.com", host)
	}
	return nil
}

// CheckSlateURL accepts the https URL of a slate (an MP4 file MediaTailor plays where ads do
// not fill a break), with the same host rules as CheckServerURL.
func CheckSlateURL(pkg, field, u string) error {
	bad := func(problem string, args ...any) error { return validate.Invalid(pkg, field, u, problem, args...) }
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "https" || p.Host == "" || strings.ContainsAny(u, " []") || !strings.HasSuffix(strings.ToLower(p.Path), ".mp4") {
		return bad("is not allowed; use the https URL of an MP4 file with video and audio (its path ending in .mp4)")
	}
	return checkHost(bad, p)
}

func knownVariable(v string) bool {
	for _, s := range SessionVariables {
		if v == s {
			return true
		}
	}
	return paramRe.MatchString(v) || scteRe.MatchString(v)
}

func variableList() string {
	out := make([]string, len(SessionVariables))
	for i, s := range SessionVariables {
		out[i] = "[" + s + "]"
	}
	return strings.Join(out, ", ")
}
