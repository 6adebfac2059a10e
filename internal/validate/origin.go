package validate

import (
	"net/url"
	"strings"
)

// Origin accepts "*" or an http(s) origin without a path, such as https://app.example.com.
func Origin(pkg, field, o string) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || strings.ContainsAny(o, " ?#") {
		return Invalid(pkg, field, o, "is not an origin; use * or scheme://host[:port], e.g. https://player.example.com")
	}
	return nil
}
