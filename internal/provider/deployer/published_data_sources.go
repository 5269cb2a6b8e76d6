package deployer

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The deployers' published objects read by key: their permissions, their
// other settings, whole, and for an API service its versions.

// publishedPermissionsDoc is the data sources' wording of permissions.
const publishedPermissionsDoc = "The permission entries DSS holds, as a JSON array (`jsondecode` it), e.g. " +
	"`[{\"group\":\"release-managers\",\"read\":true,\"write\":true,\"deploy\":true,\"admin\":false}]`; `[]` when none."

// publishedSettingsDoc is the data sources' wording of settings.
const publishedSettingsDoc = "Every other key of the settings, as DSS holds them (e.g. `owner`, `basicInfo`), in DSS's names."

// readPublishedWhole fills access with the whole settings doc holds: the
// resources read only the keys a configuration writes, a data source
// shows them all.
func readPublishedWhole(ctx context.Context, c *dss.Client, doc dss.Document[dss.PublishedProjectSettings], access *deployerAccess) error {
	s, err := doc.Get(ctx, c)
	if err != nil {
		return err
	}
	readDeployerPermissions(s.Permissions, &access.Permissions, true)
	all, err := extraObject(s.Extra, publishedProjectReservedKeys)
	if err != nil {
		return err
	}
	access.Settings = kit.HCLObjectValue(all)
	return nil
}

// extraObject is a settings document's other keys (extra), decoded, but
// those skip names.
func extraObject(extra dss.Extra, skip []string) (map[string]any, error) {
	all := map[string]any{}
	for k, raw := range extra {
		if slices.Contains(skip, k) {
			continue
		}
		v, err := kit.DecodeJSONValue(string(raw))
		if err != nil {
			return nil, fmt.Errorf("DSS's %s: %w", k, err)
		}
		all[k] = v
	}
	return all, nil
}

// NewPublishedProjectDataSource returns the dataiku_published_project data
// source.
func NewPublishedProjectDataSource() datasource.DataSource {
	return &kit.DataSource[publishedProjectModel]{Name: "published_project", Mirror: &publishedProjectDataSourceSchema,
		Named: func(m *publishedProjectModel) string { return m.ProjectKey.ValueString() },
		ReadObject: kit.ReadAsImport(func(ctx context.Context, c *dss.Client, m *publishedProjectModel, _ bool) error {
			return readPublishedWhole(ctx, c, dss.PublishedProjectSettingsDoc(m.ProjectKey.ValueString()), &m.deployerAccess)
		}, func(cfg *publishedProjectModel) publishedProjectModel {
			return publishedProjectModel{ID: cfg.ProjectKey, ProjectKey: cfg.ProjectKey}
		})}
}

var publishedProjectDataSourceSchema = kit.MirroredSchema{Resource: NewPublishedProjectResource,
	Description: "Reads a published project of the Project Deployer by key (1 API call: its settings), e.g. to check that it exists " +
		"before a deployment names it, or who may deploy it. Needs a key that may read the published project.",
	Own: map[string]schema.Attribute{
		"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "The published project's key.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
	},
	Describe: map[string]string{"permissions": publishedPermissionsDoc, "settings": publishedSettingsDoc},
}

// NewPublishedAPIServiceDataSource returns the
// dataiku_published_api_service data source.
func NewPublishedAPIServiceDataSource() datasource.DataSource {
	return &kit.DataSource[publishedAPIServiceModel]{Name: "published_api_service", Mirror: &publishedAPIServiceDataSourceSchema,
		Named: func(m *publishedAPIServiceModel) string { return m.ServiceID.ValueString() },
		ReadObject: kit.ReadAsImport(func(ctx context.Context, c *dss.Client, m *publishedAPIServiceModel, _ bool) error {
			if err := readPublishedWhole(ctx, c, dss.PublishedAPIServiceSettingsDoc(m.ServiceID.ValueString()), &m.deployerAccess); err != nil {
				return err
			}
			return publishedAPIServiceKind{}.readVersions(ctx, c, m)
		}, func(cfg *publishedAPIServiceModel) publishedAPIServiceModel {
			return publishedAPIServiceModel{ID: cfg.ServiceID, ServiceID: cfg.ServiceID}
		})}
}

var publishedAPIServiceDataSourceSchema = kit.MirroredSchema{Resource: NewPublishedAPIServiceResource,
	Description: "Reads a service of the API Deployer by id (2 API calls: its settings and its status), e.g. to pick the newest version " +
		"a `dataiku_api_deployment` deploys, or to check who may deploy it.",
	Own: map[string]schema.Attribute{
		"service_id": schema.StringAttribute{Required: true, MarkdownDescription: "The published service's id.",
			Validators: []validator.String{kit.IDValidator}},
	},
	Describe: map[string]string{
		"permissions": publishedPermissionsDoc,
		"settings":    publishedSettingsDoc,
		"versions":    "The ids of the versions the service holds (its packages), in DSS's order.",
	},
}
