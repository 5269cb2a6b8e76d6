package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewScenarioDataSource returns the dataiku_scenario data source.
func NewScenarioDataSource() datasource.DataSource {
	return &dataSourceKit[scenarioModel]{name: "scenario", schema: scenarioDataSourceSchema, read: readScenarioDataSource,
		summary: func(m *scenarioModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_scenario %s.%s", m.ProjectKey.ValueString(), m.ID.ValueString())
		}}
}

func scenarioDataSourceSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	i64 := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	list := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	js := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, CustomType: jsontypes.NormalizedType{}, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "Reads one DSS scenario's settings by id (1 API call; 2 for a `custom_python` scenario, whose script is read too).",
		Attributes: map[string]schema.Attribute{
			"project_key":       projectKeyAttribute("the scenario"),
			"id":                schema.StringAttribute{Required: true, MarkdownDescription: "The scenario's id (derived by DSS from its name at creation)."},
			"name":              str("Scenario name."),
			"type":              str("`step_based` or `custom_python`."),
			"active":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the scenario's triggers fire."},
			"run_as":            str("Login the scenario runs as, when set."),
			"script":            str("The script of a `custom_python` scenario."),
			"reporters":         js("The reporters as a JSON list, without their credentials (a webhook's `url`, tokens: see the resource's `reporters`); null when none."),
			"description":       str("Long description."),
			"short_description": str("Short description."),
			"tags":              schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the scenario."},
			"triggers": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The triggers, in order (see the resource for each attribute).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": str("Trigger type (`dss:<type>` for a type the provider does not name)."), "name": str("Trigger name."),
					"active":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the trigger fires."},
					"frequency": str("`temporal`: the frequency."), "repeat_frequency": i64("`temporal`: every N periods."),
					"hour": i64("`temporal`: hour."), "minute": i64("`temporal`: minute."), "days_of_week": list("`temporal`: days."),
					"monthly_run_on": str("`temporal`: monthly rule."), "timezone": str("`temporal`: time zone."),
					"starting_from": str("`temporal`: first date."), "datasets": list("`dataset_modified`: the datasets watched."),
					"params": js("The trigger's other params as JSON."),
				}}},
			"steps": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The steps of a `step_based` scenario, in order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": str("Step type."), "name": str("Step name."), "params": js("The step's params as JSON, without a `send_report` step's credentials."),
					"run_condition": str("When the step runs."),
				}}},
		},
	}
}

func readScenarioDataSource(ctx context.Context, c *dss.Client, cfg *scenarioModel, diagnostics *diag.Diagnostics) error {
	key, id := cfg.ProjectKey.ValueString(), cfg.ID.ValueString()
	s, err := dss.ScenarioDoc(key, id).Get(ctx, c)
	if err != nil {
		return err
	}
	m := scenarioModel{Triggers: types.ListNull(scenarioTriggerType), Steps: types.ListNull(scenarioStepType), Script: types.StringNull()}
	diagnostics.Append(scenarioFromDSS(ctx, s, &m, true)...)
	if s.Type != dss.ScenarioStepBased {
		script, err := c.ScenarioScript(ctx, key, id)
		if err != nil {
			return err
		}
		m.Script = types.StringValue(script)
	}
	*cfg = m
	return nil
}

// NewScenariosDataSource returns the dataiku_scenarios data source.
func NewScenariosDataSource() datasource.DataSource {
	return &dataSourceKit[scenariosDataSourceModel]{name: "scenarios", schema: scenariosDataSourceSchema, read: readScenariosDataSource,
		summary: func(m *scenariosDataSourceModel) string {
			return "Cannot read data.dataiku_scenarios of project " + m.ProjectKey.ValueString()
		}}
}

type scenariosDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Scenarios  types.List   `tfsdk:"scenarios"`
}

var scenariosItemAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "type": types.StringType, "active": types.BoolType,
	"tags": types.SetType{ElemType: types.StringType},
}

func scenariosDataSourceSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "Lists a project's scenarios (1 API call).",
		Attributes: map[string]schema.Attribute{
			"id":          str("The project key."),
			"project_key": projectKeyAttribute(""),
			"scenarios": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The scenarios, sorted by id.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": str("Scenario id."), "name": str("Scenario name (names need not be unique)."), "type": str("`step_based` or `custom_python`."),
					"active": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the scenario's triggers fire."},
					"tags":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
				}}},
		},
	}
}

func readScenariosDataSource(ctx context.Context, c *dss.Client, cfg *scenariosDataSourceModel, diagnostics *diag.Diagnostics) error {
	list, err := c.ListScenarios(ctx, cfg.ProjectKey.ValueString())
	if err != nil {
		return err
	}
	slices.SortFunc(list, func(a, b dss.Scenario) int { return strings.Compare(a.ID, b.ID) })
	items := make([]attr.Value, 0, len(list))
	for _, s := range list {
		tags, diags := stringSetValue(ctx, s.Tags)
		diagnostics.Append(diags...)
		obj, diags := types.ObjectValue(scenariosItemAttrTypes, map[string]attr.Value{
			"id": types.StringValue(s.ID), "name": types.StringValue(s.Name), "type": types.StringValue(s.Type),
			"active": types.BoolValue(s.Active), "tags": tags,
		})
		diagnostics.Append(diags...)
		items = append(items, obj)
	}
	l, diags := types.ListValue(types.ObjectType{AttrTypes: scenariosItemAttrTypes}, items)
	diagnostics.Append(diags...)
	cfg.ID, cfg.Scenarios = cfg.ProjectKey, l
	return nil
}
