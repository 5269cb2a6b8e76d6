package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewExecutionDefaultsDataSource returns the
// dataiku_project_execution_defaults data source.
func NewExecutionDefaultsDataSource() datasource.DataSource {
	return &kit.DataSource[ExecutionDefaultsModel]{Name: "project_execution_defaults", Mirror: &executionDefaultsDataSourceSchema,
		ReadObject: readExecutionDefaultsDataSource, Named: func(m *ExecutionDefaultsModel) string { return m.key() }}
}

// executionDefaultsDataSourceSchema is the resource's schema, computed,
// read by project_key.
var executionDefaultsDataSourceSchema = kit.MirroredSchema{Resource: NewExecutionDefaultsResource,
	Description: "Reads a project's execution defaults: its default Python and R code envs and its default containerized execution " +
		"(DSS project settings `settings.codeEnvs` and `settings.container`), e.g. to give a recipe the project's env explicitly. " +
		"A mode DSS leaves out reads as `INHERIT`; a name is shown only with the mode that uses it. Needs read access to the project (1 API call).",
	Own: map[string]schema.Attribute{"project_key": kit.ProjectKeyAttribute("")},
	Describe: map[string]string{
		"python_env_mode":            "The project's default Python code env: `INHERIT` (the instance's default), `USE_BUILTIN_MODE`, `EXPLICIT_ENV`, or another mode a newer DSS knows.",
		"python_env_name":            "With `python_env_mode = \"EXPLICIT_ENV\"`, the env's name as DSS keeps it (the env may have been deleted since); null otherwise.",
		"r_env_mode":                 "The project's default R code env: `INHERIT` (the instance's default), `USE_BUILTIN_MODE`, `EXPLICIT_ENV`, or another mode a newer DSS knows.",
		"r_env_name":                 "With `r_env_mode = \"EXPLICIT_ENV\"`, the env's name as DSS keeps it (the env may have been deleted since); null otherwise.",
		"container_mode":             "The project's default containerized execution: `INHERIT` (the instance's default), `NONE`, `EXPLICIT_CONTAINER`, or another mode a newer DSS knows.",
		"container_exec_config_name": "With `container_mode = \"EXPLICIT_CONTAINER\"`, the config's name as DSS keeps it; null otherwise.",
	},
}

func readExecutionDefaultsDataSource(ctx context.Context, c *dss.Client, cfg *ExecutionDefaultsModel, _ *diag.Diagnostics) error {
	s, err := dss.ProjectSettingsDoc(cfg.key()).Get(ctx, c)
	if err != nil {
		return err
	}
	executionDefaultsFromDSS(s, cfg)
	return nil
}
