package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewScenarioDataSource returns the dataiku_scenario data source.
func NewScenarioDataSource() datasource.DataSource {
	return &kit.DataSource[ScenarioModel]{Name: "scenario", Mirror: &scenarioDataSourceSchema, ReadObject: readScenarioDataSource,
		Summary: func(m *ScenarioModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_scenario %s.%s", m.ProjectKey.ValueString(), m.ID.ValueString())
		}}
}

// scenarioDataSourceSchema is the scenario resource's schema, computed,
// read by project_key and id.
var scenarioDataSourceSchema = kit.MirroredSchema{Resource: NewScenarioResource,
	Description: "Reads one DSS scenario's settings by id (1 API call; 2 for a `custom_python` scenario, whose script is read too).",
	Own: map[string]schema.Attribute{
		"project_key": kit.ProjectKeyAttribute("the scenario"),
		"id":          schema.StringAttribute{Required: true, MarkdownDescription: "The scenario's id (derived by DSS from its name at creation)."},
	},
	Describe: kit.Describing(kit.DocumentationDescriptions("scenario"), map[string]string{
		"name":                      "Scenario name.",
		"type":                      "`step_based` or `custom_python`.",
		"active":                    "Whether the scenario's triggers fire.",
		"run_as":                    "Login the scenario runs as, when set.",
		"script":                    "The script of a `custom_python` scenario.",
		"reporters":                 "The reporters, a list of objects, without their credentials (a webhook's `url`, tokens: see the resource's `reporters`); null when none.",
		"triggers":                  "The triggers, in order (see the resource for each attribute).",
		"triggers.type":             "Trigger type (`dss:<type>` for a type the provider does not name).",
		"triggers.name":             "Trigger name.",
		"triggers.active":           "Whether the trigger fires.",
		"triggers.frequency":        "`temporal`: the frequency.",
		"triggers.repeat_frequency": "`temporal`: every N periods.",
		"triggers.hour":             "`temporal`: hour.",
		"triggers.minute":           "`temporal`: minute.",
		"triggers.days_of_week":     "`temporal`: days.",
		"triggers.monthly_run_on":   "`temporal`: monthly rule.",
		"triggers.timezone":         "`temporal`: time zone.",
		"triggers.starting_from":    "`temporal`: first date.",
		"triggers.datasets":         "`dataset_modified`: the datasets DSS's `watches` name (`PROJECT.name` for another project's); null when a watch is of another kind or partitioned, `watches` then being in `params`.",
		"triggers.params":           "The trigger's other params as JSON.",
		"steps":                     "The steps of a `step_based` scenario, in order.",
		"steps.type":                "Step type.",
		"steps.name":                "Step name.",
		"steps.params":              "The step's params as JSON, without a `send_report` step's credentials.",
		"steps.run_condition":       "When the step runs.",
	}),
}

// readScenarioDataSource is the resource's read of an import: everything,
// with a custom_python scenario's script.
func readScenarioDataSource(ctx context.Context, c *dss.Client, cfg *ScenarioModel, _ *diag.Diagnostics) error {
	m := ScenarioResourceModel{ScenarioModel: *cfg}
	if err := (scenarioKind{}).Read(ctx, c, &m, true); err != nil {
		return err
	}
	*cfg = m.ScenarioModel
	return nil
}

// NewScenariosDataSource returns the dataiku_scenarios data source.
func NewScenariosDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListScenarios, kit.ListDataSource[dss.Scenario]{Name: "scenarios",
		List: "scenarios", ListDescription: "The scenarios, sorted by id.",
		Description: "Lists a project's scenarios (1 API call).",
		Item: map[string]schema.Attribute{
			"id": kit.ComputedString("Scenario id."), "name": kit.ComputedString("Scenario name (names need not be unique)."),
			"type":   kit.ComputedString("`step_based` or `custom_python`."),
			"active": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the scenario's triggers fire."},
			"tags":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
		},
		SortKey: func(s *dss.Scenario) string { return s.ID },
		Row: func(ctx context.Context, _ kit.ListConfig, s *dss.Scenario, diagnostics *diag.Diagnostics) map[string]attr.Value {
			tags, diags := kit.StringSetValue(ctx, s.Tags)
			diagnostics.Append(diags...)
			return map[string]attr.Value{
				"id": types.StringValue(s.ID), "name": types.StringValue(s.Name), "type": types.StringValue(s.Type),
				"active": types.BoolValue(s.Active), "tags": tags,
			}
		},
	})
}
