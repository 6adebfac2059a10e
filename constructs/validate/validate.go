// Package validate is how StreamCDK's constructs reject settings, in a form each audience can
// read. A construct's check returns an *Error naming the Go field relative to its props (what a
// library caller wrote); the stacks place it within their props (Within); the app, which knows
// which context key set which field, rewrites it in the key's words and units (see
// internal/config). One rule, one place; two vocabularies.
//
// For a library caller: a constructor given bad props panics with an *Error before it creates
// anything (as CDK constructs do), and each props type's Validate method returns the same error
// without constructing; errors.As(err, &e) with e of type *validate.Error gives its Field, Value
// and Problem.
package validate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is one rejected setting.
type Error struct {
	// Pkg is the package that made the check ("transcode"), shown to library callers.
	Pkg string
	// Prefix places Field within an enclosing props struct ("Vod.Pipeline."); set by Within.
	Prefix string
	// Field is the Go path of the setting within the checked props, e.g. "Encoding.Ladder[1].MaxBitrate".
	Field string
	// Value is the value given. NoValue leaves it out of the message.
	Value any
	// Problem follows the value: "is not allowed; use ...". It names other fields as {Path}
	// (relative to the same props), so that each audience sees them in its own words.
	Problem string
	// Range, when set, is the allowed interval of a whole number; Problem is then derived from it.
	Range *Range
}

// Range is an allowed interval of whole numbers in Unit ("seconds", "bits per second").
type Range struct {
	Min, Max int
	Unit     string
}

type noValue struct{}

// NoValue as an Error's Value leaves the value out of the message (for whole structs).
var NoValue any = noValue{}

// Invalid returns an error for field holding value; problem may name other fields as {Path}.
func Invalid(pkg, field string, value any, problem string, args ...any) *Error {
	if len(args) > 0 {
		problem = fmt.Sprintf(problem, args...)
	}
	return &Error{Pkg: pkg, Field: field, Value: value, Problem: problem}
}

// OutOfRange returns an error for a number outside [min, max] unit.
func OutOfRange(pkg, field string, value, min, max int, unit string) *Error {
	return &Error{Pkg: pkg, Field: field, Value: value, Range: &Range{Min: min, Max: max, Unit: unit}}
}

// InRange checks min <= v <= max; 0 is accepted as "the default" when zeroIsDefault.
func InRange(pkg, field string, v, min, max int, unit string, zeroIsDefault bool) error {
	if (v == 0 && zeroIsDefault) || (v >= min && v <= max) {
		return nil
	}
	return OutOfRange(pkg, field, v, min, max, unit)
}

var refRe = regexp.MustCompile(`\{([^{}]+)\}`)

// Error reads in Go terms: `transcode: Encoding.GOPSeconds 4 is not allowed; use ...`.
func (e *Error) Error() string {
	return e.Pkg + ": " + e.Render(func(path string) string { return path }, nil, " ")
}

// Render writes the message with every field path (Prefix included) shown by name, the error's
// own numbers shown by scale (nil: as they are), and sep between the field and its value.
func (e *Error) Render(name func(path string) string, scale *Scale, sep string) string {
	var b strings.Builder
	b.WriteString(name(e.Prefix + e.Field))
	unit := ""
	if e.Range != nil {
		unit = e.Range.Unit
		if scale != nil && scale.Unit != "" {
			unit = scale.Unit
		}
	}
	if e.Value != NoValue {
		b.WriteString(sep)
		b.WriteString(e.show(e.Value, scale))
		if unit != "" {
			b.WriteString(" " + unit)
		}
	}
	b.WriteString(" ")
	if r := e.Range; r != nil {
		fmt.Fprintf(&b, "is not allowed; use %s to %s", e.show(r.Min, scale), e.show(r.Max, scale))
		if unit != "" {
			b.WriteString(" " + unit)
		}
	} else {
		b.WriteString(refRe.ReplaceAllStringFunc(e.Problem, func(m string) string {
			return name(e.Prefix + m[1:len(m)-1])
		}))
	}
	return b.String()
}

// Scale shows a field's numbers in another unit: value / Divisor, in Unit.
type Scale struct {
	Divisor int
	Unit    string
}

func (e *Error) show(v any, scale *Scale) string {
	switch t := v.(type) {
	case string:
		return strconv.Quote(t)
	case []string:
		return strconv.Quote(strings.Join(t, ","))
	case int:
		if scale != nil && scale.Divisor > 1 {
			if t%scale.Divisor == 0 {
				return strconv.Itoa(t / scale.Divisor)
			}
			return strconv.FormatFloat(float64(t)/float64(scale.Divisor), 'f', -1, 64)
		}
		return strconv.Itoa(t)
	}
	return fmt.Sprint(v)
}

// Within runs f and places any *Error it panics with inside the field prefix (e.g. "Pipeline"),
// so that package pkg (a stack) reports its constructs' errors relative to its own props.
func Within(pkg, prefix string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			if err, ok := r.(error); ok {
				panic(Nest(pkg, prefix, err))
			}
			panic(r)
		}
	}()
	f()
}

// Nest places err, when it is an *Error, inside the field prefix and reports it as package pkg's
// (a construct reporting an error of a value type it holds, such as transcode's Encoding).
// Other errors are returned as they are.
func Nest(pkg, prefix string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Pkg, c.Prefix = pkg, prefix+"."+c.Prefix
	return &c
}

// OneOf checks that v is one of allowed ("is not allowed; use A, B or C").
func OneOf[T ~string](pkg, field string, v T, allowed []T) error {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		if v == a {
			return nil
		}
		names[i] = string(a)
	}
	return Invalid(pkg, field, string(v), "is not allowed; use %s", Choices(names))
}

// OneOfOrDefault is OneOf where "" (the field left unset: its default) is allowed too.
func OneOfOrDefault[T ~string](pkg, field string, v T, allowed []T) error {
	if v == "" {
		return nil
	}
	return OneOf(pkg, field, v, allowed)
}

// Choices lists names as a sentence does: "A", "A or B", "A, B or C".
func Choices(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// IntIn checks that v is one of allowed (whole numbers in unit).
func IntIn(pkg, field string, v int, allowed []int, unit string) error {
	parts := make([]string, len(allowed))
	for i, a := range allowed {
		if v == a {
			return nil
		}
		parts[i] = strconv.Itoa(a)
	}
	return Invalid(pkg, field, v, "is not allowed; use one of %s %s", strings.Join(parts, ", "), unit)
}
