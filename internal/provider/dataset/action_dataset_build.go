package dataset

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDatasetBuildAction returns the dataiku_dataset_build action.
func NewDatasetBuildAction() action.Action {
	return &kit.Action[datasetBuildModel]{Name: "dataset_build", Run: invokeDatasetBuild,
		Summary: func(m *datasetBuildModel) string {
			return fmt.Sprintf("cannot build %s in project %s", strings.Join(m.Datasets, ", "), m.ProjectKey.ValueString())
		},
		ActionSchema: schema.Schema{MarkdownDescription: "Builds datasets (or managed folders) of a project as one DSS job and, by default, waits for it, reporting its activities as they progress. " +
			"The apply fails when the job fails, naming the failed activity and quoting the end of the job's log. On timeout, or when Terraform is interrupted, " +
			"the job is aborted in DSS. Needs Terraform 1.14 or later (OpenTofu has no actions); the key's user needs write access to the project.",
			Attributes: map[string]schema.Attribute{
				"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project."},
				"datasets": schema.ListAttribute{Required: true, ElementType: types.StringType,
					Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
						listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					MarkdownDescription: "Names of the datasets to build; a managed folder is named by its id. Each is looked up in the project: a managed folder " +
						"is built as one when no dataset has the name."},
				"partitions": schema.StringAttribute{Optional: true,
					MarkdownDescription: "The partitions to build, as DSS writes a partition spec (e.g. `2024-01-01` or `2024-01-01,2024-01-02`); empty for a non-partitioned dataset."},
				"job_type": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(dss.JobTypes...)},
					MarkdownDescription: fmt.Sprintf("How DSS builds, as its job API names it: %s. Default `%s`.", backquoted(dss.JobTypes), defaultJobType)},
				"wait": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Wait for the job to end (default `true`). With `false` the action returns once DSS has started the job."},
				"timeout": kit.ActionTimeoutAttribute("the job", " A job still running then is aborted in DSS."),
			}},
	}
}

type datasetBuildModel struct {
	ProjectKey types.String `tfsdk:"project_key"`
	Datasets   []string     `tfsdk:"datasets"`
	Partitions types.String `tfsdk:"partitions"`
	JobType    types.String `tfsdk:"job_type"`
	Wait       types.Bool   `tfsdk:"wait"`
	Timeout    types.String `tfsdk:"timeout"`
}

// defaultJobType is DSS's usual "build": what is out of date upstream, then
// the outputs.
const defaultJobType = "RECURSIVE_BUILD"

// logExcerptLines is how much of a failed job's log the error quotes: the
// lines leading to the failure, not the whole log.
const logExcerptLines = 20

func backquoted(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}

