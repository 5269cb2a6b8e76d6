package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*codeEnvDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*codeEnvsDataSource)(nil)
)

// NewCodeEnvDataSource returns the dataiku_code_env data source.
func NewCodeEnvDataSource() datasource.DataSource { return &codeEnvDataSource{} }

type codeEnvDataSource struct{ client *dss.Client }

func (d *codeEnvDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_code_env"
}

func (d *codeEnvDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS code environment's definition by language and name (1 API call; needs an admin key).",
		Attributes: map[string]schema.Attribute{
			"id": computed("`LANG/name`."),
			"lang": schema.StringAttribute{Required: true, MarkdownDescription: "Language: `PYTHON` or `R`.",
				Validators: []validator.String{stringvalidator.OneOf(dss.CodeEnvLangs...)}},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "The env's name.",
				Validators: []validator.String{stringvalidator.RegexMatches(dss.CodeEnvNamePattern, "must be "+codeEnvNameRule)}},
			"deployment_mode":    computed("How DSS manages the env, e.g. `DESIGN_MANAGED`."),
			"python_interpreter": computed("Python version, e.g. `PYTHON310`; null for an R env."),
			"conda":              boolean("Whether the env is built with conda."),
			"packages": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Requirement lines (DSS's `specPackageList`, split on newlines, blank lines dropped)."},
			"conda_packages": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Conda requirement lines (DSS's `specCondaEnvironment`)."},
			"install_core_packages":   boolean("Whether DSS installs its core packages."),
			"install_jupyter_support": boolean("Whether DSS installs Jupyter support."),
			"owner":                   computed("Login of the env's owner."),
			"usable_by_all":           boolean("Whether every user may use the env."),
			"permissions": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Groups' rights on the env.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"group":        computed("The group's name."),
					"use":          boolean("Whether members may use the env."),
					"update":       boolean("Whether members may change and rebuild it."),
					"manage_users": boolean("Whether members may change who may use it."),
				}}},
		},
	}
}

func (d *codeEnvDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *codeEnvDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg codeEnvAttrs
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot read data.dataiku_code_env %q", codeEnvID(cfg.Lang.ValueString(), cfg.Name.ValueString()))
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	e, err := dss.CodeEnvDoc(cfg.Lang.ValueString(), cfg.Name.ValueString()).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	// The resource's conversion with everything read: empty lists are
	// empty, not null, in a data source.
	m := codeEnvModel{codeEnvAttrs: codeEnvAttrs{Lang: cfg.Lang, Name: cfg.Name,
		Packages: types.ListValueMust(types.StringType, nil), CondaPackages: types.ListValueMust(types.StringType, nil),
		Permissions: types.SetValueMust(types.ObjectType{AttrTypes: codeEnvPermissionAttrTypes}, nil)}}
	resp.Diagnostics.Append(codeEnvFromDSS(ctx, e, &m, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m.codeEnvAttrs)...)
}

// NewCodeEnvsDataSource returns the dataiku_code_envs data source.
func NewCodeEnvsDataSource() datasource.DataSource { return &codeEnvsDataSource{} }

type codeEnvsDataSource struct{ client *dss.Client }

type codeEnvsDataSourceModel struct {
	ID       types.String `tfsdk:"id"`
	Lang     types.String `tfsdk:"lang"`
	CodeEnvs types.List   `tfsdk:"code_envs"`
}

type codeEnvsItemModel struct {
	ID             types.String `tfsdk:"id"`
	Lang           types.String `tfsdk:"lang"`
	Name           types.String `tfsdk:"name"`
	DeploymentMode types.String `tfsdk:"deployment_mode"`
}

var codeEnvsItemAttrTypes = map[string]attr.Type{
	"id": types.StringType, "lang": types.StringType, "name": types.StringType, "deployment_mode": types.StringType,
}

func (d *codeEnvsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_code_envs"
}

func (d *codeEnvsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the instance's code environments (1 API call; needs an admin key), optionally of one language. Read one with `dataiku_code_env` for its packages and permissions.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`code_envs`, or `code_envs/LANG` with a filter."},
			"lang": schema.StringAttribute{Optional: true, MarkdownDescription: "Only envs of this language: `PYTHON` or `R`. Not set: all.",
				Validators: []validator.String{stringvalidator.OneOf(dss.CodeEnvLangs...)}},
			"code_envs": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The envs, sorted by language then name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "`LANG/name`, the resource's import id."},
					"lang":            schema.StringAttribute{Computed: true, MarkdownDescription: "`PYTHON` or `R`."},
					"name":            schema.StringAttribute{Computed: true, MarkdownDescription: "The env's name."},
					"deployment_mode": schema.StringAttribute{Computed: true, MarkdownDescription: "How DSS manages the env."},
				}}},
		},
	}
}

func (d *codeEnvsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *codeEnvsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg codeEnvsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	const summary = "Cannot read data.dataiku_code_envs"
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	envs, err := d.client.ListCodeEnvs(ctx)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	items := []codeEnvsItemModel{}
	for _, e := range envs {
		if known(cfg.Lang) && e.Lang() != cfg.Lang.ValueString() {
			continue
		}
		items = append(items, codeEnvsItemModel{ID: types.StringValue(codeEnvID(e.Lang(), e.EnvNameOrName())),
			Lang: types.StringValue(e.Lang()), Name: types.StringValue(e.EnvNameOrName()), DeploymentMode: nullIfEmpty(e.DeploymentMode)})
	}
	slices.SortFunc(items, func(a, b codeEnvsItemModel) int { return strings.Compare(a.ID.ValueString(), b.ID.ValueString()) })
	list, dd := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: codeEnvsItemAttrTypes}, items)
	resp.Diagnostics.Append(dd...)
	cfg.CodeEnvs = list
	cfg.ID = types.StringValue("code_envs")
	if known(cfg.Lang) {
		cfg.ID = types.StringValue("code_envs/" + cfg.Lang.ValueString())
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
