package acctest

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// TestWithoutDescriptions checks the schema the acceptance tests' servers
// answer: the provider's own schema, field for field, save the descriptions,
// and the provider's answer itself left untouched.
func TestWithoutDescriptions(t *testing.T) {
	server := providerserver.NewProtocol6(provider.New("test")())()
	full, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	before := schemaJSON(t, full)

	stripped := withoutDescriptions(full)

	if after := schemaJSON(t, full); !reflect.DeepEqual(before, after) {
		t.Fatal("withoutDescriptions changed the provider's own answer")
	}
	if n := countDescriptions(before); n < 1000 {
		t.Fatalf("the provider's schema has %d non-empty descriptions; expected one per attribute at least", n)
	}
	strippedJSON := schemaJSON(t, stripped)
	if n := countDescriptions(strippedJSON); n != 0 {
		t.Errorf("the stripped schema still has %d non-empty descriptions", n)
	}
	if !reflect.DeepEqual(dropDescriptions(before), dropDescriptions(strippedJSON)) {
		t.Error("the stripped schema differs from the provider's in more than its descriptions")
	}
	if len(stripped.ResourceSchemas) != len(full.ResourceSchemas) || len(stripped.ActionSchemas) != len(full.ActionSchemas) ||
		len(stripped.ListResourceSchemas) != len(full.ListResourceSchemas) || len(stripped.DataSourceSchemas) != len(full.DataSourceSchemas) {
		t.Error("the stripped schema lost a kind")
	}
}

// schemaJSON is resp as generic JSON: a walk independent of the struct
// copies withoutDescriptions makes.
func schemaJSON(t *testing.T, resp *tfprotov6.GetProviderSchemaResponse) any {
	t.Helper()
	raw, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func isDescriptionKey(key string) bool {
	return strings.HasPrefix(key, "Description")
}

func countDescriptions(doc any) int {
	n := 0
	switch v := doc.(type) {
	case map[string]any:
		for key, value := range v {
			if key == "Description" && value != "" {
				n++
			}
			n += countDescriptions(value)
		}
	case []any:
		for _, value := range v {
			n += countDescriptions(value)
		}
	}
	return n
}

func dropDescriptions(doc any) any {
	switch v := doc.(type) {
	case map[string]any:
		kept := map[string]any{}
		for key, value := range v {
			if !isDescriptionKey(key) {
				kept[key] = dropDescriptions(value)
			}
		}
		return kept
	case []any:
		kept := make([]any, len(v))
		for i, value := range v {
			kept[i] = dropDescriptions(value)
		}
		return kept
	}
	return doc
}

// TestStepsSchema checks what a test's servers keep of the schema: every
// type its steps name, wherever they name it, the provider's own schema,
// and nothing else; the whole schema when a step reads its configuration
// from files this package does not see.
func TestStepsSchema(t *testing.T) {
	server := providerserver.NewProtocol6(provider.New("test")())()
	full, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	steps := []acc.TestStep{
		{Config: `resource "dataiku_project" "p" { project_key = "P" }
data "dataiku_users" "all" {}
import {
  to = dataiku_scenario.s
  id = "P:S"
}
action "dataiku_scenario_run" "run" {}
output "o" { value = data.dataiku_users.all.users }`},
		{ResourceName: "dataiku_group.g", ImportState: true},
	}
	narrowed := onlyTypes(full, stepsSchema(steps).types)
	gotResources := slices.Sorted(maps.Keys(narrowed.ResourceSchemas))
	if want := []string{"dataiku_group", "dataiku_project", "dataiku_scenario"}; !slices.Equal(gotResources, want) {
		t.Errorf("resources %v, want %v", gotResources, want)
	}
	if _, ok := narrowed.DataSourceSchemas["dataiku_users"]; !ok {
		t.Error("the data source the configuration reads is missing")
	}
	if _, ok := narrowed.DataSourceSchemas["dataiku_project"]; !ok {
		t.Error("a data source named as a named resource is missing (a superset is safe, a subset is not)")
	}
	if _, ok := narrowed.ActionSchemas["dataiku_scenario_run"]; !ok {
		t.Error("the action is missing")
	}
	if _, ok := narrowed.ActionSchemas["dataiku_dataset_build"]; ok {
		t.Error("an action no step names is kept")
	}
	if _, ok := narrowed.ListResourceSchemas["dataiku_project"]; !ok {
		t.Error("the list resource of a named type is missing")
	}
	if _, ok := narrowed.ListResourceSchemas["dataiku_dataset"]; ok {
		t.Error("a list resource no step names is kept")
	}
	if narrowed.Provider != full.Provider {
		t.Error("the provider's own schema must be kept")
	}
	if len(full.ResourceSchemas) < 50 {
		t.Errorf("narrowing changed the provider's own answer: %d resources left", len(full.ResourceSchemas))
	}
	identityServer, err := withSchemaOnce(providerserver.NewProtocol6(provider.New("test")())(), stepsSchema(steps))
	if err != nil {
		t.Fatal(err)
	}
	identities, err := identityServer.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(identities.IdentitySchemas)); !slices.Equal(got, gotResources) {
		t.Errorf("identity schemas of %v, want those of the named resources %v", got, gotResources)
	}
	if withModule := stepsSchema(append(steps, acc.TestStep{Config: "module \"team\" {\n  source = \"../../modules/team\"\n}\n"})); withModule != nil {
		t.Error("a step that calls a module must get the whole schema: the module's types are not in the step")
	}
	if fromFiles := stepsSchema(append(steps, acc.TestStep{ConfigDirectory: config.StaticDirectory("testdata")})); fromFiles != nil {
		t.Error("a step configured from files must get the whole schema")
	}
}
