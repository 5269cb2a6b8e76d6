package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// ResourceSchemas are the provider's resources' schemas by type name.
func ResourceSchemas(t *testing.T) map[string]rschema.Schema {
	t.Helper()
	ctx := context.Background()
	return schemasByTypeName(t, dataiku.New("test")().Resources(ctx), func(r resource.Resource) (string, rschema.Schema, diag.Diagnostics) {
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, &md)
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		return md.TypeName, sch.Schema, sch.Diagnostics
	})
}

// DataSourceSchemas are the provider's data sources' schemas by type
// name.
func DataSourceSchemas(t *testing.T) map[string]dsschema.Schema {
	t.Helper()
	ctx := context.Background()
	return schemasByTypeName(t, dataiku.New("test")().DataSources(ctx), func(d datasource.DataSource) (string, dsschema.Schema, diag.Diagnostics) {
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "dataiku"}, &md)
		var sch datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &sch)
		return md.TypeName, sch.Schema, sch.Diagnostics
	})
}

// schemasByTypeName builds each of the provider's factories' products and
// maps its type name to its schema, as describe reads them; a schema with
// errors fails the test.
func schemasByTypeName[T, S any](t *testing.T, factories []func() T, describe func(T) (string, S, diag.Diagnostics)) map[string]S {
	t.Helper()
	out := map[string]S{}
	for _, f := range factories {
		typeName, sch, diags := describe(f())
		if diags.HasError() {
			t.Fatalf("%s: %v", typeName, diags)
		}
		out[typeName] = sch
	}
	return out
}
