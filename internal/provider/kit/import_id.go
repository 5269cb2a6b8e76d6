package kit

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Import IDs are parsed by pure functions so that they can be fuzzed
// (fuzz_test.go) and so that what import accepts is exactly what the
// schema's validators accept: both use the rules of internal/dss/names.

// ImportPart is one dot-separated part of an import ID: its placeholder in
// the expected form, the rule it follows and that rule's words.
type ImportPart struct {
	Label   string
	Pattern *regexp.Regexp
	Rule    string // completes "must …"
}

// The parts import IDs are made of. Only the last part of an ID may hold
// a dot (scenario and zone ids may); every other part cannot, so splitting
// on the first dots is unambiguous.
var (
	ProjectKeyPart = ImportPart{"PROJECT_KEY", ProjectKeyPattern, names.ProjectKeyRule}
	DatasetPart    = ImportPart{"dataset_name", names.RefNamePattern, names.RefNameRule}
	RecipePart     = ImportPart{"recipe_name", names.RefNamePattern, names.RefNameRule}
	FolderPart     = ImportPart{"folder_id", names.RefNamePattern, names.RefNameRule}
	// StreamingEndpointPart: an endpoint's id is the name its creator
	// chose, named in recipe refs as a dataset is.
	StreamingEndpointPart = ImportPart{"endpoint_name", names.RefNamePattern, names.RefNameRule}
	ScenarioPart          = ImportPart{"scenario_id", names.ScenarioIDPattern, names.ScenarioIDRule}
	ZonePart              = ImportPart{"zone_id", names.IDPattern, names.IDRule}
	RulePart              = ImportPart{"rule_id", names.IDPattern, names.IDRule}
)

// ParseImportID splits id into len(parts) parts on its first dots and
// checks each against its rule. example is a valid ID, with a note when
// useful ("the zone's id, not its name"), for the error.
func ParseImportID(id, example string, parts ...ImportPart) ([]string, error) {
	return ParseImportIDSep(id, ".", example, parts...)
}

// ParseImportIDSep is ParseImportID for an ID whose parts sep joins (a
// slash where a part may hold dots: a wiki article's PROJECT_KEY/id).
func ParseImportIDSep(id, sep, example string, parts ...ImportPart) ([]string, error) {
	got := strings.SplitN(id, sep, len(parts))
	ok := len(got) == len(parts)
	for i := 0; ok && i < len(parts); i++ {
		ok = parts[i].Pattern.MatchString(got[i])
	}
	if ok {
		return got, nil
	}
	labels := make([]string, len(parts))
	var rules []string
	seen := map[string]bool{}
	for i, p := range parts {
		labels[i] = p.Label
		if !seen[p.Rule] {
			seen[p.Rule] = true
			rules = append(rules, p.Label+" must "+p.Rule)
		}
	}
	return nil, fmt.Errorf("expected %s (%s), where %s; got %q", strings.Join(labels, sep), example, strings.Join(rules, ", "), id)
}

// The kinds' import IDs are parsed by their addresses (address.go); these
// split them for the fuzz and unit tests of each form.

// sentence turns an error into a diagnostic's sentence: capitalised, with
// a final period.
func sentence(err error) string {
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

// Validator checks the part where a configuration gives it, by the rule
// its import ID is checked against, so that the two never disagree.
func (p ImportPart) Validator() validator.String {
	return stringvalidator.RegexMatches(p.Pattern, "must "+p.Rule)
}

// IDValidator checks an id that DSS generates or a caller chooses and
// that any path segment can hold (names.IDPattern): deployments, infras,
// packages, wiki articles.
var IDValidator = IDValidatorPart.Validator()

// IDValidatorPart is the rule IDValidator checks.
var IDValidatorPart = ImportPart{Label: "id", Pattern: names.IDPattern, Rule: names.IDRule}
