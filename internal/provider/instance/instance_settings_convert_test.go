package instance_test

import (
	"encoding/json"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func mustObject(t *testing.T, s string) map[string]any {
	t.Helper()
	m, err := kit.DecodeJSONObjectText(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return m
}

const dssSettings = `{"ldapSettings":{"enabled":false,"url":"ldap://x","deep":{"a":1,"b":2}},
"maxRunningActivities":5,"udfSettings":{},"list":[1,2],"studioExternalUrl":""}`

func TestManagedSettingsKeepsOnlyTheKeysWrittenAtAnyDepth(t *testing.T) {
	held := mustObject(t, dssSettings)
	for _, c := range []struct{ written, want string }{
		// Held as written: the written text is kept as is.
		{`{"maxRunningActivities": 5.0}`, `{"maxRunningActivities": 5.0}`},
		{`{"ldapSettings":{"deep":{"b":2}}}`, `{"ldapSettings":{"deep":{"b":2}}}`},
		{`{"udfSettings":{}}`, `{"udfSettings":{}}`},
		// Changed in DSS: DSS's value of the written keys only.
		{`{"ldapSettings":{"enabled":true}}`, `{"ldapSettings":{"enabled":false}}`},
		{`{"ldapSettings":{"deep":{"b":3}},"maxRunningActivities":5}`, `{"ldapSettings":{"deep":{"b":2}},"maxRunningActivities":5}`},
		// A list is compared whole.
		{`{"list":[1]}`, `{"list":[1,2]}`},
		// Missing in DSS: the key disappears (drift).
		{`{"nope":1,"maxRunningActivities":5}`, `{"maxRunningActivities":5}`},
		{`{"ldapSettings":{"nope":{}}}`, `{"ldapSettings":{}}`},
		// An object written where DSS has something else: DSS's value whole.
		{`{"studioExternalUrl":{"a":1}}`, `{"studioExternalUrl":""}`},
	} {
		got := instance.ManagedSettings(held, acctest.JSONDynamic(c.written))
		if kit.HCLObjectText(got) != c.want && !kit.JSONEqual(mustObject(t, kit.HCLObjectText(got)), mustObject(t, c.want)) {
			t.Errorf("written %s: state %s, want %s", c.written, kit.HCLObjectText(got), c.want)
		}
		if c.written == c.want && kit.HCLObjectText(got) != c.written {
			t.Errorf("written %s held: the text changed to %s", c.written, kit.HCLObjectText(got))
		}
	}
	// After an import (no prior): the whole document.
	if got := instance.ManagedSettings(held, types.DynamicNull()); !kit.JSONEqual(mustObject(t, kit.HCLObjectText(got)), held) {
		t.Errorf("imported state %s", kit.HCLObjectText(got))
	}
}

func TestMergeDeepWritesOnlyTheKeysWritten(t *testing.T) {
	doc := mustObject(t, dssSettings)
	written := mustObject(t, `{"ldapSettings":{"enabled":true,"deep":{"c":3}},"list":[9],"new":{"x":{"y":1}},"studioExternalUrl":{"a":1}}`)
	instance.MergeDeep(doc, written)
	want := mustObject(t, `{"ldapSettings":{"enabled":true,"url":"ldap://x","deep":{"a":1,"b":2,"c":3}},
"maxRunningActivities":5,"udfSettings":{},"list":[9],"new":{"x":{"y":1}},"studioExternalUrl":{"a":1}}`)
	if !kit.JSONEqual(doc, want) {
		b, _ := json.Marshal(doc)
		t.Errorf("merged %s", b)
	}
	// The document shares nothing with the configuration.
	written["new"].(map[string]any)["x"].(map[string]any)["y"] = json.Number("2")
	if doc["new"].(map[string]any)["x"].(map[string]any)["y"] != json.Number("1") {
		t.Error("the merged document aliases the configuration")
	}
	// Merging what is held changes nothing.
	before := mustObject(t, dssSettings)
	after := mustObject(t, dssSettings)
	instance.MergeDeep(after, instance.ProjectDeep(before, mustObject(t, `{"ldapSettings":{"deep":{}},"maxRunningActivities":1}`)))
	if !kit.JSONEqual(before, after) {
		t.Error("merging DSS's own values changed the document")
	}
}

func TestWholeVariablesIsSemanticallyCompared(t *testing.T) {
	held := mustObject(t, `{"b":[1,{"c":true}],"a":"x","n":10}`)
	prior := acctest.JSONDynamic("{\n  \"a\": \"x\", \"n\": 10.0, \"b\": [1, {\"c\": true}]\n}")
	if got := instance.WholeVariables(held, prior); kit.HCLObjectText(got) != kit.HCLObjectText(prior) {
		t.Errorf("same variables in another form: %s", kit.HCLObjectText(got))
	}
	if got := instance.WholeVariables(mustObject(t, `{"a":"x","n":10,"b":[1,{"c":true}],"added":1}`), prior); kit.HCLObjectText(got) != `{"a":"x","added":1,"b":[1,{"c":true}],"n":10}` {
		t.Errorf("a variable added in DSS: %s", kit.HCLObjectText(got))
	}
	if got := instance.WholeVariables(nil, types.DynamicNull()); kit.HCLObjectText(got) != `{}` {
		t.Errorf("no variables: %s", kit.HCLObjectText(got))
	}
}

func TestSingletonImportID(t *testing.T) {
	if _, err := instance.InstanceSettingsKind().Address().ImportIdentity(instance.GeneralSettingsID); err != nil {
		t.Error(err)
	}
	if _, err := instance.InstanceVariablesKind().Address().ImportIdentity("general-settings"); err == nil {
		t.Error("the variables accepted the settings' id")
	}
}

// The plans of one type are counted per configured provider, concurrently,
// and a new configuration (a new walk) starts from zero.
func TestSingletonPlansAreCountedPerProviderConfiguration(t *testing.T) {
	a, b := &kit.ProviderData{}, &kit.ProviderData{}
	var wg sync.WaitGroup
	counts := make(chan int, 8)
	for range 8 {
		wg.Go(func() { n, _ := kit.CountSingletonPlan(a, "dataiku_instance_settings", ""); counts <- n })
	}
	wg.Wait()
	close(counts)
	seen := map[int]bool{}
	for n := range counts {
		seen[n] = true
	}
	if len(seen) != 8 || !seen[1] || !seen[8] {
		t.Errorf("concurrent counts %v, want 1..8 once each", seen)
	}
	n, token := kit.CountSingletonPlan(b, "dataiku_instance_settings", "")
	if n != 1 {
		t.Errorf("another provider configuration starts at %d", n)
	}
	// The same instance planned again (a replacement) with its token: not
	// counted; a token from another walk: counted.
	if n, again := kit.CountSingletonPlan(b, "dataiku_instance_settings", token); n != 1 || again != token {
		t.Errorf("a replacement's second plan counted: %d", n)
	}
	if n, _ := kit.CountSingletonPlan(b, "dataiku_instance_settings", "from-an-earlier-walk"); n != 2 {
		t.Errorf("a token of an earlier walk: count %d, want 2", n)
	}
	if n, _ := kit.CountSingletonPlan(a, "dataiku_instance_variables", token); n != 1 {
		t.Errorf("another type starts at %d", n)
	}
	// A configuration that is gone takes its counts with it.
	c := &kit.ProviderData{}
	kit.CountSingletonPlan(c, "x", "")
	before := syncMapLen(&kit.SingletonPlans)
	c = nil
	_ = c
	for range 5 {
		runtime.GC()
	}
	runtime.Gosched()
	if after := syncMapLen(&kit.SingletonPlans); after >= before {
		t.Logf("counts kept after the configuration went (%d → %d); cleanups may run later", before, after)
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

func syncMapLen(m *sync.Map) int {
	n := 0
	m.Range(func(any, any) bool { n++; return true })
	return n
}

// An import reads DSS's whole settings but their secrets: a configuration
// generated from the state must not hold them (and need not: a key not
// written is not managed).
func TestImportedSettingsLeaveSecretsOut(t *testing.T) {
	held := mustObject(t, `{"maxRunningActivities":5,
		"ldapSettings":{"enabled":true,"bindDN":"cn=dss","bindPassword":"e:AES:x"},
		"ssoSettings":{"openIDParams":{"clientId":"dss","clientSecret":"s"}},
		"mailSettings":{"smtp":{"host":"mail","password":"p"}},
		"credentials":{"user":"u"},
		"hooks":[{"name":"h","apiToken":"t"}]}`)
	got := mustObject(t, kit.HCLObjectText(instance.ManagedSettings(held, types.DynamicNull())))
	want := mustObject(t, `{"maxRunningActivities":5,
		"ldapSettings":{"enabled":true,"bindDN":"cn=dss"},
		"ssoSettings":{"openIDParams":{"clientId":"dss"}},
		"mailSettings":{"smtp":{"host":"mail"}},
		"hooks":[{"name":"h"}]}`)
	if !kit.JSONEqual(got, want) {
		t.Errorf("imported state %v, want %v", got, want)
	}
	// Written keys are managed as written, secrets included.
	if got := instance.ManagedSettings(held, acctest.JSONDynamic(`{"ldapSettings":{"bindPassword":"e:AES:x"}}`)); kit.HCLObjectText(got) != `{"ldapSettings":{"bindPassword":"e:AES:x"}}` {
		t.Errorf("written secret key: state %s", kit.HCLObjectText(got))
	}
}
