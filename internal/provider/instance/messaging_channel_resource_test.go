package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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

const testChannelAddr = "dataiku_messaging_channel.test"

func testAccCheckChannelsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_messaging_channel", func(st *terraform.InstanceState) string { return dss.MessagingChannelDoc(st.ID).Path() })
}

// testChannelSettings is the channel's configuration as DSS holds it.
func testChannelSettings(t *testing.T, id string) map[string]any {
	return acctest.RawDoc(t, dss.MessagingChannelSettingsDoc(id).Path())
}

// testChannelPermissions is DSS's permission list, printed in DSS's order.
func testChannelPermissions(t *testing.T, id string) string {
	t.Helper()
	p, err := dss.MessagingChannelPermissionsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range *p {
		out = append(out, fmt.Sprintf("%s=%v", e.Principal(), e.CanUse))
	}
	return strings.Join(out, " ")
}

// testChannelSecretIs checks the secret DSS holds for key (in clear, from
// the emulator) and that its settings show only an encrypted form.
func testChannelSecretIs(t *testing.T, em *emulator.Running, id, key, want string) error {
	if got := em.MessagingChannelSecret(id, key); got != want {
		return fmt.Errorf("channel %s: the %s in DSS is not the expected one (%d characters, want %d)", id, key, len(got), len(want))
	}
	if enc, _ := testChannelSettings(t, id)[key].(string); !strings.HasPrefix(enc, emulator.EncryptedPrefix) {
		return fmt.Errorf("channel %s: %s is not in DSS's encrypted form", id, key)
	}
	return nil
}

func testSMTPChannel(id, host, password string, version int, perms string) string {
	return fmt.Sprintf(`
resource "dataiku_messaging_channel" "test" {
  id                         = %q
  type                       = "smtp"
  settings                   = { host = %q, port = 587, useTLS = true, sender = "dss@example.com" }
  secret_settings_wo         = { password = %q }
  secret_settings_wo_version = %d
%s}
`, id, host, password, version, perms)
}

