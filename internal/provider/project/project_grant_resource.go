package project

import (
	"context"
	"errors"
	"maps"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectGrantResource returns the dataiku_project_grant resource.
func NewProjectGrantResource() resource.Resource {
	return kit.NewResource[ProjectGrantModel](&ProjectGrantKind{})
}

// ProjectGrantKind is one grant of a project's permissions document, for
// a group or a user: the non-authoritative companion of dataiku_project's
// permissions. The document is shared by every grant, the owner and
// DSS's other fields, so each write is a read-modify-write of this one
// grant, under the provider's per-project permissions lock
// (PermissionsLocks), which dataiku_project's own writes of the document
// take too.
type ProjectGrantKind struct {
	Locks *kit.ProjectLocks
}

// The import ID's parts beyond the project key: whom the grant is for
// (group or user), and the group's name or the user's login, the rest of
// the ID (a group's name may hold dots and spaces).
var (
	grantPrincipalPart = kit.ImportPart{Label: "group_or_user", Pattern: regexp.MustCompile(`^(group|user)$`), Rule: "be group or user"}
	grantNamePart      = kit.ImportPart{Label: "NAME", Pattern: regexp.MustCompile(`^.+$`), Rule: "be the group's name or the user's login, not empty"}
	grantImportExample = "e.g. SALES.group.analysts or SALES.user.jdoe"
)

// ProjectGrantAddress: a grant is named by its project and its principal,
// a group or a user (the identity's group and user, exactly one set); it
// lives in the project's permissions document.
var ProjectGrantAddress = kit.Address[ProjectGrantModel]{
	TypeName: "dataiku_project_grant",
	Path:     "projects/{project_key}/permissions",
	Key: []kit.KeyPart[ProjectGrantModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *ProjectGrantModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project the grant is on."},
		{Attr: "group", ImportPart: grantNamePart, Optional: true, Field: func(m *ProjectGrantModel) *types.String { return &m.Group }, Doc: "The group the grant is for (or user)."},
		{Attr: "user", ImportPart: grantNamePart, Optional: true, Field: func(m *ProjectGrantModel) *types.String { return &m.User }, Doc: "The login of the user the grant is for (or group)."},
	},
	Join: func(v []string) string {
		if v[1] != "" {
			return v[0] + ".group." + v[1]
		}
		return v[0] + ".user." + v[2]
	},
	ParseKey: func(id string) ([]string, error) {
		p, err := kit.ParseImportID(id, grantImportExample, kit.ProjectKeyPart, grantPrincipalPart, grantNamePart)
		if err != nil {
			return nil, err
		}
		if p[1] == "group" {
			return []string{p[0], p[2], ""}, nil
		}
		return []string{p[0], "", p[2]}, nil
	},
	Example: grantImportExample,
	ID:      func(m *ProjectGrantModel) *types.String { return &m.ID },
}

func (*ProjectGrantKind) Address() *kit.Address[ProjectGrantModel] { return &ProjectGrantAddress }

func (*ProjectGrantKind) Schema() schema.Schema {
	attrs := grantAttributes(true)
	maps.Copy(attrs, map[string]schema.Attribute{
		"id": kit.StableIDAttribute("`PROJECT_KEY.group.NAME` or `PROJECT_KEY.user.LOGIN`."),
		"project_key": kit.ParentProjectKeyAttribute("Key of the project the grant is on. Changing it removes the grant from the old project " +
			"and creates it on the new one."),
	})
	return schema.Schema{
		MarkdownDescription: "One grant of a project's permissions, for one group or one user: the rights DSS shows in *Settings > Permissions*. " +
			"**Non-authoritative:** the resource owns only its own grant. The project's other grants, its owner and the rest of its permissions " +
			"document are left as they are, so a platform team can own the project while each team's module grants its own group access.\n\n" +
			"**Do not combine it with `dataiku_project.permissions` on the same project.** That list is authoritative: each apply of the project " +
			"would remove these grants, and the grants would add themselves back at the next apply, a perpetual diff. " +
			"Leave `permissions` unset on a `dataiku_project` whose grants are managed with this resource.\n\n" +
			"The flags have the names, meanings and defaults of `dataiku_project.permissions`' entries. They are read as DSS holds them and " +
			"never corrected: DSS may hold `write_project_content = true` with `read_project_content = false`, and the state shows exactly that.\n\n" +
			"**Read-modify-write.** Every write reads the project's permissions document, changes only this grant and writes it back; " +
			"the provider serialises these writes per project (with `dataiku_project`'s own writes of the owner and permissions), " +
			"so several grants of one project applied in parallel do not lose each other. Creating a grant for a group or user that " +
			"already has one in DSS is refused, with the import to run: the grant is never adopted silently.\n\n" +
			"**Rights.** Reading and writing a project's permissions needs admin rights on the project.\n\n" +
			"Destroying the resource removes the grant. Import with `PROJECT_KEY.group.NAME` or `PROJECT_KEY.user.LOGIN` " +
			"(everything after the second dot is the name: a group's name may hold dots and spaces).\n\n" +
			"**Refresh cost.** 1 API call (the project's permissions).",
		Attributes: attrs,
	}
}

// Configure takes the provider's per-project permissions locks.
func (k *ProjectGrantKind) Configure(data *kit.ProviderData) { k.Locks = data.PermissionsLocks }

// Find says whether DSS holds a grant for the principal: the kit's check
// before a create, which refuses an existing one with the import hint.
func (*ProjectGrantKind) Find(ctx context.Context, c *dss.Client, m *ProjectGrantModel) (bool, error) {
	doc, err := dss.ProjectPermissionsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return false, err
	}
	return findGrant(doc.Grants, m.principal()) >= 0, nil
}

