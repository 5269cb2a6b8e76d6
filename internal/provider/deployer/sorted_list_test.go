package deployer_test

import (
	"fmt"
	"sort"
	"strings"
)

// sortedListIs compares got, sorted here, with want, given sorted: the
// checks of the bundles, packages and versions DSS holds read them so,
// whatever DSS's order. what names the list in the error.
func sortedListIs(what string, got, want []string) error {
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		return fmt.Errorf("%s: %v, want %v", what, got, want)
	}
	return nil
}
