package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testGitRemote = "dataiku_project_git_remote.r"

// testGitRemoteIs checks DSS's URL for project key's remote name ("" for
// a remote that is not set).
func testGitRemoteIs(t *testing.T, key, name, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		u, err := acctest.Client(t).GetProjectGitRemote(acctest.Ctx(t), key, name)
		if err != nil {
			return err
		}
		got := ""
		if u != nil {
			got = *u
		}
		if got != want {
			return fmt.Errorf("DSS's remote %s of %s is %q, want %q", name, key, got, want)
		}
		return nil
	}
}

// testAccCheckGitRemotesDestroyed asserts through the admin client that
// no remote of the state is left in DSS (or its project is gone).
func testAccCheckGitRemotesDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_project_git_remote" {
				continue
			}
			a := rs.Primary.Attributes
			u, err := acctest.Client(t).GetProjectGitRemote(acctest.Ctx(t), a["project_key"], a["name"])
			if err != nil && !dss.IsNotFound(err) {
				return err
			}
			if u != nil {
				return fmt.Errorf("%s is still in DSS: %s", rs.Primary.ID, *u)
			}
		}
		return nil
	}
}

func gitRemoteHCL(key, name, url string) string {
	nameLine := ""
	if name != "" {
		nameLine = fmt.Sprintf("  name        = %q\n", name)
	}
	return fmt.Sprintf("resource \"dataiku_project_git_remote\" \"r\" {\n  project_key = %q\n%s  url         = %q\n}\n", key, nameLine, url)
}

// The whole life of a remote: created as origin by default, its URL
// changed in place, imported (by ID, by the project key alone, by
// identity), changed and removed outside Terraform (repaired, added
// again), its name changed (a replacement: the old remote removed), and
// destroyed (checked through the client).
func TestAccProjectGitRemote_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITREM")
	acctest.ProjectOutside(t, key, "Git remote")
	const first, second = "git@github.com:acme/sales.git", "https://gitlab.example.com/acme/sales.git"
	acctest.Case(t, testAccCheckGitRemotesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: gitRemoteHCL(key, "", first),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testGitRemote, "id", key+".origin"),
				resource.TestCheckResourceAttr(testGitRemote, "name", "origin"),
				testGitRemoteIs(t, key, "origin", first)),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: gitRemoteHCL(key, "", second),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGitRemote, Attrs: []string{"url"}},
			}},
			Check: testGitRemoteIs(t, key, "origin", second),
		}),
		acctest.ImportVerifyStep(testGitRemote, nil),
		acctest.ImportVerifyStep(testGitRemote, func(*terraform.State) (string, error) { return key, nil }),
		acctest.ImportIdentityStep(t, testGitRemote),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed outside Terraform: the plan shows it, the apply puts
			// the URL back.
			PreConfig: acctest.Must(t, func() error {
				return acctest.Client(t).SetProjectGitRemote(acctest.Ctx(t), key, "origin", "https://elsewhere.example.com/x.git")
			}),
			Config: gitRemoteHCL(key, "", second),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testGitRemote, Attrs: []string{"url"}},
			}},
			Check: testGitRemoteIs(t, key, "origin", second),
		}),
		// Removed outside Terraform: added again.
		acctest.DeletedOutsideStep(t, testGitRemote, gitRemoteHCL(key, "", second),
			func() error { return acctest.Client(t).RemoveProjectGitRemote(acctest.Ctx(t), key, "origin") },
			testGitRemoteIs(t, key, "origin", second)),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           gitRemoteHCL(key, "upstream.mirror", second),
			ConfigPlanChecks: acctest.Plans(testGitRemote, plancheck.ResourceActionReplace),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testGitRemote, "id", key+".upstream.mirror"),
				testGitRemoteIs(t, key, "upstream.mirror", second),
				testGitRemoteIs(t, key, "origin", "")),
		}),
		acctest.ImportVerifyStep(testGitRemote, nil),
	})
}

