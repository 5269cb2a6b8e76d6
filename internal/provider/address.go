package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// address is one kind's declaration of where its objects live in DSS and
// how they are named. The kit derives from it what every kind used to
// write by hand: the label of messages, the path whose not-found means
// gone, the existence check of a key the caller chooses, the delete, the
// identity recorded as soon as an object exists, and the parsing of import
// IDs. Its key is also what Terraform's resource identity holds
// (identity.go): each key part is a string attribute of the resource,
// required to import, set from the model after each operation.
type address[M any] struct {
	typeName string
	// path is the API path of one object, relative to dss.APIPrefix; a
	// {attribute} segment stands for that key part's value, escaped as a
	// path segment: "projects/{project_key}/datasets/{name}".
	path string
	// key names one object, in the order of its import ID.
	key []keyPart[M]
	// separator joins the key's values into the import ID: "." unless
	// set (a code env's LANG/name).
	separator string
	// example ends the import error, after the expected form: "e.g.
	// SALES.orders", with a note when one helps ("the scenario's id, not
	// its name").
	example string
	// id is the model's id attribute. With a key the caller chooses it is
	// the import ID (PROJECT_KEY.name); with an id DSS generates it is
	// that id, the key's last part.
	id func(m *M) *types.String
	// generated says that DSS generates the key's last part at creation:
	// natural is then the attribute that finds the object when the
	// answer to its creation was lost (its name in its parent), recorded
	// in the state with the key, and parent is the phrase that places
	// the object in its parent in messages before its id is known ("in
	// project", "on dataset").
	generated bool
	natural   *keyPart[M]
	parent    string

	// Escape hatches for kinds whose naming is not (yet) the template's:
	// labelOf replaces the derived label; parseKey replaces the check of
	// an import ID against the key's parts, returning the key's values (a
	// code env's LANG/name, a rule of its own); extra adds attributes the
	// state must record as soon as the object exists (a key's secret,
	// known only from the creation).
	labelOf  func(m *M) string
	parseKey func(id string) ([]string, error)
	extra    func(m *M) []identityAttr

	// renamedInPlace says that an update can change a key part of an
	// object that stays the same object (a dataset renamed with DSS's
	// rename action, a rule following it or moved): its resource identity
	// then follows the key, so the framework must not refuse the change.
	renamedInPlace bool
}

// keyPart is one part of an address's key: the resource attribute that
// holds it, its place-holder and rule in import IDs (the rule unused, and
// may be nil, with the address's parseKey), the model's field, and what it
// is, for the identity schema's documentation.
type keyPart[M any] struct {
	attr string
	importPart
	field func(m *M) *types.String
	doc   string
}

// objectIdentity names one DSS object: what the kit records in the state
// as soon as the object exists, and what import fills in.
type objectIdentity struct {
	// id is the value of the resource's id attribute; "" when DSS has not
	// said it yet (an id it generates, whose answer was lost).
	id string
	// project is the key of the project holding the object, "" for an
	// object of the instance.
	project string
	// attrs are the attributes to record, in the address's order.
	attrs []identityAttr
}

// identityAttr is one attribute of an identity and its value.
type identityAttr struct {
	name  string
	value attr.Value
}

func (a *address[M]) values(m *M) []string {
	out := make([]string, len(a.key))
	for i, p := range a.key {
		out[i] = p.field(m).ValueString()
	}
	return out
}

// importID is m's import ID: its key's values joined.
func (a *address[M]) importID(m *M) string { return a.join(a.values(m)) }

// join joins a key's values into an import ID.
func (a *address[M]) join(values []string) string {
	if a.separator != "" {
		return strings.Join(values, a.separator)
	}
	return strings.Join(values, ".")
}

