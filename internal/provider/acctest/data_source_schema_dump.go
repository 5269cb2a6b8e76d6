package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// ResourceSchemas are the provider's resources' schemas by type name.
func ResourceSchemas(t *testing.T) map[string]rschema.Schema {
	t.Helper()
	ctx := context.Background()
	out := map[string]rschema.Schema{}
	for _, f := range dataiku.New("test")().Resources(ctx) {
		r := f()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, &md)
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		if sch.Diagnostics.HasError() {
			t.Fatalf("%s: %v", md.TypeName, sch.Diagnostics)
		}
		out[md.TypeName] = sch.Schema
	}
	return out
}
