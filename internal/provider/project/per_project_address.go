package project

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// perProjectAddress is the address of a kind a project holds exactly one
// of (its execution defaults, its wiki settings): named by the project's
// key alone (doc says whose it is), at path, its import ID the key.
func perProjectAddress[M any](typeName, path, doc string, projectKey, id func(m *M) *types.String) kit.Address[M] {
	return kit.Address[M]{
		TypeName: typeName,
		Path:     path,
		Key:      []kit.KeyPart[M]{{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: projectKey, Doc: doc}},
		Example:  "e.g. SALES",
		ID:       id,
	}
}
