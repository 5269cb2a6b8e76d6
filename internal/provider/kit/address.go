package kit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Address is one kind's declaration of where its objects live in DSS and
// how they are named. The kit derives from it what every kind used to
// write by hand: the label of messages, the path whose not-found means
// gone, the existence check of a key the caller chooses, the delete, the
// identity recorded as soon as an object exists, and the parsing of import
// IDs. Its key is also what Terraform's resource identity holds
// (identity.go): each key part is a string attribute of the resource,
// required to import, set from the model after each operation.
type Address[M any] struct {
	TypeName string
	// Path is the API path of one object, relative to dss.APIPrefix; a
	// {attribute} segment stands for that key part's value, escaped as a
	// path segment: "projects/{project_key}/datasets/{name}".
	Path string
	// Key names one object, in the order of its import ID.
	Key []KeyPart[M]
	// Separator joins the key's values into the import ID: "." unless
	// set (a code env's LANG/name). Join, when set, joins them instead,
	// for an ID whose parts are not joined by one separator (a data
	// collection's dataset: collection/PROJECT.name); ParseKey must then
	// split what it joins.
	Separator string
	Join      func(values []string) string
	// Example ends the import error, after the expected form: "e.g.
	// SALES.orders", with a note when one helps ("the scenario's id, not
	// its name").
	Example string
	// ID is the model's id attribute. With a key the caller chooses it is
	// the import ID (PROJECT_KEY.name); with an id DSS generates it is
	// that id, the key's last part.
	ID func(m *M) *types.String
	// Generated says that DSS generates the key's last part at creation:
	// natural is then the attribute that finds the object when the
	// answer to its creation was lost (its name in its parent), recorded
	// in the state with the key, and parent is the phrase that places
	// the object in its parent in messages before its id is known ("in
	// project", "on dataset").
	Generated bool
	Natural   *KeyPart[M]
	Parent    string

	// Escape hatches for kinds whose naming is not (yet) the template's:
	// LabelOf replaces the derived label; ParseKey replaces the check of
	// an import ID against the key's parts, returning the key's values (a
	// code env's LANG/name, a rule of its own); extra adds attributes the
	// state must record as soon as the object exists (a key's secret,
	// known only from the creation).
	LabelOf  func(m *M) string
	ParseKey func(id string) ([]string, error)
	Extra    func(m *M) []IdentityAttr

	// RenamedInPlace says that an update can change a key part of an
	// object that stays the same object (a dataset renamed with DSS's
	// rename action, a rule following it or moved): its resource identity
	// then follows the key, so the framework must not refuse the change.
	RenamedInPlace bool
}

// KeyPart is one part of an address's key: the resource attribute that
// holds it, its place-holder and rule in import IDs (the rule unused, and
// may be nil, with the address's ParseKey), the model's field, and what it
// is, for the identity schema's documentation.
type KeyPart[M any] struct {
	Attr string
	ImportPart
	Field func(m *M) *types.String
	Doc   string
	// Optional marks one of alternative parts (a grant's group or user):
	// empty in the import ID's values when the object is named by the
	// other, null in the state and the identity, optional to import.
	Optional bool
}

// value is the attribute value of the part's value v: null for an
// optional part's empty one.
func (p KeyPart[M]) value(v string) types.String {
	if p.Optional && v == "" {
		return types.StringNull()
	}
	return types.StringValue(v)
}

// ObjectIdentity names one DSS object: what the kit records in the state
// as soon as the object exists, and what import fills in.
type ObjectIdentity struct {
	// ID is the value of the resource's id attribute; "" when DSS has not
	// said it yet (an id it generates, whose answer was lost).
	ID string
	// Project is the key of the project holding the object, "" for an
	// object of the instance.
	Project string
	// Attrs are the attributes to record, in the address's order.
	Attrs []IdentityAttr
}

// IdentityAttr is one attribute of an identity and its value.
type IdentityAttr struct {
	Name  string
	Value attr.Value
}

func (a *Address[M]) values(m *M) []string {
	out := make([]string, len(a.Key))
	for i, p := range a.Key {
		out[i] = p.Field(m).ValueString()
	}
	return out
}

// ImportID is m's import ID: its key's values joined.
func (a *Address[M]) ImportID(m *M) string { return a.join(a.values(m)) }

// join joins a key's values into an import ID.
func (a *Address[M]) join(values []string) string {
	if a.Join != nil {
		return a.Join(values)
	}
	if a.Separator != "" {
		return strings.Join(values, a.Separator)
	}
	return strings.Join(values, ".")
}

