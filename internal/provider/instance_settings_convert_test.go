package provider

import (
	"encoding/json"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func mustObject(t *testing.T, s string) map[string]any {
	t.Helper()
	m, err := decodeJSONObjectText(s)
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
		got := managedSettings(held, jsonDynamic(c.written))
		if hclObjectText(got) != c.want && !jsonEqual(mustObject(t, hclObjectText(got)), mustObject(t, c.want)) {
			t.Errorf("written %s: state %s, want %s", c.written, hclObjectText(got), c.want)
		}
		if c.written == c.want && hclObjectText(got) != c.written {
			t.Errorf("written %s held: the text changed to %s", c.written, hclObjectText(got))
		}
	}
	// After an import (no prior): the whole document.
	if got := managedSettings(held, types.DynamicNull()); !jsonEqual(mustObject(t, hclObjectText(got)), held) {
		t.Errorf("imported state %s", hclObjectText(got))
	}
}

func TestMergeDeepWritesOnlyTheKeysWritten(t *testing.T) {
	doc := mustObject(t, dssSettings)
	written := mustObject(t, `{"ldapSettings":{"enabled":true,"deep":{"c":3}},"list":[9],"new":{"x":{"y":1}},"studioExternalUrl":{"a":1}}`)
	mergeDeep(doc, written)
	want := mustObject(t, `{"ldapSettings":{"enabled":true,"url":"ldap://x","deep":{"a":1,"b":2,"c":3}},
"maxRunningActivities":5,"udfSettings":{},"list":[9],"new":{"x":{"y":1}},"studioExternalUrl":{"a":1}}`)
	if !jsonEqual(doc, want) {
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
	mergeDeep(after, projectDeep(before, mustObject(t, `{"ldapSettings":{"deep":{}},"maxRunningActivities":1}`)))
	if !jsonEqual(before, after) {
		t.Error("merging DSS's own values changed the document")
	}
}

func TestWholeVariablesIsSemanticallyCompared(t *testing.T) {
	held := mustObject(t, `{"b":[1,{"c":true}],"a":"x","n":10}`)
	prior := jsonDynamic("{\n  \"a\": \"x\", \"n\": 10.0, \"b\": [1, {\"c\": true}]\n}")
	if got := wholeVariables(held, prior); hclObjectText(got) != hclObjectText(prior) {
		t.Errorf("same variables in another form: %s", hclObjectText(got))
	}
	if got := wholeVariables(mustObject(t, `{"a":"x","n":10,"b":[1,{"c":true}],"added":1}`), prior); hclObjectText(got) != `{"a":"x","added":1,"b":[1,{"c":true}],"n":10}` {
		t.Errorf("a variable added in DSS: %s", hclObjectText(got))
	}
	if got := wholeVariables(nil, types.DynamicNull()); hclObjectText(got) != `{}` {
		t.Errorf("no variables: %s", hclObjectText(got))
	}
}

func TestSingletonImportID(t *testing.T) {
	if _, err := instanceSettingsKind().address().importIdentity(generalSettingsID); err != nil {
		t.Error(err)
	}
	if _, err := instanceVariablesKind().address().importIdentity("general-settings"); err == nil {
		t.Error("the variables accepted the settings' id")
	}
}

// The plans of one type are counted per configured provider, concurrently,
// and a new configuration (a new walk) starts from zero.
func TestSingletonPlansAreCountedPerProviderConfiguration(t *testing.T) {
	a, b := &providerData{}, &providerData{}
	var wg sync.WaitGroup
	counts := make(chan int, 8)
	for range 8 {
		wg.Go(func() { n, _ := countSingletonPlan(a, "dataiku_instance_settings", ""); counts <- n })
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
	n, token := countSingletonPlan(b, "dataiku_instance_settings", "")
	if n != 1 {
		t.Errorf("another provider configuration starts at %d", n)
	}
	// The same instance planned again (a replacement) with its token: not
	// counted; a token from another walk: counted.
	if n, again := countSingletonPlan(b, "dataiku_instance_settings", token); n != 1 || again != token {
		t.Errorf("a replacement's second plan counted: %d", n)
	}
	if n, _ := countSingletonPlan(b, "dataiku_instance_settings", "from-an-earlier-walk"); n != 2 {
		t.Errorf("a token of an earlier walk: count %d, want 2", n)
	}
	if n, _ := countSingletonPlan(a, "dataiku_instance_variables", token); n != 1 {
		t.Errorf("another type starts at %d", n)
	}
	// A configuration that is gone takes its counts with it.
	c := &providerData{}
	countSingletonPlan(c, "x", "")
	before := syncMapLen(&singletonPlans)
	c = nil
	_ = c
	for range 5 {
		runtime.GC()
	}
	runtime.Gosched()
	if after := syncMapLen(&singletonPlans); after >= before {
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
	got := mustObject(t, hclObjectText(managedSettings(held, types.DynamicNull())))
	want := mustObject(t, `{"maxRunningActivities":5,
		"ldapSettings":{"enabled":true,"bindDN":"cn=dss"},
		"ssoSettings":{"openIDParams":{"clientId":"dss"}},
		"mailSettings":{"smtp":{"host":"mail"}},
		"hooks":[{"name":"h"}]}`)
	if !jsonEqual(got, want) {
		t.Errorf("imported state %v, want %v", got, want)
	}
	// Written keys are managed as written, secrets included.
	if got := managedSettings(held, jsonDynamic(`{"ldapSettings":{"bindPassword":"e:AES:x"}}`)); hclObjectText(got) != `{"ldapSettings":{"bindPassword":"e:AES:x"}}` {
		t.Errorf("written secret key: state %s", hclObjectText(got))
	}
}
