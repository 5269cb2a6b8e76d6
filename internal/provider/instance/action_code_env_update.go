package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewCodeEnvUpdateAction returns the dataiku_code_env_update action.
func NewCodeEnvUpdateAction() action.Action {
	return &kit.Action[codeEnvUpdateModel]{Name: "code_env_update", Run: invokeCodeEnvUpdate,
		Summary: func(m *codeEnvUpdateModel) string {
			return fmt.Sprintf("cannot update the %s code env %s", m.Lang.ValueString(), m.Name.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Updates a code environment's packages from its requirement lists, or rebuilds it from scratch (`force_rebuild`), and waits for DSS's build. " +
			"A failed build fails the apply with DSS's messages; on interrupt the build is aborted. Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"name": schema.StringAttribute{Required: true, MarkdownDescription: "Env name, as `dataiku_code_env` names it."},
				"lang": schema.StringAttribute{Required: true, Validators: []validator.String{kit.OneOfExact("code env language", dss.CodeEnvLangs...)},
					MarkdownDescription: "Language: `PYTHON` or `R`, as `dataiku_code_env` names it."},
				"force_rebuild": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Delete and rebuild the env instead of updating its packages (default `false`)."},
			}},
	}
}

type codeEnvUpdateModel struct {
	Name         types.String `tfsdk:"name"`
	Lang         types.String `tfsdk:"lang"`
	ForceRebuild types.Bool   `tfsdk:"force_rebuild"`
}

func invokeCodeEnvUpdate(ctx context.Context, c *dss.Client, m *codeEnvUpdateModel, summary string, resp *action.InvokeResponse) error {
	lang, name := m.Lang.ValueString(), m.Name.ValueString()
	// The env first: an unknown one fails with DSS's message before any
	// build starts.
	if _, err := dss.CodeEnvDoc(lang, name).Get(ctx, c); err != nil {
		return err
	}
	force := kit.BoolOr(m.ForceRebuild, false)
	f, err := c.UpdateCodeEnvPackages(ctx, lang, name, force)
	if err != nil {
		return err
	}
	what := "updating its packages"
	if force {
		what = "rebuilding it"
	}
	return kit.FollowFuture(ctx, c, f, summary, resp, fmt.Sprintf("Code env %s/%s", lang, name), what)
}
