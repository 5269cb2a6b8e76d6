package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// exampleRequiredProviders is added to an example directory whose files do
// not declare the provider themselves: tfplugindocs examples show only the
// resource, but terraform needs the source address to find the provider.
const exampleRequiredProviders = `terraform {
  required_providers {
    dataiku = {
      source = "tf-dataiku/dataiku"
    }
  }
}
`

// exampleDirs lists every directory under examples/ and modules/ holding
// .tf files: provider, quickstart, resources/*, data-sources/*, the
// reusable modules and any added later.
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, top := range []string{"examples", "modules"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".")) && p != filepath.Join(root, top) {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".tf") {
				seen[filepath.Dir(p)] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

var (
	requiredProvidersRE = regexp.MustCompile(`(?m)^\s*required_providers\s*\{`)
	importCommandRE     = regexp.MustCompile(`terraform import\s+(?:'|")?([a-z0-9_]+)\.([A-Za-z0-9_-]+)`)
	resourceBlockRE     = regexp.MustCompile(`(?m)^resource\s+"([a-z0-9_]+)"\s+"([A-Za-z0-9_-]+)"`)
	moduleBlockRE       = regexp.MustCompile(`(?m)^module\s+"`)
)

// TestExamplesValidate runs terraform fmt -check and terraform validate, with
// the provider built from this tree, in every example directory, so that no
// published example uses an attribute that does not exist or is badly typed.
// It also checks that each import.sh imports a resource its resource.tf
// declares.
func TestExamplesValidate(t *testing.T) {
	t.Parallel()
	acctest.RequireTerraformCLITests(t)
	root := acctest.RepoRoot(t)
	dirs := exampleDirs(t, root)
	// The provider, data source and quickstart examples and the modules
	// exist from the start; fewer directories means the walk is broken,
	// not that all is well.
	for _, want := range []string{"examples/provider", "examples/quickstart", "examples/data-sources/dataiku_instance", "modules/team", "modules/project"} {
		if !slices.Contains(dirs, filepath.Join(root, filepath.FromSlash(want))) {
			t.Fatalf("%s was not found among %v", want, dirs)
		}
	}

	// One terraform fmt for every example: its diff names the files.
	if out, code := acctest.TerraformRun(t, root, "fmt", "-check", "-diff", "-recursive", "-no-color", "examples", "modules"); code != 0 {
		t.Errorf("examples/ or modules/ is not terraform fmt clean (run make fmt):\n%s", out)
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		rel = filepath.ToSlash(rel)
		t.Run(strings.TrimPrefix(rel, "examples/"), func(t *testing.T) {
			// Each example is validated in its own copy: the 98 ran one
			// after another, the longest chain of the package's run.
			t.Parallel()
			// A Terraform older than 1.14 cannot even parse an action
			// block: such an example needs the pinned one, as the actions'
			// tests do, and fails loudly without it.
			if declaresActions(t, dir) {
				acctest.RequireActionsTerraform(t)
			}
			work := acctest.CopyTerraformDir(t, dir)
			files, err := filepath.Glob(filepath.Join(work, "*.tf"))
			if err != nil {
				t.Fatal(err)
			}
			var resources string
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				resources += string(b) + "\n"
			}
			if !requiredProvidersRE.MatchString(resources) {
				if err := os.WriteFile(filepath.Join(work, "zz_required_providers.tf"), []byte(exampleRequiredProviders), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			// An example built from the reusable modules installs them
			// first, as a user's terraform init would.
			if moduleBlockRE.MatchString(resources) {
				if out, code := acctest.TerraformRun(t, work, "get", "-no-color"); code != 0 {
					t.Fatalf("terraform get in %s failed (exit %d):\n%s", rel, code, out)
				}
			}
			out, code := acctest.TerraformRun(t, work, "validate", "-no-color")
			if code != 0 || !strings.Contains(out, "The configuration is valid") {
				t.Errorf("terraform validate of %s failed (exit %d):\n%s", rel, code, out)
			}

			checkImportScript(t, dir, strings.TrimPrefix(rel, "examples/"), resources)
		})
	}
}

// checkImportScript checks that import.sh, when present, imports resources
// that the example declares.
func checkImportScript(t *testing.T, dir, rel, config string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "import.sh"))
	if os.IsNotExist(err) {
		if strings.HasPrefix(filepath.ToSlash(rel), "resources/") {
			t.Errorf("examples/%s has no import.sh", rel)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	imports := importCommandRE.FindAllStringSubmatch(string(b), -1)
	if len(imports) == 0 {
		t.Errorf("examples/%s/import.sh has no `terraform import TYPE.NAME ID` command", rel)
	}
	declared := map[string]bool{}
	for _, m := range resourceBlockRE.FindAllStringSubmatch(config, -1) {
		declared[m[1]+"."+m[2]] = true
	}
	for _, m := range imports {
		if addr := m[1] + "." + m[2]; !declared[addr] {
			t.Errorf("examples/%s/import.sh imports %s, which the example does not declare (declared: %v)", rel, addr, declared)
		}
	}
}

// actionBlockRE finds an action block at the start of a line.
var actionBlockRE = regexp.MustCompile(`(?m)^action\s+"`)

// declaresActions reports whether a .tf file of dir declares an action.
func declaresActions(t *testing.T, dir string) bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if actionBlockRE.Match(b) {
			return true
		}
	}
	return false
}
