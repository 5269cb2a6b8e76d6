package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// KnowledgeBankFindPosted runs the knowledge bank's lost-POST lookup for
// a bank named name in project key, the banks of ids before having been
// there before the POST: for the external tests of the ambiguous case,
// which a fault alone cannot arrange.
func KnowledgeBankFindPosted(ctx context.Context, c *dss.Client, key, name string, before ...string) (found bool, id string, err error) {
	var m knowledgeBankResourceModel
	m.ProjectKey, m.Name = types.StringValue(key), types.StringValue(name)
	m.posted.remember(before)
	found, _, err = knowledgeBankKind{}.FindPosted(ctx, c, nil, &m)
	return found, m.ID.ValueString(), err
}
