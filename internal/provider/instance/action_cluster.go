package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// dataiku_cluster_start and dataiku_cluster_stop: DSS's start and stop
// calls block until the cluster is started or stopped (dss/admin.py
// DSSCluster.start/stop [V]), so the actions wait on the call itself and
// then report the state DSS gives.

type clusterStartModel struct {
	ClusterID types.String `tfsdk:"cluster_id"`
}

type clusterStopModel struct {
	ClusterID types.String `tfsdk:"cluster_id"`
	Terminate types.Bool   `tfsdk:"terminate"`
	ForceStop types.Bool   `tfsdk:"force_stop"`
}

func clusterIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		MarkdownDescription: "The cluster's id, e.g. `dataiku_cluster.k8s.id`."}
}

// NewClusterStartAction returns the dataiku_cluster_start action.
func NewClusterStartAction() action.Action {
	return &kit.Action[clusterStartModel]{Name: "cluster_start",
		ActionSchema: schema.Schema{
			MarkdownDescription: "Starts a cluster (`dataiku_cluster`) and waits until DSS says it is started; a failed start fails the apply with DSS's message. " +
				"Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{"cluster_id": clusterIDAttribute()},
		},
		Summary: func(m *clusterStartModel) string { return "cannot start cluster " + m.ClusterID.ValueString() },
		Run: func(ctx context.Context, c *dss.Client, m *clusterStartModel, _ string, resp *action.InvokeResponse) error {
			id := m.ClusterID.ValueString()
			kit.Progress(resp, "Cluster %s: starting", id)
			if err := c.StartCluster(ctx, id); err != nil {
				return err
			}
			return reportClusterState(ctx, c, id, resp)
		}}
}

// NewClusterStopAction returns the dataiku_cluster_stop action.
func NewClusterStopAction() action.Action {
	return &kit.Action[clusterStopModel]{Name: "cluster_stop",
		ActionSchema: schema.Schema{
			MarkdownDescription: "Stops a cluster (`dataiku_cluster`) and waits until DSS says it is stopped; a failed stop fails the apply with DSS's message. " +
				"Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"cluster_id": clusterIDAttribute(),
				"terminate": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Whether DSS also terminates the cluster's resources (a managed cluster's machines), as DSS's client does by default. Default `true`."},
				"force_stop": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "Whether DSS stops it even when it is in use or its stop fails. Default `false`."},
			},
		},
		Summary: func(m *clusterStopModel) string { return "cannot stop cluster " + m.ClusterID.ValueString() },
		Run: func(ctx context.Context, c *dss.Client, m *clusterStopModel, _ string, resp *action.InvokeResponse) error {
			id := m.ClusterID.ValueString()
			kit.Progress(resp, "Cluster %s: stopping", id)
			if err := c.StopCluster(ctx, id, kit.BoolOr(m.Terminate, true), kit.BoolOr(m.ForceStop, false)); err != nil {
				return err
			}
			return reportClusterState(ctx, c, id, resp)
		}}
}

// reportClusterState reads the cluster's state once the call returned.
func reportClusterState(ctx context.Context, c *dss.Client, id string, resp *action.InvokeResponse) error {
	state, err := c.ClusterState(ctx, id)
	if err != nil {
		return fmt.Errorf("reading the cluster's state: %w", err)
	}
	kit.Progress(resp, "Cluster %s: %s", id, state)
	return nil
}
