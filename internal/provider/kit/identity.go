package kit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12 and later): what names an object,
// stored by Terraform next to the state and accepted by import blocks
// (`import { to = …, identity = { … } }`). An address's key is exactly
// that: its parts are the identity's attributes, each a string attribute
// of the resource, and an identity is checked with the import ID's rules
// so that both forms accept the same objects. Older Terraform neither
// sends nor stores identities; everything here is skipped when the
// request carries none.

// identitySchema has one required string per key part.
func (a *Address[M]) identitySchema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(a.Key))
	for _, p := range a.Key {
		attrs[p.Attr] = identityschema.StringAttribute{RequiredForImport: !p.Optional, OptionalForImport: p.Optional, Description: p.Doc}
	}
	return identityschema.Schema{Attributes: attrs}
}

// OptionalKeyAttrs are the key's optional parts (KeyPart.Optional).
func (a *Address[M]) OptionalKeyAttrs() []string {
	var out []string
	for _, p := range a.Key {
		if p.Optional {
			out = append(out, p.Attr)
		}
	}
	return out
}

// KeyAttrs are the key's attribute names, in the import ID's order.
func (a *Address[M]) KeyAttrs() []string {
	out := make([]string, len(a.Key))
	for i, p := range a.Key {
		out[i] = p.Attr
	}
	return out
}

// OptionalKeyAttrs are the key's optional parts, for the tests that check
// the identity schema against the address.
func (r *Resource[M]) OptionalKeyAttrs() []string { return r.Kind.Address().OptionalKeyAttrs() }

// setObjectIdentity records m's key as the resource identity. A key with
// a part not known (an id DSS generates, whose answer was lost) records
// nothing: the identity could not name the object, and Terraform keeps
// what it had.
func (a *Address[M]) setObjectIdentity(ctx context.Context, m *M, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if ident == nil {
		return
	}
	for _, p := range a.Key {
		if v := *p.Field(m); v.IsUnknown() || (!p.Optional && v.ValueString() == "") {
			return
		}
	}
	for _, p := range a.Key {
		diags.Append(ident.SetAttribute(ctx, path.Root(p.Attr), p.value(p.Field(m).ValueString()))...)
	}
}

// setImportedIdentity records the identity of an imported object, from
// the attributes its import ID named.
func (a *Address[M]) setImportedIdentity(ctx context.Context, imported ObjectIdentity, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if ident == nil {
		return
	}
	for _, p := range a.Key {
		for _, at := range imported.Attrs {
			if at.Name == p.Attr {
				diags.Append(ident.SetAttribute(ctx, path.Root(p.Attr), at.Value)...)
			}
		}
	}
}

// importIDOfIdentity checks an identity given to import and turns it into
// the import ID it stands for, so that the import proceeds exactly as one
// by ID. Each part must be set and follow its rule; the joined ID must
// split back into the same parts (a part holding the separator would
// otherwise name another object).
func (a *Address[M]) importIDOfIdentity(ctx context.Context, ident tfsdk.ResourceIdentity) (string, error) {
	values := make([]string, len(a.Key))
	for i, p := range a.Key {
		var v types.String
		d := ident.GetAttribute(ctx, path.Root(p.Attr), &v)
		if p.Optional && !d.HasError() && !v.IsUnknown() && v.ValueString() == "" {
			continue // the object is named by another part; the ID's parse checks that one is
		}
		if d.HasError() || !Known(v) || v.ValueString() == "" {
			return "", fmt.Errorf("the identity of a %s needs %s; %s is missing", a.TypeName, a.identityForm(), p.Attr)
		}
		values[i] = v.ValueString()
		if a.ParseKey == nil && p.Pattern != nil && !p.Pattern.MatchString(values[i]) {
			return "", fmt.Errorf("the identity's %s must %s; got %q (the identity of a %s is %s)", p.Attr, p.Rule, values[i], a.TypeName, a.identityForm())
		}
	}
	id := a.join(values)
	parsed, err := a.ParseImportKey(id)
	if err != nil {
		return "", fmt.Errorf("the identity %s names no valid %s: %w", a.identityText(values), a.TypeName, err)
	}
	for i := range values {
		// EqualFold: a code env's language is accepted in any case, as in
		// its import ID.
		if i >= len(parsed) || !strings.EqualFold(parsed[i], values[i]) {
			return "", fmt.Errorf("the identity %s names no valid %s: %s must not hold %q, which separates the key's parts",
				a.identityText(values), a.TypeName, a.Key[i].Attr, a.sep())
		}
	}
	return id, nil
}

// identityForm lists the identity's attributes for messages:
// "{ project_key, name }".
func (a *Address[M]) identityForm() string {
	return "{ " + strings.Join(a.KeyAttrs(), ", ") + " }"
}

// identityText shows an identity as written in an import block.
func (a *Address[M]) identityText(values []string) string {
	parts := make([]string, len(a.Key))
	for i, p := range a.Key {
		parts[i] = fmt.Sprintf("%s = %q", p.Attr, values[i])
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (a *Address[M]) sep() string {
	if a.Separator != "" {
		return a.Separator
	}
	return "."
}

// IdentityOfImportID is the identity an import ID names, as attribute
// values, for the tests that compare list results with import IDs.
func (r *Resource[M]) IdentityOfImportID(importID string) (map[string]string, error) {
	a := r.Kind.Address()
	values, err := a.ParseImportKey(importID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(a.Key))
	for i, p := range a.Key {
		out[p.Attr] = values[i]
	}
	return out, nil
}
