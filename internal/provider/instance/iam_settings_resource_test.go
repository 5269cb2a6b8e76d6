package instance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testLDAPAddr = "dataiku_ldap_settings.test"

func testLDAPConfig(settings, password string, version int) string {
	secret := ""
	if password != "" {
		secret = fmt.Sprintf("  bind_password_wo         = %q\n  bind_password_wo_version = %d\n", password, version)
	}
	return fmt.Sprintf("resource \"dataiku_ldap_settings\" \"test\" {\n  settings = %s\n%s}\n", settings, secret)
}

// testIAMSecretIs checks the secret DSS holds for an identity-provider
// document (through the emulator: DSS never returns it).
func testIAMSecretIs(em *emulator.Running, route, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := em.IAMSecret(route); got != want {
			return fmt.Errorf("DSS holds %q as the %s secret, want %q", got, route, want)
		}
		return nil
	}
}

// testNoCallsSince checks that route was called no time since *mark was
// taken (a PreConfig's em.Server.Stats().ByRoute[route]), for what.
func testNoCallsSince(em *emulator.Running, route string, mark *int64, what string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := em.Server.Stats().ByRoute[route] - *mark; n != 0 {
			return fmt.Errorf("%d calls of %s %s", n, route, what)
		}
		return nil
	}
}

// testNotInState checks that no attribute of addr's state holds secret.
func testNotInState(addr, secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		r := s.RootModule().Resources[addr]
		if r == nil {
			return fmt.Errorf("%s not in the state", addr)
		}
		for k, v := range r.Primary.Attributes {
			if strings.Contains(v, secret) {
				return fmt.Errorf("the state's %s.%s holds the secret", addr, k)
			}
		}
		return nil
	}
}

