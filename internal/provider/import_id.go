package provider

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Import IDs are parsed by pure functions so that they can be fuzzed
// (import_id_fuzz_test.go) and so that what import accepts is exactly what
// the schema's validators accept.

// parseProjectImportID checks a dataiku_project import ID: the project key.
func parseProjectImportID(id string) (string, error) {
	if !projectKeyPattern.MatchString(id) || len(id) > maxProjectKeyLength {
		return "", fmt.Errorf("the import id is the project key, which %s and has at most %d characters; got %q", projectKeyRule, maxProjectKeyLength, id)
	}
	return id, nil
}

// parseDatasetImportID splits a dataiku_dataset import ID,
// PROJECT_KEY.dataset_name (DSS's own reference form). Neither part can
// hold a dot, so the split is unambiguous.
func parseDatasetImportID(id string) (projectKey, name string, err error) {
	key, name, ok := strings.Cut(id, ".")
	if !ok || !projectKeyPattern.MatchString(key) || len(key) > maxProjectKeyLength ||
		!datasetNamePattern.MatchString(name) || len(name) > maxDatasetNameLength {
		return "", "", fmt.Errorf("expected PROJECT_KEY.dataset_name (DSS's reference form, e.g. SALES.orders), "+
			"both made of letters, digits and underscores, the key at most %d and the name at most %d characters; got %q",
			maxProjectKeyLength, maxDatasetNameLength, id)
	}
	return key, name, nil
}

// sentence turns an error into a diagnostic's sentence: capitalised, with
// a final period.
func sentence(err error) string {
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}
