package validate

import (
	"net/mail"
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

// Email accepts a plain email address such as media-ops@example.com.
func Email(pkg, field, e string) error {
	if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
		return Invalid(pkg, field, e, "is not an email address such as media-ops@example.com")
	}
	return nil
}