// Apply (the first one sends the password), in place (an unmodelled key
// kept, the password not sent again), a rotation, drift repaired, a key
// removed from the configuration left alone, import by id and a wrong id;
// destroy writes nothing. Every apply's plan is empty after it.
func TestAccLdapSettings_lifecycle(t *testing.T) {
	doc := dss.LDAPSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	// A key the provider does not model, deep and at the top.
	testEditDoc(t, doc, func(m map[string]any) {
		m["accUnmodelled"] = map[string]any{"a": 1}
		m["url"] = "ldap://seed.example.com"
	})
	v1 := `{ enabled = true, bindDN = "cn=dss,dc=example,dc=com", authorizedGroups = ["dss-users"] }`
	v2 := `{ enabled = true, bindDN = "cn=dss,dc=example,dc=com", authorizedGroups = ["dss-users", "dss-admins"], defaultUserProfile = "DATA_SCIENTIST" }`
	v3 := `{ authorizedGroups = ["dss-users", "dss-admins"] }`
	acctest.Case(t, func(s *terraform.State) error {
		// Destroy writes nothing: DSS keeps the last values written and
		// the password.
		if err := testExpectDoc(t, doc, map[string]string{"enabled": `false`, "authorizedGroups": `["dss-users","dss-admins"]`})(s); err != nil {
			return err
		}
		return testIAMSecretIs(em, instance.LDAPSettingsID, "pw-Second-2")(s)
	}, []resource.TestStep{
		{
			Config: testLDAPConfig(v1, "pw-First-1", 1),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(testLDAPAddr, "id", instance.LDAPSettingsID),
				resource.TestCheckResourceAttr(testLDAPAddr, "settings.%", "3"),
				resource.TestCheckNoResourceAttr(testLDAPAddr, "bind_password_wo"),
				testNotInState(testLDAPAddr, "pw-First-1"),
				testExpectDoc(t, doc, map[string]string{
					"enabled": `true`, "bindDN": `"cn=dss,dc=example,dc=com"`, "authorizedGroups": `["dss-users"]`,
					"url": `"ldap://seed.example.com"`, "accUnmodelled": `{"a":1}`,
				}),
				testIAMSecretIs(em, instance.LDAPSettingsID, "pw-First-1"),
			),
		},
		{
			// In place; a password changed in the configuration alone is
			// not sent (its version did not change); unmodelled keys stay.
			Config: testLDAPConfig(v2, "pw-Ignored", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testLDAPAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testLDAPAddr, Attrs: []string{"settings"}},
			}},
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{
					"authorizedGroups": `["dss-users","dss-admins"]`, "defaultUserProfile": `"DATA_SCIENTIST"`,
					"url": `"ldap://seed.example.com"`, "accUnmodelled": `{"a":1}`,
				}),
				testIAMSecretIs(em, instance.LDAPSettingsID, "pw-First-1"),
			),
		},
		{
			// A rotation: the version changes, the new password is sent.
			Config: testLDAPConfig(v2, "pw-Second-2", 2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testLDAPAddr, Attrs: []string{"bind_password_wo_version"}},
			}},
			Check: resource.ComposeTestCheckFunc(
				testIAMSecretIs(em, instance.LDAPSettingsID, "pw-Second-2"),
				testNotInState(testLDAPAddr, "pw-Second-2"),
				testExpectDoc(t, doc, map[string]string{"accUnmodelled": `{"a":1}`, "defaultUserProfile": `"DATA_SCIENTIST"`}),
			),
		},
		{
			// Drift: a managed key changed outside Terraform is repaired;
			// an unmanaged one changed at the same time stays.
			PreConfig: func() {
				testEditDoc(t, doc, func(m map[string]any) {
					m["enabled"] = false
					m["url"] = "ldap://changed.example.com"
				})
			},
			Config:           testLDAPConfig(v2, "pw-Second-2", 2),
			ConfigPlanChecks: acctest.Plans(testLDAPAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"enabled": `true`, "url": `"ldap://changed.example.com"`}),
				testIAMSecretIs(em, instance.LDAPSettingsID, "pw-Second-2"),
			),
		},
		{
			// Keys removed from the configuration stop being managed.
			Config: testLDAPConfig(v3, "pw-Second-2", 2),
			Check:  testExpectDoc(t, doc, map[string]string{"enabled": `true`, "defaultUserProfile": `"DATA_SCIENTIST"`}),
		},
		{
			PreConfig:        func() { testEditDoc(t, doc, func(m map[string]any) { m["enabled"] = false }) },
			Config:           testLDAPConfig(v3, "pw-Second-2", 2),
			ConfigPlanChecks: acctest.Plans(testLDAPAddr, plancheck.ResourceActionNoop),
			Check:            testExpectDoc(t, doc, map[string]string{"enabled": `false`}),
		},
		// terraform import: the whole document but its secret.
		testImportOneStep(testLDAPAddr, instance.LDAPSettingsID, []string{"settings", "bind_password_wo_version"}, func(a map[string]string) error {
			if a["settings.url"] != "ldap://changed.example.com" || a["settings.accUnmodelled.a"] != "1" || a["settings.authorizedGroups.#"] != "2" {
				return fmt.Errorf("imported settings lack DSS's keys: %v", a)
			}
			for k, v := range a {
				if strings.Contains(strings.ToLower(k), "password") || strings.Contains(v, "pw-Second-2") {
					return fmt.Errorf("imported %s = %q: a secret in the state", k, v)
				}
			}
			return nil
		}),
		testWrongImportIDStep(testLDAPAddr, "ldap", "ldap-settings"),
	})
}

// An import block adopts the document without a PUT; the identity import;
// a second instance (count = 2) and a secret written in settings are
// refused at plan time.
func TestAccLdapSettings_importAndRefusals(t *testing.T) {
	doc := dss.LDAPSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	testEditDoc(t, doc, func(m map[string]any) { m["url"] = "ldap://held.example.com" })
	cfg := testLDAPConfig(`{ url = "ldap://held.example.com" }`, "", 0)
	put := "PUT /public/api/admin/iam/ldap-settings"
	var puts int64
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config:      `resource "dataiku_ldap_settings" "test" { settings = { enabled = true, bindPassword = "not-here" } }`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)cannot write bindPassword in settings.*bind_password_wo`),
		},
		{
			Config:      `resource "dataiku_ldap_settings" "test" { settings = { nested = { keystorePassword = "not-here" } } }`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)cannot write nested.keystorePassword in settings.*names a secret`),
		},
		{
			Config:      "resource \"dataiku_ldap_settings\" \"test\" {\n  count    = 2\n  settings = { enabled = false }\n}\n",
			PlanOnly:    true,
			ExpectError: singletonError("dataiku_ldap_settings"),
		},
		testImportWritesNothingStep(em, put, acctest.ImportBlock(testLDAPAddr, instance.LDAPSettingsID)+cfg, &puts),
		{
			// The import block gone: nothing to change.
			Config:           cfg,
			ConfigPlanChecks: acctest.Plans(testLDAPAddr, plancheck.ResourceActionNoop),
		},
		acctest.ImportVerifyStep(testLDAPAddr, acctest.ImportID(instance.LDAPSettingsID), "settings"),
		acctest.ImportIdentityStep(t, testLDAPAddr, "settings"),
		{
			// Removed from the configuration: nothing written.
			PreConfig: func() { puts = em.Server.Stats().ByRoute[put] },
			Config:    `# no resource`,
			Check: resource.ComposeTestCheckFunc(
				testNoCallsSince(em, put, &puts, "by a destroy"),
				testExpectDoc(t, doc, map[string]string{"url": `"ldap://held.example.com"`})),
		},
	})
}

