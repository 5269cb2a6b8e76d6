package kit

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NameKey is the key of an object named by one string the caller chooses
// (a user's login, a group's or connection's name, a plugin's id). A kind
// gives the key; NamedAddress derives the rest of its address.
type NameKey struct {
	// Attr is the resource attribute holding the name, Label its
	// place-holder in import IDs.
	Attr, Label string
	// What is what the name is, "user's login": the identity's
	// documentation and the import error say it.
	What string
	// Pattern and Rule are what a name must be (no length limit: see
	// names.go).
	Pattern *regexp.Regexp
	Rule    string
	// RefPattern and RefRule, when set, are what the name must be where
	// another object's document only holds it (a permission entry, a
	// member's groups): it is never a path segment there, so the rules a
	// path imposes need not apply.
	RefPattern *regexp.Regexp
	RefRule    string
}

// Validators check a name where a configuration gives it (the object's
// own attribute, or another object's reference to it) by the rule its
// import ID is checked against.
func (k NameKey) Validators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(k.Pattern, k.Rule)}
}

// RefValidators check a name where another object's document holds it, by
// RefPattern, or by Pattern where the key has none.
func (k NameKey) RefValidators() []validator.String {
	if k.RefPattern == nil {
		return k.Validators()
	}
	return []validator.String{stringvalidator.RegexMatches(k.RefPattern, k.RefRule)}
}

// NamedAddress is the address of an object named by key alone: path holds
// {Attr}, name and id are the model's name and id fields, and an import ID
// is the name, checked against the key's rule here so that the error says
// what the name is.
func NamedAddress[M any](typeName, path string, key NameKey, name, id func(m *M) *types.String) Address[M] {
	return Address[M]{
		TypeName: typeName,
		Path:     path,
		Key:      []KeyPart[M]{{Attr: key.Attr, ImportPart: ImportPart{Label: key.Label}, Field: name, Doc: "The " + key.What + "."}},
		ID:       id,
		ParseKey: func(importID string) ([]string, error) {
			if !key.Pattern.MatchString(importID) {
				return nil, fmt.Errorf("the import id is the %s, which %s; got %q", key.What, key.Rule, importID)
			}
			return []string{importID}, nil
		},
	}
}

// InProjectObject names a project's object whose id DSS generates and
// which its name finds after a lost create (a managed folder, a knowledge
// bank, a code studio): its resource type, its API path (holding
// {project_key} and {id}), its id's import part, what it is ("knowledge
// bank", for the identity's documentation) and a short word for it in
// the import example ("bank").
type InProjectObject struct {
	TypeName, Path string
	IDPart         ImportPart
	What, Short    string
}

// GeneratedInProjectAddress is the address of an InProjectObject: named
// by project_key and the id DSS generated, imported as PROJECT_KEY.id,
// with its name as its natural key. projectKey, id and name are the
// model's fields.
func GeneratedInProjectAddress[M any](o InProjectObject, projectKey, id, name func(m *M) *types.String) Address[M] {
	return Address[M]{
		TypeName: o.TypeName,
		Path:     o.Path,
		Key: []KeyPart[M]{
			{Attr: "project_key", ImportPart: ProjectKeyPart, Field: projectKey, Doc: "Key of the project holding the " + o.What + "."},
			{Attr: "id", ImportPart: o.IDPart, Field: id, Doc: "The " + o.What + "'s id DSS generated (not its name)."},
		},
		Example:   "the " + o.Short + "'s id, not its name, e.g. SALES.aB3dE5fG",
		ID:        id,
		Generated: true,
		Natural:   &KeyPart[M]{Attr: "name", Field: name},
		Parent:    "in project",
	}
}
