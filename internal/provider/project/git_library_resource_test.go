package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testGitLib     = "dataiku_project_git_library.lib"
	testGitLibKeep = "dataiku_project_git_library.kept"
	// A path with slashes and dots: the import ID splits on the first dot.
	testGitLibPath = "python/shared.utils"
)

// testGitLibraryIn is the reference at path in project key as DSS lists
// it (nil: none).
func testGitLibraryIn(t *testing.T, key, path string) *dss.GitLibrary {
	t.Helper()
	libs, err := acctest.Client(t).ListGitLibraries(acctest.Ctx(t), key)
	if err != nil {
		t.Fatal(err)
	}
	for i := range libs {
		if libs[i].Path == path {
			return &libs[i]
		}
	}
	return nil
}

// testGitLibraryHolds checks DSS's reference and the emulator's folder:
// "repository checkout path_in_repository python login", the checkout last
// pulled and the number of pulls, and the password stored ("" none).
func testGitLibraryHolds(t *testing.T, em *emulator.Running, key, path, want, pulled string, pulls int, password string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		l := testGitLibraryIn(t, key, path)
		if l == nil {
			return fmt.Errorf("DSS has no Git reference %s in %s", path, key)
		}
		login := "<none>"
		if l.Login != nil {
			login = *l.Login
		}
		if got := fmt.Sprintf("%s %s %q %v %s", l.Repository, l.Checkout, l.PathInRepository, l.AddToPythonPath, login); got != want {
			return fmt.Errorf("DSS holds %s, want %s", got, want)
		}
		if got, n := em.Server.GitLibraryPulled(key, path); got != pulled || n != pulls {
			return fmt.Errorf("the folder was pulled at %q %d times, want %q %d times", got, n, pulled, pulls)
		}
		if password != "" && !em.Server.GitLibraryPasswordIs(key, path, password) {
			return fmt.Errorf("DSS's password for %s is not %q", path, password)
		}
		return nil
	}
}

// testAccCheckGitLibrariesDestroyed asserts through the admin client that
// no reference of the state is left in DSS (or its project is gone), and
// that each folder was deleted or kept as delete_directory_on_destroy
// said.
func testAccCheckGitLibrariesDestroyed(t *testing.T, em *emulator.Running) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_project_git_library" {
				continue
			}
			a := rs.Primary.Attributes
			libs, err := acctest.Client(t).ListGitLibraries(acctest.Ctx(t), a["project_key"])
			if err != nil && !dss.IsNotFound(err) {
				return err
			}
			for _, l := range libs {
				if l.Path == a["path"] {
					return fmt.Errorf("%s is still in DSS", rs.Primary.ID)
				}
			}
			if kept := em.Server.GitLibraryDirectoryKept(a["project_key"], a["path"]); kept != (a["delete_directory_on_destroy"] == "false") {
				return fmt.Errorf("%s: folder kept = %v with delete_directory_on_destroy = %s", rs.Primary.ID, kept, a["delete_directory_on_destroy"])
			}
		}
		return nil
	}
}

type gitLibCfg struct {
	checkout, inRepo, password string
	version                    int
	python                     bool
	// dropKept turns delete_directory_on_destroy on for "kept".
	dropKept bool
}

// hcl is the configuration in project key, made outside Terraform so that
// the destroy check sees the folders the destroy left.
func (c gitLibCfg) hcl(key string) string {
	return fmt.Sprintf(`
resource "dataiku_project_git_library" "lib" {
  project_key         = %[1]q
  path                = %[2]q
  repository          = "https://git.example.com/acme/utils.git"
  checkout            = %[3]q
  path_in_repository  = %[4]q
  add_to_python_path  = %[5]v
  login               = "ci-bot"
  password_wo         = %[6]q
  password_wo_version = %[7]d
}

resource "dataiku_project_git_library" "kept" {
  project_key                 = %[1]q
  path                        = "kept"
  repository                  = "git@git.example.com:acme/kept.git"
  checkout                    = "main"
  delete_directory_on_destroy = %[8]t
}
`, key, testGitLibPath, c.checkout, c.inRepo, c.python, c.password, c.version, c.dropKept)
}

