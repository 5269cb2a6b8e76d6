package instance

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewClusterDataSource returns the dataiku_cluster data source.
func NewClusterDataSource() datasource.DataSource {
	return &kit.DataSource[clusterModel]{Name: "cluster", Mirror: &clusterDataSourceSchema, ReadObject: readClusterDataSource,
		Summary: func(m *clusterModel) string {
			return fmt.Sprintf("Cannot read data.dataiku_cluster %q", m.ID.ValueString()+m.Name.ValueString())
		}}
}

// clusterDataSourceSchema is the resource's schema, computed, read by id
// or by name.
var clusterDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The id DSS gave the cluster.", "The cluster's name.")
	return kit.MirroredSchema{Resource: NewClusterResource,
		Description: "Reads one DSS cluster, by id (1 API call) or by name (2: the list of clusters, then the cluster), " +
			"e.g. to give a cluster's id to a project's or a recipe's settings. Needs an admin API key.",
		Own: map[string]schema.Attribute{"id": id, "name": name},
		Describe: map[string]string{
			"type":         "`manual` (a cluster DSS attaches to) or the type of a plugin's cluster.",
			"architecture": "`HADOOP` or `KUBERNETES`.",
			"params": "The cluster's parameters, in DSS's or the plugin's names, without the keys (at any depth) whose name looks like a secret's: it holds " +
				kit.SecretKeyWordsText + ".",
		},
	}
}()

// readClusterDataSource reads the cluster cfg names by id, or finds its id
// in DSS's list by name.
func readClusterDataSource(ctx context.Context, c *dss.Client, cfg *clusterModel, diagnostics *diag.Diagnostics) error {
	id := cfg.ID.ValueString()
	if !kit.Known(cfg.ID) {
		list, err := c.ListClusters(ctx)
		if err != nil {
			return err
		}
		var ids []string
		for _, cl := range list {
			if cl.Name == cfg.Name.ValueString() {
				ids = append(ids, cl.ID)
			}
		}
		switch len(ids) {
		case 0:
			diagnostics.AddError(fmt.Sprintf("No cluster is named %q", cfg.Name.ValueString()),
				"DSS holds no cluster of that name; the dataiku_clusters data source lists them.")
			return nil
		case 1:
			id = ids[0]
		default:
			diagnostics.AddError(fmt.Sprintf("Several clusters are named %q", cfg.Name.ValueString()),
				"Read one by id instead: "+strings.Join(ids, ", ")+".")
			return nil
		}
	}
	d, err := dss.ClusterDoc(id).Get(ctx, c)
	if err != nil {
		return err
	}
	m := clusterModel{ID: types.StringValue(id)}
	diagnostics.Append(clusterFromDSS(*d, &m, true)...)
	*cfg = m
	return nil
}
