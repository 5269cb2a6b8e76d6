package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// notListed are the resource types with no list resource: the
// singletons (one object each, imported by its fixed id), and the release
// artifacts (bundles and API service packages), which dss-adopt leaves
// out too.
var notListed = map[string]string{
	"dataiku_instance_settings":               "a singleton",
	"dataiku_instance_variables":              "a singleton",
	"dataiku_ldap_settings":                   "a singleton",
	"dataiku_sso_settings":                    "a singleton",
	"dataiku_azure_ad_settings":               "a singleton",
	"dataiku_project_standards_default_scope": "a singleton",
	"dataiku_project_bundle":                  "a release artifact, made once per release (dss-adopt leaves it out too); dataiku_project_bundles lists a project's bundles",
	"dataiku_api_service_package":             "a release artifact, as dataiku_project_bundle",
}

// testListResources are the provider's list resources by type name.
func testListResources(t *testing.T) map[string]list.ListResource {
	t.Helper()
	out := map[string]list.ListResource{}
	for _, f := range dataiku.New("test")().(*dataiku.DataikuProvider).ListResources(context.Background()) {
		l := f()
		var meta resource.MetadataResponse
		l.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
		if _, dup := out[meta.TypeName]; dup {
			t.Errorf("two list resources are named %s", meta.TypeName)
		}
		out[meta.TypeName] = l
	}
	return out
}

// TestListResourcesCoverEveryKind: every resource type has a list
// resource of the same name, or is a singleton said not to.
func TestListResourcesCoverEveryKind(t *testing.T) {
	lists := testListResources(t)
	resources := acctest.KitResources(t)
	for typeName := range resources {
		_, listed := lists[typeName]
		if why, ok := notListed[typeName]; ok {
			if listed {
				t.Errorf("%s has a list resource but is listed as not listable (%s)", typeName, why)
			}
			continue
		}
		if !listed {
			t.Errorf("%s has no list resource (terraform query cannot find its objects)", typeName)
		}
	}
	for typeName, l := range lists {
		if _, ok := resources[typeName]; !ok {
			t.Errorf("list resource %s names no resource", typeName)
		}
		var sch list.ListResourceSchemaResponse
		l.ListResourceConfigSchema(context.Background(), list.ListResourceSchemaRequest{}, &sch)
		if sch.Diagnostics.HasError() || !strings.Contains(sch.Schema.MarkdownDescription, "**Cost.**") {
			t.Errorf("list resource %s: its description must say what it costs: %q %v", typeName, sch.Schema.MarkdownDescription, sch.Diagnostics)
		}
		for name, a := range sch.Schema.Attributes {
			if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
				t.Errorf("list resource %s: filter %s has no MarkdownDescription", typeName, name)
			}
		}
	}
}

// testListConfig is a list block: every result's resource object when
// include is set.
func testListConfig(typ, name string, include bool, config string) string {
	return fmt.Sprintf("list %q %q {\n  provider = dataiku\n  include_resource = %t\n  config {\n%s\n  }\n}\n", typ, name, include, config)
}

// requireQueryTerraform: list blocks and terraform query need Terraform
// >= 1.14, as actions do; an older one fails the test unless the opt-out
// of RequireActionsTerraform says the skip is wanted, so that a run on an
// old Terraform does not pass by skipping.
func requireQueryTerraform(t *testing.T) {
	t.Helper()
	acctest.RequireActionsTerraform(t)
}

// adoptEverything makes, in DSS, the objects of every adoption case
// (generate_config_test.go): what an administrator made by hand, of every
// kind. It returns the import IDs by resource type.
func adoptEverything(t *testing.T, c *dss.Client, ctx context.Context, key string) map[string][]string {
	t.Helper()
	out, _ := adoptEverythingWithDocs(t, c, ctx, key)
	return out
}

// adoptEverythingWithDocs is adoptEverything, with the API paths of the
// documents an adoption must leave alone.
func adoptEverythingWithDocs(t *testing.T, c *dss.Client, ctx context.Context, key string) (map[string][]string, []string) {
	t.Helper()
	adoptProject(t, c, ctx, key)
	out := map[string][]string{}
	var docs []string
	for _, k := range generateConfigCases() {
		imports, d := k.setup(t, c, ctx, key)
		docs = append(docs, d...)
		for _, im := range imports {
			typ, _, _ := strings.Cut(im.to, ".")
			out[typ] = append(out[typ], im.id)
		}
	}
	return out, docs
}

