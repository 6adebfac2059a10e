package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

var indexRe = regexp.MustCompile(`\[(\d+)\]`)

// Explain tells err in the words of the context keys the user set: a construct's
// *validate.Error about stacks.AppProps fields becomes e.g.
// `context vod:gopSeconds: 4 is not allowed; use a whole number of seconds that divides
// vod:segmentSeconds (6)`. Other errors are returned unchanged.
func (c *Config) Explain(err error) error {
	var e *validate.Error
	if !errors.As(err, &e) {
		return err
	}
	b, scale := c.lookup(e.Prefix + e.Field)
	if b != nil && e.Value == validate.NoValue && b.written != "" && !indexRe.MatchString(e.Field) {
		shown := *e // the construct saw no plain value (a file's content, a resource): show what the user wrote
		shown.Value, e = b.written, &shown
		if r := []rune(b.written); len(r) > 60 {
			shown.Value = string(r[:57]) + "..."
		}
	}
	return errors.New("context " + e.Render(c.name, scale, ": "))
}

// name is how the user refers to the field at path: its key, and for a list item the item as
// written (`vod:ladder rung 2 "720:4500"`). A field no key sets keeps its Go path.
func (c *Config) name(path string) string {
	b, _ := c.lookup(path)
	if b == nil {
		return path
	}
	// The first index after the key's own field is the list item's (a rung of vod:ladder or of
	// live:ladder); an index before it is an enclosing list's (a channel of live:channels).
	if ms := indexRe.FindStringSubmatch(path[len(b.base(path)):]); ms != nil && b.label != "" {
		if i, err := strconv.Atoi(ms[1]); err == nil && i < len(b.items) {
			return fmt.Sprintf("%s %s %d %q", b.key, b.label, i+1, b.items[i])
		}
	}
	return b.key
}

// base is the shortest leading part of path that one of b's fields matches.
func (b *binding) base(path string) string {
	var prefixes []string
	for p := path; p != ""; p = parent(p) {
		prefixes = append([]string{p}, prefixes...)
	}
	for _, p := range prefixes {
		for _, f := range b.fields {
			if pathMatches(f.path, p) {
				return p
			}
		}
	}
	return path
}

// lookup finds the binding of the field at path, or of its nearest enclosing field, and the
// scale of the most specific match. A binding's path may hold "[]" (any index) or "[n]" (that
// list item only, e.g. one of live:channels).
func (c *Config) lookup(path string) (*binding, *validate.Scale) {
	for p := path; p != ""; p = parent(p) {
		for _, b := range c.bindings {
			for _, f := range b.fields {
				if pathMatches(f.path, p) {
					return b, f.scale
				}
			}
		}
	}
	return nil, nil
}

// parent drops the last ".Field" or "[n]" of a path.
func parent(p string) string {
	if i := strings.LastIndexAny(p, ".["); i > 0 {
		return p[:i]
	}
	return ""
}

// pathMatches compares a binding pattern with a concrete path, "[]" matching any index.
func pathMatches(pattern, path string) bool {
	if pattern == path {
		return true
	}
	if !strings.Contains(pattern, "[]") {
		return false
	}
	re := "^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\[\]`, `\[\d+\]`) + "$"
	ok, _ := regexp.MatchString(re, path)
	return ok
}
