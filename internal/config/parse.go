package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Getter returns the context value for key, or nil when the key is not set.
type Getter func(key string) any

// reader reads typed values and keeps the first error.
type reader struct {
	get Getter
	err error
}

func (r *reader) fail(key string, v any, allowed string) {
	if r.err == nil {
		r.err = fmt.Errorf("context %s: %s is not allowed; %s", key, quote(v), allowed)
	}
}

func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// raw returns the value as a trimmed string; ok is false when unset or empty.
func (r *reader) raw(key string) (string, any, bool) {
	v := r.get(key)
	if v == nil {
		return "", nil, false
	}
	switch t := v.(type) {
	case string:
		s := strings.TrimSpace(t)
		return s, v, s != ""
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), v, true
	case bool:
		return strconv.FormatBool(t), v, true
	case []any:
		parts := make([]string, 0, len(t))
		for _, e := range t {
			parts = append(parts, fmt.Sprint(e))
		}
		return strings.Join(parts, ","), v, true
	}
	return fmt.Sprint(v), v, true
}

func (r *reader) str(key string) string {
	s, _, _ := r.raw(key)
	return s
}

// oneOf returns the value when it is one of allowed (case-sensitive), "" when unset.
func (r *reader) oneOf(key string, allowed ...string) string {
	s, v, ok := r.raw(key)
	if !ok {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	r.fail(key, v, "use one of "+strings.Join(allowed, ", "))
	return ""
}

func (r *reader) boolean(key string) bool {
	s, v, ok := r.raw(key)
	if !ok {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		r.fail(key, v, "use true or false")
	}
	return b
}

// integer returns 0 when unset, else a whole number in [min, max].
func (r *reader) integer(key string, min, max int) int {
	s, v, ok := r.raw(key)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		r.fail(key, v, fmt.Sprintf("use a whole number from %d to %d", min, max))
		return 0
	}
	return n
}

// list splits a comma-separated value (or a JSON array in cdk.json) into trimmed, non-empty items.
func (r *reader) list(key string) []string {
	s, _, ok := r.raw(key)
	if !ok {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// check runs f on the value and records its error against key.
func (r *reader) check(key string, value string, f func(string) error) {
	if value == "" || r.err != nil {
		return
	}
	if err := f(value); err != nil {
		r.err = fmt.Errorf("context %s: %w", key, err)
	}
}

// unknownKeys reports keys in StreamCDK's namespaces that no setting reads (usually typos).
func unknownKeys(given []string) error {
	var bad []string
	for _, k := range given {
		for _, ns := range namespaces {
			if strings.HasPrefix(k, ns) {
				if _, ok := Keys[k]; !ok {
					bad = append(bad, k)
				}
			}
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	known := make([]string, 0, len(Keys))
	for k := range Keys {
		known = append(known, k)
	}
	sort.Strings(known)
	return fmt.Errorf("context %s is not a StreamCDK setting; the settings are %s", strings.Join(bad, ", "), strings.Join(known, ", "))
}