// TestAccList_everyKind lists every listable kind over DSS objects made by
// hand (the adoption cases): each object adopted by an import ID is
// listed with the identity that ID names; what the list leaves out on
// purpose (the key's own user, the administrators group, the default
// zone, the built-in connections) is not there.
func TestAccList_everyKind(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	requireQueryTerraform(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("LIST")
	byType := adoptEverything(t, c, ctx, key)
	kits := acctest.KitResources(t)

	inProject := fmt.Sprintf("    project_key = %q", key)
	blocks := map[string]string{
		"dataiku_project":                       fmt.Sprintf("    project_key = %q", key),
		"dataiku_project_folder":                "",
		"dataiku_dataset":                       inProject,
		"dataiku_managed_folder":                inProject,
		"dataiku_recipe":                        inProject,
		"dataiku_scenario":                      inProject,
		"dataiku_flow_zone":                     inProject,
		"dataiku_data_quality_rule":             inProject,
		"dataiku_exposed_object":                inProject,
		"dataiku_project_grant":                 inProject,
		"dataiku_project_git_remote":            inProject,
		"dataiku_project_git_library":           inProject,
		"dataiku_project_library_file":          inProject,
		"dataiku_jupyter_notebook":              inProject,
		"dataiku_user":                          "",
		"dataiku_group":                         "",
		"dataiku_api_key":                       "",
		"dataiku_personal_api_key":              "",
		"dataiku_connection":                    "",
		"dataiku_code_env":                      "",
		"dataiku_plugin":                        "",
		"dataiku_plugin_settings":               "",
		"dataiku_plugin_preset":                 "",
		"dataiku_container_exec_config":         "",
		"dataiku_code_studio_template_settings": "",
		"dataiku_cluster":                       "",
		"dataiku_workspace":                     "",
		"dataiku_workspace_object":              "",
		"dataiku_project_deployer_infra":        "",
		"dataiku_published_project":             "",
		"dataiku_project_deployment":            "",
		"dataiku_api_deployer_infra":            "",
		"dataiku_published_api_service":         "",
		"dataiku_api_deployment":                "",

		// The key as a pattern: that project only.
		"dataiku_project_execution_defaults": inProject,
		"dataiku_project_wiki":               inProject,
	}
	var cfg strings.Builder
	cfg.WriteString("provider \"dataiku\" {}\n")
	var checks []querycheck.QueryResultCheck
	var types []string
	for typ := range blocks {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		cfg.WriteString(testListConfig(typ, "all", false, blocks[typ]))
		ids := byType[typ]
		if len(ids) == 0 {
			t.Fatalf("no adoption case makes a %s", typ)
		}
		for _, id := range ids {
			ident, err := kits[typ].(interface {
				IdentityOfImportID(string) (map[string]string, error)
			}).IdentityOfImportID(id)
			acctest.MustDo(t, err)
			want := map[string]knownvalue.Check{}
			for k, v := range ident {
				want[k] = knownvalue.StringExact(v)
				if v == "" {
					want[k] = knownvalue.Null() // an optional key part (a grant's group or user)
				}
			}
			checks = append(checks, querycheck.ExpectIdentity(typ+".all", want))
		}
		if blocks[typ] == inProject {
			// The project holds only the cases' objects (and its default
			// zone, never listed): exactly those.
			checks = append(checks, querycheck.ExpectLength(typ+".all", len(ids)))
		} else {
			checks = append(checks, querycheck.ExpectLengthAtLeast(typ+".all", len(ids)))
		}
	}
	// Left out on purpose.
	checks = append(checks,
		querycheck.ExpectLength("dataiku_project.all", 1),
		querycheck.ExpectNoIdentity("dataiku_user.all", map[string]knownvalue.Check{"login": knownvalue.StringExact("admin")}),
		querycheck.ExpectNoIdentity("dataiku_group.all", map[string]knownvalue.Check{"name": knownvalue.StringExact("administrators")}),
		querycheck.ExpectNoIdentity("dataiku_connection.all", map[string]knownvalue.Check{"name": knownvalue.StringExact("filesystem_managed")}),
		querycheck.ExpectNoIdentity("dataiku_flow_zone.all", map[string]knownvalue.Check{"project_key": knownvalue.StringExact(key), "id": knownvalue.StringExact(dss.DefaultZoneID)}),
		// Display names a person recognises.
		querycheck.ExpectResourceDisplayName("dataiku_dataset.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"project_key": knownvalue.StringExact(key), "name": knownvalue.StringExact("customers")}),
			knownvalue.StringExact(key+".customers (PostgreSQL)")),
		querycheck.ExpectResourceDisplayName("dataiku_project.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"project_key": knownvalue.StringExact(key)}),
			knownvalue.StringExact("Sales "+key+" ("+key+")")),
		querycheck.ExpectResourceDisplayName("dataiku_project_deployment.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"deployment_id": knownvalue.StringExact(key + "-adopted")}),
			knownvalue.StringExact(key+"-adopted ("+key+" on adopt-"+strings.ToLower(key)+")")),
		querycheck.ExpectResourceDisplayName("dataiku_project_deployer_infra.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact("adopt-" + strings.ToLower(key))}),
			knownvalue.StringExact("adopt-"+strings.ToLower(key)+" (Production)")),
		querycheck.ExpectResourceDisplayName("dataiku_project_folder.all",
			queryfilter.ByDisplayName(knownvalue.StringExact("adopt-"+key+" / reports")),
			knownvalue.StringExact("adopt-"+key+" / reports")),
	)

	acc.Test(t, acc.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps:                    []acc.TestStep{{Query: true, Config: cfg.String(), QueryResultChecks: checks}},
	})
}

