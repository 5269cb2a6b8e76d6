package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Managed folder definitions ↔ models, shared by the resource and the
// data sources.

// ManagedFolderModel is a managed folder as the resource and the
// dataiku_managed_folder data source show it.
type ManagedFolderModel struct {
	ID           types.String `tfsdk:"id"`
	ProjectKey   types.String `tfsdk:"project_key"`
	Name         types.String `tfsdk:"name"`
	Type         types.String `tfsdk:"type"`
	Connection   types.String `tfsdk:"connection_name"`
	Path         types.String `tfsdk:"path"`
	Partitioning types.Object `tfsdk:"partitioning"`
	kit.Documentation
}

// ManagedFolderResourceModel is the dataiku_managed_folder resource: the
// folder and Terraform's own deletion_protection, which the data source
// leaves out.
type ManagedFolderResourceModel struct {
	ManagedFolderModel
	kit.DeletionProtection
}

// managedFolderFromDSS fills m from DSS's definition. Partitioning is
// filled when withPartitioning (it is managed, or everything is read);
// otherwise it stays null, unmanaged.
func managedFolderFromDSS(ctx context.Context, f *dss.ManagedFolder, m *ManagedFolderModel, withPartitioning bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(f.ID)
	m.ProjectKey = types.StringValue(f.ProjectKey)
	m.Name = types.StringValue(f.Name)
	m.Type = kit.NullIfEmpty(f.Type)
	m.Connection = kit.NullIfEmpty(f.Connection())
	m.Path = kit.NullIfEmpty(f.Path())
	diags.Append(m.Documentation.FromDSS(ctx, f.Description, f.ShortDesc, f.Tags)...)
	prior := m.Partitioning // its "" file path pattern is kept (kit.PartitioningValue)
	m.Partitioning = types.ObjectNull(kit.PartitioningAttrTypes)
	if withPartitioning {
		var d diag.Diagnostics
		m.Partitioning, d = kit.PartitioningValue(ctx, f.Partitioning, prior)
		diags.Append(d...)
	}
	return diags
}

// applyManagedFolder writes the modelled fields of plan into DSS's
// definition; what the plan leaves null or unknown is left as DSS has it.
// The name is not written here: DSS renames with its own call.
func applyManagedFolder(ctx context.Context, plan *ManagedFolderModel, f *dss.ManagedFolder) diag.Diagnostics {
	var diags diag.Diagnostics
	if kit.Known(plan.Connection) || kit.Known(plan.Path) {
		connection, path := f.Connection(), f.Path()
		kit.SetKnownString(plan.Connection, &connection)
		kit.SetKnownString(plan.Path, &path)
		f.SetConnectionAndPath(connection, path)
	}
	kit.SetKnownString(plan.Type, &f.Type)
	diags.Append(kit.ApplyPartitioning(ctx, plan.Partitioning, &f.Partitioning)...)
	diags.Append(plan.Documentation.ToDSS(ctx, &f.Description, &f.ShortDesc, &f.Tags)...)
	return diags
}