// The whole life of a reference: created (the pull waited for, the
// password in DSS and nowhere in the state), updated in place (a reset
// pulls the new checkout), its password rotated alone (no pull), replaced
// when add_to_python_path changes, imported by ID and by identity,
// changed and deleted outside Terraform, delete_directory_on_destroy
// turned on with no request to DSS (StateOnlyAttrs), and destroyed with
// or without its folder as the state then says.
func TestAccProjectGitLibrary_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITLIB")
	acctest.ProjectOutside(t, key, "Git libraries")
	base := gitLibCfg{checkout: "main", password: "tok-first-4Rw", version: 1, python: true}
	moved := base
	moved.checkout, moved.inRepo = "v2.0", "src"
	rotated := moved
	rotated.password, rotated.version = "tok-second-8Kz", 2
	unpathed := rotated
	unpathed.python = false
	dropKept := unpathed
	dropKept.dropKept = true
	repo := "https://git.example.com/acme/utils.git"

	acctest.Case(t, testAccCheckGitLibrariesDestroyed(t, em), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: base.hcl(key),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testGitLib, "id", key+"."+testGitLibPath),
				resource.TestCheckResourceAttr(testGitLib, "delete_directory_on_destroy", "true"),
				resource.TestCheckResourceAttr(testGitLibKeep, "add_to_python_path", "true"),
				resource.TestCheckResourceAttr(testGitLibKeep, "login", ""),
				testGitLibraryHolds(t, em, key, testGitLibPath, repo+` main "" true ci-bot`, "main", 1, "tok-first-4Rw"),
				testGitLibraryHolds(t, em, key, "kept", `git@git.example.com:acme/kept.git main "" true `, "main", 1, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testGitLib, tfjsonpath.New("password_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testGitLib, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
			},
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// A new checkout and folder in the repository: in place, then a
			// reset pulls them; the password goes with the update.
			Config: moved.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGitLib, Attrs: []string{"checkout", "path_in_repository"}},
				plancheck.ExpectResourceAction(testGitLibKeep, plancheck.ResourceActionNoop),
			}},
			Check: testGitLibraryHolds(t, em, key, testGitLibPath, repo+` v2.0 "src" true ci-bot`, "v2.0", 2, "tok-first-4Rw"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// A rotation: the new password is sent, nothing is pulled.
			Config: rotated.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGitLib, Attrs: []string{"password_wo_version"}},
			}},
			Check: testGitLibraryHolds(t, em, key, testGitLibPath, repo+` v2.0 "src" true ci-bot`, "v2.0", 2, "tok-second-8Kz"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// DSS cannot change add_to_python_path: a replacement, which
			// clones afresh (one pull of a new reference).
			Config:           unpathed.hcl(key),
			ConfigPlanChecks: acctest.Plans(testGitLib, plancheck.ResourceActionReplace),
			Check:            testGitLibraryHolds(t, em, key, testGitLibPath, repo+` v2.0 "src" false ci-bot`, "v2.0", 1, "tok-second-8Kz"),
		}),
		acctest.ImportVerifyStep(testGitLib, nil, "password_wo_version"),
		acctest.ImportIdentityStep(t, testGitLib, "password_wo_version"),
		acctest.ImportVerifyStep(testGitLibKeep, nil, "delete_directory_on_destroy"),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed outside Terraform: another checkout and folder; the
			// plan shows them, the apply puts them back and pulls.
			PreConfig: acctest.Must(t, func() error {
				login := "ci-bot"
				return acctest.Client(t).SetGitLibrary(acctest.Ctx(t), key, dss.GitLibraryWrite{GitLibrary: dss.GitLibrary{
					Path: testGitLibPath, Repository: repo, Checkout: "hotfix", PathInRepository: "other", Login: &login}})
			}),
			Config: unpathed.hcl(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGitLib, Attrs: []string{"checkout", "path_in_repository"}},
			}},
			Check: testGitLibraryHolds(t, em, key, testGitLibPath, repo+` v2.0 "src" false ci-bot`, "v2.0", 2, "tok-second-8Kz"),
		}),
		// Deleted outside Terraform: created again.
		acctest.DeletedOutsideStep(t, testGitLib, unpathed.hcl(key),
			func() error { return acctest.Client(t).RemoveGitLibrary(acctest.Ctx(t), key, testGitLibPath, true) },
			testGitLibraryHolds(t, em, key, testGitLibPath, repo+` v2.0 "src" false ci-bot`, "v2.0", 1, "tok-second-8Kz")),
		acctest.StateOnlyChangeStep(t, em, testGitLibKeep, dropKept.hcl(key), "delete_directory_on_destroy"),
	})
}

