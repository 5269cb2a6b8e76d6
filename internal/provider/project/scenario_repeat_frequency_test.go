package project_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// TestScenarioRepeatFrequencyBelowOneWarns: DSS takes any repeatFrequency
// (dataikuapi checks none), so a trigger DSS holds with 0 must stay
// adoptable: a value below 1 is a warning, not an error; 1 and more say
// nothing.
func TestScenarioRepeatFrequencyBelowOneWarns(t *testing.T) {
	r := project.NewScenarioResource()
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	triggersType := sr.Schema.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["triggers"].(tftypes.List)
	triggerType := triggersType.ElementType.(tftypes.Object)
	temporal := func(every int64) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range triggerType.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
		vals["type"] = tftypes.NewValue(tftypes.String, "temporal")
		vals["frequency"] = tftypes.NewValue(tftypes.String, "Daily")
		vals["repeat_frequency"] = tftypes.NewValue(tftypes.Number, every)
		return tftypes.NewValue(triggersType, []tftypes.Value{tftypes.NewValue(triggerType, vals)})
	}
	for _, c := range []struct {
		every int64
		warns bool
	}{{0, true}, {-1, true}, {1, false}, {7, false}} {
		d := acctest.ConfigDiagnostics(t, r, map[string]tftypes.Value{
			"project_key": tftypes.NewValue(tftypes.String, "P"),
			"name":        tftypes.NewValue(tftypes.String, "s"),
			"type":        tftypes.NewValue(tftypes.String, "step_based"),
			"triggers":    temporal(c.every),
		})
		switch {
		case d.HasError():
			t.Errorf("repeat_frequency = %d: refused: %v", c.every, d)
		case c.warns && (d.WarningsCount() != 1 || !strings.Contains(d.Warnings()[0].Detail(), "is passed to DSS as it is")):
			t.Errorf("repeat_frequency = %d: want one warning, got %v", c.every, d)
		case !c.warns && d.WarningsCount() != 0:
			t.Errorf("repeat_frequency = %d: warned: %v", c.every, d)
		}
	}
}
