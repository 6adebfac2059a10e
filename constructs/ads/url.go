package ads

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/streamcdk/streamcdk/internal/validate"
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
		return bad("carries credentials (user:password@); the template would hold them in plain text: authenticate the server by a token in a query parameter it checks, or allow MediaTailor by its source addresses")
	}
	host := p.Hostname()
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
	if err != nil || p.Scheme != "https" || p.Host == "" || strings.ContainsAny(u, " []") {
		return bad("is not allowed; use the https URL of an MP4 file with video and audio")
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
