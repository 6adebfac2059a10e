package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/streamcdk/streamcdk/internal/validate"
)

// Getter returns the context value for key, or nil when the key is not set.
type Getter func(key string) any

// binding ties a context key to the props fields it sets, so that an error a construct reports
// about a field can be told in the key's words.
type binding struct {
	key    string
	fields []field
	// label and items name list items in messages ("rung", and each rung as written).
	label string
	items []string
	// written is the value as the user wrote it ("" when unset).
	written string
}

// field is a path in stacks.AppProps; [] stands for any index. scale shows its numbers in the
// key's unit (e.g. kb/s for a field in bits per second).
type field struct {
	path  string
	scale *validate.Scale
}

// reader reads typed values, records which fields each key sets, and keeps the first error.
type reader struct {
	get      Getter
	err      error
	bindings []*binding
}

// bind records that key sets the fields at paths (in stacks.AppProps).
func (r *reader) bind(key string, paths ...string) *binding {
	b := &binding{key: key}
	if v := r.get(key); v != nil {
		b.written = text(v)
	}
	for _, p := range paths {
		b.fields = append(b.fields, field{path: p})
	}
	r.bindings = append(r.bindings, b)
	return b
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

// raw returns the value as a trimmed string; ok is false when the key is unset. A key that is
// set to nothing is an error: it would otherwise mean the default without saying so.
func (r *reader) raw(key string) (string, any, bool) {
	v := r.get(key)
	if v == nil {
		return "", nil, false
	}
	s := text(v)
	if strings.Trim(s, ", ") == "" {
		if r.err == nil {
			r.err = fmt.Errorf("context %s: %s is empty; give a value, or remove the key for the default", key, quote(v))
		}
		return "", v, false
	}
	return s, v, true
}

// text is a context value as a trimmed string (cdk.json may hold numbers, booleans and arrays).
func text(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	case []any:
		parts := make([]string, 0, len(t))
		for _, e := range t {
			parts = append(parts, fmt.Sprint(e))
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// str reads a free-form string for the fields at paths.
func (r *reader) str(key string, paths ...string) string {
	r.bind(key, paths...)
	s, _, _ := r.raw(key)
	return s
}

// enum reads one of allowed in any case and returns it as allowed spells it. Anything else is
// returned as written, for the construct's own check to reject in full.
func enum[T ~string](r *reader, key, path string, allowed []T) T {
	s := r.str(key, path)
	for _, a := range allowed {
		if strings.EqualFold(s, string(a)) {
			return a
		}
	}
	return T(s)
}

// enumList is enum for a comma-separated list.
func enumList[T ~string](r *reader, key, path string, allowed []T) []T {
	var out []T
	for _, s := range r.list(key, path) {
		v := T(s)
		for _, a := range allowed {
			if strings.EqualFold(s, string(a)) {
				v = a
			}
		}
		out = append(out, v)
	}
	return out
}

func (r *reader) boolean(key string, paths ...string) bool {
	r.bind(key, paths...)
	s, v, ok := r.raw(key)
	if !ok {
		return false
	}
	b, err := strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		r.fail(key, v, "use true or false")
	}
	return b
}

// off reads a boolean that defaults to true and returns whether it was set to false (for the
// stacks' Without... fields, whose zero value keeps the feature).
func (r *reader) off(key string, paths ...string) bool {
	on := r.boolean(key, paths...)
	_, _, set := r.raw(key)
	return set && !on
}

// integer reads a whole number for the field at path; its range is the construct's to check.
// Where the field's zero means "the default", an explicit 0 is refused rather than silently
// turned into the default.
func (r *reader) integer(key, path string, zeroIsDefault bool) int {
	r.bind(key, path)
	s, v, ok := r.raw(key)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.fail(key, v, "use a whole number")
		return 0
	}
	if n == 0 && zeroIsDefault {
		r.fail(key, v, "use a positive whole number, or remove the key for the default")
	}
	return n
}

// list splits a comma-separated value (or a JSON array in cdk.json) into trimmed, non-empty items.
func (r *reader) list(key string, paths ...string) []string {
	r.bind(key, paths...)
	s, _, ok := r.raw(key)
	if !ok {
		return nil
	}
	var out []string
	items := strings.Split(strings.TrimSuffix(s, ","), ",") // one trailing comma is harmless
	for i, p := range items {
		if p = strings.TrimSpace(p); p == "" {
			r.fail(key, s, fmt.Sprintf("it has an empty item (number %d): list the values separated by single commas", i+1))
			return nil
		}
		out = append(out, p)
	}
	return out
}
