package instance

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Containerized execution's chores, as actions: what an administrator
// runs by hand after changing a container configuration, a DSS upgrade or
// a plugin install (push the base images, apply the namespaces' policies,
// rebuild the containerized engine's image, rebuild code studio
// templates). Each is one DSS future (dssclient.py and dss/admin.py [V]),
// followed until it ends; a lifecycle action_trigger on
// dataiku_container_exec_config runs them when the configuration changes.

// containerTaskModel is the model of the actions without arguments.
type containerTaskModel struct{}

// containerTaskAction is one instance-wide container task: its type
// name, DSS's task, what it does (the schema's description), what its
// errors say it cannot do, and its progress messages' subject and verb.
func containerTaskAction(name, task, does, label, subject, doing string) action.Action {
	return &kit.Action[containerTaskModel]{Name: name,
		ActionSchema: schema.Schema{MarkdownDescription: does + " It runs as one DSS task, followed until it ends; a failure fails the apply with DSS's messages, " +
			"and an interrupt aborts the task. Takes no arguments: trigger it from the `lifecycle` of a `dataiku_container_exec_config` " +
			"(`action_trigger { events = [after_create, after_update] }`) or run it with `terraform apply -invoke`. " +
			"Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{}},
		Summary: func(*containerTaskModel) string { return "cannot " + label },
		Run: func(ctx context.Context, c *dss.Client, _ *containerTaskModel, summary string, resp *action.InvokeResponse) error {
			f, err := c.StartContainerExecTask(ctx, task)
			if err != nil {
				return err
			}
			return kit.FollowFuture(ctx, c, f, summary, resp, subject, doing)
		},
	}
}

// NewBaseImagesPushAction returns the dataiku_base_images_push action.
func NewBaseImagesPushAction() action.Action {
	return containerTaskAction("base_images_push", dss.TaskPushBaseImages,
		"Pushes DSS's base images for containerized execution and Spark on Kubernetes to the registry of each containerized execution configuration, "+
			"as the administration page's \"Push base images\" does (DSS needs one before the configurations can run anything).",
		"push the base images", "Base images", "pushing")
}

// NewKubernetesPoliciesApplyAction returns the
// dataiku_kubernetes_policies_apply action.
func NewKubernetesPoliciesApplyAction() action.Action {
	return containerTaskAction("kubernetes_policies_apply", dss.TaskApplyKubernetesPolicies,
		"Applies the Kubernetes namespaces' policies (quotas and limit ranges) that DSS's general settings define to the clusters' namespaces.",
		"apply the Kubernetes namespaces' policies", "Kubernetes namespaces' policies", "applying")
}

// NewCDEPluginsImageBuildAction returns the
// dataiku_cde_plugins_image_build action.
func NewCDEPluginsImageBuildAction() action.Action {
	return containerTaskAction("cde_plugins_image_build", dss.TaskBuildCDEPluginsImage,
		"Builds and pushes the image of the containerized DSS engine (CDE) with the instance's plugins, which a plugin installed or updated since the last build needs.",
		"build the containerized engine's plugins image", "Containerized engine's plugins image", "building")
}

type codeStudioTemplateBuildModel struct {
	TemplateID types.String `tfsdk:"template_id"`
	NoCache    types.Bool   `tfsdk:"no_cache"`
}

// NewCodeStudioTemplateBuildAction returns the
// dataiku_code_studio_template_build action.
func NewCodeStudioTemplateBuildAction() action.Action {
	return &kit.Action[codeStudioTemplateBuildModel]{Name: "code_studio_template_build",
		ActionSchema: schema.Schema{MarkdownDescription: "Builds (or rebuilds) a code studio template's images for the containerized execution configurations it targets, " +
			"as its administration page's \"Build\" does, and waits for DSS's build; a failed build fails the apply with DSS's messages, and an interrupt aborts it. " +
			"DSS needs an admin key that acts as a user: a personal API key, or a global key with a user to impersonate. Needs Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"template_id": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					MarkdownDescription: "The template's id, as `dataiku_code_studio_templates` lists it (templates are made in DSS's administration pages)."},
				"no_cache": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Build without Docker's cache (`--no-cache`), e.g. to pick up a base image's new packages. Default `false`."},
			}},
		Summary: func(m *codeStudioTemplateBuildModel) string {
			return "cannot build code studio template " + m.TemplateID.ValueString()
		},
		Run: func(ctx context.Context, c *dss.Client, m *codeStudioTemplateBuildModel, summary string, resp *action.InvokeResponse) error {
			id := m.TemplateID.ValueString()
			// The template first: an unknown one fails with DSS's message
			// before anything starts.
			if _, err := c.GetCodeStudioTemplate(ctx, id); err != nil {
				return err
			}
			f, err := c.BuildCodeStudioTemplate(ctx, id, kit.BoolOr(m.NoCache, false))
			if err != nil {
				return err
			}
			return kit.FollowFuture(ctx, c, f, summary, resp, "Code studio template "+id, "building")
		},
	}
}

// NewCodeStudioTemplatesDataSource returns the
// dataiku_code_studio_templates data source.
func NewCodeStudioTemplatesDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.CodeStudioTemplateSummary]{
		Name:            "code_studio_templates",
		Description:     "Lists DSS's code studio templates and their last build (1 API call; needs an admin key). Templates are made in DSS's administration pages; `dataiku_code_studio_template_build` builds one.",
		List:            "templates",
		ListDescription: "The templates, in DSS's order.",
		Items: map[string]dsschema.Attribute{
			"id":    dsschema.StringAttribute{Computed: true, MarkdownDescription: "The template's id, `dataiku_code_studio_template_build`'s `template_id`."},
			"label": dsschema.StringAttribute{Computed: true, MarkdownDescription: "The template's label, as its administration page shows it."},
			"build_for": dsschema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The containerized execution configurations its last build built images for; empty when it was never built."},
			"last_built": dsschema.StringAttribute{Computed: true,
				MarkdownDescription: "When it was last built (RFC 3339, UTC); null when it was never built."},
		},
		Request: (*dss.Client).ListCodeStudioTemplates,
		Item: func(t *dss.CodeStudioTemplateSummary) map[string]attr.Value {
			buildFor := make([]attr.Value, len(t.BuildFor))
			for i, n := range t.BuildFor {
				buildFor[i] = types.StringValue(n)
			}
			lastBuilt := types.StringNull()
			if t.LastBuilt > 0 {
				lastBuilt = types.StringValue(time.UnixMilli(t.LastBuilt).UTC().Format(time.RFC3339))
			}
			return map[string]attr.Value{"id": types.StringValue(t.ID), "label": types.StringValue(t.Label),
				"build_for": types.SetValueMust(types.StringType, buildFor), "last_built": lastBuilt}
		},
	}.DataSource()
}
