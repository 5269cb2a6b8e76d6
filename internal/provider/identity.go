package provider

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
func (a *address[M]) identitySchema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(a.key))
	for _, p := range a.key {
		attrs[p.attr] = identityschema.StringAttribute{RequiredForImport: true, Description: p.doc}
	}
	return identityschema.Schema{Attributes: attrs}
}

// keyAttrs are the key's attribute names, in the import ID's order.
func (a *address[M]) keyAttrs() []string {
	out := make([]string, len(a.key))
	for i, p := range a.key {
		out[i] = p.attr
	}
	return out
}

// setObjectIdentity records m's key as the resource identity. A key with
// a part not known (an id DSS generates, whose answer was lost) records
// nothing: the identity could not name the object, and Terraform keeps
// what it had.
func (a *address[M]) setObjectIdentity(ctx context.Context, m *M, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if ident == nil {
		return
	}
	for _, p := range a.key {
		if v := *p.field(m); !known(v) || v.ValueString() == "" {
			return
		}
	}
	for _, p := range a.key {
		diags.Append(ident.SetAttribute(ctx, path.Root(p.attr), *p.field(m))...)
	}
}

// setImportedIdentity records the identity of an imported object, from
// the attributes its import ID named.
func (a *address[M]) setImportedIdentity(ctx context.Context, imported objectIdentity, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if ident == nil {
		return
	}
	for _, p := range a.key {
		for _, at := range imported.attrs {
			if at.name == p.attr {
				diags.Append(ident.SetAttribute(ctx, path.Root(p.attr), at.value)...)
			}
		}
	}
}

// importIDOfIdentity checks an identity given to import and turns it into
// the import ID it stands for, so that the import proceeds exactly as one
// by ID. Each part must be set and follow its rule; the joined ID must
// split back into the same parts (a part holding the separator would
// otherwise name another object).
func (a *address[M]) importIDOfIdentity(ctx context.Context, ident tfsdk.ResourceIdentity) (string, error) {
	values := make([]string, len(a.key))
	for i, p := range a.key {
		var v types.String
		if d := ident.GetAttribute(ctx, path.Root(p.attr), &v); d.HasError() || !known(v) || v.ValueString() == "" {
			return "", fmt.Errorf("the identity of a %s needs %s; %s is missing", a.typeName, a.identityForm(), p.attr)
		}
		values[i] = v.ValueString()
		if a.parseKey == nil && p.pattern != nil && !p.pattern.MatchString(values[i]) {
			return "", fmt.Errorf("the identity's %s must %s; got %q (the identity of a %s is %s)", p.attr, p.rule, values[i], a.typeName, a.identityForm())
		}
	}
	id := a.join(values)
	parsed, err := a.parseImportKey(id)
	if err != nil {
		return "", fmt.Errorf("the identity %s names no valid %s: %w", a.identityText(values), a.typeName, err)
	}
	for i := range values {
		// EqualFold: a code env's language is accepted in any case, as in
		// its import ID.
		if i >= len(parsed) || !strings.EqualFold(parsed[i], values[i]) {
			return "", fmt.Errorf("the identity %s names no valid %s: %s must not hold %q, which separates the key's parts",
				a.identityText(values), a.typeName, a.key[i].attr, a.sep())
		}
	}
	return id, nil
}

// identityForm lists the identity's attributes for messages:
// "{ project_key, name }".
func (a *address[M]) identityForm() string {
	return "{ " + strings.Join(a.keyAttrs(), ", ") + " }"
}

// identityText shows an identity as written in an import block.
func (a *address[M]) identityText(values []string) string {
	parts := make([]string, len(a.key))
	for i, p := range a.key {
		parts[i] = fmt.Sprintf("%s = %q", p.attr, values[i])
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (a *address[M]) sep() string {
	if a.separator != "" {
		return a.separator
	}
	return "."
}

// identityOfImportID is the identity an import ID names, as attribute
// values, for the tests that compare list results with import IDs.
func (r *kitResource[M]) identityOfImportID(importID string) (map[string]string, error) {
	a := r.kind.address()
	values, err := a.parseImportKey(importID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(a.key))
	for i, p := range a.key {
		out[p.attr] = values[i]
	}
	return out, nil
}
