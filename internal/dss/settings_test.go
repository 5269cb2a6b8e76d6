package dss

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A general-settings document with keys the provider knows nothing about,
// a number beyond float64's exact range and nested objects.
const settingsWire = `{"ldapSettings":{"enabled":false,"url":"ldap://x"},"maxRunningActivities":5,
"big":9007199254740993,"udfSettings":{},"list":[1,2.50,"x"]}`

func TestGeneralSettingsRoundTripKeepsEveryKeyExactly(t *testing.T) {
	fake := &fakeDocument{path: "/public/api/admin/general-settings", stored: settingsWire}
	c := fake.client(t)
	ctx := t.Context()

	// Nothing changed: no PUT.
	if _, wrote, err := GeneralSettingsDoc().Update(ctx, c, func(*FreeObject) error { return nil }); err != nil || wrote {
		t.Fatalf("unchanged update: wrote=%v err=%v", wrote, err)
	}
	if _, wrote, err := GeneralSettingsDoc().Update(ctx, c, func(o *FreeObject) error {
		(*o)["maxRunningActivities"] = json.Number("7")
		return nil
	}); err != nil || !wrote {
		t.Fatalf("update: wrote=%v err=%v", wrote, err)
	}
	if fake.puts != 1 {
		t.Errorf("%d PUTs, want 1", fake.puts)
	}
	for _, want := range []string{`"big":9007199254740993`, `"maxRunningActivities":7`, `"url":"ldap://x"`, `"udfSettings":{}`, `2.50`} {
		if !strings.Contains(fake.stored, want) {
			t.Errorf("written document %s lacks %s", fake.stored, want)
		}
	}
}

func TestFreeObjectForms(t *testing.T) {
	var o FreeObject
	if err := json.Unmarshal([]byte(`null`), &o); err != nil || o == nil || len(o) != 0 {
		t.Errorf("null: %v %v", o, err)
	}
	if err := json.Unmarshal([]byte(`[1]`), &o); err == nil {
		t.Error("a list was accepted as a document")
	}
	if b, _ := json.Marshal(FreeObject(nil)); string(b) != "{}" {
		t.Errorf("nil document written as %s", b)
	}
}

func TestInstanceInfoAndLicensedProfiles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/public/api/instance-info":
			_, _ = io.WriteString(w, `{"dssVersion":"14.1.0","nodeType":"AUTOMATION","nodeId":"n"}`)
		case "/public/api/admin/licensing/status":
			_, _ = io.WriteString(w, `{"limits":{"licensedProfiles":{"READER":{"licensedLimit":-1},"DESIGNER":{}}}}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	info, err := c.InstanceInfo(t.Context())
	if err != nil || info.NodeType != "AUTOMATION" {
		t.Fatalf("instance info %+v, %v", info, err)
	}
	st, err := c.LicensingStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(st.Profiles(), ","); got != "DESIGNER,READER" {
		t.Errorf("profiles %q", got)
	}
	var none LicensingStatus
	_ = json.Unmarshal([]byte(`{"expired":false}`), &none)
	if none.Profiles() != nil {
		t.Error("profiles reported where DSS gave none")
	}
}
