package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// migrateGuide is the source of docs/guides/migrate.md (TestDocsUpToDate
// keeps the rendered page equal to it).
const migrateGuide = "templates/guides/migrate.md.tmpl"

// TestMigrateGuideNamesWhatExists keeps the migration guide honest as the
// provider and dss-adopt change: every dataiku_ type it names must be a
// resource, data source, list resource, action or ephemeral resource of the
// provider, every --flag a flag dss-adopt defines, and every kind given to
// --kinds a kind dss-adopt adopts. The other tools' own type names (the
// community provider also names its types dataiku_...) are allowed only in
// the first column of a table whose header starts with "Their", where the
// guide maps them to ours. The guide must also be linked from the README
// and the index page.
func TestMigrateGuideNamesWhatExists(t *testing.T) {
	root := acctest.RepoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, migrateGuide))
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range migrateGuideProblems(string(b), providerTypeNames(t), adopt.FlagNames(), adopt.SupportedTypes()) {
		t.Errorf("%s: %s", migrateGuide, problem)
	}
	for doc, link := range map[string]string{"README.md": "(docs/guides/migrate.md)", "templates/index.md.tmpl": "(guides/migrate.md)"} {
		text, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), link) {
			t.Errorf("%s does not link the migration guide %s", doc, link)
		}
	}
}

// TestMigrateGuideCheckCatchesMistakes shows that the check above fails on
// a guide naming a type, a flag or a kind that does not exist, and on one of
// the other tools' types named outside a mapping table's first column.
func TestMigrateGuideCheckCatchesMistakes(t *testing.T) {
	types := providerTypeNames(t)
	good := "Adopt with `dss-adopt --out x --kinds user,group` into `dataiku_user`.\n\n" +
		"| Their resource | This provider |\n|---|---|\n| `dataiku_project_permissions` | `dataiku_project` |\n"
	if problems := migrateGuideProblems(good, types, adopt.FlagNames(), adopt.SupportedTypes()); len(problems) != 0 {
		t.Fatalf("a correct guide was refused: %v", problems)
	}
	for name, bad := range map[string]string{
		"unknown type":               good + "\nThen `dataiku_no_such_thing`.\n",
		"their type outside a table": good + "\nTheir `dataiku_project_permissions` is gone.\n",
		"their type in our column":   good + "| `dataiku_x` | `dataiku_project_permissions` |\n",
		"unknown flag":               good + "\n`dss-adopt --out x --no-such-flag`\n",
		"unknown kind":               good + "\n`dss-adopt --kinds user,no_such_kind`\n",
	} {
		if problems := migrateGuideProblems(bad, types, adopt.FlagNames(), adopt.SupportedTypes()); len(problems) == 0 {
			t.Errorf("%s: the check found nothing wrong in %q", name, bad)
		}
	}
}

var (
	typeNameRe = regexp.MustCompile(`\bdataiku_[a-z0-9_]*[a-z0-9]\b`)
	flagRe     = regexp.MustCompile("(?:^|[\\s`(])--([a-z][a-z0-9-]*)")
	kindsRe    = regexp.MustCompile(`--kinds[= ]+([a-z0-9_,]+)`)
)

// migrateGuideProblems lists what the guide names that does not exist:
// types not in known, flags not in flags, --kinds values not in kinds
// (resource types, with their dataiku_ prefix).
func migrateGuideProblems(guide string, known map[string]bool, flags, kinds []string) []string {
	var problems []string
	inTheirTable := false
	for i, line := range strings.Split(guide, "\n") {
		checked := line
		trimmed := strings.TrimSpace(line)
		switch {
		case !strings.HasPrefix(trimmed, "|"):
			inTheirTable = false
		case !inTheirTable && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(trimmed, "|")), "Their"):
			inTheirTable = true
		case inTheirTable:
			// A row of a mapping table: its first cell names the other
			// tool's object, not ours.
			cells := strings.SplitN(strings.TrimPrefix(trimmed, "|"), "|", 2)
			if len(cells) == 2 {
				checked = cells[1]
			}
		}
		for _, typ := range typeNameRe.FindAllString(checked, -1) {
			if !known[typ] {
				problems = append(problems, lineRef(i)+"names "+typ+", which is not a type of this provider")
			}
		}
		for _, m := range flagRe.FindAllStringSubmatch(line, -1) {
			if !slices.Contains(flags, m[1]) {
				problems = append(problems, lineRef(i)+"names --"+m[1]+", which dss-adopt does not define")
			}
		}
		for _, m := range kindsRe.FindAllStringSubmatch(line, -1) {
			for k := range strings.SplitSeq(m[1], ",") {
				if k != "" && !slices.Contains(kinds, "dataiku_"+strings.TrimPrefix(k, "dataiku_")) {
					problems = append(problems, lineRef(i)+"gives --kinds "+k+", which dss-adopt does not adopt")
				}
			}
		}
	}
	return problems
}

func lineRef(i int) string { return "line " + strconv.Itoa(i+1) + ": " }

// providerTypeNames is every type name the provider registers: resources,
// data sources, list resources, actions and ephemeral resources.
func providerTypeNames(t *testing.T) map[string]bool {
	t.Helper()
	ctx := context.Background()
	p := dataiku.New("test")().(*dataiku.DataikuProvider)
	known := map[string]bool{}
	for typ := range acctest.ResourceSchemas(t) {
		known[typ] = true
	}
	for typ := range acctest.DataSourceSchemas(t) {
		known[typ] = true
	}
	for typ := range testListResources(t) {
		known[typ] = true
	}
	for _, f := range p.Actions(ctx) {
		md := &action.MetadataResponse{}
		f().Metadata(ctx, action.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		known[md.TypeName] = true
	}
	for _, f := range p.EphemeralResources(ctx) {
		md := &ephemeral.MetadataResponse{}
		f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		known[md.TypeName] = true
	}
	return known
}
