package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

type projectGitStatusModel struct {
	ProjectKey            types.String `tfsdk:"project_key"`
	CurrentBranch         types.String `tfsdk:"current_branch"`
	Remotes               types.Map    `tfsdk:"remotes"`
	Ahead                 types.Int64  `tfsdk:"ahead"`
	Behind                types.Int64  `tfsdk:"behind"`
	Clean                 types.Bool   `tfsdk:"clean"`
	HasUncommittedChanges types.Bool   `tfsdk:"has_uncommitted_changes"`
}

// NewProjectGitStatusDataSource returns the dataiku_project_git_status data
// source: dataikuapi's DSSProjectGit get_status [V], one request.
func NewProjectGitStatusDataSource() datasource.DataSource {
	return &kit.DataSource[projectGitStatusModel]{Name: "project_git_status",
		SchemaFunc: func() schema.Schema {
			return schema.Schema{
				MarkdownDescription: "Reads the state of a project's own Git repository: its current branch, its remotes, how far it is ahead of or behind " +
					"the branch it tracks, and whether changes are waiting to be committed (1 API call; the API key needs read access to the project). " +
					"Use it, for instance, to check before a `dataiku_project_git_push` that the project is not behind its remote.",
				Attributes: map[string]schema.Attribute{
					"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project.",
						Validators: []validator.String{kit.ProjectKeyPart.Validator()}},
					"current_branch": schema.StringAttribute{Computed: true, MarkdownDescription: "The branch checked out (`currentBranch`)."},
					"remotes": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "The repository's remotes: each name to its URL (empty when none)."},
					"ahead": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "Commits of the current branch its tracked remote branch lacks (`trackingCount.ahead`); 0 when DSS gives none."},
					"behind": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "Commits of the tracked remote branch the current branch lacks (`trackingCount.behind`); 0 when DSS gives none."},
					"clean": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the working tree is clean (DSS's `clean`)."},
					"has_uncommitted_changes": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "Whether changes are waiting to be committed (DSS's `hasUncommittedChanges`)."},
				},
			}
		},
		Named: func(m *projectGitStatusModel) string { return m.ProjectKey.ValueString() },
		ReadObject: func(ctx context.Context, c *dss.Client, m *projectGitStatusModel, diags *diag.Diagnostics) error {
			st, err := c.GetProjectGitStatus(ctx, m.ProjectKey.ValueString())
			if err != nil {
				return err
			}
			remotes := map[string]attr.Value{}
			for _, r := range st.Remotes {
				remotes[r.Name] = types.StringValue(r.URL)
			}
			var d diag.Diagnostics
			m.Remotes, d = types.MapValue(types.StringType, remotes)
			diags.Append(d...)
			m.CurrentBranch = types.StringValue(st.CurrentBranch)
			var tc dss.ProjectGitTrackingCount
			if st.TrackingCount != nil {
				tc = *st.TrackingCount
			}
			m.Ahead, m.Behind = types.Int64Value(tc.Ahead), types.Int64Value(tc.Behind)
			m.Clean, m.HasUncommittedChanges = types.BoolValue(st.Clean), types.BoolValue(st.HasUncommittedChanges)
			return nil
		},
	}
}
