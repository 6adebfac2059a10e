package config

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/validate"
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

// quote shows a value as the user wrote it: a string quoted, anything else as JSON.
func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprint(v)
}

// kind is the JSON type of a context value. The command line (-c key=value) always gives a
// string; cdk.json may hold any JSON type, and a reader says which of them it takes, so that a
// wrong type (an object for a codec, a number for a switch) is refused instead of being turned
// into text.
type kind int

const (
	jsonString kind = 1 << iota
	jsonNumber
	jsonBool
	jsonArray // of strings and numbers
)

func kindOf(v any) (kind, string) {
	switch t := v.(type) {
	case string:
		return jsonString, "a string"
	case float64:
		if t == math.Trunc(t) && math.Abs(t) > 1<<53 {
			return 0, "a number too large to be read exactly (write it as a string)"
		}
		return jsonNumber, "a number"
	case bool:
		return jsonBool, "a boolean"
	case []any:
		for _, e := range t {
			if k, _ := kindOf(e); k != jsonString && k != jsonNumber {
				return 0, "a list with an item that is not a string or a number"
			}
		}
		return jsonArray, "a list"
	case map[string]any:
		return 0, "a JSON object"
	}
	return 0, fmt.Sprintf("a value of Go type %T", v)
}

// raw returns the value as a trimmed string; ok is false when the key is unset or its value is
// refused. A value of a JSON type the key does not take is an error, and so is a key that is set
// to nothing: it would otherwise mean the default without saying so.
func (r *reader) raw(key string, takes kind, want string) (string, any, bool) {
	v := r.get(key)
	if v == nil {
		return "", nil, false
	}
	if k, is := kindOf(v); k&(takes|jsonString) == 0 {
		if r.err == nil {
			r.err = fmt.Errorf("context %s: %s is %s; %s", key, quote(v), is, want)
		}
		return "", v, false
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
			parts = append(parts, text(e))
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// str reads a free-form string for the fields at paths.
func (r *reader) str(key string, paths ...string) string {
	r.bind(key, paths...)
	s, _, _ := r.raw(key, jsonNumber, "use a string")
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
	s, v, ok := r.raw(key, jsonBool, "use true or false")
	if !ok {
		return false
	}
	// Only the words: strconv.ParseBool's 1, t, F... would let a typo switch a feature.
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	}
	r.fail(key, v, "use true or false")
	return false
}

// off reads a boolean that defaults to true and returns whether it was set to false (for the
// stacks' Without... fields, whose zero value keeps the feature).
func (r *reader) off(key string, paths ...string) bool {
	on := r.boolean(key, paths...)
	return r.get(key) != nil && !on
}

// integer reads a whole number for the field at path; its range is the construct's to check.
// Where the field's zero means "the default", an explicit 0 is refused rather than silently
// turned into the default.
func (r *reader) integer(key, path string, zeroIsDefault bool) int {
	r.bind(key, path)
	s, v, ok := r.raw(key, jsonNumber, "use a whole number")
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

// listWant is what a list key takes.
const listWant = `use a comma-separated string ("a,b") or a JSON list (["a","b"])`

// list splits a comma-separated value into trimmed items; a JSON list in cdk.json gives its items
// as they are (a single number is a list of one). An empty item is refused, and so is an item of
// a JSON list with a comma in it (it would read as two).
func (r *reader) list(key string, paths ...string) []string {
	r.bind(key, paths...)
	s, v, ok := r.raw(key, jsonArray|jsonNumber, listWant)
	if !ok {
		return nil
	}
	var items []string
	if arr, isArr := v.([]any); isArr {
		for _, e := range arr {
			items = append(items, text(e))
		}
	} else {
		items = strings.Split(strings.TrimSuffix(s, ","), ",") // one trailing comma is harmless
	}
	out := make([]string, 0, len(items))
	for i, p := range items {
		if p = strings.TrimSpace(p); p == "" {
			r.fail(key, v, fmt.Sprintf("it has an empty item (number %d): list the values separated by single commas", i+1))
			return nil
		}
		if _, isArr := v.([]any); isArr && strings.Contains(p, ",") {
			r.fail(key, v, fmt.Sprintf("item %d %q has a comma: give each value as its own item", i+1, p))
			return nil
		}
		out = append(out, p)
	}
	return out
}