// TestAccList_filters: each filter keeps exactly the objects it names, and
// include_resource gives the resource object as an import's Read does.
func TestAccList_filters(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	requireQueryTerraform(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("LISTF")
	byType := adoptEverything(t, c, ctx, key)
	var childFolder string
	for _, id := range byType["dataiku_project_folder"] {
		f, err := c.GetProjectFolder(ctx, id)
		acctest.MustDo(t, err)
		if len(f.ProjectKeys) > 0 {
			childFolder = id
		}
	}
	if childFolder == "" {
		t.Fatal("no adopted project folder holds the project")
	}
	p := fmt.Sprintf("    project_key = %q\n", key)
	cfg := "provider \"dataiku\" {}\n" +
		testListConfig("dataiku_dataset", "pg", true, p+"    type = \"PostgreSQL\"") +
		testListConfig("dataiku_dataset", "on_pg", false, p+fmt.Sprintf("    connection_name = %q", acctest.PGConnection)) +
		testListConfig("dataiku_dataset", "raw", false, p+"    tags = [\"raw\"]") +
		testListConfig("dataiku_recipe", "python", true, p+"    type = \"python\"") +
		testListConfig("dataiku_data_quality_rule", "orders", false, p+"    dataset_name = \"orders\"") +
		testListConfig("dataiku_data_quality_rule", "none", false, p+"    dataset_name = \"customers\"") +
		testListConfig("dataiku_project", "by_pattern", true, fmt.Sprintf("    project_key = %q", strings.TrimRight(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")+"*")) +
		testListConfig("dataiku_project", "no_match", false, "    project_key = \"NO_SUCH_*\"") +
		testListConfig("dataiku_project", "tagged", false, "    tags = [\"sales\", \"hand-made\"]") +
		testListConfig("dataiku_project", "in_folder", false, fmt.Sprintf("    project_folder_id = %q", childFolder)) +
		testListConfig("dataiku_connection", "pg", true, "    type = \"PostgreSQL\"") +
		testListConfig("dataiku_connection", "builtin", false, "    include_builtin = true") +
		testListConfig("dataiku_code_env", "r", false, "    lang = \"R\"") +
		testListConfig("dataiku_personal_api_key", "alice", false, fmt.Sprintf("    user = %q", acctest.AliceLogin)) +
		testListConfig("dataiku_project_library_file", "every_project", true, "") +
		testListConfig("dataiku_streaming_endpoint", "kafka", true, p+"    type = \"kafka\"") +
		testListConfig("dataiku_meaning", "values_lists", true, "    type = \"VALUES_LIST\"") +
		testListConfig("dataiku_dataset", "limited", false, p) + "" // limit below
	cfg = strings.Replace(cfg, "list \"dataiku_dataset\" \"limited\" {\n  provider = dataiku\n", "list \"dataiku_dataset\" \"limited\" {\n  provider = dataiku\n  limit = 2\n", 1)

	id := func(kv ...string) map[string]knownvalue.Check {
		out := map[string]knownvalue.Check{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = knownvalue.StringExact(kv[i+1])
		}
		return out
	}
	rIdent := strings.Split(byType["dataiku_code_env"][1], "/")
	keys, err := c.ListAllPersonalAPIKeys(ctx)
	acctest.MustDo(t, err)
	alicesKeys := 0
	for _, k := range keys {
		if k.User == acctest.AliceLogin {
			alicesKeys++
		}
	}
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("dataiku_dataset.pg", 2),
		querycheck.ExpectIdentity("dataiku_dataset.pg", id("project_key", key, "name", "customers")),
		querycheck.ExpectIdentity("dataiku_dataset.pg", id("project_key", key, "name", "recent_customers")),
		// The resource object, as the Read after an import makes it.
		querycheck.ExpectResourceKnownValues("dataiku_dataset.pg",
			queryfilter.ByResourceIdentity(id("project_key", key, "name", "customers")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(key + ".customers")},
				{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("PostgreSQL")},
				{Path: tfjsonpath.New("connection_name"), KnownValue: knownvalue.StringExact(acctest.PGConnection)},
			}),
		querycheck.ExpectLength("dataiku_dataset.on_pg", 2),
		querycheck.ExpectLength("dataiku_dataset.raw", 1),
		querycheck.ExpectIdentity("dataiku_dataset.raw", id("project_key", key, "name", "orders")),
		querycheck.ExpectLength("dataiku_recipe.python", 1),
		querycheck.ExpectResourceKnownValues("dataiku_recipe.python",
			queryfilter.ByResourceIdentity(id("project_key", key, "name", "compute_orders_prepared")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("script"), KnownValue: knownvalue.StringExact("import dataiku\n# made by hand\n")},
			}),
		querycheck.ExpectLength("dataiku_data_quality_rule.orders", 4),
		querycheck.ExpectLength("dataiku_data_quality_rule.none", 0),
		querycheck.ExpectLength("dataiku_project.by_pattern", 1),
		querycheck.ExpectResourceKnownValues("dataiku_project.by_pattern",
			queryfilter.ByResourceIdentity(id("project_key", key)),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("project_folder_id"), KnownValue: knownvalue.StringExact(childFolder)},
			}),
		querycheck.ExpectLength("dataiku_project.no_match", 0),
		querycheck.ExpectLength("dataiku_project.tagged", 1),
		querycheck.ExpectLength("dataiku_project.in_folder", 1),
		querycheck.ExpectIdentity("dataiku_connection.pg", id("name", acctest.PGConnection)),
		querycheck.ExpectIdentity("dataiku_connection.pg", id("name", byType["dataiku_connection"][0])),
		querycheck.ExpectNoIdentity("dataiku_connection.pg", id("name", "filesystem_managed")),
		querycheck.ExpectIdentity("dataiku_connection.builtin", id("name", "filesystem_managed")),
		querycheck.ExpectLength("dataiku_code_env.r", 1),
		querycheck.ExpectIdentity("dataiku_code_env.r", id("lang", rIdent[0], "name", rIdent[1])),
		querycheck.ExpectLength("dataiku_personal_api_key.alice", alicesKeys),
		querycheck.ExpectIdentity("dataiku_personal_api_key.alice", id("id", byType["dataiku_personal_api_key"][0])),
		querycheck.ExpectLength("dataiku_dataset.limited", 2),
		// The values list only (not the declarative meaning), read as the
		// import reads it.
		querycheck.ExpectLength("dataiku_meaning.values_lists", 1),
		querycheck.ExpectResourceKnownValues("dataiku_meaning.values_lists",
			queryfilter.ByResourceIdentity(id("meaning_id", "adopt_country_"+strings.ToLower(key))),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("normalization_mode"), KnownValue: knownvalue.StringExact("LOWERCASE")},
				{Path: tfjsonpath.New("values"), KnownValue: knownvalue.ListSizeExact(2)},
			}),
		// The Kafka endpoint only (not the HTTP SSE one), its resource
		// object read as the import reads it: every parameter DSS has.
		querycheck.ExpectLength("dataiku_streaming_endpoint.kafka", 1),
		querycheck.ExpectResourceKnownValues("dataiku_streaming_endpoint.kafka",
			queryfilter.ByResourceIdentity(id("project_key", key, "name", "orders_stream")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("connection_name"), KnownValue: knownvalue.StringExact("kafka_main")},
				{Path: tfjsonpath.New("params").AtMapKey("offsetReset"), KnownValue: knownvalue.StringExact("earliest")},
				{Path: tfjsonpath.New("schema_columns"), KnownValue: knownvalue.ListSizeExact(2)},
			}),
		// Without project_key, every project's library files, each read
		// as the import reads it (text into content, bytes into
		// content_base64).
		querycheck.ExpectLengthAtLeast("dataiku_project_library_file.every_project", 2),
		querycheck.ExpectResourceKnownValues("dataiku_project_library_file.every_project",
			queryfilter.ByResourceIdentity(id("project_key", key, "path", "python/mylib/helpers.py")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("content"), KnownValue: knownvalue.StringExact("GREETING = \"${name} %{if}\"\r\n\tpass")},
				{Path: tfjsonpath.New("content_base64"), KnownValue: knownvalue.Null()},
			}),
		querycheck.ExpectResourceKnownValues("dataiku_project_library_file.every_project",
			queryfilter.ByResourceIdentity(id("project_key", key, "path", "python/mylib/lookup.pkl")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("content"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("content_base64"), KnownValue: knownvalue.StringExact("gASVAA==")},
			}),
	}
	acc.Test(t, acc.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps:                    []acc.TestStep{{Query: true, Config: cfg, QueryResultChecks: checks}},
	})
}

