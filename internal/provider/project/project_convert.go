package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Conversion between a project's DSS documents (metadata, permissions,
// variables, folder) and the attributes the dataiku_project resource and
// data source share.

// projectAttrs are the attributes of a project, in the resource and in the
// data source.
type projectAttrs struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	kit.Documentation
	Owner             types.String      `tfsdk:"owner"`
	ProjectFolderID   types.String      `tfsdk:"project_folder_id"`
	Permissions       types.Set         `tfsdk:"permissions"`
	StandardVariables types.Dynamic     `tfsdk:"standard_variables"`
	LocalVariables    kit.SensitiveJSON `tfsdk:"local_variables"`
}

// projectScope says what a read fills beyond the metadata and the owner,
// which are always read.
type projectScope struct {
	permissions     bool // the grants (the permissions document is read anyway, for the owner)
	standard, local bool // the variables (one more request for either)
	folder          bool // the project's folder (one more request)
	// allRights reads every kept right of the grants (a data source);
	// else only those the attributes' grants set.
	allRights bool
}

// projectScopeAll is what a read after an import fetches: everything.
var projectScopeAll = projectScope{permissions: true, standard: true, local: true, folder: true}

// managed is the scope of what a resource's attributes manage: an
// unmanaged (null) attribute is neither read nor written.
func (a *projectAttrs) managed() projectScope {
	return projectScope{
		permissions: !a.Permissions.IsNull(),
		standard:    !a.StandardVariables.IsNull(),
		local:       !a.LocalVariables.IsNull(),
		folder:      !a.ProjectFolderID.IsNull(),
	}
}

// readProject fills a from DSS: 2 requests (metadata, permissions), 1 more
// for the variables and 1 for the folder when the scope asks for them. It
// returns DSS's error unchanged, so the caller can tell "gone" from any
// other failure.
func readProject(ctx context.Context, c *dss.Client, key string, a *projectAttrs, scope projectScope) (diag.Diagnostics, error) {
	return readProjectFrom(ctx, c, key, a, scope, nil)
}

// readProjectFrom is readProject with the metadata document already in
// hand when md is not nil: what a read-modify-write that changed nothing
// has just read (it wrote nothing, so DSS holds exactly that), which saves
// one request on a create. A document that was written is never passed:
// DSS may add defaults or drop fields on a PUT, so it is read back.
func readProjectFrom(ctx context.Context, c *dss.Client, key string, a *projectAttrs, scope projectScope, md *dss.ProjectMetadata) (diag.Diagnostics, error) {
	var diags diag.Diagnostics
	if md == nil {
		var err error
		if md, err = dss.ProjectMetadataDoc(key).Get(ctx, c); err != nil {
			return diags, err
		}
	}
	a.ID, a.ProjectKey = types.StringValue(key), types.StringValue(key)
	diags.Append(metadataToAttrs(ctx, md, a)...)

	perms, err := dss.ProjectPermissionsDoc(key).Get(ctx, c)
	switch {
	case err == nil:
		a.Owner = types.StringValue(perms.Owner)
		if scope.permissions {
			shown := keptRightsIn(a.Permissions)
			if scope.allRights {
				shown = allKeptRights
			}
			set, d := grantsValue(perms.Grants, shown)
			diags.Append(d...)
			a.Permissions = set
		}
	case !scope.permissions && dss.IsUnauthorized(err) && !dss.IsKeyRejected(err):
		// A key with read but not admin rights on the project cannot read
		// the permissions document; the owner is also in the summary.
		sum, err := c.GetProjectSummary(ctx, key)
		if err != nil {
			return diags, err
		}
		a.Owner = types.StringValue(sum.OwnerLogin)
	default:
		return diags, err
	}

	if scope.standard || scope.local {
		vars, err := dss.ProjectVariablesDoc(key).Get(ctx, c)
		if err != nil {
			return diags, err
		}
		if scope.standard {
			// In the form the plan or the prior state has it, when equal.
			a.StandardVariables = kit.HCLObjectKeepForm(kit.TerraformNumbersObject(kit.NonNilObject(vars.Standard)), a.StandardVariables)
		}
		if scope.local {
			a.LocalVariables = kit.NewSensitiveJSON(VariablesValue(vars.Local))
		}
	}

	if scope.folder {
		f, err := c.LocateProject(ctx, key)
		if err != nil {
			return diags, err
		}
		a.ProjectFolderID = types.StringValue(f.ID)
	}
	return diags, nil
}

func metadataToAttrs(ctx context.Context, md *dss.ProjectMetadata, a *projectAttrs) diag.Diagnostics {
	a.Name = types.StringValue(md.Name)
	return a.Documentation.FromDSS(ctx, md.Description, md.ShortDescription, md.Tags)
}

// VariablesValue renders one variables object; DSS's null reads as {}.
func VariablesValue(o dss.Object) jsontypes.Normalized {
	if o == nil {
		o = dss.Object{}
	}
	return kit.EncodeJSONObject(kit.TerraformNumbersObject(o))
}

// applyMetadata sets the metadata fields a models. Tags are a set: DSS's
// list is kept when it holds the same tags.
func applyMetadata(ctx context.Context, a *projectAttrs, md *dss.ProjectMetadata) diag.Diagnostics {
	md.Name = a.Name.ValueString()
	return a.Documentation.ToDSS(ctx, &md.Description, &md.ShortDescription, &md.Tags)
}

// applyPermissions sets the owner and the grants when a manages them.
func applyPermissions(a *projectAttrs, doc *dss.ProjectPermissions) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(a.Owner, &doc.Owner)
	if kit.Known(a.Permissions) {
		doc.Grants, diags = mergeGrants(a.Permissions, doc.Grants)
	}
	return diags
}

// applyVariables sets the variables objects a manages; an object equal to
// DSS's as JSON is left as DSS has it, and so is every part of one that
// does not change (kit.KeepEqual).
func applyVariables(a *projectAttrs, doc *dss.ProjectVariables) diag.Diagnostics {
	var diags diag.Diagnostics
	set := func(attr string, obj map[string]any, err error, held *dss.Object) {
		switch {
		case err != nil:
			diags.AddError("Invalid "+attr, attr+" "+err.Error())
		case obj == nil:
			obj = dss.Object{}
			fallthrough
		default:
			// The configuration's object, with DSS's text of every
			// variable (every part) it does not change; a variable it
			// no longer has is dropped.
			*held, _ = kit.KeepEqual(*held, obj).(map[string]any)
		}
	}
	if kit.Known(a.StandardVariables) {
		obj, err := kit.HCLObjectDecode(a.StandardVariables)
		set("standard_variables", obj, err, &doc.Standard)
	}
	if kit.Known(a.LocalVariables.Normalized) {
		obj, err := kit.DecodeJSONObject(a.LocalVariables.Normalized)
		set("local_variables", obj, err, &doc.Local)
	}
	return diags
}
