package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// byIDOrNameDataSource is the data source of a project object that DSS
// names by an id it generates and a free name (an agent, an agent tool, a
// retrieval-augmented LLM): read by project_key and either id or name,
// with the resource's attributes, computed. What differs from one such
// object to another is here; the wording and the read are shared.
type byIDOrNameDataSource[M, D any] struct {
	// name is the type name without its "dataiku_" prefix.
	name string
	// noun names one object in descriptions ("agent tool").
	noun     string
	resource func() resource.Resource
	// moreDescription follows the data source's description ("" for none).
	moreDescription string
	// omit and describe are the MirroredSchema's Omit and Describe (the
	// documentation attributes' wording is added to describe).
	omit     map[string]string
	describe map[string]string
	read     docByIDOrName[M, D]
	// keys are the configuration's project key, id and name.
	keys func(m *M) (projectKey string, id, name types.String)
}

// dataSource is the data source.
func (b byIDOrNameDataSource[M, D]) dataSource() datasource.DataSource {
	summary := func(m *M) string {
		projectKey, id, name := b.keys(m)
		return kit.IDOrNameSummary("dataiku_"+b.name, projectKey, id, name)
	}
	id, name := kit.IDOrName("The "+b.noun+"'s id.",
		"The "+b.noun+"'s name; names need not be unique in a project, so a name that several share is refused with their ids.")
	description := "Reads one DSS " + b.noun + "'s settings, by id (1 API call) or by name (2: the project's list, then the settings)."
	if b.moreDescription != "" {
		description += " " + b.moreDescription
	}
	mirror := kit.MirroredSchema{Resource: b.resource, Description: description,
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the " + b.noun),
			"id":          id,
			"name":        name,
		},
		Omit:     b.omit,
		Describe: kit.Describing(kit.DocumentationDescriptions(b.noun), b.describe),
	}
	return &kit.DataSource[M]{Name: b.name, Mirror: &mirror, Summary: summary,
		ReadObject: func(ctx context.Context, c *dss.Client, cfg *M, diagnostics *diag.Diagnostics) error {
			projectKey, id, name := b.keys(cfg)
			return b.read.read(ctx, c, cfg, projectKey, id, name.ValueString(), summary(cfg), diagnostics)
		}}
}

// activeVersionSettingsOmitted is why an object with versions shows no
// settings attribute in its data source.
const activeVersionSettingsOmitted = "a free-form subset of the active version's settings, which only a configuration can name"
