package instance

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The deep subset rule of dataiku_instance_settings. DSS's general settings
// are one large nested document (LDAP, SSO, limits, code envs…), and an
// administrator writes a few keys deep inside it, such as
// ldapSettings.enabled. So the rule of dataset params (top-level keys
// compared whole, see WrittenSubset) is applied at every depth: where the
// configuration writes an object and DSS holds an object, only the keys
// written inside are managed; any other value written (a string, a number, a
// list, null) is managed whole. An empty object written manages the key's
// presence as an object and nothing inside.

// GeneralSettingsID and InstanceVariablesID are the fixed ids (and import
// ids) of the two singletons.
const (
	GeneralSettingsID   = names.GeneralSettingsID
	InstanceVariablesID = names.InstanceVariablesID
)

type instanceSettingsModel struct {
	ID       types.String  `tfsdk:"id"`
	Settings types.Dynamic `tfsdk:"settings"`
}

type instanceVariablesModel struct {
	ID        types.String  `tfsdk:"id"`
	Variables types.Dynamic `tfsdk:"variables"`
}

// ProjectDeep keeps, of DSS's object held, the keys of written at any depth.
func ProjectDeep(held, written map[string]any) map[string]any {
	out := make(map[string]any, len(written))
	for k, w := range written {
		h, ok := held[k]
		if !ok {
			continue
		}
		wm, wObj := w.(map[string]any)
		hm, hObj := h.(map[string]any)
		if wObj && hObj {
			out[k] = ProjectDeep(hm, wm)
			continue
		}
		out[k] = h
	}
	return out
}

// MergeDeep writes the keys of written into doc at any depth: where both
// hold an object at a key it descends, elsewhere written's value replaces
// doc's, DSS's text kept for every part of it that does not change
// (kit.KeepEqual). Keys of doc that written does not name are kept as
// they are.
func MergeDeep(doc, written map[string]any) {
	for k, w := range written {
		wm, wObj := w.(map[string]any)
		if dm, ok := doc[k].(map[string]any); wObj && ok {
			MergeDeep(dm, wm)
			continue
		}
		old, had := doc[k]
		if had {
			w = kit.KeepEqual(old, w)
		}
		doc[k] = kit.DeepCopyJSON(w)
	}
}

// ManagedSettings is the state's settings: DSS's document held projected
// onto the keys of prior (the configuration, or the previous state), in
// prior's form (HCLObjectKeepForm: a number written 1.0 against DSS's 1 is
// no change). A null prior (right
// after an import) gives the whole document but its secrets (see
// kit.WithoutSecretKeys), so that the state, and configuration generated from
// it, show what DSS has.
func ManagedSettings(held map[string]any, prior types.Dynamic) types.Dynamic {
	return managedDeep(held, prior, func(doc map[string]any) map[string]any {
		return withoutDedicatedSettings(kit.WithoutSecretKeys(doc))
	})
}

// managedDeep is the deep subset rule's state: held projected onto the
// keys of prior, in prior's form; or, when prior is null (right after an
// import), the whole document as imported keeps it.
func managedDeep(held map[string]any, prior types.Dynamic, imported func(map[string]any) map[string]any) types.Dynamic {
	written, err := kit.HCLObjectDecode(prior)
	if err != nil || written == nil {
		return kit.HCLObjectValue(imported(kit.NonNilObject(held)))
	}
	return kit.HCLObjectKeepForm(ProjectDeep(held, written), prior)
}

// WholeVariables is the state's variables: the whole document, in prior's
// form when it holds the same JSON.
func WholeVariables(held map[string]any, prior types.Dynamic) types.Dynamic {
	return kit.HCLObjectKeepForm(kit.NonNilObject(held), prior)
}

// dedicatedSettings are the general settings that a dedicated resource
// manages item by item, so dataiku_instance_settings leaves them out: it
// refuses to write them and an import leaves them out of its state.
var dedicatedSettings = []struct {
	path     []string
	resource string
}{
	{[]string{"containerSettings", "executionConfigs"}, "dataiku_container_exec_config"},
}

// withoutDedicatedSettings is doc without the dedicated settings (doc is a
// copy, changed in place).
func withoutDedicatedSettings(doc map[string]any) map[string]any {
	for _, d := range dedicatedSettings {
		parent := doc
		for _, k := range d.path[:len(d.path)-1] {
			parent, _ = parent[k].(map[string]any)
		}
		if parent != nil {
			delete(parent, d.path[len(d.path)-1])
		}
	}
	return doc
}

// dedicatedSettingWritten names the first dedicated setting written holds,
// with the resource that manages it.
func dedicatedSettingWritten(written map[string]any) (key, resource string) {
	for _, d := range dedicatedSettings {
		m := written
		for i, k := range d.path {
			v, ok := m[k]
			if !ok {
				break
			}
			if i == len(d.path)-1 {
				return strings.Join(d.path, "."), d.resource
			}
			if m, ok = v.(map[string]any); !ok {
				break
			}
		}
	}
	return "", ""
}
