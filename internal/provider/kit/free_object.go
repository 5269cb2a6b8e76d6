package kit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// A free-form settings object: the fields of a DSS document the provider
// does not model, set by the configuration key by key. It is an HCL object
// attribute (hcl_object.go: an object, or the jsonencode string of one),
// with the subset rule: only the keys the configuration names are managed,
// written into the document and read back; the others stay as DSS has
// them. These functions are the one place the deployer's kinds use for it.

// FreeObjectAttribute is the schema of a free-form settings object;
// reserved are the document's keys modelled by other attributes, which it
// may not set.
func FreeObjectAttribute(description string, reserved ...string) schema.DynamicAttribute {
	a := HCLObjectAttribute(description + " An object, e.g. `{ key = \"value\" }`; only the keys it names are managed " +
		"(written, and read back to show drift), the others stay as DSS has them. It may not set " + codeList(reserved) + ", which have attributes of their own.")
	a.Validators = []validator.Dynamic{HCLObjectWithout(func(k string) bool { return slices.Contains(reserved, k) },
		"it has an attribute of its own (keys set by other attributes: "+strings.Join(reserved, ", ")+")")}
	return a
}

func codeList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "`" + k + "`"
	}
	return strings.Join(out, ", ")
}

// FreeObjectToDSS writes the managed keys of v into extra. A key whose
// value DSS already holds (as JSON) is left as DSS has it, byte for
// byte; a changed one keeps DSS's text of its unchanged parts (KeepEqual).
func FreeObjectToDSS(v types.Dynamic, extra *dss.Extra) error {
	m, err := HCLObjectDecode(v)
	if err != nil || m == nil {
		return err
	}
	if *extra == nil {
		*extra = dss.Extra{}
	}
	for k, val := range m {
		if raw, had := (*extra)[k]; had {
			if held, err := DecodeJSONValue(string(raw)); err == nil {
				if JSONEqual(held, val) {
					continue
				}
				val = KeepEqual(held, val)
			}
		}
		b, err := json.Marshal(val)
		if err != nil {
			return err
		}
		(*extra)[k] = b
	}
	return nil
}

// ReadFreeObject is FreeObjectFromDSS into *v, for a kind's read: its
// error is added to diags as "Cannot read the <what>'s settings" (what
// names the object, e.g. "knowledge bank"), and *v is then left as it was.
func ReadFreeObject(v *types.Dynamic, extra dss.Extra, what string, diags *diag.Diagnostics) {
	settings, err := FreeObjectFromDSS(*v, extra)
	if err != nil {
		diags.AddError("Cannot read the "+what+"'s settings", err.Error())
	}
	*v = settings
}

// FreeObjectFromDSS reads back from extra the keys v manages (the subset
// rule); null when v is. An import reads none: the configuration says
// which keys it manages.
func FreeObjectFromDSS(v types.Dynamic, extra dss.Extra) (types.Dynamic, error) {
	managed, err := HCLObjectDecode(v)
	if err != nil || managed == nil {
		return v, err
	}
	fromDSS := map[string]any{}
	for k := range managed {
		raw, ok := extra[k]
		if !ok {
			continue
		}
		val, err := DecodeJSONValue(string(raw))
		if err != nil {
			return v, fmt.Errorf("DSS's %s: %w", k, err)
		}
		fromDSS[k] = val
	}
	return HCLObjectSubset(fromDSS, v), nil
}