// A reference made outside Terraform is adopted with an import block and
// plans no change; a second resource for it is refused with the import
// hint.
func TestAccProjectGitLibrary_importBlock(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITIMP")
	c := acctest.ProjectOutside(t, key, "Adopted library")
	f, err := c.AddGitLibrary(acctest.Ctx(t), key, dss.GitLibraryWrite{GitLibrary: dss.GitLibrary{
		Path: "lib/tools", Repository: "https://git.example.com/tools.git", Checkout: "v1", PathInRepository: "py", AddToPythonPath: true}})
	if err == nil {
		err = c.WaitGitLibrary(acctest.Ctx(t), f, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`
resource "dataiku_project_git_library" "lib" {
  project_key        = %q
  path               = "lib/tools"
  repository         = "https://git.example.com/tools.git"
  checkout           = "v1"
  path_in_repository = "py"
}
`, key)
	dup := cfg + fmt.Sprintf(`
resource "dataiku_project_git_library" "dup" {
  project_key = %q
  path        = "lib/tools"
  repository  = "https://git.example.com/tools.git"
  checkout    = "v1"
}
`, key)
	acctest.Case(t, testAccCheckGitLibrariesDestroyed(t, em), []resource.TestStep{
		acctest.AdoptedAsIsStep(testGitLib, acctest.ImportBlock(testGitLib, key+".lib/tools")+cfg),
		{
			Config:      dup,
			ExpectError: regexp.MustCompile(`(?s)dataiku_project_git_library "` + key + `.lib/tools".*already\s+exists\s+in\s+DSS.*import`),
		},
	})
}

// A key that may read the project but not write it is refused by DSS,
// quoted with the resource's address, and nothing is added; with write
// access it may.
func TestAccProjectGitLibrary_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	cfg := fmt.Sprintf("resource \"dataiku_project_git_library\" \"lib\" {\n  project_key = %q\n  path = \"lib\"\n  repository = \"https://git.example.com/x.git\"\n  checkout = \"main\"\n}\n", key)
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_project_git_library "`+key+`.lib".*UnauthorizedException.*may\s+not\s+write\s+project`))
	if l := testGitLibraryIn(t, key, "lib"); l != nil {
		t.Fatalf("reference after the refusal: %+v", l)
	}
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].WriteProjectContent = new(true)
	})
	acctest.Case(t, testAccCheckGitLibrariesDestroyed(t, em), []resource.TestStep{{
		Config: acctest.AsBob(cfg),
		Check:  testGitLibraryHolds(t, em, key, "lib", `https://git.example.com/x.git main "" true `, "main", 1, ""),
	}})
}

// An invalid path or import ID is refused before anything reaches DSS.
func TestAccProjectGitLibrary_badPath(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	for _, p := range []string{"../escape", "/abs", "a//b", "a/./b", "a/"} {
		cfg := fmt.Sprintf("resource \"dataiku_project_git_library\" \"lib\" {\n  project_key = \"P\"\n  path = %q\n  repository = \"r\"\n  checkout = \"main\"\n}\n", p)
		acctest.Case(t, nil, []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)relative\s+path\s+in\s+the\s+project's\s+library`)}})
	}
}

// A pull that fails (an unreachable repository, whose git log quotes the
// URL with its credentials) fails the apply with DSS's log, the password
// redacted from it; the reference DSS kept is tainted, and the next apply
// with a reachable repository replaces it.
func TestAccProjectGitLibrary_pullFails(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITFAIL")
	acctest.ProjectOutside(t, key, "Failing pull")
	const token = "tok-fail-6Jw"
	cfg := func(repo string) string {
		return fmt.Sprintf(`
resource "dataiku_project_git_library" "lib" {
  project_key         = %q
  path                = "lib"
  repository          = %q
  checkout            = "main"
  login               = "ci"
  password_wo         = %q
  password_wo_version = 1
}
`, key, repo, token)
	}
	acctest.Case(t, testAccCheckGitLibrariesDestroyed(t, em), []resource.TestStep{
		{
			Config:      cfg("https://" + emulator.UnreachableGitHost + "/x.git"),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_project_git_library "` + key + `.lib".*ci:<redacted secret>@.*Could not resolve host`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("https://git.example.com/x.git"),
			ConfigPlanChecks: acctest.Plans(testGitLib, plancheck.ResourceActionReplace),
			Check:            testGitLibraryHolds(t, em, key, "lib", `https://git.example.com/x.git main "" true ci`, "main", 1, token),
		}),
	})
}