// A first apply, or a rotation, whose PUT DSS refuses leaves a state that
// the next apply repairs: the password, which DSS never got, is sent then,
// although the configuration did not change.
func TestAccLdapSettings_failedWriteRepaired(t *testing.T) {
	doc := dss.LDAPSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	cfg := testLDAPConfig(`{ enabled = true }`, "pw-Retried-3", 1)
	acctest.Case(t, nil, []resource.TestStep{
		{
			PreConfig: func() {
				acctest.SetFaults(t, em, emulator.FaultRule{Method: "PUT", PathRegex: "/admin/iam/ldap-settings$", Status: 500, Message: "disk full", Count: 1})()
			},
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)dataiku_ldap_settings.*disk full`),
		},
		{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"enabled": `true`}),
				testIAMSecretIs(em, instance.LDAPSettingsID, "pw-Retried-3"),
			),
		},
		{
			// A rotation DSS refuses: the next apply sends it again.
			PreConfig: func() {
				acctest.SetFaults(t, em, emulator.FaultRule{Method: "PUT", PathRegex: "/admin/iam/ldap-settings$", Status: 500, Message: "disk full", Count: 1})()
			},
			Config:      testLDAPConfig(`{ enabled = true }`, "pw-Rotated-4", 2),
			ExpectError: regexp.MustCompile(`(?s)dataiku_ldap_settings.*disk full`),
		},
		{
			Config: testLDAPConfig(`{ enabled = true }`, "pw-Rotated-4", 2),
			Check:  testIAMSecretIs(em, instance.LDAPSettingsID, "pw-Rotated-4"),
		},
	})
}

// A non-admin key is refused at plan time with the address, and nothing
// is written.
func TestAccIAMSettings_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	var configs []typedConfig
	for _, typ := range []string{"dataiku_ldap_settings", "dataiku_sso_settings", "dataiku_azure_ad_settings"} {
		configs = append(configs, typedConfig{typ, fmt.Sprintf("resource %q \"test\" {\n  settings = { enabled = true }\n}\n", typ)})
	}
	var routes []string
	for _, route := range []string{"ldap-settings", "sso-settings", "azure-ad-settings"} {
		routes = append(routes, "PUT /public/api/admin/iam/"+route)
	}
	testNonAdminWritesNothing(t, em, configs, routes...)
}

// SSO: the OpenID client secret goes deep in the document
// (openIDParams.clientSecret) from client_secret_wo, the other OpenID keys
// DSS holds stay; import by id; the secret in settings is refused.
func TestAccSsoSettings_lifecycle(t *testing.T) {
	doc := dss.SSOSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	addr := "dataiku_sso_settings.test"
	cfg := func(clientID string, version int) string {
		return fmt.Sprintf(`resource "dataiku_sso_settings" "test" {
  settings                 = { enabled = true, protocol = "OPENID", openIDParams = { clientId = %q, issuer = "https://idp.example.com" } }
  client_secret_wo         = "cs-%d"
  client_secret_wo_version = %d
}
`, clientID, version, version)
	}
	acctest.Case(t, func(s *terraform.State) error {
		return testIAMSecretIs(em, instance.SSOSettingsID, "cs-2")(s)
	}, []resource.TestStep{
		{
			Config:      `resource "dataiku_sso_settings" "test" { settings = { openIDParams = { clientSecret = "not-here" } } }`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)cannot write openIDParams.clientSecret in settings.*client_secret_wo`),
		},
		{
			Config: cfg("dss", 1),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{
					"enabled": `true`, "protocol": `"OPENID"`, "openIDParams.clientId": `"dss"`,
					"openIDParams.scope": `"openid profile email"`, "openIDParams.clientSecret": `null`,
				}),
				testIAMSecretIs(em, instance.SSOSettingsID, "cs-1"),
				testNotInState(addr, "cs-1"),
			),
		},
		{
			Config: cfg("dss2", 2),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"openIDParams.clientId": `"dss2"`, "openIDParams.issuer": `"https://idp.example.com"`}),
				testIAMSecretIs(em, instance.SSOSettingsID, "cs-2"),
			),
		},
		{
			// Changed outside Terraform: a managed key edited in DSS is
			// put back, in place; the secret stays the one DSS holds.
			PreConfig: func() {
				testEditDoc(t, doc, func(m map[string]any) { m["openIDParams"].(map[string]any)["clientId"] = "edited-outside" })
			},
			Config:           cfg("dss2", 2),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"openIDParams.clientId": `"dss2"`, "openIDParams.issuer": `"https://idp.example.com"`}),
				testIAMSecretIs(em, instance.SSOSettingsID, "cs-2"),
			),
		},
		acctest.ImportVerifyStep(addr, acctest.ImportID(instance.SSOSettingsID), "settings", "client_secret_wo_version"),
		acctest.ImportIdentityStep(t, addr, "settings", "client_secret_wo_version"),
	})
}

