package adopt

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// identifier turns DSS names into a Terraform resource name: lower case,
// accents dropped (été is ete), every other character than a-z, 0-9 and _
// becomes _, runs of _ are folded, and a name that does not start with a
// letter or _ gets a leading _. It depends only on the names, so a name
// is the same on every run whatever else the instance holds.
func identifier(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('_')
		}
		for _, r := range norm.NFD.String(strings.ToLower(p)) {
			if unicode.Is(unicode.Mn, r) {
				continue // an accent, decomposed from its letter
			}
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
	}
	s := b.String()
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	s = strings.Trim(s, "_")
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "_" + s
	}
	return s
}

// shortHash is a stable 6-hex-digit digest of an import id.
func shortHash(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:3])
}

// assignNames gives each object its resource name: its identifier, or,
// when two objects of one type would share it (DSS names differing only by
// case or punctuation), the identifier plus a hash of the import id on
// every one of them, so that no object's name depends on which other came
// first.
func assignNames(objs []*object) {
	byAddr := map[string][]*object{}
	for _, o := range objs {
		o.Name = identifier(o.nameParts...)
		byAddr[o.Type()+"."+o.Name] = append(byAddr[o.Type()+"."+o.Name], o)
	}
	keys := make([]string, 0, len(byAddr))
	for k := range byAddr {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	taken := map[string]bool{}
	for _, k := range keys {
		if len(byAddr[k]) == 1 {
			taken[k] = true
		}
	}
	for _, k := range keys {
		group := byAddr[k]
		if len(group) == 1 {
			continue
		}
		for _, o := range group {
			name := o.Name + "_" + shortHash(o.ID)
			// A hashed name could in theory equal another object's
			// plain name; lengthen the digest until it is free.
			for n := 1; taken[o.Type()+"."+name]; n++ {
				name = o.Name + "_" + shortHash(strings.Repeat("#", n)+o.ID)
			}
			o.Name = name
			taken[o.Type()+"."+name] = true
		}
	}
}
