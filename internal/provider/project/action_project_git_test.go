package project_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testGitMessages is a log's messages, oldest first, comma separated.
func testGitMessages(log []emulator.ProjectGitCommit) string {
	var msgs []string
	for _, c := range log {
		msgs = append(msgs, c.Message)
	}
	return strings.Join(msgs, ",")
}

// dataiku_project_git_push and dataiku_project_git_pull: a push without a
// remote fails with git's output; triggered by a terraform_data, the push
// commits the pending changes with commit_message and pushes them (the
// emulator's remote then holds the log), and nothing more while the
// trigger is unchanged; a pull brings the remote's new commit into the
// log; a key without write access is refused with DSS's message.
func TestAccProjectGitActions(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GITACT")
	c := acctest.ProjectOutside(t, key, "Git actions")
	push := fmt.Sprintf("\naction \"dataiku_project_git_push\" \"ci\" {\n  config {\n    project_key    = %q\n    commit_message = \"Release from CI\"\n  }\n}\n", key)
	pull := fmt.Sprintf("\naction \"dataiku_project_git_pull\" \"ci\" {\n  config {\n    project_key = %q\n  }\n}\n", key)

	acctest.InvokeAction(t, push, "dataiku_project_git_push.ci", false, "a push without a remote",
		"cannot push project "+key, "no remote")

	if err := c.SetProjectGitRemote(acctest.Ctx(t), key, "origin", "git@github.com:acme/ci.git"); err != nil {
		t.Fatal(err)
	}
	if err := em.Server.MarkProjectGitChanges(key); err != nil {
		t.Fatal(err)
	}
	expect := func(log, pushed string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := testGitMessages(em.Server.ProjectGitLog(key)); got != log {
				return fmt.Errorf("the project's log is %q, want %q", got, log)
			}
			if got := testGitMessages(em.Server.ProjectGitPushed(key, "origin", "master")); got != pushed {
				return fmt.Errorf("origin holds %q, want %q", got, pushed)
			}
			return nil
		}
	}
	config := func(release string) string {
		return push + fmt.Sprintf(`
resource "terraform_data" "release" {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_project_git_push.ci]
    }
  }
}
`, release)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: config("1"), Check: expect("Release from CI", "Release from CI")},
			// Unchanged: no event, nothing committed or pushed.
			{
				PreConfig: func() { _ = em.Server.MarkProjectGitChanges(key) },
				Config:    config("1"), Check: expect("Release from CI", "Release from CI"),
			},
			// A new release: the pending changes are committed and pushed.
			{Config: config("2"), Check: expect("Release from CI,Release from CI", "Release from CI,Release from CI")},
		},
	})

	if err := em.Server.AddProjectGitRemoteCommit(key, "origin", "Hotfix from GitHub"); err != nil {
		t.Fatal(err)
	}
	acctest.InvokeAction(t, pull, "dataiku_project_git_pull.ci", true, "a pull", "pull project "+key+": done")
	if got := testGitMessages(em.Server.ProjectGitLog(key)); got != "Release from CI,Release from CI,Hotfix from GitHub" {
		t.Fatalf("after the pull the log is %q", got)
	}
	// A push of a branch the project does not have: git's refusal.
	acctest.InvokeAction(t, strings.Replace(pull, "project_key = ", "branch = \"nope\"\n    project_key = ", 1), "dataiku_project_git_pull.ci", false,
		"a pull of an unknown branch", "cannot pull project "+key+" (branch nope)", "couldn't find remote ref nope")
	// A user without rights on the project: DSS's refusal.
	acctest.InvokeAction(t, acctest.AsBob(push), "dataiku_project_git_push.ci", false, "bob's push",
		"cannot push project "+key, "UnauthorizedException")
	if got := testGitMessages(em.Server.ProjectGitPushed(key, "origin", "master")); got != "Release from CI,Release from CI,Hotfix from GitHub" {
		t.Fatalf("origin after the pull: %q", got)
	}
}