// A remote set outside Terraform is adopted with an import block and plans
// no change; a second resource for it is refused with the import hint
// (set_remote would silently take it over).
func TestAccProjectGitRemote_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITREMIMP")
	c := acctest.ProjectOutside(t, key, "Adopted remote")
	if err := c.SetProjectGitRemote(acctest.Ctx(t), key, "origin", "git@github.com:acme/adopted.git"); err != nil {
		t.Fatal(err)
	}
	cfg := gitRemoteHCL(key, "", "git@github.com:acme/adopted.git")
	dup := cfg + fmt.Sprintf("resource \"dataiku_project_git_remote\" \"dup\" {\n  project_key = %q\n  url = \"git@github.com:acme/other.git\"\n}\n", key)
	acctest.Case(t, testAccCheckGitRemotesDestroyed(t), []resource.TestStep{
		{
			// A remote that is not set: DSS answers its GET without a url,
			// which the import reads as no object.
			Config:      acctest.ImportBlock(testGitRemote, key+".nope") + gitRemoteHCL(key, "nope", "u"),
			ExpectError: regexp.MustCompile(`(?s)Cannot\s+import\s+dataiku_project_git_remote.*DSS\s+has\s+no\s+object\s+with\s+import\s+ID\s+"` + key + `\.nope"`),
		},
		acctest.AdoptedAsIsStep(testGitRemote, acctest.ImportBlock(testGitRemote, key+".origin")+cfg),
		{
			Config:      dup,
			ExpectError: regexp.MustCompile(`(?s)dataiku_project_git_remote "` + key + `.origin".*already\s+exists\s+in\s+DSS.*import`),
			Check:       testGitRemoteIs(t, key, "origin", "git@github.com:acme/adopted.git"),
		},
	})
}

// A key that may read the project but not write it is refused by DSS,
// quoted with the resource's address, and no remote is set; with write
// access it may.
func TestAccProjectGitRemote_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITREMBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	cfg := gitRemoteHCL(key, "", "https://git.example.com/x.git")
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_project_git_remote "`+key+`.origin".*UnauthorizedException.*may\s+not\s+write\s+project`))
	if err := testGitRemoteIs(t, key, "origin", "")(nil); err != nil {
		t.Fatalf("after the refusal: %v", err)
	}
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].WriteProjectContent = new(true)
	})
	acctest.Case(t, testAccCheckGitRemotesDestroyed(t), []resource.TestStep{{
		Config: acctest.AsBob(cfg),
		Check:  testGitRemoteIs(t, key, "origin", "https://git.example.com/x.git"),
	}})
}

// A name git would read as an option or a path cannot carry, and a blank
// URL, are refused at plan time.
func TestAccProjectGitRemote_badConfig(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	for _, name := range []string{"-x", "a/b", "..", "has space"} {
		acctest.Case(t, nil, []resource.TestStep{{Config: gitRemoteHCL("P", name, "u"), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)must\s+be\s+a\s+remote\s+name`)}})
	}
	acctest.Case(t, nil, []resource.TestStep{{Config: gitRemoteHCL("P", "", " "), PlanOnly: true,
		ExpectError: regexp.MustCompile(`(?s)must\s+not\s+be\s+blank`)}})
}

// dataiku_project_git_status reads the branch, the remotes, how far the
// branch is ahead of its remote and the pending changes, as DSS's status
// gives them; an unknown project is DSS's error.
func TestAccProjectGitStatusDataSource(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITSTAT")
	c := acctest.ProjectOutside(t, key, "Git status")
	ctx := acctest.Ctx(t)
	acctest.MustDo(t, c.SetProjectGitRemote(ctx, key, "origin", "git@github.com:acme/status.git"))
	acctest.MustDo(t, c.SetProjectGitRemote(ctx, key, "mirror", "https://gitlab.example.com/acme/status.git"))
	acctest.MustDo(t, em.Server.MarkProjectGitChanges(key))
	acctest.MustDo(t, c.CommitProjectGit(ctx, key, "one"))
	acctest.MustDo(t, em.Server.MarkProjectGitChanges(key))
	const ds = "data.dataiku_project_git_status.s"
	cfg := fmt.Sprintf("data \"dataiku_project_git_status\" \"s\" {\n  project_key = %q\n}\n", key)
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "current_branch", "master"),
				resource.TestCheckResourceAttr(ds, "remotes.%", "2"),
				resource.TestCheckResourceAttr(ds, "remotes.origin", "git@github.com:acme/status.git"),
				resource.TestCheckResourceAttr(ds, "remotes.mirror", "https://gitlab.example.com/acme/status.git"),
				resource.TestCheckResourceAttr(ds, "ahead", "1"),
				resource.TestCheckResourceAttr(ds, "behind", "0"),
				resource.TestCheckResourceAttr(ds, "clean", "false"),
				resource.TestCheckResourceAttr(ds, "has_uncommitted_changes", "true")),
		},
		{
			Config:      fmt.Sprintf("data \"dataiku_project_git_status\" \"s\" {\n  project_key = %q\n}\n", key+"_NONE"),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_project_git_status "` + key + `_NONE".*does\s+not\s+exist`),
		},
	})
}
