package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// The fault matrix for container execution configs: each is an entry of
// DSS's general settings, a document every instance setting shares, so
// its create, update and destroy are read-modify-writes whose write is a
// PUT. The general settings' GET and PUT each meet a failure; whatever the
// faulty apply does, the next one converges with an empty plan and DSS
// holds the configured entry (or none after a destroy), never two.

// faultExecConfig is a configuration of a case's execution config: its
// namespace.
type faultExecConfig struct {
	Namespace string
}

var faultExecConfigClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_container_exec_config "fltec[0-9]+"`)

func TestAccFaultsContainerExecConfigConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		getSettings = acctest.FaultCall{Name: "read general settings", Method: "GET", Path: `/admin/general-settings$`}
		putSettings = acctest.FaultCall{Name: "write general settings", Method: "PUT", Path: `/admin/general-settings$`}
	)
	base := &faultExecConfig{Namespace: "jobs"}
	updated := &faultExecConfig{Namespace: "jobs-2"}
	type op = acctest.FaultOp[faultExecConfig]
	create := op{Target: base}
	read := op{Setup: base, Target: base}
	update := op{Setup: base, Target: updated}
	destroy := op{Setup: base}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultExecConfig]{
		What:       "container execution config",
		Name:       func(i int) string { return fmt.Sprintf("fltec%02d", i) },
		ClearError: faultExecConfigClearError,
		HCL: func(name string, c *faultExecConfig) string {
			return fmt.Sprintf("\nresource \"dataiku_container_exec_config\" \"c\" {\n  name      = %q\n  namespace = %q\n}\n", name, c.Namespace)
		},
		Holds: func(t *testing.T, name, _ string, want *faultExecConfig) {
			doc, err := dss.GeneralSettingsDoc().Get(acctest.Ctx(t), acctest.Client(t))
			if err != nil {
				t.Fatal(err)
			}
			var held []map[string]any
			for _, x := range instance.ExecConfigs(*doc, false) {
				if m, _ := x.(map[string]any); m["name"] == name {
					held = append(held, m)
				}
			}
			switch {
			case want == nil && len(held) != 0:
				t.Errorf("DSS holds %v for %s after the destroy, want nothing", held, name)
			case want != nil && (len(held) != 1 || held[0]["kubernetesNamespace"] != want.Namespace):
				t.Errorf("DSS holds %v for %s, want one config in namespace %s", held, name, want.Namespace)
			}
		},
	}, []acctest.FaultRow[faultExecConfig]{
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: create, MayFail: false},
		// Every answer to a PUT lost, DSS having written each: the create's
		// first write (the entry, its name and type) is looked for and
		// found, so the entry is this resource's; the second (the rest of
		// the settings) fails, the state keeps the entry tainted, and the
		// next apply replaces it, instead of refusing it as not its own.
		{Call: putSettings, Fault: acctest.FaultDropAfterDown, Op: create, MayFail: true},
		// The write cannot happen: nothing written, the next apply creates.
		{Call: putSettings, Fault: acctest.FaultDown503, Op: create, MayFail: true},
		{Call: getSettings, Fault: acctest.Fault502, Op: read, MayFail: false},
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: update, MayFail: false},
		{Call: putSettings, Fault: acctest.FaultDown503, Op: update, MayFail: true},
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: destroy, MayFail: false},
		{Call: putSettings, Fault: acctest.FaultDown503, Op: destroy, MayFail: true},
	})
}
