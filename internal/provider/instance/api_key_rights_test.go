package instance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccAPIKey_secretActsWithItsRights is the rights test, with
// the Terraform CLI. Configuration 1 (an admin key) applies two groups, one
// that may create projects and one that may not, a user in each with a
// personal key, and two global keys acting as bob, one per group; it
// outputs the secrets. Configuration 2 uses those secrets in provider
// blocks: the keys of the first group create a project and nothing more
// (creating an admin key is refused), those of the second get DSS's
// `You may not create new projects`, each quoted with the address. The
// secrets are in the first state (as documented) but in no TRACE log, and
// once the keys are destroyed a secret no longer authenticates.
func TestAccAPIKey_secretActsWithItsRights(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	suffix := strings.ToLower(acctest.ProjectKey("R"))
	groupOK, groupNo := "acc_creators_"+suffix, "acc_viewers_"+suffix
	userOK, userNo := "acc_maker_"+suffix, "acc_looker_"+suffix
	allowed, denied := acctest.ProjectKey("ACC_RIGHTS"), acctest.ProjectKey("ACC_NORIGHTS")
	allowedByUser, deniedToUser := acctest.ProjectKey("ACC_URIGHTS"), acctest.ProjectKey("ACC_UNORIGHTS")
	c := acctest.Client(t)
	t.Cleanup(func() {
		for _, key := range []string{allowed, denied, allowedByUser, deniedToUser} {
			_ = c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{})
		}
	})

	cfg1 := acctest.CliRequiredProviders + fmt.Sprintf(`
resource "dataiku_group" "creators" {
  name                = %[2]q
  may_create_projects = true
}

resource "dataiku_group" "viewers" {
  name                = %[3]q
  may_create_projects = false
}

resource "dataiku_user" "maker" {
  login  = %[5]q
  groups = [dataiku_group.creators.name]
}

resource "dataiku_user" "looker" {
  login  = %[6]q
  groups = [dataiku_group.viewers.name]
}

resource "dataiku_personal_api_key" "maker" {
  user  = dataiku_user.maker.login
  label = "acc-maker"
}

resource "dataiku_personal_api_key" "looker" {
  user  = dataiku_user.looker.login
  label = "acc-looker"
}

resource "dataiku_api_key" "creator" {
  label             = "acc-creator-%[1]s"
  groups            = [dataiku_group.creators.name]
  impersonated_user = %[4]q
}

resource "dataiku_api_key" "viewer" {
  label             = "acc-viewer-%[1]s"
  groups            = [dataiku_group.viewers.name]
  impersonated_user = %[4]q
}
`, suffix, groupOK, groupNo, acctest.BobLogin, userOK, userNo)
	for _, key := range []string{"dataiku_personal_api_key.maker", "dataiku_personal_api_key.looker", "dataiku_api_key.creator", "dataiku_api_key.viewer"} {
		cfg1 += fmt.Sprintf(`
output "%s_secret" {
  value     = %s.secret
  sensitive = true
}
`, key[strings.LastIndex(key, ".")+1:], key)
	}
	dir1 := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg1})
	log1 := filepath.Join(dir1, "trace.log")
	adminEnv := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secretsMasked := acctest.KeyForms(acctest.APIKey)
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			_, _ = acctest.RunTerraform(t, dir1, adminEnv, "destroy", "-auto-approve", "-no-color")
		}
	})
	acctest.MustTerraform(t, dir1, append(adminEnv, "TF_LOG=TRACE", "TF_LOG_PATH="+log1), secretsMasked, "apply", "-auto-approve", "-no-color")

	var outputs map[string]struct {
		Value     string `json:"value"`
		Sensitive bool   `json:"sensitive"`
	}
	if err := json.Unmarshal([]byte(acctest.MustTerraform(t, dir1, adminEnv, secretsMasked, "output", "-json")), &outputs); err != nil {
		t.Fatal(err)
	}
	creator, viewer := outputs["creator_secret"].Value, outputs["viewer_secret"].Value
	maker, looker := outputs["maker_secret"].Value, outputs["looker_secret"].Value
	if creator == "" || viewer == "" || maker == "" || looker == "" || !outputs["creator_secret"].Sensitive || !outputs["maker_secret"].Sensitive {
		t.Fatalf("outputs: creator %d characters, viewer %d, maker %d, looker %d; sensitive %t %t", len(creator), len(viewer),
			len(maker), len(looker), outputs["creator_secret"].Sensitive, outputs["maker_secret"].Sensitive)
	}
	secrets := append(append(append(append(acctest.KeyForms(creator), acctest.KeyForms(viewer)...), acctest.KeyForms(maker)...), acctest.KeyForms(looker)...), secretsMasked...)
	// Documented: the secrets are in the state, and nowhere in the logs.
	st := acctest.StateFiles(t, dir1)["terraform.tfstate"]
	for _, s := range []string{creator, viewer, maker, looker} {
		if !strings.Contains(st, s) {
			t.Error("the state of configuration 1 does not hold a key's secret, which the documentation says it does")
		}
	}
	assertTraceLogClean(t, log1, secrets)

	// Configuration 2: each key's secret in a variable, and a provider
	// block with that key creating a project.
	cfg2 := acctest.CliRequiredProviders
	for _, p := range []struct{ key, project, projectKey, name string }{
		{"maker", "allowed_by_user", allowedByUser, "Created with a personal key of a creators member"},
		{"looker", "denied_to_user", deniedToUser, "Refused to a personal key of a viewers member"},
		{"creator", "allowed", allowed, "Created with the creator key"},
		{"viewer", "denied", denied, "Refused to the viewer key"},
	} {
		cfg2 += fmt.Sprintf(`
variable "%[1]s_key" {
  type      = string
  sensitive = true
}

provider "dataiku" {
  alias   = %[1]q
  api_key = var.%[1]s_key
}

resource "dataiku_project" %[2]q {
  provider    = dataiku.%[1]s
  project_key = %[3]q
  name        = %[4]q
}
`, p.key, p.project, p.projectKey, p.name)
	}
	dir2 := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg2})
	log2 := filepath.Join(dir2, "trace.log")
	env2 := []string{"DATAIKU_HOST=" + acctest.Host(t), "TF_VAR_creator_key=" + creator, "TF_VAR_viewer_key=" + viewer,
		"TF_VAR_maker_key=" + maker, "TF_VAR_looker_key=" + looker}
	out, err := acctest.RunTerraform(t, dir2, append(env2, "TF_LOG=TRACE", "TF_LOG_PATH="+log2), "apply", "-auto-approve", "-no-color")
	if err == nil {
		t.Fatalf("configuration 2 applied although the viewer key may not create projects:\n%s", acctest.MaskSecrets(acctest.Tail(out, 4000), secrets))
	}
	acctest.AssertNoSecret(t, "terraform's output", out, secrets)
	assertTraceLogClean(t, log2, secrets)
	blocks := acctest.TerraformDiagnostics(out)
	for addr, want := range map[string][]string{
		"dataiku_project.denied":         {`Cannot create dataiku_project "` + denied + `"`, "java.lang.SecurityException", "You may not create new projects"},
		"dataiku_project.denied_to_user": {`Cannot create dataiku_project "` + deniedToUser + `"`, "java.lang.SecurityException", "You may not create new projects"},
	} {
		found := false
		for _, b := range blocks[addr] {
			b = strings.Join(strings.Fields(b), " ")
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(b, w)
			}
			found = found || ok
		}
		if !found {
			t.Errorf("no error for %s with %q; its errors: %q", addr, want, blocks[addr])
		}
	}
	for _, addr := range []string{"dataiku_project.allowed", "dataiku_project.allowed_by_user"} {
		if len(blocks[addr]) != 0 {
			t.Errorf("%s: the key of the creators group was refused: %q", addr, blocks[addr])
		}
	}
	// Through the admin client: the allowed project exists, owned by the
	// key's user; the denied ones do not.
	var perms struct {
		Owner string `json:"owner"`
	}
	for _, p := range []struct{ projectKey, key, owner string }{
		{allowed, "the creator key", acctest.BobLogin},
		{allowedByUser, "the maker's personal key", userOK},
	} {
		if err := c.Get(acctest.Ctx(t), dss.Path("projects", p.projectKey, "permissions"), nil, &perms); err != nil {
			t.Errorf("the project created with %s: %v", p.key, err)
		} else if perms.Owner != p.owner {
			t.Errorf("owner of %s: %q, want the key's user %s", p.projectKey, perms.Owner, p.owner)
		}
	}
	for _, key := range []string{denied, deniedToUser} {
		if _, err := dss.ProjectMetadataDoc(key).Get(acctest.Ctx(t), c); !dss.IsNotFound(err) {
			t.Errorf("project %s after the refusal: %v", key, err)
		}
	}
	// An admin key asked for with the creator key: refused by the plan
	// (refuseAdminOnly, issue 26) before DSS could refuse the POST.
	escalate := acctest.CliRequiredProviders + fmt.Sprintf(`
variable "creator_key" {
  type      = string
  sensitive = true
}

provider "dataiku" {
  api_key = var.creator_key
}

resource "dataiku_api_key" "escalate" {
  label = "acc-escalate-%s"
  admin = true
}
`, suffix)
	dir3 := acctest.NewTerraformDir(t, map[string]string{"main.tf": escalate})
	out3, err := acctest.RunTerraform(t, dir3, env2, "apply", "-auto-approve", "-no-color")
	if err == nil || !strings.Contains(strings.Join(strings.Fields(out3), " "), "dataiku_api_key needs an administrator's API key") {
		t.Errorf("the creator key's admin key was not refused at plan (%v):\n%s", err, acctest.MaskSecrets(acctest.Tail(out3, 3000), secrets))
	}
	acctest.AssertNoSecret(t, "the escalation's output", out3, secrets)
	if ids := testGlobalKeysLabelled(t, "acc-escalate-"+suffix); len(ids) != 0 {
		t.Errorf("the creator key created an admin key: %v", ids)
	}
	acctest.MustTerraform(t, dir2, env2, secrets, "destroy", "-auto-approve", "-no-color")

	// Destroying the keys revokes them at once.
	acctest.MustTerraform(t, dir1, adminEnv, secrets, "destroy", "-auto-approve", "-no-color")
	destroyed = true
	for name, s := range map[string]string{"creator": creator, "viewer": viewer, "maker": maker, "looker": looker} {
		if _, err := testKeyAuthInfo(t, s); !dss.IsKeyRejected(err) {
			t.Errorf("the %s key's secret after terraform destroy: %v, want DSS's 401", name, err)
		}
	}
}

// assertTraceLogClean checks that a TRACE log was written and holds none
// of the secrets.
func assertTraceLogClean(t *testing.T, path string, secrets []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "[TRACE]") || !strings.Contains(text, "DSS request") {
		t.Fatalf("%s is not a TRACE log with the provider's requests (%d bytes)", filepath.Base(path), len(text))
	}
	acctest.AssertNoSecret(t, filepath.Base(path), text, secrets)
}
