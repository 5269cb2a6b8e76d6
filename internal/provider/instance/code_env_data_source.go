package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewCodeEnvDataSource returns the dataiku_code_env data source.
func NewCodeEnvDataSource() datasource.DataSource {
	return &kit.DataSource[CodeEnvAttrs]{Name: "code_env", Mirror: &codeEnvDataSourceSchema, ReadObject: readCodeEnvDataSource,
		Named: func(m *CodeEnvAttrs) string { return CodeEnvID(m.Lang.ValueString(), m.Name.ValueString()) }}
}

// codeEnvDataSourceSchema is the code env resource's schema, computed,
// read by lang and name.
var codeEnvDataSourceSchema = kit.MirroredSchema{Resource: NewCodeEnvResource,
	Description: "Reads one DSS code environment's definition by language and name (1 API call; needs an admin key).",
	Own: map[string]schema.Attribute{
		"lang": schema.StringAttribute{Required: true, MarkdownDescription: "Language: `PYTHON` or `R`.",
			Validators: []validator.String{kit.OneOfExact("code env language", dss.CodeEnvLangs...)}},
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The env's name.",
			Validators: []validator.String{stringvalidator.RegexMatches(dss.CodeEnvNamePattern, "must be "+CodeEnvNameRule)}},
	},
	Describe: map[string]string{
		"id":                       "`LANG/name`.",
		"deployment_mode":          "How DSS manages the env, e.g. `DESIGN_MANAGED`.",
		"python_interpreter":       "Python version, e.g. `PYTHON310`; null for an R env.",
		"conda":                    "Whether the env is built with conda.",
		"packages":                 "Requirement lines (DSS's `specPackageList`, split on newlines, blank lines dropped).",
		"conda_packages":           "Conda requirement lines (DSS's `specCondaEnvironment`).",
		"install_core_packages":    "Whether DSS installs its core packages.",
		"install_jupyter_support":  "Whether DSS installs Jupyter support.",
		"owner":                    "Login of the env's owner.",
		"usable_by_all":            "Whether every user may use the env.",
		"permissions":              "Groups' rights on the env.",
		"permissions.update":       "Whether members may change and rebuild it.",
		"permissions.manage_users": "Whether members may change who may use it.",
	},
}

func readCodeEnvDataSource(ctx context.Context, c *dss.Client, cfg *CodeEnvAttrs, diagnostics *diag.Diagnostics) error {
	e, err := dss.CodeEnvDoc(cfg.Lang.ValueString(), cfg.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	// The resource's conversion with everything read: empty lists are
	// empty, not null, in a data source.
	m := CodeEnvModel{CodeEnvAttrs: CodeEnvAttrs{Lang: cfg.Lang, Name: cfg.Name,
		Packages: types.ListValueMust(types.StringType, nil), CondaPackages: types.ListValueMust(types.StringType, nil),
		Permissions: types.SetValueMust(types.ObjectType{AttrTypes: CodeEnvPermissionAttrTypes}, nil)}}
	diagnostics.Append(CodeEnvFromDSS(ctx, e, &m, true)...)
	*cfg = m.CodeEnvAttrs
	return nil
}

// NewCodeEnvsDataSource returns the dataiku_code_envs data source.
func NewCodeEnvsDataSource() datasource.DataSource {
	return kit.ListDataSource[dss.CodeEnvSummary]{Name: "code_envs",
		Description:   "Lists the instance's code environments (1 API call; needs an admin key), optionally of one language. Read one with `dataiku_code_env` for its packages and permissions.",
		IDDescription: "`code_envs`, or `code_envs/LANG` with a filter.",
		IDOf: func(cfg kit.ListConfig) string {
			if kit.Known(cfg.String("lang")) {
				return "code_envs/" + cfg.String("lang").ValueString()
			}
			return "code_envs"
		},
		Config: map[string]schema.Attribute{
			"lang": schema.StringAttribute{Optional: true, MarkdownDescription: "Only envs of this language: `PYTHON` or `R`. Not set: all.",
				Validators: []validator.String{kit.OneOfExact("code env language", dss.CodeEnvLangs...)}},
		},
		List: "code_envs", ListDescription: "The envs, sorted by language then name.",
		Item: map[string]schema.Attribute{
			"id":              kit.ComputedString("`LANG/name`, the resource's import id."),
			"lang":            kit.ComputedString("`PYTHON` or `R`."),
			"name":            kit.ComputedString("The env's name."),
			"deployment_mode": kit.ComputedString("How DSS manages the env."),
		},
		Read:    kit.ReadAll((*dss.Client).ListCodeEnvs),
		SortKey: func(e *dss.CodeEnvSummary) string { return CodeEnvID(e.Lang(), e.EnvNameOrName()) },
		Row: func(_ context.Context, cfg kit.ListConfig, e *dss.CodeEnvSummary, _ *diag.Diagnostics) map[string]attr.Value {
			if kit.Known(cfg.String("lang")) && e.Lang() != cfg.String("lang").ValueString() {
				return nil
			}
			return map[string]attr.Value{"id": types.StringValue(CodeEnvID(e.Lang(), e.EnvNameOrName())),
				"lang": types.StringValue(e.Lang()), "name": types.StringValue(e.EnvNameOrName()), "deployment_mode": kit.NullIfEmpty(e.DeploymentMode)}
		},
	}.DataSource()
}
