package config

import (
	"fmt"
	"sort"
	"strings"
)

// namespaces are the prefixes of StreamCDK's context keys.
var namespaces = []string{"vod:", "live:", "streamcdk:"}

// unknownKeys reports keys that look meant for StreamCDK but name no setting: misspelt keys in
// its namespaces, keys under a misspelt namespace (vdo:codec) and keys without one (codec),
// each with the closest setting.
func unknownKeys(given []string) error {
	var msgs []string
	for _, k := range given {
		if _, ok := Keys[k]; ok {
			continue
		}
		if why, refused := refusedKeys[k]; refused {
			msgs = append(msgs, fmt.Sprintf("context %s is refused: %s", k, why))
			continue
		}
		guess, ok := meantFor(k)
		if !ok {
			continue // someone else's context key (CDK feature flags and the like)
		}
		msg := fmt.Sprintf("context %s is not a StreamCDK setting", k)
		if guess != "" {
			msg += fmt.Sprintf("; did you mean %s?", guess)
		} else {
			msg += "; the settings are listed in README.md (Configuration)"
		}
		msgs = append(msgs, msg)
	}
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

// meantFor says whether the unknown key k looks meant for StreamCDK and, if one is close
// enough, which setting.
func meantFor(k string) (guess string, ours bool) {
	ns, name, hasNs := strings.Cut(k, ":")
	if !hasNs { // "codec": ours only if it is a setting's name without its namespace
		var matches []string
		for _, key := range sortedKeys() {
			if strings.EqualFold(keyName(key), k) {
				matches = append(matches, key)
			}
		}
		return strings.Join(matches, " or "), len(matches) > 0
	}
	for _, n := range namespaces {
		if strings.EqualFold(ns+":", n) || distance(strings.ToLower(ns+":"), n) <= 1 {
			for _, key := range sortedKeys() { // a setting's name cut short: streamcdk:vodStack
				if strings.HasPrefix(strings.ToLower(key), strings.ToLower(n+name)) {
					return key, true
				}
			}
			best, d := closest(n + name)
			if d <= max(2, len(name)/4) || strings.HasPrefix(strings.ToLower(best), strings.ToLower(n+name)) {
				return best, true
			}
			return "", true
		}
	}
	if best, d := closest(k); d <= 2 {
		return best, true
	}
	return "", false
}

func sortedKeys() []string {
	known := make([]string, 0, len(Keys))
	for key := range Keys {
		known = append(known, key)
	}
	sort.Strings(known)
	return known
}

func keyName(k string) string {
	_, n, _ := strings.Cut(k, ":")
	return n
}

// closest returns the known key nearest to k, ignoring case, and its distance.
func closest(k string) (string, int) {
	best, bd := "", 1<<30
	for _, key := range sortedKeys() {
		if d := distance(strings.ToLower(k), strings.ToLower(key)); d < bd {
			best, bd = key, d
		}
	}
	return best, bd
}

// distance is the optimal string alignment distance: edits, counting a swap of neighbours as one.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
