package instance

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// nameKey is the key of an object of the instance named by one string the
// caller chooses (a user's login, a group's or connection's name, a
// plugin's id).
type nameKey struct {
	// attr is the resource attribute holding the name, label its
	// place-holder in import IDs.
	attr, label string
	// what is what the name is, "user's login": the identity's
	// documentation and the import error say it.
	what string
	// pattern and rule are what a name must be; maxLength, when not 0, is
	// its longest.
	pattern   *regexp.Regexp
	rule      string
	maxLength int
}

// namedAddress is the address of an object named by key alone: path holds
// {attr}, and an import ID is the name, checked against the key's rule
// here so that the error says what the name is.
func namedAddress[M any](typeName, path string, key nameKey, name, id func(m *M) *types.String) kit.Address[M] {
	return kit.Address[M]{
		TypeName: typeName,
		Path:     path,
		Key:      []kit.KeyPart[M]{{Attr: key.attr, ImportPart: kit.ImportPart{Label: key.label}, Field: name, Doc: "The " + key.what + "."}},
		ID:       id,
		ParseKey: func(importID string) ([]string, error) {
			if !key.pattern.MatchString(importID) || (key.maxLength > 0 && len(importID) > key.maxLength) {
				return nil, fmt.Errorf("the import id is the %s, which %s; got %q", key.what, key.rule, importID)
			}
			return []string{importID}, nil
		},
	}
}
