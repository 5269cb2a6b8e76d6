package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewContainerExecConfigDataSource returns the
// dataiku_container_exec_config data source.
func NewContainerExecConfigDataSource() datasource.DataSource {
	return &kit.DataSource[containerExecConfigModel]{Name: "container_exec_config", Mirror: &containerExecConfigDataSourceSchema,
		ReadObject: readContainerExecConfigDataSource, Named: func(m *containerExecConfigModel) string { return m.Name.ValueString() }}
}

// containerExecConfigDataSourceSchema is the resource's schema, computed,
// read by name.
var containerExecConfigDataSourceSchema = kit.MirroredSchema{Resource: NewContainerExecConfigResource,
	Description: "Reads one containerized (Kubernetes) execution config of DSS by name (1 API call: the general settings; needs an admin API key), " +
		"e.g. to check that the config a project's or a code env's settings name exists, or to reuse its namespace.",
	Own: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The execution config's name.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
	},
	Describe: map[string]string{
		"image_repository": "The image repository (`repositoryURL`); null when DSS holds none.",
		"image_tag":        "The base image tag (`baseImageTag`); null when DSS holds none.",
		"namespace":        "The Kubernetes namespace (`kubernetesNamespace`); null when DSS holds none.",
		"cpu_request":      "The CPU request, as DSS holds it; null when none.",
		"cpu_limit":        "The CPU limit, as DSS holds it; null when none.",
		"memory_request":   "The memory request, as DSS holds it; null when none.",
		"memory_limit":     "The memory limit, as DSS holds it; null when none.",
		"usable_by":        "Who may use the config: `ALL`, or `ALLOWED` (the groups in `allowed_groups`).",
		"allowed_groups":   "The groups that may use the config when `usable_by` is `ALLOWED`.",
		"properties":       "The config's extra properties, by key; null when it has none.",
	},
}

func readContainerExecConfigDataSource(ctx context.Context, c *dss.Client, cfg *containerExecConfigModel, diagnostics *diag.Diagnostics) error {
	name := cfg.Name.ValueString()
	item, err := readExecConfig(ctx, c, name)
	if absentFromList(err) {
		diagnostics.AddError(fmt.Sprintf("No execution config is named %q", name),
			"DSS's general settings hold no containerized execution config of that name; the dataiku_container_exec_configs data source lists them.")
		return nil
	}
	if err != nil {
		return err
	}
	m := containerExecConfigModel{ID: types.StringValue(name), Name: types.StringValue(name)}
	diagnostics.Append(execConfigFromDSS(ctx, item, &m, true)...)
	*cfg = m
	return nil
}
