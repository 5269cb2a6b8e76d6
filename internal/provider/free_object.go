package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// A free-form settings object: the fields of a DSS document the provider
// does not model, set by the configuration key by key. Only the keys the
// configuration names are managed: each is written into the document and
// read back; the others stay as DSS has them. The attribute is a JSON
// object written with jsonencode (the provider's JSON-string pattern,
// json_object.go); these functions are the one place that knows it, so
// that moving to an HCL object attribute changes only them.

// freeObjectAttribute is the schema of a free-form settings object;
// reserved are the document's keys modelled by other attributes, which it
// may not set.
func freeObjectAttribute(description string, reserved ...string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
		MarkdownDescription: description + " A JSON object written with `jsonencode`; only the keys it names are managed " +
			"(written, and read back to show drift), the others stay as DSS has them. It may not set " + codeList(reserved) + ", which have attributes of their own.",
		Validators: []validator.String{jsonObjectValidator{}, reservedKeysValidator{reserved: reserved}}}
}

func codeList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "`" + k + "`"
	}
	return strings.Join(out, ", ")
}

// freeObjectToDSS writes the managed keys of v into extra.
func freeObjectToDSS(v jsontypes.Normalized, extra *dss.Extra) error {
	m, err := decodeJSONObject(v)
	if err != nil || m == nil {
		return err
	}
	if *extra == nil {
		*extra = dss.Extra{}
	}
	for k, val := range m {
		b, err := json.Marshal(val)
		if err != nil {
			return err
		}
		(*extra)[k] = b
	}
	return nil
}

// freeObjectFromDSS reads back from extra the keys v manages; a key DSS
// lacks is left out, so that the plan shows it missing. An import reads
// none: the configuration says which keys it manages.
func freeObjectFromDSS(v jsontypes.Normalized, extra dss.Extra) (jsontypes.Normalized, error) {
	managed, err := decodeJSONObject(v)
	if err != nil || managed == nil {
		return v, err
	}
	out := map[string]any{}
	for k := range managed {
		raw, ok := extra[k]
		if !ok {
			continue
		}
		val, err := decodeJSONValue(string(raw))
		if err != nil {
			return v, fmt.Errorf("DSS's %s: %w", k, err)
		}
		out[k] = terraformNumbers(val)
	}
	got := encodeJSONObject(out)
	if sameJSONValue(got, v) {
		return v, nil
	}
	return got, nil
}

// reservedKeysValidator refuses keys other attributes own.
type reservedKeysValidator struct{ reserved []string }

func (v reservedKeysValidator) Description(_ context.Context) string {
	return "must not set " + strings.Join(v.reserved, ", ")
}

func (v reservedKeysValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v reservedKeysValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	var m map[string]any
	if json.Unmarshal([]byte(req.ConfigValue.ValueString()), &m) != nil {
		return // jsonObjectValidator says why
	}
	for _, k := range v.reserved {
		if _, ok := m[k]; ok {
			resp.Diagnostics.AddAttributeError(req.Path, "Key set by another attribute",
				fmt.Sprintf("%s may not set %q: it has an attribute of its own. Keys it may not set: %s.", req.Path, k, strings.Join(v.reserved, ", ")))
		}
	}
}
