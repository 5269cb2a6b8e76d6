package acctest

import "strings"

// LongNameLength is the length of the long names tests give objects: over
// the 256 characters the provider once refused on names, labels and tags,
// a limit neither DSS's reference nor Dataiku's client documents.
const LongNameLength = 300

// LongName is a name of LongNameLength characters c: DSS judges it, so
// the provider must plan, apply and import it.
func LongName(c string) string { return strings.Repeat(c, LongNameLength) }