func invokeDatasetBuild(ctx context.Context, c *dss.Client, m *datasetBuildModel, _ string, resp *action.InvokeResponse) error {
	key := m.ProjectKey.ValueString()
	names := strings.Join(m.Datasets, ", ")
	// Each item is looked up first: an unknown name fails with DSS's
	// message before the job starts, and a managed folder gets its type.
	def := dss.JobDefinition{Type: defaultJobType}
	if !m.JobType.IsNull() && m.JobType.ValueString() != "" {
		def.Type = m.JobType.ValueString()
	}
	for _, name := range m.Datasets {
		out := dss.JobOutput{Type: "DATASET", ID: name, ProjectKey: key, Partition: m.Partitions.ValueString()}
		if err := c.Get(ctx, dss.Path("projects", key, "datasets", name), nil, nil); err != nil {
			if !dss.IsNotFound(err) {
				return err
			}
			if ferr := c.Get(ctx, dss.Path("projects", key, "managedfolders", name), nil, nil); ferr != nil {
				// The dataset's answer is the one to quote: datasets are
				// what the attribute names.
				return err
			}
			out.Type = "MANAGED_FOLDER"
		}
		def.Outputs = append(def.Outputs, out)
	}
	jobID, err := c.StartJob(ctx, key, def)
	if err != nil {
		return err
	}
	kit.Progress(resp, "Job %s.%s (%s of %s): started", key, jobID, def.Type, names)
	if !kit.BoolOr(m.Wait, true) {
		kit.Progress(resp, "Job %s.%s: not waiting for it (wait = false)", key, jobID)
		return nil
	}
	timeout := kit.ActionTimeout(m.Timeout)
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	status, err := followJob(runCtx, c, resp, key, jobID)
	if runCtx.Err() != nil {
		kit.AbortAfterStop(runCtx, &resp.Diagnostics, fmt.Sprintf("dataiku_dataset_build: job %s.%s did not finish", key, jobID),
			"job "+jobID, timeout, func(actx context.Context) error { return c.AbortJob(actx, key, jobID) })
		return nil
	}
	if err != nil {
		kit.AddDSSError(&resp.Diagnostics, fmt.Sprintf("dataiku_dataset_build: cannot follow job %s.%s", key, jobID), err)
		return nil
	}
	state := status.BaseStatus.State
	kit.Progress(resp, "Job %s.%s: %s", key, jobID, state)
	if state == dss.JobDone {
		return nil
	}
	resp.Diagnostics.AddError(fmt.Sprintf("dataiku_dataset_build: job %s.%s ended %s", key, jobID, state), jobFailureDetail(ctx, c, key, jobID, status))
	return nil
}

// follow polls the job until it ends, reporting each activity's state
// changes.
func followJob(ctx context.Context, c *dss.Client, resp *action.InvokeResponse, key, jobID string) (*dss.JobStatus, error) {
	seen := map[string]string{}
	var st *dss.JobStatus
	if err := kit.PollUntil(ctx, func() (bool, error) {
		var err error
		if st, err = c.GetJobStatus(ctx, key, jobID); err != nil {
			return false, err
		}
		for _, act := range st.SortedActivities() {
			if act.State != seen[act.ActivityID] && act.State != dss.JobNotStarted {
				kit.Progress(resp, "Job %s.%s: activity %s %s", key, jobID, act.ActivityID, act.State)
				seen[act.ActivityID] = act.State
			}
		}
		switch st.BaseStatus.State {
		case dss.JobDone, dss.JobFailed, dss.JobAborted:
			return true, nil
		}
		return false, nil
	}); err != nil {
		return nil, err
	}
	return st, nil
}

// failureDetail names the failed activity with its message and quotes the
// end of its log (the job's when DSS has none for it).
func jobFailureDetail(ctx context.Context, c *dss.Client, key, jobID string, st *dss.JobStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "DSS's job %s ended %s.", jobID, st.BaseStatus.State)
	activity := ""
	for _, act := range st.SortedActivities() {
		if act.State == dss.JobFailed {
			activity = act.ActivityID
			fmt.Fprintf(&b, "\nFailed activity: %s", act.ActivityID)
			if act.RecipeName != "" {
				fmt.Fprintf(&b, " (recipe %s)", act.RecipeName)
			}
			if act.FirstFailure != nil && act.FirstFailure.Message != "" {
				fmt.Fprintf(&b, ": %s", act.FirstFailure.Message)
			}
			break
		}
	}
	log, err := c.JobLog(ctx, key, jobID, activity)
	if err == nil && strings.TrimSpace(log) == "" && activity != "" {
		log, err = c.JobLog(ctx, key, jobID, "")
	}
	switch {
	case err != nil:
		fmt.Fprintf(&b, "\n(The job's log could not be read: %s.)", kit.DSSErrorText(err))
	case strings.TrimSpace(log) != "":
		lines := strings.Split(strings.TrimRight(log, "\n"), "\n")
		if len(lines) > logExcerptLines {
			lines = lines[len(lines)-logExcerptLines:]
		}
		fmt.Fprintf(&b, "\nEnd of the log:\n%s", strings.Join(lines, "\n"))
	}
	return b.String()
}
