package provider

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Import IDs are parsed by pure functions so that they can be fuzzed
// (fuzz_test.go) and so that what import accepts is exactly what the
// schema's validators accept: both use the rules of internal/dss/names.

// importPart is one dot-separated part of an import ID: its placeholder in
// the expected form, the rule it follows and that rule's words.
type importPart struct {
	label   string
	pattern *regexp.Regexp
	rule    string // completes "must …"
}

// The parts import IDs are made of. Only the last part of an ID may hold
// a dot (scenario and zone ids may); every other part cannot, so splitting
// on the first dots is unambiguous.
var (
	projectKeyPart = importPart{"PROJECT_KEY", projectKeyPattern, names.ProjectKeyRule}
	datasetPart    = importPart{"dataset_name", names.RefNamePattern, names.RefNameRule}
	recipePart     = importPart{"recipe_name", names.RefNamePattern, names.RefNameRule}
	folderPart     = importPart{"folder_id", names.RefNamePattern, names.RefNameRule}
	scenarioPart   = importPart{"scenario_id", names.ScenarioIDPattern, names.ScenarioIDRule}
	zonePart       = importPart{"zone_id", names.IDPattern, names.IDRule}
	rulePart       = importPart{"rule_id", names.IDPattern, names.IDRule}
)

// parseImportID splits id into len(parts) parts on its first dots and
// checks each against its rule. example is a valid ID, with a note when
// useful ("the zone's id, not its name"), for the error.
func parseImportID(id, example string, parts ...importPart) ([]string, error) {
	got := strings.SplitN(id, ".", len(parts))
	ok := len(got) == len(parts)
	for i := 0; ok && i < len(parts); i++ {
		ok = parts[i].pattern.MatchString(got[i])
	}
	if ok {
		return got, nil
	}
	labels := make([]string, len(parts))
	var rules []string
	seen := map[string]bool{}
	for i, p := range parts {
		labels[i] = p.label
		if !seen[p.rule] {
			seen[p.rule] = true
			rules = append(rules, p.label+" must "+p.rule)
		}
	}
	return nil, fmt.Errorf("expected %s (%s), where %s; got %q", strings.Join(labels, "."), example, strings.Join(rules, ", "), id)
}

// The kinds' import IDs are parsed by their addresses (address.go); these
// split them for the fuzz and unit tests of each form.

// parseProjectImportID checks a dataiku_project import ID: the project key.
func parseProjectImportID(id string) (string, error) {
	p, err := projectAddress.parseImportKey(id)
	if err != nil {
		return "", err
	}
	return p[0], nil
}

// parseDatasetImportID splits a dataiku_dataset import ID,
// PROJECT_KEY.dataset_name (DSS's own reference form, e.g. SALES.orders).
func parseDatasetImportID(id string) (projectKey, name string, err error) {
	p, err := datasetAddress.parseImportKey(id)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// parseManagedFolderImportID splits PROJECT_KEY.folder_id.
func parseManagedFolderImportID(id string) (projectKey, folderID string, err error) {
	p, err := managedFolderAddress.parseImportKey(id)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// parseZoneImportID splits PROJECT_KEY.zone_id; the caller refuses the
// default zone.
func parseZoneImportID(id string) (projectKey, zoneID string, err error) {
	p, err := parseImportID(id, "the zone's id, not its name, e.g. SALES.kFJ3a9x", projectKeyPart, zonePart)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// parseDataQualityRuleImportID splits PROJECT_KEY.dataset_name.rule_id.
func parseDataQualityRuleImportID(id string) (projectKey, dataset, ruleID string, err error) {
	p, err := dataQualityRuleAddress.parseImportKey(id)
	if err != nil {
		return "", "", "", err
	}
	return p[0], p[1], p[2], nil
}

// sentence turns an error into a diagnostic's sentence: capitalised, with
// a final period.
func sentence(err error) string {
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}
