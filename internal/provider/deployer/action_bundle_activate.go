package deployer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewBundleActivateAction returns the dataiku_bundle_activate action.
func NewBundleActivateAction() action.Action {
	return &kit.Action[bundleActivateModel]{Name: "bundle_activate", Run: invokeBundleActivate,
		Summary: func(m *bundleActivateModel) string {
			return fmt.Sprintf("cannot activate bundle %s of project %s", m.BundleID.ValueString(), m.ProjectKey.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Imports a bundle archive into a project of an **automation node** and activates it, without the Project Deployer " +
			"(dataikuapi's `import_bundle` then `POST /projects/{key}/bundles/imported/{bundleId}/actions/activate`). Configure it with the " +
			"automation node's provider (a provider alias). The project is created from the bundle when the node does not have it; a bundle " +
			"already imported is activated again. The apply fails with DSS's report when the activation fails, e.g. for a connection missing " +
			"on the automation node. Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project on the automation node."},
				"bundle_id":   schema.StringAttribute{Required: true, MarkdownDescription: "Id of the bundle in the archive, e.g. `v1`."},
				"archive_path": schema.StringAttribute{Required: true, MarkdownDescription: "Path of the bundle archive, as exported from the design node " +
					"(`GET /projects/{key}/bundles/exported/{bundleId}/archive`, dataikuapi's `download_exported_bundle_archive_to_file`)."},
			}},
	}
}

type bundleActivateModel struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	BundleID    types.String `tfsdk:"bundle_id"`
	ArchivePath types.String `tfsdk:"archive_path"`
}

func invokeBundleActivate(ctx context.Context, c *dss.Client, m *bundleActivateModel, summary string, resp *action.InvokeResponse) error {
	key, id := m.ProjectKey.ValueString(), m.BundleID.ValueString()
	raw, err := os.ReadFile(m.ArchivePath.ValueString())
	if err != nil {
		// The configuration's problem, not DSS's: reported as it is.
		resp.Diagnostics.AddError(summary, fmt.Sprintf("archive_path: %s", err))
		return nil
	}
	// [I] The emulator's archive is a JSON document; DSS's is a zip.
	archive := json.RawMessage(raw)
	imported, err := c.ListImportedBundles(ctx, key)
	switch {
	case dss.IsNotFound(err):
		kit.Progress(resp, "Project %s: creating it from bundle %s", key, id)
		err = c.Post(ctx, dss.Path("projectsFromBundle"), url.Values{"projectKey": {key}}, archive, nil)
	case err != nil:
	case !slices.ContainsFunc(imported, func(b dss.ImportedBundle) bool { return b.BundleID == id }):
		kit.Progress(resp, "Project %s: importing bundle %s", key, id)
		err = c.Post(ctx, dss.Path("projects", key, "bundles", "imported", "actions", "importFromStream"), nil, archive, nil)
	}
	if err != nil {
		return err
	}
	kit.Progress(resp, "Project %s: activating bundle %s", key, id)
	if err := c.ActivateBundle(ctx, key, id); err != nil {
		return err
	}
	kit.Progress(resp, "Project %s: bundle %s activated", key, id)
	return nil
}