// errGrantAppeared is post's answer when the grant appeared between the
// kit's existence check and the write (another writer).
var errGrantAppeared = errors.New("the project's permissions already hold a grant for this group or user, added since the plan: import it")

// update is the locked read-modify-write of the project's permissions.
func (k *ProjectGrantKind) update(ctx context.Context, c *dss.Client, key string, change func(*dss.ProjectPermissions) error) (*dss.ProjectPermissions, bool, error) {
	defer k.Locks.Lock(key)()
	return dss.ProjectPermissionsDoc(key).Update(ctx, c, change)
}

func (k *ProjectGrantKind) Post(ctx context.Context, c *dss.Client, m *ProjectGrantModel) error {
	_, _, err := k.update(ctx, c, m.key(), func(doc *dss.ProjectPermissions) error {
		if findGrant(doc.Grants, m.principal()) >= 0 {
			return errGrantAppeared
		}
		return kit.DiagsError(applyGrant(ctx, m, doc))
	})
	return kit.EntryWriteOutcome(err)
}

// Apply writes the grant's flags (no PUT when DSS already has them) and
// reads the grant back into the plan.
func (k *ProjectGrantKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ProjectGrantModel]) {
	m := op.Plan
	var d diag.Diagnostics
	doc, written, err := k.update(ctx, c, m.key(), func(doc *dss.ProjectPermissions) error {
		if findGrant(doc.Grants, m.principal()) < 0 {
			return &kit.AbsentFromListError{ListPath: dss.ProjectPermissionsDoc(m.key()).Path(),
				Says: "the project's permissions no longer hold a grant for " + m.principal() + " (removed outside Terraform)"}
		}
		d = applyGrant(ctx, m, doc)
		return kit.DiagsError(d)
	})
	if op.Diags.Append(d...); d.HasError() || op.Fail(err) {
		return
	}
	if written {
		// DSS may add defaults or drop fields on a PUT: read it back.
		op.Fail(k.Read(ctx, c, m, false))
		return
	}
	op.Diags.Append(grantToModel(ctx, doc.Grants[findGrant(doc.Grants, m.principal())], m)...)
}

// Read reads the grant from the project's permissions: a grant gone, or a
// project gone, is gone (AbsentFromListError, the kit's not-found); any
// other error is DSS's.
func (*ProjectGrantKind) Read(ctx context.Context, c *dss.Client, m *ProjectGrantModel, _ bool) error {
	doc, err := dss.ProjectPermissionsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return err
	}
	i := findGrant(doc.Grants, m.principal())
	if i < 0 {
		return &kit.AbsentFromListError{ListPath: dss.ProjectPermissionsDoc(m.key()).Path(),
			Says: "GET " + dss.ProjectPermissionsDoc(m.key()).Path() + " holds no grant for " + m.principal()}
	}
	return kit.DiagsError(grantToModel(ctx, doc.Grants[i], m))
}

// Delete removes the grant (every grant for the principal, should DSS hold
// several); a grant already gone sends no PUT.
func (k *ProjectGrantKind) Delete(ctx context.Context, c *dss.Client, m *ProjectGrantModel) error {
	_, _, err := k.update(ctx, c, m.key(), func(doc *dss.ProjectPermissions) error {
		for i := findGrant(doc.Grants, m.principal()); i >= 0; i = findGrant(doc.Grants, m.principal()) {
			doc.Grants = append(doc.Grants[:i], doc.Grants[i+1:]...)
		}
		return nil
	})
	return err
}