// Azure AD: the client secret from client_secret_wo; the keys named
// credentials* that are no secret (credentialsClientId) are managed and
// imported.
func TestAccAzureAdSettings_lifecycle(t *testing.T) {
	doc := dss.AzureADSettingsDoc()
	em := testOnEmulatorDoc(t, doc)
	addr := "dataiku_azure_ad_settings.test"
	cfg := func(groupsLimit int) string {
		return fmt.Sprintf(`resource "dataiku_azure_ad_settings" "test" {
  settings         = { enabled = true, credentialsTenantId = "tenant-1", credentialsClientId = "app-1", groupsLimit = %d }
  client_secret_wo = "az-secret-1"
}
`, groupsLimit)
	}
	// The destroy forgets the document: DSS keeps the settings applied.
	acctest.Case(t, testExpectDoc(t, doc, map[string]string{"enabled": `true`, "groupsLimit": `60`}), []resource.TestStep{
		{
			Config: cfg(50),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"enabled": `true`, "credentialsClientId": `"app-1"`, "groupsLimit": `50`, "credentialMethod": `"OAUTH2_SECRET"`}),
				testIAMSecretIs(em, instance.AzureADSettingsID, "az-secret-1"),
				testNotInState(addr, "az-secret-1"),
			),
		},
		{
			// In place: the key changes in DSS, the others stay.
			Config:           cfg(60),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(
				testExpectDoc(t, doc, map[string]string{"groupsLimit": `60`, "credentialsClientId": `"app-1"`, "credentialMethod": `"OAUTH2_SECRET"`}),
				testIAMSecretIs(em, instance.AzureADSettingsID, "az-secret-1"),
			),
		},
		{
			// Changed outside Terraform: the managed key edited in DSS is
			// put back, in place.
			PreConfig:        func() { testEditDoc(t, doc, func(m map[string]any) { m["groupsLimit"] = 10 }) },
			Config:           cfg(60),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            testExpectDoc(t, doc, map[string]string{"groupsLimit": `60`, "credentialsTenantId": `"tenant-1"`}),
		},
		testImportOneStep(addr, instance.AzureADSettingsID, []string{"settings"}, func(a map[string]string) error {
			if a["settings.credentialsClientId"] != "app-1" || a["settings.credentialMethod"] != "OAUTH2_SECRET" {
				return fmt.Errorf("the import left out non-secret keys: %v", a)
			}
			return nil
		}),
		acctest.ImportIdentityStep(t, addr, "settings"),
	})
}