// TestAccList_badInput: a filter DSS would not understand is refused
// before any request, naming what is allowed; a project the key cannot
// read is DSS's error, with the list block's address, never an empty list.
func TestAccList_badInput(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	requireQueryTerraform(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("LISTB")
	adoptProject(t, c, ctx, key)
	acctest.MustDo(t, c.CreateManagedDataset(ctx, key, "secret", "filesystem_managed"))
	steps := []acc.TestStep{
		{Query: true, Config: "provider \"dataiku\" {}\n" + testListConfig("dataiku_code_env", "py", false, "    lang = \"python\""),
			ExpectError: regexp.MustCompile(`(?s)code env language.*PYTHON`)},
		{Query: true, Config: "provider \"dataiku\" {}\n" + testListConfig("dataiku_connection", "pg", false, "    type = \"postgresql\""),
			ExpectError: regexp.MustCompile(`(?s)PostgreSQL`)},
		{Query: true, Config: "provider \"dataiku\" {}\n" + testListConfig("dataiku_project", "bad", false, "    project_key = \"SALES_[\""),
			ExpectError: regexp.MustCompile(`(?s)not a valid pattern`)},
		{Query: true, Config: "provider \"dataiku\" {}\n" + testListConfig("dataiku_dataset", "x", false, ""),
			ExpectError: regexp.MustCompile(`(?s)project_key`)},
		{Query: true, Config: acctest.AsBob(testListConfig("dataiku_dataset", "theirs", false, fmt.Sprintf("    project_key = %q", key))),
			ExpectError: regexp.MustCompile(`(?s)Cannot list dataiku_dataset: cannot read the datasets of project ` + key + `.*DSS answered: GET /public/api/projects/` + key + `/datasets/: 403 .*UnauthorizedException`)},
	}
	acc.Test(t, acc.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps:                    steps,
	})
}