// objectPath is the API path of m's object.
func (a *address[M]) objectPath(m *M) string {
	values := map[string]string{}
	for _, p := range a.key {
		values[p.attr] = p.field(m).ValueString()
	}
	var segments []string
	for _, s := range strings.Split(a.path, "/") {
		if name, ok := strings.CutPrefix(s, "{"); ok {
			s = values[strings.TrimSuffix(name, "}")]
		}
		segments = append(segments, s)
	}
	return dss.Path(segments...)
}

// label names m's object in messages: `dataiku_dataset "SALES.orders"`;
// for an id DSS generates, by its natural key and, once known, its import
// ID: `dataiku_scenario "Nightly" (SALES.NIGHTLY)`, `dataiku_scenario
// "Nightly" in project SALES`.
func (a *address[M]) label(m *M) string {
	switch {
	case a.labelOf != nil:
		return a.labelOf(m)
	case !a.generated:
		return fmt.Sprintf("%s %q", a.typeName, a.importID(m))
	case known(*a.id(m)):
		return fmt.Sprintf("%s %q (%s)", a.typeName, a.natural.field(m).ValueString(), a.importID(m))
	}
	if parents := a.values(m)[:len(a.key)-1]; len(parents) > 0 {
		return fmt.Sprintf("%s %q %s %s", a.typeName, a.natural.field(m).ValueString(), a.parent, strings.Join(parents, "."))
	}
	return fmt.Sprintf("%s %q", a.typeName, a.natural.field(m).ValueString())
}

// identity is what names m's object, to record in the state.
func (a *address[M]) identity(m *M) objectIdentity {
	id := a.stateID(m)
	attrs := []identityAttr{{"id", id}}
	for _, p := range a.key {
		if p.attr != "id" {
			attrs = append(attrs, identityAttr{p.attr, *p.field(m)})
		}
	}
	if a.natural != nil {
		attrs = append(attrs, identityAttr{a.natural.attr, *a.natural.field(m)})
	}
	if a.extra != nil {
		attrs = append(attrs, a.extra(m)...)
	}
	return objectIdentity{id: id.ValueString(), project: a.project(m), attrs: attrs}
}

// stateID is the id attribute's value: the import ID for a key the caller
// chooses, DSS's id otherwise.
func (a *address[M]) stateID(m *M) types.String {
	if a.generated {
		return *a.id(m)
	}
	return types.StringValue(a.importID(m))
}

// project is the project key in m's key, "" when the key has none.
func (a *address[M]) project(m *M) string {
	for _, p := range a.key {
		if p.importPart.label == projectKeyPart.label {
			return p.field(m).ValueString()
		}
	}
	return ""
}

// importIdentity parses an import ID into the identity it names, with an
// error that names the expected form.
func (a *address[M]) importIdentity(importID string) (objectIdentity, error) {
	values, err := a.parseImportKey(importID)
	if err != nil {
		return objectIdentity{}, err
	}
	ident := objectIdentity{id: a.join(values)}
	if a.generated {
		ident.id = values[len(values)-1]
	}
	ident.attrs = append(ident.attrs, identityAttr{"id", types.StringValue(ident.id)})
	for i, p := range a.key {
		if p.attr == "id" {
			continue
		}
		if p.importPart.label == projectKeyPart.label {
			ident.project = values[i]
		}
		ident.attrs = append(ident.attrs, identityAttr{p.attr, types.StringValue(values[i])})
	}
	return ident, nil
}

// parseImportKey checks an import ID and splits it into the key's values.
func (a *address[M]) parseImportKey(importID string) ([]string, error) {
	if a.parseKey != nil {
		return a.parseKey(importID)
	}
	parts := make([]importPart, len(a.key))
	for i, p := range a.key {
		parts[i] = p.importPart
	}
	return parseImportID(importID, a.example, parts...)
}

// deleteObject is the delete of a kind whose objects DSS deletes with a
// DELETE of their own path.
func (a *address[M]) deleteObject(ctx context.Context, c *dss.Client, m *M) error {
	return c.Delete(ctx, a.objectPath(m), nil, nil)
}
