package project

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Project folder documents ↔ models, shared by the resource and the data
// sources.

// projectFolderModel is the dataiku_project_folder resource.
type projectFolderModel struct {
	ID          types.String  `tfsdk:"id"`
	Name        types.String  `tfsdk:"name"`
	ParentID    types.String  `tfsdk:"parent_id"`
	Owner       types.String  `tfsdk:"owner"`
	Permissions types.Dynamic `tfsdk:"permissions"`
}

// projectFolderFromDSS fills the folder's place in the tree.
func projectFolderFromDSS(f *dss.ProjectFolder, m *projectFolderModel) {
	m.ID = types.StringValue(f.ID)
	m.Name = types.StringValue(kit.StringOrEmpty(f.Name))
	m.ParentID = types.StringValue(kit.StringOrEmpty(f.ParentID))
}

// projectFolderSettingsFromDSS fills owner and permissions, each only when
// wanted (null in the model means unmanaged).
func projectFolderSettingsFromDSS(s *dss.ProjectFolderSettings, m *projectFolderModel, owner, permissions bool) {
	if owner {
		m.Owner = types.StringValue(s.Owner)
	}
	if permissions {
		m.Permissions = kit.HCLListKeepForm(folderPermissionsList(s.Permissions), m.Permissions)
	}
}

// folderPermissionsList decodes DSS's permission entries; absent reads as
// no entries. Entries that are not objects, which DSS never writes, are
// kept as they are (the list then reads back in the natural form).
func folderPermissionsList(raw json.RawMessage) []any {
	if len(raw) == 0 || string(raw) == "null" {
		return []any{}
	}
	v, err := kit.DecodeJSONValue(string(raw))
	if l, ok := v.([]any); err == nil && ok {
		return l
	}
	return []any{}
}

// applyProjectFolderSettings writes the managed fields of plan into DSS's
// settings document; fields the plan leaves null are left as DSS has them.
func applyProjectFolderSettings(plan *projectFolderModel, s *dss.ProjectFolderSettings) {
	s.Name = plan.Name.ValueString()
	kit.SetKnownString(plan.Owner, &s.Owner)
	if kit.Known(plan.Permissions) {
		// The validator checked it is a list of objects.
		if l, err := kit.HCLListDecode(plan.Permissions); err == nil && l != nil {
			if b, err := json.Marshal(l); err == nil {
				s.Permissions = b
			}
		}
	}
}

// folderPath is the path of a folder from the root, e.g. "/Sales/EMEA",
// found by walking up its parents (one GET per level). The root is "/".
func folderPath(ctx context.Context, c *dss.Client, f *dss.ProjectFolder) (string, error) {
	var names []string
	for depth := 0; f.ParentID != nil && *f.ParentID != ""; depth++ {
		if depth > maxFolderDepth {
			return "", fmt.Errorf("project folder %s is more than %d levels deep", f.ID, maxFolderDepth)
		}
		names = append(names, kit.StringOrEmpty(f.Name))
		parent, err := c.GetProjectFolder(ctx, *f.ParentID)
		if err != nil {
			return "", err
		}
		f = parent
	}
	var b strings.Builder
	for i := len(names) - 1; i >= 0; i-- {
		b.WriteString("/" + names[i])
	}
	if b.Len() == 0 {
		return "/", nil
	}
	return b.String(), nil
}

// maxFolderDepth bounds walks of the folder tree, so a cycle in a broken
// DSS answer cannot loop forever.
const maxFolderDepth = 100

// folderByPath finds the folder at a path such as "/Sales/EMEA" by listing
// children from the root (one GET per level). Names are matched exactly.
func folderByPath(ctx context.Context, c *dss.Client, p string) (*dss.ProjectFolder, error) {
	cur, err := c.GetProjectFolder(ctx, dss.RootProjectFolderID)
	if err != nil {
		return nil, err
	}
	walked := ""
	for _, name := range strings.Split(strings.Trim(p, "/"), "/") {
		if name == "" {
			continue
		}
		children, err := c.ListProjectFolderChildren(ctx, cur.ID)
		if err != nil {
			return nil, err
		}
		var match []dss.ProjectFolder
		for _, ch := range children {
			if kit.StringOrEmpty(ch.Name) == name {
				match = append(match, ch)
			}
		}
		switch len(match) {
		case 0:
			return nil, fmt.Errorf("no project folder named %q in %s/", name, walked)
		case 1:
			cur = &match[0]
		default:
			return nil, fmt.Errorf("%d project folders are named %q in %s/: look the folder up by id", len(match), name, walked)
		}
		walked += "/" + name
	}
	return cur, nil
}