// TestListResourceExamplesValidate: every list resource has an example
// (examples/list-resources/TYPE/list-resource.tfquery.hcl, which the docs
// show), and `terraform validate -query` accepts each with the provider
// built from this tree, so that no published filter is misspelt or badly
// typed.
func TestListResourceExamplesValidate(t *testing.T) {
	t.Parallel()
	acctest.RequireTerraformCLITests(t)
	requireQueryTerraform(t)
	root := acctest.RepoRoot(t)
	for typ := range testListResources(t) {
		t.Run(typ, func(t *testing.T) {
			t.Parallel() // each example in its own directory
			example, err := os.ReadFile(filepath.Join(root, "examples", "list-resources", typ, "list-resource.tfquery.hcl"))
			if err != nil {
				t.Fatalf("list resource %s has no example: %v", typ, err)
			}
			if !strings.Contains(string(example), fmt.Sprintf("list %q", typ)) {
				t.Errorf("the example of %s has no list %q block:\n%s", typ, typ, example)
			}
			dir := acctest.NewTerraformDir(t, map[string]string{
				"main.tf":                   exampleRequiredProviders + "\nprovider \"dataiku\" {}\n",
				"list-resource.tfquery.hcl": string(example),
			})
			if out, code := acctest.TerraformRun(t, dir, "validate", "-query", "-no-color"); code != 0 || !strings.Contains(out, "The configuration is valid") {
				t.Errorf("terraform validate -query of the example of %s failed (exit %d):\n%s", typ, code, out)
			}
		})
	}
}

