package dataset

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Data quality rules ↔ the dataiku_data_quality_rule model.

type DataQualityRuleModel struct {
	ID          types.String  `tfsdk:"id"`
	ProjectKey  types.String  `tfsdk:"project_key"`
	DatasetName types.String  `tfsdk:"dataset_name"`
	Name        types.String  `tfsdk:"name"`
	Type        types.String  `tfsdk:"type"`
	Config      types.Dynamic `tfsdk:"config"`
	Enabled     types.Bool    `tfsdk:"enabled"`
	AutoRun     types.Bool    `tfsdk:"auto_run"`
}

// applyDataQualityRule writes the plan into DSS's rule: type and name,
// enabled and autoRun when set, and the keys config writes (the others
// are left as DSS has them: the subset rule), a value equal to DSS's left
// in DSS's text, and the equal parts of a changed one (kit.KeepEqual).
func applyDataQualityRule(plan *DataQualityRuleModel, rule *dss.DataQualityRule) error {
	rule.Type = plan.Type.ValueString()
	rule.DisplayName = plan.Name.ValueString()
	if kit.Known(plan.Enabled) {
		rule.Enabled = plan.Enabled.ValueBoolPointer()
	}
	if kit.Known(plan.AutoRun) {
		rule.AutoRun = plan.AutoRun.ValueBoolPointer()
	}
	cfg, err := kit.HCLObjectDecode(plan.Config)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	held, err := rule.Config()
	if err != nil {
		return err
	}
	for k, v := range cfg {
		if h, had := held[k]; had {
			if kit.JSONEqual(h, v) {
				continue // DSS's text stays byte for byte
			}
			v = kit.KeepEqual(h, v)
		}
		if err := rule.SetConfigField(k, v); err != nil {
			return fmt.Errorf("config.%s: %w", k, err)
		}
	}
	return nil
}

// dataQualityRuleFromDSS fills m from DSS's rule. config keeps, of DSS's
// fields, the keys m.Config writes; all of them when whole (an import),
// null when there are none.
func dataQualityRuleFromDSS(rule *dss.DataQualityRule, m *DataQualityRuleModel, whole bool) error {
	cfg, err := rule.Config()
	if err != nil {
		return err
	}
	m.ID = types.StringValue(rule.ID)
	m.Name = types.StringValue(rule.DisplayName)
	m.Type = types.StringValue(rule.Type)
	// DSS's rule objects default both to true when absent [I].
	m.Enabled = types.BoolValue(rule.Enabled == nil || *rule.Enabled)
	m.AutoRun = types.BoolValue(rule.AutoRun == nil || *rule.AutoRun)
	m.Config = kit.HCLObjectRead(cfg, m.Config, whole)
	return nil
}