// Create, update in place (an unmanaged key and the secret kept), rotate
// the secret, import (by id and identity), drift repaired (a setting and
// the permissions), replace by a type change; every step's plan empty
// after its apply, the destroy checked in DSS.
func TestAccMessagingChannel_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	id := "acc-mail-" + strings.ToLower(acctest.ProjectKey("L"))
	alice := fmt.Sprintf("  permissions = [{ group = %q, can_use = true }]\n", acctest.AliceGroup)
	aliceAndBob := fmt.Sprintf("  permissions = [{ group = %q, can_use = true }, { user = %q, can_use = false }]\n", acctest.AliceGroup, acctest.BobLogin)
	wantPerms := fmt.Sprintf("group:%s=true user:%s=false", acctest.AliceGroup, acctest.BobLogin)
	acctest.Case(t, testAccCheckChannelsDestroyed(t), []resource.TestStep{
		{
			// Refused at plan time: a secret in settings.
			Config: `resource "dataiku_messaging_channel" "test" {
  id       = "x"
  type     = "smtp"
  settings = { host = "h", password = "not-here" }
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)must not contain "password".*secret_settings_wo`),
		},
		{
			Config: testSMTPChannel(id, "smtp.example.com", "pw-First-1", 1, alice) + `
data "dataiku_messaging_channel" "test" {
  id = dataiku_messaging_channel.test.id
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testChannelAddr, tfjsonpath.New("family"), knownvalue.StringExact("mail")),
				statecheck.ExpectKnownValue("data.dataiku_messaging_channel.test", tfjsonpath.New("type"), knownvalue.StringExact("smtp")),
				statecheck.ExpectKnownValue("data.dataiku_messaging_channel.test", tfjsonpath.New("settings"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"host": knownvalue.StringExact("smtp.example.com"), "port": knownvalue.Int64Exact(587),
					"useTLS": knownvalue.Bool(true), "sender": knownvalue.StringExact("dss@example.com"),
				})),
				statecheck.ExpectKnownValue("data.dataiku_messaging_channel.test", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(1)),
			},
			Check: func(*terraform.State) error {
				s := testChannelSettings(t, id)
				if s["host"] != "smtp.example.com" || s["useTLS"] != true || s["sender"] != "dss@example.com" {
					return fmt.Errorf("settings in DSS: %v", s)
				}
				if got := testChannelPermissions(t, id); got != "group:"+acctest.AliceGroup+"=true" {
					return fmt.Errorf("permissions in DSS: %s", got)
				}
				return testChannelSecretIs(t, em, id, "password", "pw-First-1")
			},
		},
		{
			// In place: the host and the permissions change; a key set in
			// DSS that the configuration does not name stays, and so does
			// the secret (its version did not change).
			PreConfig: func() {
				acctest.EditOutside(t, dss.MessagingChannelSettingsDoc(id), func(s *dss.MessagingChannelSettings) {
					s.Extra["authorizedDomain"] = []byte(`"example.com"`)
				})
			},
			Config: testSMTPChannel(id, "smtp2.example.com", "pw-First-1", 1, aliceAndBob),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testChannelAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testChannelAddr, Attrs: []string{"settings", "permissions"}},
			}},
			Check: func(*terraform.State) error {
				s := testChannelSettings(t, id)
				if s["host"] != "smtp2.example.com" || s["authorizedDomain"] != "example.com" {
					return fmt.Errorf("settings in DSS after the update: %v", s)
				}
				if got := testChannelPermissions(t, id); got != wantPerms {
					return fmt.Errorf("permissions in DSS: %s, want %s", got, wantPerms)
				}
				return testChannelSecretIs(t, em, id, "password", "pw-First-1")
			},
		},
		{
			// A rotation: the version changes, the new secret is sent.
			Config: testSMTPChannel(id, "smtp2.example.com", "pw-Second-2", 2, aliceAndBob),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testChannelAddr, Attrs: []string{"secret_settings_wo_version"}},
			}},
			Check: func(*terraform.State) error {
				if s := testChannelSettings(t, id); s["authorizedDomain"] != "example.com" || s["host"] != "smtp2.example.com" {
					return fmt.Errorf("settings in DSS after the rotation: %v", s)
				}
				return testChannelSecretIs(t, em, id, "password", "pw-Second-2")
			},
		},
		// A refresh costs what the description says: with permissions
		// set, the channel, its configuration and its permissions.
		acctest.RefreshCostStep(t, em, "3 API calls when permissions is set", map[string]int64{
			"GET /public/api/messaging-channels/{id}": 1, "GET /public/api/messaging-channels/{id}/settings": 1,
			"GET /public/api/messaging-channels/{id}/permissions": 1}),
		// An import reads every non-secret key (authorizedDomain too) and
		// cannot know the secrets' version.
		acctest.ImportVerifyStep(testChannelAddr, nil, "settings", "secret_settings_wo_version"),
		acctest.ImportIdentityStep(t, testChannelAddr, "settings", "secret_settings_wo_version"),
		{
			// Changed outside Terraform: a managed setting and the
			// permissions (an entry added, one changed); the plan shows
			// both, the apply restores them and keeps the secret.
			PreConfig: func() {
				acctest.EditOutside(t, dss.MessagingChannelSettingsDoc(id), func(s *dss.MessagingChannelSettings) {
					s.Extra["host"] = []byte(`"evil.example.com"`)
				})
				acctest.EditOutside(t, dss.MessagingChannelPermissionsDoc(id), func(p *[]dss.MessagingChannelPermission) {
					(*p)[0].CanUse = false
					*p = append(*p, dss.MessagingChannelPermission{Group: "intruders", CanUse: true})
				})
			},
			Config: testSMTPChannel(id, "smtp2.example.com", "pw-Second-2", 2, aliceAndBob),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testChannelAddr, Attrs: []string{"settings", "permissions"}},
			}},
			Check: func(*terraform.State) error {
				if s := testChannelSettings(t, id); s["host"] != "smtp2.example.com" || s["authorizedDomain"] != "example.com" {
					return fmt.Errorf("settings in DSS after the repair: %v", s)
				}
				if got := testChannelPermissions(t, id); got != wantPerms {
					return fmt.Errorf("permissions in DSS after the repair: %s, want %s", got, wantPerms)
				}
				return testChannelSecretIs(t, em, id, "password", "pw-Second-2")
			},
		},
		{
			// A new type replaces the channel.
			Config: fmt.Sprintf(`
resource "dataiku_messaging_channel" "test" {
  id                 = %q
  type               = "slack"
  settings           = { mode = "WEBHOOK" }
  secret_settings_wo = { webhookUrl = "https://hooks.example.com/T0/B0/s3cret" }
}
`, id),
			ConfigPlanChecks: acctest.Plans(testChannelAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testChannelAddr, tfjsonpath.New("family"), knownvalue.StringExact("")),
			},
			Check: func(*terraform.State) error {
				ch, err := dss.MessagingChannelDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil {
					return fmt.Errorf("reading the channel after the replacement: %w", err)
				}
				if ch.Type != "slack" {
					return fmt.Errorf("channel in DSS after the replacement: %+v", ch)
				}
				if s := testChannelSettings(t, id); s["host"] != nil || s["mode"] != "WEBHOOK" {
					return fmt.Errorf("settings in DSS after the replacement: %v", s)
				}
				if got := testChannelPermissions(t, id); got != "" {
					return fmt.Errorf("permissions in DSS after the replacement: %s", got)
				}
				return testChannelSecretIs(t, em, id, "webhookUrl", "https://hooks.example.com/T0/B0/s3cret")
			},
		},
	})
}

// A channel made outside Terraform is adopted with an import block and an
// empty plan (its configuration names a subset of DSS's keys, and no
// permissions); an update then leaves the unmanaged permissions and keys
// as DSS has them; deleted outside Terraform, it is planned for creation
// again.
func TestAccMessagingChannel_importBlockUnmanagedAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	id := "acc teams " + strings.ToLower(acctest.ProjectKey("I"))
	c := acctest.Client(t)
	create := func() error {
		_, err := c.CreateMessagingChannel(acctest.Ctx(t), dss.CreateMessagingChannelRequest{ID: id, Type: "msft-teams",
			Configuration: dss.Object{"webhookType": "WORKFLOWS", "useProxy": false, "webhookUrl": "https://outlook.example.com/hook"},
			Permissions:   []dss.MessagingChannelPermission{{Group: acctest.AliceGroup, CanUse: true}}})
		return err
	}
	if err := create(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteMessagingChannel(context.Background(), id) })
	cfg := func(webhookType string) string {
		return fmt.Sprintf(`
resource "dataiku_messaging_channel" "test" {
  id       = %q
  type     = "msft-teams"
  settings = { webhookType = %q }
}
`, id, webhookType)
	}
	keptAsDSSHasThem := func(webhookType string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			s := testChannelSettings(t, id)
			if s["webhookType"] != webhookType || s["useProxy"] != false || s["webhookUrl"] == nil {
				return fmt.Errorf("settings in DSS: %v", s)
			}
			if got := testChannelPermissions(t, id); got != "group:"+acctest.AliceGroup+"=true" {
				return fmt.Errorf("the unmanaged permissions changed: %s", got)
			}
			return nil
		}
	}
	adopted := acctest.AdoptedAsIsStep(testChannelAddr, acctest.ImportBlock(testChannelAddr, id)+cfg("WORKFLOWS"),
		statecheck.ExpectKnownValue(testChannelAddr, tfjsonpath.New("type"), knownvalue.StringExact("msft-teams")))
	adopted.Check = keptAsDSSHasThem("WORKFLOWS")
	acctest.Case(t, testAccCheckChannelsDestroyed(t), []resource.TestStep{
		adopted,
		{
			Config: cfg("OFFICE365"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testChannelAddr, Attrs: []string{"settings"}},
			}},
			Check: keptAsDSSHasThem("OFFICE365"),
		},
		acctest.DeletedOutsideStep(t, testChannelAddr, cfg("OFFICE365"),
			func() error { return c.DeleteMessagingChannel(acctest.Ctx(t), id) },
			func(*terraform.State) error {
				if s := testChannelSettings(t, id); s["webhookType"] != "OFFICE365" {
					return fmt.Errorf("settings in DSS after the re-creation: %v", s)
				}
				return nil
			}),
	})
}

// A key that is not an administrator's is refused by DSS, whose message
// is quoted with the resource's address; nothing is created.
func TestAccMessagingChannel_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	id := "acc-bob-" + strings.ToLower(acctest.ProjectKey("B"))
	testCreateRefusedByDSS(t, "dataiku_messaging_channel", id, fmt.Sprintf(`
resource "dataiku_messaging_channel" "test" {
  id       = %q
  type     = "slack"
  settings = { mode = "WEBHOOK" }
}
`, id), dss.MessagingChannelDoc(id), "channel")
}

// The secret never reaches the state, the plan, terraform show or a TRACE
// log, at creation and at rotation; DSS holds the one sent.
func TestAccMessagingChannel_secretNeverInStateOrLogs(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	id := "acc-secret-" + strings.ToLower(acctest.ProjectKey("S"))
	runSecretRotation(t, secretRotation{
		cfg: func(version int) string {
			return fmt.Sprintf(`resource "dataiku_messaging_channel" "test" {
  id                         = %q
  type                       = "twilio"
  settings                   = { accountSid = "AC123", fromNumber = 5550100 }
  secret_settings_wo         = { authToken = var.pw }
  secret_settings_wo_version = %d
}
`, id, version)
		},
		first: "trace-First-Ch4nnel", second: "trace-Second-Ch4nnel",
		holds: func(secret string) error { return testChannelSecretIs(t, em, id, "authToken", secret) },
	})
}

// A create POST whose answer is lost (the channel was made, the answer
// never arrived) is recovered by the channel's id: the channel DSS holds,
// with the secret the POST carried, is the one in the state, and the plan
// after is empty.
func TestAccMessagingChannel_lostPostRecovered(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	for i, fault := range acctest.LostPostFaults(`/messaging-channels/?$`) {
		id := fmt.Sprintf("acc-lost-%d-%s", i, strings.ToLower(acctest.ProjectKey("P")))
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			acctest.Case(t, testAccCheckChannelsDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, fmt.Sprintf(`
resource "dataiku_messaging_channel" "test" {
  id                 = %q
  type               = "google-chat"
  settings           = { useProxy = true }
  secret_settings_wo = { webhookKey = "lost-Key-9" }
}
`, id), func(s *terraform.State) error {
					if got := s.RootModule().Resources[testChannelAddr].Primary.ID; got != id {
						return fmt.Errorf("state id %q, want %q", got, id)
					}
					if s := testChannelSettings(t, id); s["useProxy"] != true {
						return fmt.Errorf("settings in DSS: %v", s)
					}
					return testChannelSecretIs(t, em, id, "webhookKey", "lost-Key-9")
				}),
			})
		})
	}
}
