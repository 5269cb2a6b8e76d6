package adopt

import (
	"fmt"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// object is one DSS object found by the listing: adopted (an import
// block) or not (a comment saying why).
type object struct {
	Kind string
	// ID is the import id, exactly the form the resource's import accepts.
	ID string
	// Name is the resource name, set by assignNames from nameParts.
	Name      string
	nameParts []string
	// Project is the project key of a project-scoped object.
	Project string
	// Ref is what other resources' attributes hold to name this object
	// (a dataset's or connection's name, a group's name); empty when it
	// is never referenced.
	Ref string
	// Skip, when set, is why the object is not adopted.
	Skip string
	// WriteOnly names the write-only values the generated configuration
	// cannot hold and the user must add (a LOCAL user's password_wo...).
	WriteOnly string
	// InClear names an attribute whose DSS value holds a secret that the
	// generated configuration will hold in clear (a Git URL with a
	// password), for the summary; never the value itself.
	InClear string
}

// Type is the object's resource type.
func (o *object) Type() string { return names.TypePrefix + o.Kind }

// Address is the object's resource address.
func (o *object) Address() string { return o.Type() + "." + o.Name }

// String names the object for messages.
func (o *object) String() string { return fmt.Sprintf("%s %q", o.Type(), o.ID) }