// ObjectPath is the API path of m's object.
func (a *Address[M]) ObjectPath(m *M) string {
	values := map[string]string{}
	for _, p := range a.Key {
		values[p.Attr] = p.Field(m).ValueString()
	}
	var segments []string
	for _, s := range strings.Split(a.Path, "/") {
		if name, ok := strings.CutPrefix(s, "{"); ok {
			s = values[strings.TrimSuffix(name, "}")]
		}
		segments = append(segments, s)
	}
	return dss.Path(segments...)
}

// Label names m's object in messages: `dataiku_dataset "SALES.orders"`;
// for an id DSS generates, by its natural key and, once known, its import
// ID: `dataiku_scenario "Nightly" (SALES.NIGHTLY)`, `dataiku_scenario
// "Nightly" in project SALES`.
func (a *Address[M]) Label(m *M) string {
	switch {
	case a.LabelOf != nil:
		return a.LabelOf(m)
	case !a.Generated:
		return fmt.Sprintf("%s %q", a.TypeName, a.ImportID(m))
	case Known(*a.ID(m)):
		return fmt.Sprintf("%s %q (%s)", a.TypeName, a.Natural.Field(m).ValueString(), a.ImportID(m))
	}
	if parents := a.values(m)[:len(a.Key)-1]; len(parents) > 0 {
		return fmt.Sprintf("%s %q %s %s", a.TypeName, a.Natural.Field(m).ValueString(), a.Parent, strings.Join(parents, "."))
	}
	return fmt.Sprintf("%s %q", a.TypeName, a.Natural.Field(m).ValueString())
}

// identity is what names m's object, to record in the state.
func (a *Address[M]) identity(m *M) ObjectIdentity {
	id := a.stateID(m)
	attrs := []IdentityAttr{{"id", id}}
	for _, p := range a.Key {
		if p.Attr != "id" {
			attrs = append(attrs, IdentityAttr{p.Attr, *p.Field(m)})
		}
	}
	if a.Natural != nil {
		attrs = append(attrs, IdentityAttr{a.Natural.Attr, *a.Natural.Field(m)})
	}
	if a.Extra != nil {
		attrs = append(attrs, a.Extra(m)...)
	}
	return ObjectIdentity{ID: id.ValueString(), Project: a.project(m), Attrs: attrs}
}

// stateID is the id attribute's value: the import ID for a key the caller
// chooses, DSS's id otherwise.
func (a *Address[M]) stateID(m *M) types.String {
	if a.Generated {
		return *a.ID(m)
	}
	return types.StringValue(a.ImportID(m))
}

// project is the project key in m's key, "" when the key has none.
func (a *Address[M]) project(m *M) string {
	for _, p := range a.Key {
		if p.ImportPart.Label == ProjectKeyPart.Label {
			return p.Field(m).ValueString()
		}
	}
	return ""
}

// ImportIdentity parses an import ID into the identity it names, with an
// error that names the expected form.
func (a *Address[M]) ImportIdentity(importID string) (ObjectIdentity, error) {
	values, err := a.ParseImportKey(importID)
	if err != nil {
		return ObjectIdentity{}, err
	}
	ident := ObjectIdentity{ID: a.join(values)}
	if a.Generated {
		ident.ID = values[len(values)-1]
	}
	ident.Attrs = append(ident.Attrs, IdentityAttr{"id", types.StringValue(ident.ID)})
	for i, p := range a.Key {
		if p.Attr == "id" {
			continue
		}
		if p.ImportPart.Label == ProjectKeyPart.Label {
			ident.Project = values[i]
		}
		ident.Attrs = append(ident.Attrs, IdentityAttr{p.Attr, p.value(values[i])})
	}
	return ident, nil
}

// ParseImportKey checks an import ID and splits it into the key's values.
func (a *Address[M]) ParseImportKey(importID string) ([]string, error) {
	if a.ParseKey != nil {
		return a.ParseKey(importID)
	}
	parts := make([]ImportPart, len(a.Key))
	for i, p := range a.Key {
		parts[i] = p.ImportPart
	}
	return ParseImportIDSep(importID, a.sep(), a.Example, parts...)
}

// deleteObject is the delete of a kind whose objects DSS deletes with a
// DELETE of their own path.
func (a *Address[M]) deleteObject(ctx context.Context, c *dss.Client, m *M) error {
	return c.Delete(ctx, a.ObjectPath(m), nil, nil)
}