// TestAdoptGuideQueryValidates keeps the adoption guide's terraform query
// section true: its search file names every list resource, and terraform
// validate -query accepts it with the provider built from this tree.
func TestAdoptGuideQueryValidates(t *testing.T) {
	t.Parallel()
	acctest.RequireTerraformCLITests(t)
	requireQueryTerraform(t)
	guide, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), "templates", "guides", "adopt.md.tmpl"))
	acctest.MustDo(t, err)
	_, section, ok := strings.Cut(string(guide), "## With terraform query")
	_, block, ok2 := strings.Cut(section, "```terraform\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("the adoption guide has no terraform block under \"## With terraform query\"")
	}
	for typ := range testListResources(t) {
		if !strings.Contains(block, fmt.Sprintf("list %q", typ)) {
			t.Errorf("the adoption guide's search file has no list %q block", typ)
		}
	}
	dir := acctest.NewTerraformDir(t, map[string]string{
		"main.tf":            exampleRequiredProviders + "\nprovider \"dataiku\" {}\n",
		"search.tfquery.hcl": block,
	})
	if out, code := acctest.TerraformRun(t, dir, "validate", "-query", "-no-color"); code != 0 || !strings.Contains(out, "The configuration is valid") {
		t.Errorf("terraform validate -query of the adoption guide's search file failed (exit %d):\n%s", code, out)
	}
}

// TestAccList_manyDatasets: a project of 120 datasets is listed, resource
// objects included, with its one list request and no request per dataset;
// without `limit` Terraform asks for 100 results, and gets 100.
func TestAccList_manyDatasets(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	requireQueryTerraform(t)
	em := acctest.RequireEmulator(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("LISTN")
	adoptProject(t, c, ctx, key)
	const n = 120
	for i := range n {
		acctest.MustDo(t, c.CreateManagedDataset(ctx, key, fmt.Sprintf("d%03d", i), "filesystem_managed"))
	}
	p := fmt.Sprintf("    project_key = %q", key)
	cfg := "provider \"dataiku\" {}\n" + testListConfig("dataiku_dataset", "default_limit", false, p) +
		strings.Replace(testListConfig("dataiku_dataset", "all", true, p), "  provider = dataiku\n", "  provider = dataiku\n  limit = 1000\n", 1)
	const list, one = "GET /public/api/projects/{projectKey}/datasets", "GET /public/api/projects/{projectKey}/datasets/{datasetName}"
	before := em.Server.Stats().ByRoute
	acc.Test(t, acc.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []acc.TestStep{{Query: true, Config: cfg, QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength("dataiku_dataset.default_limit", 100),
			querycheck.ExpectLength("dataiku_dataset.all", n),
			querycheck.ExpectResourceKnownValues("dataiku_dataset.all",
				queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"project_key": knownvalue.StringExact(key), "name": knownvalue.StringExact("d119")}),
				[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("connection_name"), KnownValue: knownvalue.StringExact("filesystem_managed")}}),
		}}},
	})
	d := acctest.RouteDelta(before, em.Server.Stats().ByRoute)
	t.Logf("2 list blocks over %d datasets, one with every resource object: %d list requests, %d dataset GETs", n, d[list], d[one])
	if d[one] != 0 || d[list] == 0 || d[list] > 2 {
		t.Errorf("listing %d datasets sent %d list requests and %d dataset GETs; want one list per block and no GET", n, d[list], d[one])
	}
}
