package adopt

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// allKinds is every kind the command adopts, in the order imports.tf lists
// them (names.Kinds: instance first, then what lives in projects, parents
// before children, so that the file reads top-down), less notAdopted.
// Kind names, as --kinds takes them, are the resource types without
// names.TypePrefix.
var allKinds = slices.DeleteFunc(slices.Clone(names.Kinds), func(k string) bool { _, no := notAdopted[k]; return no })

// notAdopted are the kinds the command does not adopt, with the reason
// (NotAdoptedTypes gives them to the provider's coverage test).
var notAdopted = map[string]string{
	names.KindProjectGrant: "by default dss-adopt writes each project's grants as dataiku_project's authoritative permissions, " +
		"which a dataiku_project_grant for the same grants would fight (a perpetual diff); --grants adopts them as " +
		"dataiku_project_grant instead and leaves permissions out of the project",
	names.KindProjectBundle: "a bundle is a release artifact, exported once under a new id per release: " +
		"configurations create new ones rather than manage the existing ones",
	names.KindAPIServicePackage: "as dataiku_project_bundle: a package is a release artifact, made once under a new id per release: " +
		"configurations create new ones rather than manage the existing ones",
}

// NotAdoptedTypes lists the resource types the command does not adopt,
// with the reason.
func NotAdoptedTypes() map[string]string {
	out := map[string]string{}
	for k, why := range notAdopted {
		out[names.TypePrefix+k] = why
	}
	return out
}

// projectKinds are the kinds that live in a project: listing them costs
// one request per project (one per dataset for data quality rules).
var projectKinds = []string{names.KindDataset, names.KindManagedFolder, names.KindKnowledgeBank, names.KindRetrievalAugmentedLLM, names.KindAgentTool, names.KindAgent, names.KindEvaluationStore, names.KindCodeStudio, names.KindStreamingEndpoint, names.KindRecipe, names.KindScenario, names.KindFlowZone, names.KindWikiArticle, names.KindProjectWiki, names.KindDataQualityRule, names.KindExposedObject, names.KindExecutionDefaults, names.KindProjectGitRemote, names.KindProjectGitLibrary, names.KindProjectLibraryFile, names.KindJupyterNotebook}

// SupportedTypes lists the resource types the command adopts. A test of
// the provider compares it with the resource types the provider registers,
// so that a kind added later without adoption support fails the build.
func SupportedTypes() []string {
	out := make([]string, len(allKinds))
	for i, k := range allKinds {
		out[i] = names.TypePrefix + k
	}
	slices.Sort(out)
	return out
}

// parseKinds reads --kinds: names without the dataiku_ prefix, comma
// separated; the prefix is tolerated. Empty means every kind.
func parseKinds(s string) (map[string]bool, error) {
	out := map[string]bool{}
	if strings.TrimSpace(s) == "" {
		for _, k := range allKinds {
			out[k] = true
		}
		return out, nil
	}
	var unknown []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimPrefix(strings.TrimSpace(k), names.TypePrefix)
		if k == "" {
			continue
		}
		if !slices.Contains(allKinds, k) {
			unknown = append(unknown, fmt.Sprintf("%q", k))
			continue
		}
		out[k] = true
	}
	if len(unknown) > 0 {
		valid := slices.Clone(allKinds)
		slices.Sort(valid)
		return nil, fmt.Errorf("--kinds: unknown kind %s; valid kinds are: %s", strings.Join(unknown, ", "), strings.Join(valid, ", "))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--kinds names no kind")
	}
	return out, nil
}

// parseGlobs reads a comma-separated list of path.Match patterns, checking
// each one so that a malformed glob is refused before anything is listed.
func parseGlobs(flag, s string) ([]string, error) {
	var out []string
	for _, g := range strings.Split(s, ",") {
		g = strings.TrimSpace(g)
		if g == "" {
			continue
		}
		if _, err := path.Match(g, ""); err != nil {
			example := "project keys or globs of path.Match syntax: * (any run of characters), ? (one character), [abc] or [a-z] (one of a set), \\ to escape, e.g. SALES,MKT_*"
			if flag == "--exclude" {
				example = "globs of path.Match syntax (* any run of characters, ? one character, [abc] or [a-z] one of a set, \\ to escape) " +
					"matched against an import id or KIND:ID, e.g. SALES.tmp_*,user:svc_*"
			}
			return nil, fmt.Errorf("%s: %q is not a valid pattern (%w); valid values are %s", flag, g, err, example)
		}
		out = append(out, g)
	}
	return out, nil
}

// parseExclude reads --exclude: globs, each matched against an object's
// import id or KIND:ID. A KIND: part is checked against the kinds (the
// dataiku_ prefix tolerated, as --kinds does): a misspelled kind would
// exclude nothing, silently, and an apply could then delete the objects
// meant to be left out.
func parseExclude(s string) ([]string, error) {
	globs, err := parseGlobs("--exclude", s)
	if err != nil {
		return nil, err
	}
	for i, g := range globs {
		kind, rest, ok := strings.Cut(g, ":")
		if !ok {
			continue
		}
		kind = strings.TrimPrefix(kind, names.TypePrefix)
		globs[i] = kind + ":" + rest
		if strings.ContainsAny(kind, "*?[\\") || slices.Contains(names.Kinds, kind) {
			continue
		}
		valid := slices.Clone(names.Kinds)
		slices.Sort(valid)
		return nil, fmt.Errorf("--exclude: %q names no kind %q before its colon; kinds are: %s", g, kind, strings.Join(valid, ", "))
	}
	return globs, nil
}

// matchAny reports whether name matches one of globs (already checked).
func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}
