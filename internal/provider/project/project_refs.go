package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// sameRefPlan plans the state's form of a ref (a bare id, or PROJECT.id)
// when the configuration names the same object of the resource's project
// in the other form (dss.SameProjectRef): no change to apply. what names
// the object in the description ("folder", "knowledge bank").
func sameRefPlan(what string) planmodifier.String {
	return kit.StringPlan("Keeps the state's form of the same "+what+" (a bare id or PROJECT_KEY.id of the resource's project).",
		func(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
			if !kit.Known(req.ConfigValue) || !kit.Known(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
				return
			}
			var key types.String
			if d := req.Plan.GetAttribute(ctx, path.Root("project_key"), &key); d.HasError() || !kit.Known(key) {
				return
			}
			if dss.SameProjectRef(key.ValueString(), req.ConfigValue.ValueString(), req.StateValue.ValueString()) {
				resp.PlanValue = req.StateValue
			}
		})
}

// refFromDSS is the ref DSS holds, in m's form when m names the same
// object in the other (a bare id or PROJECT.id of project projectKey);
// null when DSS holds none.
func refFromDSS(projectKey string, m types.String, held string) types.String {
	if kit.Known(m) && dss.SameProjectRef(projectKey, m.ValueString(), held) {
		return m
	}
	return kit.NullIfEmpty(held)
}
