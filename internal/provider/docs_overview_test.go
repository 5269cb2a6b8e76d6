package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestDocsOverviewsNameEveryType keeps the overviews a new user reads first
// (the README's intro, the provider's index page and CHANGELOG.md) in step
// with the provider: each resource type must be named in all three, each
// data source type in the index page and CHANGELOG.md. A type added to
// provider.go without a line in them fails here.
func TestDocsOverviewsNameEveryType(t *testing.T) {
	resources, dataSources, _ := providerTypes()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	readme := read("README.md")
	// The intro: everything before the first "## " heading.
	if i := strings.Index(readme, "\n## "); i >= 0 {
		readme = readme[:i]
	}
	index := read("templates/index.md.tmpl")
	changelog := read("CHANGELOG.md")
	named := func(text, typ string) bool { return strings.Contains(text, "`"+typ+"`") }
	for _, typ := range resources {
		for doc, text := range map[string]string{"README.md's intro": readme, "templates/index.md.tmpl": index, "CHANGELOG.md": changelog} {
			if !named(text, typ) {
				t.Errorf("%s does not name the resource `%s`", doc, typ)
			}
		}
	}
	for _, typ := range dataSources {
		for doc, text := range map[string]string{"templates/index.md.tmpl": index, "CHANGELOG.md": changelog} {
			if !named(text, typ) {
				t.Errorf("%s does not name the data source `%s`", doc, typ)
			}
		}
	}
}

// providerTypes lists the type names of the provider's resources, data
// sources and actions, as provider.go registers them.
func providerTypes() (resources, dataSources, actions []string) {
	ctx := context.Background()
	p := dataiku.New("test")().(*dataiku.DataikuProvider)
	for _, f := range p.Resources(ctx) {
		md := &resource.MetadataResponse{}
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		resources = append(resources, md.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		md := &datasource.MetadataResponse{}
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		dataSources = append(dataSources, md.TypeName)
	}
	for _, f := range p.Actions(ctx) {
		md := &action.MetadataResponse{}
		f().Metadata(ctx, action.MetadataRequest{ProviderTypeName: "dataiku"}, md)
		actions = append(actions, md.TypeName)
	}
	return resources, dataSources, actions
}
