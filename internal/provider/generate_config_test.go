package provider_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// Adoption (issue 17): objects an administrator made by hand in DSS are
// imported with nothing but `import` blocks, Terraform writes their
// configuration (`terraform plan -generate-config-out`), the apply imports
// them without changing DSS, and the next plan is empty. Every resource type
// of the provider has a case: TestGenerateConfigCoversEveryResource fails
// when one is added without one.

// adoptImport is one import block: the resource address and its import id.
type adoptImport struct{ to, id string }

// adoptCase makes its objects in DSS through the client, in the shapes an
// administrator makes by hand, and returns the import blocks that adopt
// them and the API paths of the documents the adoption must leave alone.
type adoptCase struct {
	resourceType string
	setup        func(t *testing.T, c *dss.Client, ctx context.Context, key string) (imports []adoptImport, docs []string)
}

// adoptProject makes the project every project-scoped case works in, in a
// project folder of its own.
func adoptProject(t *testing.T, c *dss.Client, ctx context.Context, key string) {
	t.Helper()
	desc := "Sales analytics, made by hand"
	if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Sales " + key, Owner: "admin", Description: &desc}, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{}) })
}

func adoptPost(t *testing.T, c *dss.Client, ctx context.Context, path string, body any) {
	t.Helper()
	acctest.MustDo(t, c.Post(ctx, path, nil, body, nil))
}

// adoptManagedDataset makes a managed Filesystem dataset, a recipe's output.
func adoptManagedDataset(t *testing.T, c *dss.Client, ctx context.Context, key, name string) {
	t.Helper()
	adoptPost(t, c, ctx, dss.Path("projects", key, "datasets")+"/", map[string]any{
		"projectKey": key, "name": name, "type": "Filesystem", "managed": true,
		"params": map[string]any{"connection": "filesystem_managed", "path": "${projectKey}/" + name}, "formatType": "csv", "formatParams": map[string]any{},
	})
}

// adoptRecipe makes a recipe of typ from the dataset in to the dataset out
// (roles inRole and outRole) as DSS's creators do, with script for a code
// recipe.
func adoptRecipe(t *testing.T, c *dss.Client, ctx context.Context, key, name, typ, inRole, in, outRole, out, script string) {
	t.Helper()
	f := false
	_, err := c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: key, Name: name, Type: typ,
		Inputs:  map[string]dss.RecipeRole{inRole: {Items: []dss.RecipeRef{{Ref: in}}}},
		Outputs: map[string]dss.RecipeRole{outRole: {Items: []dss.RecipeRef{{Ref: out, AppendMode: &f}}}},
		Script:  script})
	acctest.MustDo(t, err)
}

// restoreAtEnd puts an instance-wide document back as it is now when the
// test ends: other tests share the emulator.
func restoreAtEnd(t *testing.T, c *dss.Client, ctx context.Context, path string) {
	t.Helper()
	var before map[string]any
	acctest.MustDo(t, c.Get(ctx, path, nil, &before))
	t.Cleanup(func() { _ = c.Put(context.Background(), path, nil, before, nil) })
}

// installStorePlugin puts plugin id at version in the emulator's plugin
// store and installs it from there (acctest.PluginOutside).
func installStorePlugin(t *testing.T, c *dss.Client, id, version string) {
	t.Helper()
	acctest.MustDo(t, acctest.RequireEmulator(t).Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: version}}))
	acctest.PluginOutside(t, c, id, dss.PluginSource{Store: true})
}

// updateDoc is a read-modify-write of a free-form DSS document, as the UI
// saves a settings page.
func updateDoc(t *testing.T, c *dss.Client, ctx context.Context, path string, change func(map[string]any)) {
	t.Helper()
	var doc map[string]any
	acctest.MustDo(t, c.Get(ctx, path, nil, &doc))
	change(doc)
	acctest.MustDo(t, c.Put(ctx, path, nil, doc, nil))
}

// adoptSecrets are the secrets the cases give DSS: none may be written to
// generated.tf.
var adoptSecrets = []string{"Hand-made-auto-key", "Hand-made-pw-1!", "Hand-made-db-pw", "Hand-made-s3-secret", "Hand-made-sf-pw",
	"Hand-made-ldap-pw", "Hand-made-smtp-pw", "Hand-made-preset-token", "Hand-made-plugin-pw", "Hand-made-cluster-secret", "Hand-made-git-token",
	"Hand-made-node-key", "Hand-made-oidc-secret", "Hand-made-keystore-pw", "Hand-made-azure-secret"}

// runAdoptCases runs the setups of the cases of types (in
// generateConfigCases' order, which makes what a case needs first) in
// project key, and returns their import blocks and documents.
func runAdoptCases(t *testing.T, c *dss.Client, ctx context.Context, key string, types ...string) ([]adoptImport, []string) {
	t.Helper()
	var imports []adoptImport
	var docs []string
	for _, k := range generateConfigCases() {
		if slices.Contains(types, k.resourceType) {
			im, d := k.setup(t, c, ctx, key)
			imports, docs = append(imports, im...), append(docs, d...)
		}
	}
	return imports, docs
}

func generateConfigCases() []adoptCase {
	return []adoptCase{
		{"dataiku_project", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			updateDoc(t, c, ctx, dss.Path("projects", key, "metadata"), func(d map[string]any) {
				d["tags"] = []any{"sales", "hand-made"}
				d["checklists"] = map[string]any{"checklists": []any{}}
			})
			updateDoc(t, c, ctx, dss.Path("projects", key, "variables"), func(d map[string]any) {
				d["standard"] = map[string]any{"region": "emea", "threshold": 3}
				d["local"] = map[string]any{"debug": false}
			})
			updateDoc(t, c, ctx, dss.Path("projects", key, "permissions"), func(d map[string]any) {
				d["permissions"] = []any{
					map[string]any{"group": acctest.AliceGroup, "readProjectContent": true, "writeProjectContent": true},
					map[string]any{"user": acctest.BobLogin, "readDashboards": true, "runScenarios": true},
				}
			})
			return []adoptImport{{"dataiku_project.sales", key}},
				[]string{dss.Path("projects", key, "metadata"), dss.Path("projects", key, "variables"), dss.Path("projects", key, "permissions")}
		}},
		{"dataiku_project_grant", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Next to the grants of dataiku_project's case (which adopts them
			// too, as its permissions: the same grants, so neither plans a
			// change): one as DSS holds grants written by its own UI or an
			// older DSS (write without read, most rights absent), for a
			// group named with dots and spaces; and the two of that case.
			p := dss.Path("projects", key, "permissions")
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				grants, _ := d["permissions"].([]any)
				d["permissions"] = append(grants, map[string]any{"group": "data team.emea ops", "writeProjectContent": true, "readProjectContent": false})
			})
			return []adoptImport{{"dataiku_project_grant.team", key + ".group.data team.emea ops"}, {"dataiku_project_grant.bob", key + ".user." + acctest.BobLogin},
				{"dataiku_project_grant.analysts", key + ".group." + acctest.AliceGroup}}, []string{p}
		}},
		{"dataiku_project_folder", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			parent, err := c.CreateProjectFolder(ctx, dss.RootProjectFolderID, "adopt-"+key)
			acctest.MustDo(t, err)
			child, err := c.CreateProjectFolder(ctx, parent.ID, "reports")
			acctest.MustDo(t, err)
			// The project lives in the child folder, as projects of a team do.
			acctest.MustDo(t, c.MoveProject(ctx, dss.RootProjectFolderID, key, child.ID))
			t.Cleanup(func() {
				_ = c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{})
				_ = c.DeleteProjectFolder(context.Background(), child.ID)
				_ = c.DeleteProjectFolder(context.Background(), parent.ID)
			})
			return []adoptImport{{"dataiku_project_folder.parent", parent.ID}, {"dataiku_project_folder.child", child.ID}},
				[]string{dss.Path("project-folders", parent.ID), dss.Path("project-folders", child.ID)}
		}},
		{"dataiku_dataset", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			ds := dss.Path("projects", key, "datasets") + "/"
			// A file dataset on a filesystem connection, with a schema and
			// partitioning, as the UI's "new dataset" page writes it.
			adoptPost(t, c, ctx, ds, map[string]any{
				"projectKey": key, "name": "orders", "type": "Filesystem",
				"params":     map[string]any{"connection": "filesystem_root", "path": "/data/orders", "notReadyIfEmpty": false, "filesSelectionRules": map[string]any{"mode": "ALL"}},
				"formatType": "csv", "formatParams": map[string]any{"separator": ",", "style": "excel", "charset": "utf8", "parseHeaderRow": true},
				"schema": map[string]any{"columns": []any{
					map[string]any{"name": "id", "type": "bigint"}, map[string]any{"name": "amount", "type": "double", "comment": "EUR"},
				}, "userModified": true},
				"managed": false, "description": "Orders export", "tags": []any{"raw"},
				"partitioning": map[string]any{"filePathPattern": "%Y/%M/%D/.*", "dimensions": []any{
					map[string]any{"name": "day", "type": "time", "params": map[string]any{"period": "DAY"}},
				}},
			})
			// A SQL table on a PostgreSQL connection.
			adoptPost(t, c, ctx, ds, map[string]any{
				"projectKey": key, "name": "customers", "type": "PostgreSQL",
				"params": map[string]any{"connection": acctest.PGConnection, "mode": "table", "table": "customers", "schema": "public"},
				"schema": map[string]any{"columns": []any{map[string]any{"name": "id", "type": "bigint"}}},
			})
			// An uploaded files dataset and an S3 one.
			adoptPost(t, c, ctx, ds, map[string]any{
				"projectKey": key, "name": "uploaded", "type": "UploadedFiles",
				"params":     map[string]any{"uploadConnection": "uploads", "uploadBoxId": "ab12cd"},
				"formatType": "csv", "formatParams": map[string]any{"separator": ";"},
			})
			adoptPost(t, c, ctx, ds, map[string]any{
				"projectKey": key, "name": "recent_customers", "type": "PostgreSQL",
				"params": map[string]any{"connection": acctest.PGConnection, "mode": "query",
					"query": "SELECT * FROM ${projectKey}_customers WHERE created > '%{since}'"},
			})
			acctest.MustDo(t, c.CreateManagedDataset(ctx, key, "orders_prepared", "filesystem_managed"))
			return []adoptImport{
					{"dataiku_dataset.orders", key + ".orders"}, {"dataiku_dataset.customers", key + ".customers"},
					{"dataiku_dataset.uploaded", key + ".uploaded"}, {"dataiku_dataset.orders_prepared", key + ".orders_prepared"},
					{"dataiku_dataset.recent_customers", key + ".recent_customers"},
				}, []string{dss.Path("projects", key, "datasets", "orders"), dss.Path("projects", key, "datasets", "customers"),
					dss.Path("projects", key, "datasets", "uploaded"), dss.Path("projects", key, "datasets", "orders_prepared")}
		}},
		{"dataiku_managed_folder", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			id, err := c.CreateManagedFolder(ctx, key, "exports", "", "filesystem_folders", "${projectKey}/exports")
			acctest.MustDo(t, err)
			daily, err := c.CreateManagedFolder(ctx, key, "daily_drops", "", "filesystem_folders", "${projectKey}/drops")
			acctest.MustDo(t, err)
			pDaily := dss.Path("projects", key, "managedfolders", daily)
			updateDoc(t, c, ctx, pDaily, func(d map[string]any) {
				d["partitioning"] = map[string]any{"filePathPattern": "%Y-%M-%D/.*", "dimensions": []any{
					map[string]any{"name": "day", "type": "time", "params": map[string]any{"period": "DAY"}},
				}}
				d["description"] = "Daily drops from the partner"
				d["tags"] = []any{"partner"}
			})
			return []adoptImport{{"dataiku_managed_folder.exports", key + "." + id}, {"dataiku_managed_folder.daily", key + "." + daily}},
				[]string{dss.Path("projects", key, "managedfolders", id), pDaily}
		}},
		{"dataiku_knowledge_bank", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two banks of one name (DSS allows it); one with an images
			// folder DSS holds as PROJECT.id (the managed folder case's,
			// made before: a folder of its own would be one folder more
			// than that case lists), metadata fields, tags and a key the
			// provider does not model.
			folders, err := c.ListManagedFolders(ctx, key)
			acctest.MustDo(t, err)
			i := slices.IndexFunc(folders, func(f dss.ManagedFolder) bool { return f.Name == "exports" })
			if i < 0 {
				t.Fatalf("no folder named exports in %s: the managed folder case makes it first", key)
			}
			folder := folders[i].ID
			faq, err := c.CreateKnowledgeBank(ctx, &dss.KnowledgeBank{ProjectKey: key, Name: "faq", VectorStoreType: "CHROMA", EmbeddingLLMID: "openai:conn:text-embedding-3-small",
				ManagedFolderID: key + "." + folder, MultimodalColumn: dss.MultimodalColumnForImages,
				MetadataColumnsSchema: []dss.KnowledgeBankColumn{{Name: "source", Type: "string"}, {Name: "page", Type: "int"}}, Tags: []string{"rag"}})
			acctest.MustDo(t, err)
			twin, err := c.CreateKnowledgeBank(ctx, &dss.KnowledgeBank{ProjectKey: key, Name: "faq", VectorStoreType: "PINECONE", EmbeddingLLMID: "openai:conn:text-embedding-3-large",
				Connection: "pinecone_prod", PineconeIndexName: "faq"})
			acctest.MustDo(t, err)
			pFaq := dss.KnowledgeBankDoc(key, faq).Path()
			updateDoc(t, c, ctx, pFaq, func(d map[string]any) { d["customFields"] = map[string]any{"owner": "genai"} })
			return []adoptImport{{"dataiku_knowledge_bank.faq", key + "." + faq}, {"dataiku_knowledge_bank.faq_twin", key + "." + twin}},
				[]string{pFaq, dss.KnowledgeBankDoc(key, twin).Path()}
		}},
		{"dataiku_retrieval_augmented_llm", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two LLMs of one name (DSS allows it) over the knowledge bank
			// case's bank (made before); one holding the bank as
			// PROJECT.id, with a second, inactive version, tags and keys
			// the provider does not model.
			banks, err := c.ListKnowledgeBanks(ctx, key)
			acctest.MustDo(t, err)
			if len(banks) == 0 {
				t.Fatalf("no knowledge bank in %s: the knowledge bank case makes them first", key)
			}
			bank := banks[0].ID
			ask, err := c.CreateRetrievalAugmentedLLM(ctx, key, "ask", bank, "openai:conn:gpt-4o")
			acctest.MustDo(t, err)
			twin, err := c.CreateRetrievalAugmentedLLM(ctx, key, "ask", bank, "openai:conn:gpt-4o-mini")
			acctest.MustDo(t, err)
			pAsk := dss.RetrievalAugmentedLLMDoc(key, ask).Path()
			updateDoc(t, c, ctx, pAsk, func(d map[string]any) {
				versions := d["versions"].([]any)
				versions[0].(map[string]any)["ragllmSettings"].(map[string]any)["knowledgeBankRef"] = key + "." + bank
				d["versions"] = append(versions, map[string]any{"versionId": "draft", "ragllmSettings": map[string]any{"llmId": "draft:llm", "knowledgeBankRef": bank}})
				d["customFields"] = map[string]any{"owner": "genai"}
				d["tags"] = []any{"rag"}
			})
			return []adoptImport{{"dataiku_retrieval_augmented_llm.ask", key + "." + ask}, {"dataiku_retrieval_augmented_llm.ask_twin", key + "." + twin}},
				[]string{pAsk, dss.RetrievalAugmentedLLMDoc(key, twin).Path()}
		}},
		{"dataiku_agent", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two visual agents of one name (DSS allows it), one with an
			// LLM, a tool held as PROJECT.id with a key of its own, a
			// second, inactive version, tags and keys the provider does not
			// model; and a plugin agent.
			helper, err := c.CreateAgent(ctx, key, "helper", dss.AgentTypeToolsUsing, "")
			acctest.MustDo(t, err)
			twin, err := c.CreateAgent(ctx, key, "helper", dss.AgentTypeToolsUsing, "")
			acctest.MustDo(t, err)
			plugin, err := c.CreateAgent(ctx, key, "triage", dss.AgentTypePlugin, "my-plugin_triage")
			acctest.MustDo(t, err)
			pHelper := dss.AgentDoc(key, helper).Path()
			updateDoc(t, c, ctx, pHelper, func(d map[string]any) {
				versions := d["versions"].([]any)
				tu := versions[0].(map[string]any)["toolsUsingAgentSettings"].(map[string]any)
				tu["llmId"] = "openai:conn:gpt-4o"
				tu["tools"] = []any{map[string]any{"toolRef": key + ".search1", "additionalDescription": "the FAQ", "extra": 1}}
				tu["systemPromptAppend"] = "Be brief."
				d["versions"] = append(versions, map[string]any{"versionId": "draft", "toolsUsingAgentSettings": map[string]any{"llmId": "draft:llm", "tools": []any{}}})
				d["customFields"] = map[string]any{"owner": "genai"}
				d["tags"] = []any{"genai"}
			})
			return []adoptImport{{"dataiku_agent.helper", key + "." + helper}, {"dataiku_agent.helper_twin", key + "." + twin}, {"dataiku_agent.triage", key + "." + plugin}},
				[]string{pHelper, dss.AgentDoc(key, twin).Path(), dss.AgentDoc(key, plugin).Path()}
		}},
		{"dataiku_evaluation_store", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A model evaluation store with keys the provider does not
			// model and tags, and two AGENT stores of one name (DSS's
			// default list leaves AGENT stores out).
			drift, err := c.CreateEvaluationStore(ctx, key, "drift", dss.EvaluationStoreTabular)
			acctest.MustDo(t, err)
			agent, err := c.CreateEvaluationStore(ctx, key, "agent evals", dss.EvaluationStoreAgent)
			acctest.MustDo(t, err)
			twin, err := c.CreateEvaluationStore(ctx, key, "agent evals", dss.EvaluationStoreAgent)
			acctest.MustDo(t, err)
			pDrift := dss.EvaluationStoreDoc(key, drift).Path()
			updateDoc(t, c, ctx, pDrift, func(d map[string]any) {
				d["metricsChecks"] = map[string]any{"runOnBuild": false, "checks": []any{}}
				d["displayParams"] = map[string]any{"displayedMetrics": []any{"DATA_DRIFT"}}
				d["tags"] = []any{"ml"}
			})
			return []adoptImport{{"dataiku_evaluation_store.drift", key + "." + drift}, {"dataiku_evaluation_store.agent_evals", key + "." + agent},
					{"dataiku_evaluation_store.agent_evals_twin", key + "." + twin}},
				[]string{pDrift, dss.EvaluationStoreDoc(key, agent).Path(), dss.EvaluationStoreDoc(key, twin).Path()}
		}},
		{"dataiku_agent_tool", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two bank search tools of one name (DSS allows it), one of an
			// id chosen at creation, with its bank as PROJECT.id, DSS's
			// search defaults, tags and keys the provider does not model;
			// and a plugin's tool.
			search, err := c.CreateAgentTool(ctx, key, dss.AgentToolTypeVectorStoreSearch, "search", "faqSearch", key+".kb1")
			acctest.MustDo(t, err)
			twin, err := c.CreateAgentTool(ctx, key, dss.AgentToolTypeVectorStoreSearch, "search", "", "")
			acctest.MustDo(t, err)
			lookup, err := c.CreateAgentTool(ctx, key, "Custom_my-plugin_lookup", "lookup", "", "")
			acctest.MustDo(t, err)
			pSearch := dss.AgentToolDoc(key, search).Path()
			updateDoc(t, c, ctx, pSearch, func(d map[string]any) {
				d["params"].(map[string]any)["filter"] = map[string]any{"enabled": true}
				d["customFields"] = map[string]any{"owner": "genai"}
				d["tags"] = []any{"genai"}
				d["description"] = "Searches the FAQ."
			})
			return []adoptImport{{"dataiku_agent_tool.search", key + "." + search}, {"dataiku_agent_tool.search_twin", key + "." + twin}, {"dataiku_agent_tool.lookup", key + "." + lookup}},
				[]string{pSearch, dss.AgentToolDoc(key, twin).Path(), dss.AgentToolDoc(key, lookup).Path()}
		}},
		{"dataiku_code_studio", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two studios from the instance's templates (seeded: DSS's API
			// cannot create them), one given to another user.
			acctest.MustDo(t, acctest.RequireEmulator(t).Server.SetCodeStudioTemplates([]map[string]any{{"id": "vscode", "label": "VS Code"}, {"id": "jupyter"}}))
			ide, err := c.CreateCodeStudio(ctx, key, "ide", "vscode")
			acctest.MustDo(t, err)
			notebooks, err := c.CreateCodeStudio(ctx, key, "notebooks", "jupyter")
			acctest.MustDo(t, err)
			acctest.MustDo(t, c.ChangeCodeStudioOwner(ctx, key, notebooks, "bob"))
			return []adoptImport{{"dataiku_code_studio.ide", key + "." + ide}, {"dataiku_code_studio.notebooks", key + "." + notebooks}},
				[]string{dss.CodeStudioPath(key, ide), dss.CodeStudioPath(key, notebooks)}
		}},
		{"dataiku_streaming_endpoint", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A Kafka endpoint as the UI leaves one (a schema, format
			// settings the provider does not model, a parameter DSS added)
			// and an HTTP SSE one with no connection.
			acctest.MustDo(t, c.CreateStreamingEndpointFrom(ctx, &dss.StreamingEndpoint{ID: "orders_stream", ProjectKey: key, Type: "kafka",
				Params: dss.Object{"connection": "kafka_main", "topic": "orders"}}))
			kafka := dss.StreamingEndpointDoc(key, "orders_stream").Path()
			updateDoc(t, c, ctx, kafka, func(d map[string]any) {
				d["schema"] = map[string]any{"columns": []any{map[string]any{"name": "id", "type": "bigint"}, map[string]any{"name": "note", "type": "string", "comment": "free text"}}}
				d["formatType"] = "json"
				d["params"].(map[string]any)["offsetReset"] = "earliest"
				d["tags"] = []any{"live"}
			})
			acctest.MustDo(t, c.CreateStreamingEndpointFrom(ctx, &dss.StreamingEndpoint{ID: "ticker", ProjectKey: key, Type: "httpsse",
				Params: dss.Object{"url": "https://stream.example.com/ticker"}}))
			return []adoptImport{{"dataiku_streaming_endpoint.orders_stream", key + ".orders_stream"}, {"dataiku_streaming_endpoint.ticker", key + ".ticker"}},
				[]string{kafka, dss.StreamingEndpointDoc(key, "ticker").Path()}
		}},
		{"dataiku_recipe", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			adoptRecipe(t, c, ctx, key, "compute_orders_prepared", "python", "main", "orders", "main", "orders_prepared", "import dataiku\n# made by hand\n")
			adoptRecipe(t, c, ctx, key, "sync_customers", "sync", "main", "customers", "main", "uploaded", "")
			adoptManagedDataset(t, c, ctx, key, "orders_by_id")
			adoptRecipe(t, c, ctx, key, "group_orders", "grouping", "main", "orders", "main", "orders_by_id", "")
			grp := dss.Path("projects", key, "recipes", "group_orders")
			updateDoc(t, c, ctx, grp, func(d map[string]any) {
				d["payload"] = `{"keys":[{"column":"id"}],"values":[{"column":"amount","sum":true,"avg":true}],"globalCount":true}`
				if r, ok := d["recipe"].(map[string]any); ok {
					r["params"] = map[string]any{"engineType": "DSS"}
					r["description"] = "Orders per id"
				}
			})
			// A type the provider does not know (a plugin's) with a JSON
			// payload.
			adoptManagedDataset(t, c, ctx, key, "orders_scored")
			adoptRecipe(t, c, ctx, key, "score_orders", "CustomCode_acme-score", "input", "orders", "output", "orders_scored", "")
			plugin := dss.Path("projects", key, "recipes", "score_orders")
			updateDoc(t, c, ctx, plugin, func(d map[string]any) {
				d["payload"] = `{"threshold":0.5,"columns":["amount"]}`
				if r, ok := d["recipe"].(map[string]any); ok {
					r["params"] = map[string]any{"customConfig": map[string]any{"mode": "fast"}}
				}
			})
			return []adoptImport{{"dataiku_recipe.python", key + ".compute_orders_prepared"}, {"dataiku_recipe.sync", key + ".sync_customers"},
					{"dataiku_recipe.grouping", key + ".group_orders"}, {"dataiku_dataset.orders_by_id", key + ".orders_by_id"},
					{"dataiku_recipe.plugin", key + ".score_orders"}, {"dataiku_dataset.orders_scored", key + ".orders_scored"}},
				[]string{dss.Path("projects", key, "recipes", "compute_orders_prepared"), dss.Path("projects", key, "recipes", "sync_customers"), grp, plugin}
		}},
		{"dataiku_scenario", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			id, err := c.CreateScenario(ctx, key, "Nightly build", "step_based")
			acctest.MustDo(t, err)
			p := dss.Path("projects", key, "scenarios", id)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["active"] = true
				d["runAsUser"] = acctest.AliceLogin
				d["description"] = "Builds the prepared orders"
				d["tags"] = []any{"nightly"}
				d["triggers"] = []any{map[string]any{
					"type": "temporal", "name": "Every night", "active": true, "delay": 5,
					"params": map[string]any{"frequency": "Daily", "hour": 2, "minute": 30, "timezone": "SERVER", "daysOfWeek": []any{}},
				},
					// The shapes of dataikuapi's add_*_trigger helpers: no name,
					// no delay, only the params of their frequency.
					map[string]any{"active": true, "type": "temporal", "params": map[string]any{"frequency": "Minutely", "repeatFrequency": 15}},
					map[string]any{"active": true, "type": "temporal", "params": map[string]any{"frequency": "Weekly", "hour": 6, "minute": 0,
						"startingFrom": "2026-01-05T00:00:00.000+0000", "daysOfWeek": []any{"Monday", "Thursday"}, "repeatFrequency": 1, "timezone": "Europe/Paris"}},
					map[string]any{"active": false, "type": "temporal", "params": map[string]any{"frequency": "Monthly", "startingFrom": "2026-01-01T00:00:00.000+0000",
						"hour": 3, "minute": 0, "monthlyRunOn": "LAST_DAY_OF_THE_MONTH", "repeatFrequency": 1, "timezone": "SERVER"}},
					map[string]any{"active": true, "type": "sql_query", "name": "new rows", "params": map[string]any{
						"connection": acctest.PGConnection, "sql": "select max(id) from customers", "hasChangedMode": "RESULT_CHANGED", "delay": 3600}},
				}
				params, _ := d["params"].(map[string]any)
				if params == nil {
					params = map[string]any{}
				}
				params["steps"] = []any{map[string]any{
					"id": "build_0_true_d_orders_prepared", "type": "build_flowitem", "name": "Build orders",
					"runConditionType": "RUN_IF_STATUS_MATCH", "runConditionStatuses": []any{"SUCCESS", "WARNING"},
					"params": map[string]any{"builds": []any{map[string]any{"type": "DATASET", "itemId": "orders_prepared", "partitionsSpec": ""}}, "jobType": "RECURSIVE_BUILD"},
				}, map[string]any{
					"id": "custom_python_1", "type": "custom_python", "runConditionType": "RUN_ALWAYS",
					"params": map[string]any{"envSelection": map[string]any{"envMode": "INHERIT"}, "script": "print('done')\n"},
				}, map[string]any{
					// A step as a script writes one: type and params only.
					"type": "exec_sql", "params": map[string]any{"connection": acctest.PGConnection, "sql": "analyze customers"},
				}}
				d["params"] = params
			})
			py, err := c.CreateScenario(ctx, key, "Refresh on change", "custom_python")
			acctest.MustDo(t, err)
			pPy := dss.Path("projects", key, "scenarios", py)
			acctest.MustDo(t, c.SetScenarioScript(ctx, key, py, "from dataiku.scenario import Scenario\nScenario().build_dataset('orders_prepared')\n"))
			updateDoc(t, c, ctx, pPy, func(d map[string]any) {
				d["triggers"] = []any{map[string]any{
					"type": "ds_modified", "name": "orders changed", "active": true, "delay": 900,
					// As DSS holds it (dss-real-shapes.md).
					"params": map[string]any{"watches": []any{map[string]any{"type": "DATASET", "itemId": "orders", "partitionsSpec": ""}}, "triggerWhenAllFire": false},
				}}
				d["reporters"] = []any{map[string]any{"messaging": map[string]any{"type": "mail-scenario", "configuration": map[string]any{"recipients": "ops@example.com"}}, "phase": "END", "active": true}}
			})
			return []adoptImport{{"dataiku_scenario.nightly", key + "." + id}, {"dataiku_scenario.refresh", key + "." + py}}, []string{p, pPy}
		}},
		{"dataiku_flow_zone", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			z, err := c.CreateFlowZone(ctx, key, "Raw data", "#2ab1ac")
			acctest.MustDo(t, err)
			_, err = c.MoveToFlowZone(ctx, key, z.ID, []dss.ZoneItem{{ObjectType: "DATASET", ObjectID: "orders"}, {ObjectType: "DATASET", ObjectID: "customers"}})
			acctest.MustDo(t, err)
			z2, err := c.CreateFlowZone(ctx, key, "Preparation", dss.DefaultZoneColor)
			acctest.MustDo(t, err)
			_, err = c.MoveToFlowZone(ctx, key, z2.ID, []dss.ZoneItem{{ObjectType: "RECIPE", ObjectID: "compute_orders_prepared"}, {ObjectType: "DATASET", ObjectID: "orders_prepared"}})
			acctest.MustDo(t, err)
			return []adoptImport{{"dataiku_flow_zone.raw", key + "." + z.ID}, {"dataiku_flow_zone.prep", key + "." + z2.ID}},
				[]string{dss.Path("projects", key, "flow", "zones", z.ID), dss.Path("projects", key, "flow", "zones", z2.ID)}
		}},
		{"dataiku_wiki_article", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A runbook with a child whose markdown holds what HCL reads as
			// templates (${x}, %{y}), CRLF line ends and a trailing newline,
			// and a key the resource does not model; a README as real DSS may
			// hold it, without a payload.
			runbook, err := c.CreateWikiArticle(ctx, key, "Runbook", "")
			acctest.MustDo(t, err)
			child, err := c.CreateWikiArticle(ctx, key, "On call", runbook.Article.ID)
			acctest.MustDo(t, err)
			readme, err := c.CreateWikiArticle(ctx, key, "README", "")
			acctest.MustDo(t, err)
			childPath := dss.WikiArticleDoc(key, child.Article.ID).Path()
			updateDoc(t, c, ctx, childPath, func(d map[string]any) {
				d["payload"] = "# On call\r\nPage ${x} then %{y}.\r\n"
				d["article"].(map[string]any)["layout"] = "WIDE"
			})
			readmePath := dss.WikiArticleDoc(key, readme.Article.ID).Path()
			updateDoc(t, c, ctx, readmePath, func(d map[string]any) { delete(d, "payload") })
			return []adoptImport{{"dataiku_wiki_article.runbook", key + "/" + runbook.Article.ID}, {"dataiku_wiki_article.oncall", key + "/" + child.Article.ID},
					{"dataiku_wiki_article.readme", key + "/" + readme.Article.ID}},
				[]string{dss.WikiSettingsDoc(key).Path(), dss.WikiArticleDoc(key, runbook.Article.ID).Path(), childPath, readmePath}
		}},
		{"dataiku_project_wiki", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A wiki whose home article was chosen in DSS, with a key the
			// resource does not model next to the taxonomy.
			home, err := c.CreateWikiArticle(ctx, key, "Welcome", "")
			acctest.MustDo(t, err)
			p := dss.WikiSettingsDoc(key).Path()
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["homeArticleId"] = home.Article.ID
				d["layoutPrefs"] = map[string]any{"collapsed": []any{}}
			})
			return []adoptImport{{"dataiku_project_wiki.sales", key}}, []string{p}
		}},
		{"dataiku_exposed_object", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As DSS's sharing dialog leaves them: a rule with an absent
			// appearOnFlow next to one with it set, and a quick-shared
			// dataset with no rules and no other flag.
			p := dss.Path("projects", key, "settings")
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["exposedObjects"] = map[string]any{"objects": []any{
					map[string]any{"type": "DATASET", "localName": "orders", "rules": []any{
						map[string]any{"targetProject": key + "_BI", "appearOnFlow": true},
						map[string]any{"targetProject": key + "_OPS"},
					}},
					map[string]any{"type": "DATASET", "localName": "customers", "quickSharingEnabled": true, "rules": []any{}},
				}}
			})
			return []adoptImport{{"dataiku_exposed_object.orders", key + ".DATASET.orders"}, {"dataiku_exposed_object.customers", key + ".DATASET.customers"}}, []string{p}
		}},
		{"dataiku_project_execution_defaults", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As an administrator leaves them in the project's settings
			// pages (dataikuapi's set_python_code_env, set_container_exec_config):
			// an env that no longer exists, R left to the instance.
			acctest.EditOutside(t, dss.ProjectSettingsDoc(key), func(s *dss.ProjectSettings) {
				s.PythonEnv().Select(dss.CodeEnvModeExplicit, "py39_retired")
				s.ContainerDefault().Select(dss.ContainerModeNone, "")
			})
			return []adoptImport{{"dataiku_project_execution_defaults.sales", key}}, []string{dss.ProjectSettingsDoc(key).Path()}
		}},
		{"dataiku_project_git_library", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As DSS's "Import from Git" dialog leaves them: one on the
			// Python path with a login (its password cannot be read back),
			// one outside it, checked out from a folder of its repository.
			login := "ci-bot"
			pw := "Hand-made-git-token"
			for _, l := range []dss.GitLibraryWrite{
				{GitLibrary: dss.GitLibrary{Path: "python/utils", Repository: "https://git.example.com/utils.git", Checkout: "v1.2", AddToPythonPath: true, Login: &login}, Password: &pw},
				{GitLibrary: dss.GitLibrary{Path: "templates", Repository: "git@git.example.com:acme/tpl.git", Checkout: "main", PathInRepository: "reports"}},
			} {
				f, err := c.AddGitLibrary(ctx, key, l)
				acctest.MustDo(t, err)
				acctest.MustDo(t, c.WaitGitLibrary(ctx, f, l.Password))
			}
			return []adoptImport{{"dataiku_project_git_library.utils", key + ".python/utils"}, {"dataiku_project_git_library.templates", key + ".templates"}},
				[]string{dss.GitLibrariesPath(key)}
		}},
		{"dataiku_project_git_remote", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As the project's version control page leaves them: origin
			// over SSH and a mirror over HTTPS, whose name holds a dot.
			acctest.MustDo(t, c.SetProjectGitRemote(ctx, key, "origin", "git@github.com:acme/project.git"))
			acctest.MustDo(t, c.SetProjectGitRemote(ctx, key, "gitlab.mirror", "https://gitlab.example.com/acme/project.git"))
			return []adoptImport{{"dataiku_project_git_remote.origin", key + ".origin"}, {"dataiku_project_git_remote.mirror", key + ".gitlab.mirror"}},
				[]string{dss.ProjectGitRemotePath(key, "origin"), dss.ProjectGitRemotePath(key, "gitlab.mirror")}
		}},
		{"dataiku_project_library_file", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As DSS's library editor leaves them: a module whose text holds
			// template sequences, CRLF line ends and no final newline, and
			// a file that is not text, in a folder DSS did not make.
			acctest.MustDo(t, c.WriteLibraryFile(ctx, key, "python/mylib/helpers.py", []byte("GREETING = \"${name} %{if}\"\r\n\tpass")))
			acctest.MustDo(t, c.WriteLibraryFile(ctx, key, "python/mylib/lookup.pkl", []byte("\x80\x04\x95\x00")))
			return []adoptImport{{"dataiku_project_library_file.helpers", key + "/python/mylib/helpers.py"}, {"dataiku_project_library_file.lookup", key + "/python/mylib/lookup.pkl"}},
				[]string{dss.LibraryPath(key, "contents", "python/mylib/helpers.py"), dss.LibraryPath(key, "contents", "python/mylib/lookup.pkl")}
		}},
		{"dataiku_jupyter_notebook", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As a team leaves one after running it: outputs, an execution
			// count, the kernel's language_info, a source as lines holding
			// template sequences; and an empty one, as DSS's "New notebook"
			// dialog makes it.
			acctest.MustDo(t, c.CreateJupyterNotebook(ctx, key, "Onboarding checks", dss.JupyterNotebookContent{
				"nbformat": 4, "nbformat_minor": 5,
				"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"},
					"language_info": map[string]any{"name": "python", "version": "3.11.4"}},
				"cells": []any{
					map[string]any{"cell_type": "markdown", "source": "# Checks\n%{if} ${x}", "metadata": map[string]any{}},
					map[string]any{"cell_type": "code", "source": []any{"import dataiku\n", "print(1)"}, "metadata": map[string]any{"scrolled": true},
						"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "1\n"}}, "execution_count": 12},
				},
			}))
			acctest.MustDo(t, c.CreateJupyterNotebook(ctx, key, "scratch", dss.JupyterNotebookContent{"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{}, "cells": []any{}}))
			return []adoptImport{{"dataiku_jupyter_notebook.checks", key + ".Onboarding checks"}, {"dataiku_jupyter_notebook.scratch", key + ".scratch"}},
				[]string{dss.JupyterNotebookPath(key, "Onboarding checks"), dss.JupyterNotebookPath(key, "scratch")}
		}},
		{"dataiku_project_bundle", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// One bundle published, one not, as a release process leaves them.
			acctest.MustDo(t, c.ExportBundle(ctx, key, "v1.0", ""))
			acctest.MustDo(t, c.ExportBundle(ctx, key, "v1.1", ""))
			acctest.MustDo(t, c.PublishBundle(ctx, key, "v1.0", ""))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.PublishedProjectPath(key), nil, nil) })
			return []adoptImport{{"dataiku_project_bundle.v1_0", key + ".v1.0"}, {"dataiku_project_bundle.v1_1", key + ".v1.1"}}, []string{dss.BundlesPath(key)}
		}},
		{"dataiku_api_service_package", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As the bundle's: one package published, one not, of a
			// service made in the API Designer.
			svc := "scoring_" + strings.ToLower(key)
			acctest.MustDo(t, c.CreateAPIService(ctx, key, svc))
			acctest.MustDo(t, c.CreateAPIServicePackage(ctx, key, svc, "v1.0", "first"))
			acctest.MustDo(t, c.CreateAPIServicePackage(ctx, key, svc, "v1.1", ""))
			acctest.MustDo(t, c.PublishAPIServicePackage(ctx, key, svc, "v1.0", ""))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.PublishedAPIServicePath(svc), nil, nil) })
			return []adoptImport{{"dataiku_api_service_package.v1_0", key + "." + svc + ".v1.0"}, {"dataiku_api_service_package.v1_1", key + "." + svc + ".v1.1"}},
				[]string{dss.APIServicePath(key, svc) + "/packages"}
		}},
		{"dataiku_project_deployer_infra", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As an administrator sets one up in the deployer's UI.
			id := "adopt-" + strings.ToLower(key)
			acctest.MustDo(t, c.CreateInfra(ctx, id, "Production", "WARN"))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.InfraPath(id), nil, nil) })
			p := dss.Path("project-deployer", "infras", id, "settings")
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["automationNodeUrl"], d["adminApiKey"], d["trustAllSSLCertificates"] = "https://auto.example.com", "Hand-made-auto-key", true
				d["permissions"] = []any{map[string]any{"group": acctest.AliceGroup, "read": true, "deploy": true, "admin": false}}
			})
			return []adoptImport{{"dataiku_project_deployer_infra.prod", id}}, []string{p}
		}},
		{"dataiku_api_deployer_infra", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As an administrator sets one up in the API Deployer's UI:
			// two API nodes, one with a graphite prefix, and permissions.
			id := "adopt-api-" + strings.ToLower(key)
			acctest.MustDo(t, c.CreateAPIInfra(ctx, dss.APIInfraCreate{ID: id, Stage: "Production", Type: "STATIC", GovernCheckPolicy: "WARN"}))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.APIInfraPath(id), nil, nil) })
			p := dss.APIInfraSettingsDoc(id).Path()
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["apiNodes"] = []any{
					map[string]any{"url": "https://api-1.example.com:12000", "adminAPIKey": "Hand-made-node-key", "graphitePrefix": "prod.n1"},
					map[string]any{"url": "https://api-2.example.com:12000", "adminAPIKey": "Hand-made-node-key-2"},
				}
				d["permissions"] = []any{map[string]any{"group": acctest.AliceGroup, "read": true, "deploy": true, "admin": false}}
			})
			return []adoptImport{{"dataiku_api_deployer_infra.api", id}}, []string{p}
		}},
		{"dataiku_published_project", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Made by a publish (the bundle case published into key), then
			// given permissions in the deployer's UI.
			p := dss.Path("project-deployer", "projects", key, "settings")
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["permissions"] = []any{map[string]any{"group": acctest.AliceGroup, "read": true, "write": false, "deploy": true, "admin": false}}
			})
			return []adoptImport{{"dataiku_published_project.sales", key}}, []string{p}
		}},
		{"dataiku_published_api_service", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As an administrator makes one in the API Deployer's UI and
			// gives it permissions.
			id := "adopt-svc-" + strings.ToLower(key)
			acctest.MustDo(t, c.CreatePublishedAPIService(ctx, id))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.PublishedAPIServicePath(id), nil, nil) })
			p := dss.PublishedAPIServiceSettingsDoc(id).Path()
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["permissions"] = []any{map[string]any{"group": acctest.AliceGroup, "read": true, "write": false, "deploy": true, "admin": false}}
			})
			return []adoptImport{{"dataiku_published_api_service.churn", id}}, []string{p}
		}},
		{"dataiku_api_deployment", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// On the infrastructure of the API infra case (which has API
			// nodes), a version of the service case's service, deployed
			// and tagged in the API Deployer's UI.
			svc, id := "adopt-svc-"+strings.ToLower(key), "adopt-apidep-"+strings.ToLower(key)
			var zb bytes.Buffer
			acctest.MustDo(t, zip.NewWriter(&zb).Close())
			acctest.MustDo(t, c.ImportAPIServiceVersion(ctx, svc, "v1.zip", zb.Bytes()))
			acctest.MustDo(t, c.CreateAPIDeployment(ctx, dss.APIDeploymentCreate{DeploymentID: id, PublishedServiceID: svc, InfraID: "adopt-api-" + strings.ToLower(key), Version: "v1"}, false))
			p := dss.APIDeploymentSettingsDoc(id, false).Path()
			updateDoc(t, c, ctx, p, func(d map[string]any) { d["tags"] = []any{"prod"} })
			acctest.MustDo(t, c.UpdateAPIDeployment(ctx, id))
			t.Cleanup(func() {
				_, _, _ = dss.APIDeploymentSettingsDoc(id, false).Update(context.Background(), c, func(s *dss.APIDeploymentSettings) error {
					no := false
					s.Enabled = &no
					return nil
				})
				_ = c.DeleteAPIDeployment(context.Background(), id, false)
			})
			return []adoptImport{{"dataiku_api_deployment.churn_prod", id}}, []string{p}
		}},
		{"dataiku_project_deployment", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// On the infrastructure of the infra case, from the bundle the
			// bundle case published; disabled and updated, so that no
			// automation node is needed and the import plans no update.
			id := key + "-adopted"
			acctest.MustDo(t, c.CreateDeployment(ctx, dss.DeploymentCreate{DeploymentID: id, PublishedProjectKey: key, InfraID: "adopt-" + strings.ToLower(key), BundleID: "v1.0"}))
			p := dss.Path("project-deployer", "deployments", id, "settings")
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["enabled"] = false
				d["localVariables"] = map[string]any{"env": "prod"}
			})
			acctest.MustDo(t, c.UpdateDeployment(ctx, id))
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.DeploymentPath(id), nil, nil) })
			return []adoptImport{{"dataiku_project_deployment.prod", id}}, []string{p}
		}},
		{"dataiku_data_quality_rule", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			rule := dss.DataQualityRule{Type: "ColumnNotEmptyRule", DisplayName: "id is set"}
			acctest.MustDo(t, rule.SetConfigField("column", "id"))
			r, err := c.CreateDataQualityRule(ctx, key, "orders", rule)
			acctest.MustDo(t, err)
			rng := dss.DataQualityRule{Type: "ColumnAvgInRangeRule", DisplayName: "average amount"}
			acctest.MustDo(t, rng.SetConfigField("column", "amount"))
			acctest.MustDo(t, rng.SetConfigField("minimum", 1))
			acctest.MustDo(t, rng.SetConfigField("minimumEnabled", true))
			r2, err := c.CreateDataQualityRule(ctx, key, "orders", rng)
			acctest.MustDo(t, err)
			// The shapes of DSS 14's rule editor: columns as a list, a
			// threshold type, drift parameters.
			uniq := dss.DataQualityRule{Type: "ColumnUniqueValuesRule", DisplayName: "id is unique"}
			acctest.MustDo(t, uniq.SetConfigField("columns", []any{"id"}))
			acctest.MustDo(t, uniq.SetConfigField("thresholdType", "ENTIRE_COLUMN"))
			r3, err := c.CreateDataQualityRule(ctx, key, "orders", uniq)
			acctest.MustDo(t, err)
			drift := dss.DataQualityRule{Type: "DriftRecordCountRule", DisplayName: "row count drift"}
			acctest.MustDo(t, drift.SetConfigField("driftParams", map[string]any{"iqrFactor": 1.5, "iqrFactorEnabled": true, "lookbackPeriod": 7, "periodUnit": "DAY"}))
			r4, err := c.CreateDataQualityRule(ctx, key, "orders", drift)
			acctest.MustDo(t, err)
			return []adoptImport{{"dataiku_data_quality_rule.id_set", key + ".orders." + r.ID}, {"dataiku_data_quality_rule.avg", key + ".orders." + r2.ID},
					{"dataiku_data_quality_rule.unique", key + ".orders." + r3.ID}, {"dataiku_data_quality_rule.drift", key + ".orders." + r4.ID}},
				[]string{dss.DataQualityRulesPath(key, "orders")}
		}},
		{"dataiku_group", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			name := strings.ToLower(key) + "_eng"
			acctest.MustDo(t, c.Post(ctx, dss.Path("admin", "groups")+"/", nil, map[string]any{"name": name, "description": "Data engineers", "sourceType": "LOCAL"}, nil))
			t.Cleanup(func() { _ = c.DeleteGroup(context.Background(), name) })
			p := dss.Path("admin", "groups", name)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["ldapGroupNames"] = []any{"data-engineers", "etl-admins"}
				d["mayCreateProjects"] = true
				d["mayWriteUnsafeCode"] = true
				d["mayManageCodeEnvs"] = true
			})
			ops := strings.ToLower(key) + "_ops"
			acctest.MustDo(t, c.Post(ctx, dss.Path("admin", "groups")+"/", nil, map[string]any{"name": ops, "description": "", "sourceType": "LOCAL"}, nil))
			t.Cleanup(func() { _ = c.DeleteGroup(context.Background(), ops) })
			pOps := dss.Path("admin", "groups", ops)
			updateDoc(t, c, ctx, pOps, func(d map[string]any) { d["admin"] = true })
			return []adoptImport{{"dataiku_group.eng", name}, {"dataiku_group.ops", ops}}, []string{p, pOps}
		}},
		{"dataiku_user", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			login := strings.ToLower(key) + "_carol"
			pw := "Hand-made-pw-1!"
			acctest.MustDo(t, c.CreateUser(ctx, dss.NewUser{Login: login, Password: &pw, DisplayName: "Carol", Email: "carol@example.com", Groups: []string{acctest.AliceGroup}}))
			t.Cleanup(func() { _ = c.DeleteUser(context.Background(), login) })
			p := dss.Path("admin", "users", login)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["adminProperties"] = map[string]any{"team": "sales"}
				d["userProperties"] = map[string]any{"theme": "dark"}
			})
			ldap := strings.ToLower(key) + "_dave"
			acctest.MustDo(t, c.CreateUser(ctx, dss.NewUser{Login: ldap, DisplayName: "Dave", SourceType: "LDAP", UserProfile: "READER"}))
			t.Cleanup(func() { _ = c.DeleteUser(context.Background(), ldap) })
			p2 := dss.Path("admin", "users", ldap)
			updateDoc(t, c, ctx, p2, func(d map[string]any) { d["enabled"] = false })
			return []adoptImport{{"dataiku_user.carol", login}, {"dataiku_user.dave", ldap}}, []string{p, p2}
		}},
		{"dataiku_api_key", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			k, err := c.CreateGlobalAPIKey(ctx, dss.NewGlobalAPIKey{Label: "etl-" + key, Description: "made by hand", Groups: []string{acctest.AliceGroup}})
			acctest.MustDo(t, err)
			t.Cleanup(func() { _ = c.DeleteGlobalAPIKey(context.Background(), k.ID) })
			adm, err := c.CreateGlobalAPIKey(ctx, dss.NewGlobalAPIKey{Label: "ops-" + key, Admin: true})
			acctest.MustDo(t, err)
			t.Cleanup(func() { _ = c.DeleteGlobalAPIKey(context.Background(), adm.ID) })
			return []adoptImport{{"dataiku_api_key.etl", k.ID}, {"dataiku_api_key.ops", adm.ID}},
				[]string{dss.Path("admin", "global-api-keys", k.ID), dss.Path("admin", "global-api-keys", adm.ID)}
		}},
		{"dataiku_personal_api_key", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			k, err := c.CreatePersonalAPIKeyFor(ctx, acctest.AliceLogin, "laptop-"+key, "by hand")
			acctest.MustDo(t, err)
			t.Cleanup(func() { _ = c.DeletePersonalAPIKey(context.Background(), k.ID) })
			return []adoptImport{{"dataiku_personal_api_key.laptop", k.ID}}, []string{dss.Path("personal-api-keys", k.ID)}
		}},
		{"dataiku_connection", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			name := strings.ToLower(key) + "_dwh"
			acctest.MustDo(t, c.CreateConnection(ctx, dss.NewConnection{Name: name, Type: "PostgreSQL", Description: "Warehouse",
				Params: dss.Object{"host": "db.example.com", "port": 5432, "db": "dwh", "user": "etl", "password": "Hand-made-db-pw",
					"properties": []any{}}, UsableBy: "ALLOWED", AllowedGroups: []string{acctest.AliceGroup}}))
			t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), name) })
			s3 := strings.ToLower(key) + "_s3"
			acctest.MustDo(t, c.CreateConnection(ctx, dss.NewConnection{Name: s3, Type: "EC2",
				Params: dss.Object{"credentialsMode": "KEYPAIR", "accessKey": "AKIAHANDMADE", "secretKey": "Hand-made-s3-secret", "defaultManagedBucket": "lake"}}))
			t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), s3) })
			updateDoc(t, c, ctx, dss.Path("admin", "connections", s3), func(d map[string]any) {
				d["detailsReadability"] = map[string]any{"readableBy": "ALLOWED", "allowedGroups": []any{acctest.AliceGroup}}
			})
			sf := strings.ToLower(key) + "_sf"
			acctest.MustDo(t, c.CreateConnection(ctx, dss.NewConnection{Name: sf, Type: "Snowflake",
				Params: dss.Object{"host": "acme.snowflakecomputing.com", "db": "ANALYTICS", "warehouse": "WH",
					"basicCredential": map[string]any{"user": "svc_dss", "password": "Hand-made-sf-pw"}}}))
			t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), sf) })
			return []adoptImport{{"dataiku_connection.dwh", name}, {"dataiku_connection.lake", s3}, {"dataiku_connection.sf", sf}},
				[]string{dss.Path("admin", "connections", name), dss.Path("admin", "connections", s3), dss.Path("admin", "connections", sf)}
		}},
		{"dataiku_code_env", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			name := strings.ToLower(key) + "-py"
			f, err := c.CreateCodeEnv(ctx, "PYTHON", name, dss.CodeEnvCreate{DeploymentMode: "DESIGN_MANAGED", PythonInterpreter: "PYTHON311", InstallCorePackages: true})
			acctest.MustDo(t, err)
			_, err = c.WaitFuture(ctx, f, true)
			acctest.MustDo(t, err)
			t.Cleanup(func() {
				if f, err := c.DeleteCodeEnv(context.Background(), "PYTHON", name); err == nil {
					_, _ = c.WaitFuture(context.Background(), f, false)
				}
			})
			p := dss.CodeEnvPath("PYTHON", name)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["specPackageList"] = "pandas==2.2.2\nrequests\n"
			})
			f, err = c.UpdateCodeEnvPackages(ctx, "PYTHON", name, false)
			acctest.MustDo(t, err)
			_, err = c.WaitFuture(ctx, f, true)
			acctest.MustDo(t, err)
			rName := strings.ToLower(key) + "-r"
			f, err = c.CreateCodeEnv(ctx, "R", rName, dss.CodeEnvCreate{DeploymentMode: "DESIGN_MANAGED", InstallCorePackages: true})
			acctest.MustDo(t, err)
			_, err = c.WaitFuture(ctx, f, true)
			acctest.MustDo(t, err)
			ext := strings.ToLower(key) + "-ext"
			f, err = c.CreateCodeEnv(ctx, "PYTHON", ext, dss.CodeEnvCreate{DeploymentMode: "DESIGN_NON_MANAGED", PythonInterpreter: "PYTHON39"})
			acctest.MustDo(t, err)
			_, err = c.WaitFuture(ctx, f, true)
			acctest.MustDo(t, err)
			t.Cleanup(func() {
				for _, e := range [][2]string{{"R", rName}, {"PYTHON", ext}} {
					if f, err := c.DeleteCodeEnv(context.Background(), e[0], e[1]); err == nil {
						_, _ = c.WaitFuture(context.Background(), f, false)
					}
				}
			})
			pExt := dss.CodeEnvPath("PYTHON", ext)
			updateDoc(t, c, ctx, pExt, func(d map[string]any) {
				d["permissions"] = []any{map[string]any{"group": acctest.AliceGroup, "use": true, "update": false, "manage": false}}
				d["usableByAll"] = false
			})
			return []adoptImport{{"dataiku_code_env.py", "PYTHON/" + name}, {"dataiku_code_env.r", "R/" + rName}, {"dataiku_code_env.ext", "PYTHON/" + ext}},
				[]string{p, dss.CodeEnvPath("R", rName), pExt}
		}},
		{"dataiku_plugin", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Installed from the store and from git: the import reads where
			// from, so the generated configuration names the same source.
			id := strings.ToLower(key) + "-store"
			installStorePlugin(t, c, id, "2.1.0")
			gitID := strings.ToLower(key) + "-git"
			repo := acctest.PluginGitRepo(t, gitID, map[string]string{"v3": "3.0.0"})
			acctest.PluginOutside(t, c, gitID, dss.PluginSource{GitURL: "file://" + repo, GitCheckout: "v3", GitSubpath: "sub"})
			return []adoptImport{{"dataiku_plugin.store", id}, {"dataiku_plugin.git", gitID}},
				[]string{dss.PluginPath(id) + "/settings", dss.PluginPath(gitID) + "/settings"}
		}},
		{"dataiku_plugin_preset", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Presets made in the plugin's settings page, one holding a
			// secret: the import leaves it out of the state and generated.tf.
			id := strings.ToLower(key) + "-presets"
			installStorePlugin(t, c, id, "1.0.0")
			_, _, err := c.UpdatePluginSettings(ctx, id, func(d *dss.FreeObject) error {
				(*d)["presets"] = []any{
					map[string]any{"name": "prod", "type": "parameter-set-creds", "config": map[string]any{"endpoint": "https://api.example.com", "apiToken": "Hand-made-preset-token"},
						"pluginConfig": map[string]any{}, "defaultPermission": map[string]any{}, "permissions": []any{map[string]any{"group": acctest.AliceGroup, "use": true}}},
					map[string]any{"name": "dev", "type": "parameter-set-creds", "config": map[string]any{}, "pluginConfig": map[string]any{}, "defaultPermission": map[string]any{}, "permissions": []any{}},
				}
				return nil
			})
			acctest.MustDo(t, err)
			return []adoptImport{{"dataiku_plugin_preset.prod", id + "/parameter-set-creds/prod"}, {"dataiku_plugin_preset.dev", id + "/parameter-set-creds/dev"}},
				[]string{dss.PluginPath(id) + "/settings"}
		}},
		{"dataiku_plugin_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A plugin's settings set in DSS, one parameter a secret: the
			// import leaves it out of the state and generated.tf.
			id := strings.ToLower(key) + "-settings"
			installStorePlugin(t, c, id, "1.0.0")
			_, _, err := c.UpdatePluginSettings(ctx, id, func(d *dss.FreeObject) error {
				(*d)["config"] = map[string]any{"maxRows": 1000, "mode": "fast", "servicePassword": "Hand-made-plugin-pw"}
				(*d)["parameterSets"] = []any{map[string]any{"name": "creds", "desc": map[string]any{}}}
				return nil
			})
			acctest.MustDo(t, err)
			return []adoptImport{{"dataiku_plugin_settings.s", id}}, []string{dss.PluginPath(id) + "/settings"}
		}},
		{"dataiku_cluster", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			id, err := c.CreateCluster(ctx, strings.ToLower(key)+"-hadoop", "manual", "HADOOP",
				[]byte(`{"hadoopConf":{"fs.defaultFS":"hdfs://nn:8020"},"secretKey":"Hand-made-cluster-secret"}`))
			acctest.MustDo(t, err)
			k8s, err := c.CreateCluster(ctx, strings.ToLower(key)+"-k8s", "manual", "KUBERNETES", nil)
			acctest.MustDo(t, err)
			t.Cleanup(func() {
				_ = c.Delete(context.Background(), dss.ClusterPath(id), nil, nil)
				_ = c.Delete(context.Background(), dss.ClusterPath(k8s), nil, nil)
			})
			return []adoptImport{{"dataiku_cluster.hadoop", id}, {"dataiku_cluster.k8s", k8s}}, []string{dss.ClusterPath(id), dss.ClusterPath(k8s)}
		}},
		{"dataiku_workspace", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A workspace made in DSS: the creator's entry DSS adds, an entry
			// with write but not read, no description, and a field the
			// resource does not model.
			ws := key + "_WS"
			acctest.MustDo(t, c.CreateWorkspace(ctx, dss.WorkspaceCreate{Key: ws, DisplayName: "Hand-made workspace",
				Permissions: &[]dss.WorkspacePermission{{Group: acctest.AliceGroup, Write: new(true)}}}))
			t.Cleanup(func() { _ = c.DeleteWorkspace(context.Background(), ws) })
			updateDoc(t, c, ctx, dss.WorkspacePath(ws), func(d map[string]any) { d["layout"] = map[string]any{"pinned": []any{"dashboards"}} })
			return []adoptImport{{"dataiku_workspace.hand_made", ws}}, []string{dss.WorkspacePath(ws)}
		}},
		{"dataiku_workspace_object", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// What a workspace shares, added in DSS: one object of each form.
			ws := key + "_WSO"
			acctest.MustDo(t, c.CreateWorkspace(ctx, dss.WorkspaceCreate{Key: ws, DisplayName: "Shared by hand"}))
			t.Cleanup(func() { _ = c.DeleteWorkspace(context.Background(), ws) })
			var imports []adoptImport
			for name, o := range map[string]dss.WorkspaceObject{
				"orders": {Reference: &dss.WorkspaceObjectReference{ProjectKey: key, Type: "DATASET", ID: "orders"}},
				"app":    {AppID: "SALES_APP"},
				"link":   {HTMLLink: &dss.WorkspaceHTMLLink{Name: "Handbook", URL: "https://intranet.example.com/handbook"}},
			} {
				created, err := c.AddWorkspaceObject(ctx, ws, o)
				acctest.MustDo(t, err)
				imports = append(imports, adoptImport{"dataiku_workspace_object." + name, ws + "/" + created.ID})
			}
			return imports, []string{dss.WorkspaceObjectsPath(ws)}
		}},
		{"dataiku_data_collection", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// As real DSS documents come: one made with no description and an
			// entry whose rights are not normalised (write without read) and
			// hold a key the resource does not model; another with an id
			// chosen at creation. DSS adds the admin key's user as admin to
			// both, which the import leaves to DSS.
			shared, err := c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{DisplayName: key + " shared", Tags: []string{"adopted"},
				Permissions: []dss.DataCollectionPermission{{Group: acctest.AliceGroup, Read: new(true)}}})
			acctest.MustDo(t, err)
			p := dss.DataCollectionDoc(shared).Path()
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				perms, _ := d["permissions"].([]any)
				d["permissions"] = append(perms, map[string]any{"group": "data_team", "write": true, "read": false, "addedBy": "ui"})
			})
			chosen, err := c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{ID: new("adoptDc1"), DisplayName: key + " chosen",
				Description: new("Chosen id"), Color: new("#aa0011")})
			acctest.MustDo(t, err)
			t.Cleanup(func() {
				_ = c.DeleteDataCollection(context.Background(), shared)
				_ = c.DeleteDataCollection(context.Background(), chosen)
			})
			return []adoptImport{{"dataiku_data_collection.shared", shared}, {"dataiku_data_collection.chosen", chosen}},
				[]string{p, dss.DataCollectionDoc(chosen).Path()}
		}},
		{"dataiku_data_collection_dataset", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A collection holding the project's orders, as the catalogue's
			// "add to collection" does.
			id, err := c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{DisplayName: key + " datasets"})
			acctest.MustDo(t, err)
			t.Cleanup(func() { _ = c.DeleteDataCollection(context.Background(), id) })
			acctest.MustDo(t, c.AddDatasetToDataCollection(ctx, id, key, "orders"))
			return []adoptImport{{"dataiku_data_collection.datasets", id}, {"dataiku_data_collection_dataset.orders", id + "/" + key + ".orders"}},
				[]string{dss.DataCollectionObjectsPath(id)}
		}},
		{"dataiku_messaging_channel", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A mail channel with a password (never generated: DSS keeps it),
			// nested session properties and restricted permissions; a shell
			// channel as dataikuapi's creator makes it, usable by anyone.
			mail, shell := "adopt-mail-"+strings.ToLower(key), "adopt shell "+strings.ToLower(key)
			_, err := c.CreateMessagingChannel(ctx, dss.CreateMessagingChannelRequest{ID: mail, Type: "smtp",
				Configuration: dss.Object{"host": "smtp.example.com", "port": 465, "useSSL": true, "password": "adopt-Mail-S3cret",
					"sessionProperties": []any{map[string]any{"key": "mail.smtp.timeout", "value": "5000"}}},
				Permissions: []dss.MessagingChannelPermission{{Group: acctest.AliceGroup, CanUse: true}, {User: acctest.BobLogin, CanUse: false}}})
			acctest.MustDo(t, err)
			_, err = c.CreateMessagingChannel(ctx, dss.CreateMessagingChannelRequest{ID: shell, Type: "shell",
				Configuration: dss.Object{"type": "COMMAND", "command": "echo ${message}"}})
			acctest.MustDo(t, err)
			t.Cleanup(func() {
				_ = c.DeleteMessagingChannel(context.Background(), mail)
				_ = c.DeleteMessagingChannel(context.Background(), shell)
			})
			return []adoptImport{{"dataiku_messaging_channel.mail", mail}, {"dataiku_messaging_channel.shell", shell}},
				[]string{dss.MessagingChannelSettingsDoc(mail).Path(), dss.MessagingChannelPermissionsDoc(mail).Path(), dss.MessagingChannelSettingsDoc(shell).Path()}
		}},
		{"dataiku_meaning", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A values list with colors and a key the resource does not
			// model, and a declarative meaning whose definition holds no
			// lists at all; DSS's API cannot delete them (the emulator's
			// hook does, as DSS's UI would).
			list, declared := "adopt_country_"+strings.ToLower(key), "adopt_declared_"+strings.ToLower(key)
			acctest.MustDo(t, c.CreateMeaning(ctx, &dss.Meaning{ID: list, Label: "Country", Type: dss.MeaningTypeValuesList, NormalizationMode: "LOWERCASE",
				Entries: []dss.MeaningEntry{{Value: "FR", Color: new("#0000ff")}, {Value: "DE"}}}))
			updateDoc(t, c, ctx, dss.MeaningDoc(list).Path(), func(d map[string]any) { d["uiHint"] = map[string]any{"icon": "flag"} })
			acctest.MustDo(t, c.CreateMeaning(ctx, &dss.Meaning{ID: declared, Label: "Declared", Type: dss.MeaningTypeDeclarative}))
			updateDoc(t, c, ctx, dss.MeaningDoc(declared).Path(), func(d map[string]any) { delete(d, "entries"); delete(d, "mappings") })
			if em := acctest.Emulator(t); em != nil {
				t.Cleanup(func() { em.Server.DeleteMeaningOutside(list); em.Server.DeleteMeaningOutside(declared) })
			}
			return []adoptImport{{"dataiku_meaning.country", list}, {"dataiku_meaning.declared", declared}}, []string{dss.MeaningDoc(list).Path()}
		}},
		{"dataiku_project_standards_check", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A check made from its spec in DSS's UI, then given a name,
			// tags, a changed param and a key the resource does not model.
			made, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_max-datasets"})
			acctest.MustDo(t, err)
			id := made[0].ID
			t.Cleanup(func() { _ = c.Delete(context.Background(), dss.ProjectStandardsCheckPath(id), nil, nil) })
			updateDoc(t, c, ctx, dss.ProjectStandardsCheckPath(id), func(d map[string]any) {
				d["name"], d["tags"], d["uiState"] = key+" small flows", []any{"flow"}, map[string]any{"expanded": true}
				d["checkParams"].(map[string]any)["threshold"] = 42
			})
			return []adoptImport{{"dataiku_project_standards_check.small_flows", id}}, []string{dss.ProjectStandardsCheckPath(id)}
		}},
		{"dataiku_project_standards_scope", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// A scope by folder with a check, and one by project with none;
			// the default scope is DSS's and not adopted.
			made, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_project-description"})
			acctest.MustDo(t, err)
			check := made[0].ID
			byFolder, byProject := strings.ToLower(key)+"-folders", strings.ToLower(key)+"-projects"
			acctest.MustDo(t, c.CreateProjectStandardsScope(ctx, dss.ProjectStandardsScope{Name: byFolder, Description: "By folder",
				SelectionMethod: "BY_FOLDER", SelectedFolders: []string{"ROOT"}, Checks: []string{check}}))
			acctest.MustDo(t, c.CreateProjectStandardsScope(ctx, dss.ProjectStandardsScope{Name: byProject, SelectionMethod: "BY_PROJECT",
				SelectedProjects: []string{key}}))
			t.Cleanup(func() {
				_ = c.Delete(context.Background(), dss.ProjectStandardsScopePath(byFolder), nil, nil)
				_ = c.Delete(context.Background(), dss.ProjectStandardsScopePath(byProject), nil, nil)
				_ = c.Delete(context.Background(), dss.ProjectStandardsCheckPath(check), nil, nil)
			})
			return []adoptImport{{"dataiku_project_standards_check.described", check}, {"dataiku_project_standards_scope.by_folder", byFolder},
					{"dataiku_project_standards_scope.by_project", byProject}},
				[]string{dss.ProjectStandardsScopePath(byFolder), dss.ProjectStandardsScopePath(byProject)}
		}},
		{"dataiku_project_standards_default_scope", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// The default scope DSS makes, given a check in DSS's screens.
			made, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_max-datasets"})
			acctest.MustDo(t, err)
			check := made[0].ID
			def, err := c.ProjectStandardsDefaultScope(ctx)
			acctest.MustDo(t, err)
			setChecks := func(ctx context.Context, checks []string) error {
				_, _, err := dss.ProjectStandardsScopeDoc(def.Name).Update(ctx, c, func(d *dss.ProjectStandardsScope) error { d.Checks = checks; return nil })
				return err
			}
			acctest.MustDo(t, setChecks(ctx, []string{check}))
			t.Cleanup(func() {
				_ = setChecks(context.Background(), def.Checks)
				_ = c.Delete(context.Background(), dss.ProjectStandardsCheckPath(check), nil, nil)
			})
			return []adoptImport{{"dataiku_project_standards_check.reviewed", check},
					{"dataiku_project_standards_default_scope.this", instance.ProjectStandardsDefaultScopeID}},
				[]string{dss.Path("project-standards", "default-scope")}
		}},
		{"dataiku_container_exec_config", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Two configs made in DSS's settings page, one with groups and
			// properties and a key the resource does not model.
			p := dss.Path("admin", "general-settings")
			restoreAtEnd(t, c, ctx, p)
			name := strings.ToLower(key) + "-k8s"
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["containerSettings"] = map[string]any{"executionConfigs": []any{
					map[string]any{"name": name, "type": "KUBERNETES", "usableBy": "ALLOWED", "allowedGroups": []any{acctest.AliceGroup},
						"kubernetesNamespace": "dss-jobs", "cpuLimit": "2", "memoryLimit": "4Gi", "dockerNetwork": "host",
						"properties": []any{map[string]any{"key": "dku.sa", "value": "dss"}}},
					map[string]any{"name": name + "-small", "type": "KUBERNETES", "usableBy": "ALL", "allowedGroups": []any{}, "cpuRequest": "500m"},
				}}
			})
			return []adoptImport{{"dataiku_container_exec_config.big", name}, {"dataiku_container_exec_config.small", name + "-small"}}, nil
		}},
		{"dataiku_code_studio_template_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// The code studios' templates (seeded here when that case has
			// not run), one set in DSS's page to build for one config only.
			if _, err := c.GetCodeStudioTemplate(ctx, "vscode"); err != nil {
				acctest.MustDo(t, acctest.RequireEmulator(t).Server.SetCodeStudioTemplates([]map[string]any{{"id": "vscode", "label": "VS Code"}, {"id": "jupyter"}}))
			}
			_, _, err := dss.CodeStudioTemplateDoc("vscode").Update(ctx, c, func(d *dss.FreeObject) error {
				(*d)["allContainerConfs"] = false
				(*d)["containerConfs"] = []any{strings.ToLower(key) + "-k8s"}
				return nil
			})
			acctest.MustDo(t, err)
			return []adoptImport{{"dataiku_code_studio_template_settings.vscode", "vscode"}, {"dataiku_code_studio_template_settings.jupyter", "jupyter"}},
				[]string{dss.CodeStudioTemplatePath("vscode"), dss.CodeStudioTemplatePath("jupyter")}
		}},
		{"dataiku_instance_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			// Settings holding secrets, as an instance with LDAP and mail
			// has: the import leaves them out of the state and generated.tf.
			p := dss.Path("admin", "general-settings")
			restoreAtEnd(t, c, ctx, p)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				ldap, _ := d["ldapSettings"].(map[string]any)
				if ldap == nil {
					ldap = map[string]any{}
				}
				ldap["bindDN"] = "cn=dss,ou=services"
				ldap["bindPassword"] = "Hand-made-ldap-pw"
				d["ldapSettings"] = ldap
				d["mailSettings"] = map[string]any{"smtp": map[string]any{"host": "mail.example.com", "password": "Hand-made-smtp-pw"}}
			})
			return []adoptImport{{"dataiku_instance_settings.this", instance.GeneralSettingsID}}, []string{p}
		}},
		// The identity providers' settings, each holding its secret (which
		// DSS never returns) and a key naming another secret: the import
		// and generated.tf leave both out.
		{"dataiku_ldap_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			p := dss.LDAPSettingsDoc().Path()
			restoreAtEnd(t, c, ctx, p)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["enabled"] = true
				d["url"] = "ldaps://ldap.example.com:636/dc=example,dc=com"
				d["bindDN"] = "cn=dss,ou=services"
				d["bindPassword"] = "Hand-made-ldap-pw"
				d["authorizedGroups"] = []any{"dss-users"}
			})
			return []adoptImport{{"dataiku_ldap_settings.this", instance.LDAPSettingsID}}, []string{p}
		}},
		{"dataiku_sso_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			p := dss.SSOSettingsDoc().Path()
			restoreAtEnd(t, c, ctx, p)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["protocol"] = "OPENID"
				oid, _ := d["openIDParams"].(map[string]any)
				oid["clientId"] = "dss"
				oid["clientSecret"] = "Hand-made-oidc-secret"
				d["samlSPParams"].(map[string]any)["keystorePassword"] = "Hand-made-keystore-pw"
			})
			return []adoptImport{{"dataiku_sso_settings.this", instance.SSOSettingsID}}, []string{p}
		}},
		{"dataiku_azure_ad_settings", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			p := dss.AzureADSettingsDoc().Path()
			restoreAtEnd(t, c, ctx, p)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["credentialsTenantId"] = "tenant-1"
				d["credentialsClientId"] = "app-1"
				d["credentialsClientSecret"] = "Hand-made-azure-secret"
			})
			return []adoptImport{{"dataiku_azure_ad_settings.this", instance.AzureADSettingsID}}, []string{p}
		}},
		{"dataiku_instance_variables", func(t *testing.T, c *dss.Client, ctx context.Context, key string) ([]adoptImport, []string) {
			p := dss.Path("admin", "variables")
			restoreAtEnd(t, c, ctx, p)
			updateDoc(t, c, ctx, p, func(d map[string]any) {
				d["adopt_env"] = "prod"
				d["adopt_limits"] = map[string]any{"rows": 1000}
			})
			return []adoptImport{{"dataiku_instance_variables.this", instance.InstanceVariablesID}}, []string{p}
		}},
	}
}

// TestGenerateConfigCoversEveryResource keeps the adoption test complete:
// a resource type added to the provider needs a case there.
func TestGenerateConfigCoversEveryResource(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range generateConfigCases() {
		covered[c.resourceType] = true
	}
	for _, name := range providerResourceTypes(t) {
		if !covered[name] {
			t.Errorf("%s has no case in generateConfigCases: adoption (import + generate-config-out) is untested for it", name)
		}
	}
}

// TestAdoptInfoMatchesTheSchemas keeps internal/adoptinfo's list exact:
// every attribute generate-config-out writes as null although DSS may hold
// a value (write-only, or sensitive and configurable) is listed, and every
// listed attribute is one of those.
func TestAdoptInfoMatchesTheSchemas(t *testing.T) {
	listed := map[string]bool{}
	for typ, attrs := range adoptinfo.AfterImport() {
		for _, a := range attrs {
			listed[typ+"."+a.Name] = true
			if a.Version != "" {
				listed[typ+"."+a.Version] = true
			}
		}
	}
	found := map[string]bool{}
	for typeName, s := range acctest.ResourceSchemas(t) {
		for name, a := range s.Attributes {
			if a.IsWriteOnly() || (a.IsSensitive() && a.IsOptional()) {
				found[typeName+"."+name] = true
				if !listed[typeName+"."+name] {
					t.Errorf("%s.%s is generated as null after an import (write-only or sensitive): list it in adoptinfo.AfterImport", typeName, name)
				}
				if v, ok := s.Attributes[name+"_version"]; ok && v.IsOptional() {
					found[typeName+"."+name+"_version"] = true
				}
			}
		}
	}
	for k := range listed {
		if !found[k] {
			t.Errorf("adoptinfo.AfterImport lists %s, which is not a write-only or sensitive attribute (or its version) of the provider", k)
		}
	}
}

// providerResourceTypes are the type names of the provider's resources.
func providerResourceTypes(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, f := range dataiku.New("test")().(*dataiku.DataikuProvider).Resources(context.Background()) {
		resp := &resource.MetadataResponse{}
		f().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "dataiku"}, resp)
		names = append(names, resp.TypeName)
	}
	sort.Strings(names)
	return names
}

// TestAccGenerateConfig_adoptEverything adopts one object or more of every
// resource type in one Terraform directory: import blocks only, then
// generate-config-out, apply, and an empty plan.
func TestAccGenerateConfig_adoptEverything(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.CliSetup(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("ADOPT")
	adoptProject(t, c, ctx, key)

	var imports []adoptImport
	var docs []string
	for _, k := range generateConfigCases() {
		im, d := k.setup(t, c, ctx, key)
		imports = append(imports, im...)
		docs = append(docs, d...)
	}
	var b strings.Builder
	b.WriteString(acctest.CliRequiredProviders + "\nprovider \"dataiku\" {}\n")
	for _, im := range imports {
		fmt.Fprintf(&b, "\nimport {\n  to = %s\n  id = %q\n}\n", im.to, im.id)
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": b.String()})
	before := snapshotDocs(t, c, docs)

	start := time.Now()
	out, code := acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false", "-generate-config-out=generated.tf")
	generated, _ := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if code != 0 {
		t.Fatalf("plan -generate-config-out failed (exit %d):\n%s\n--- generated.tf:\n%s", code, out, generated)
	}
	if w := providerWarnings(out); len(w) > 0 {
		t.Errorf("plan -generate-config-out warned: %q\n%s", w, out)
	}
	t.Logf("generated.tf:\n%s", generated)
	// No secret reaches generated.tf, in clear or in DSS's encrypted form.
	acctest.AssertNoSecret(t, "generated.tf", string(generated), adoptSecrets)
	acctest.AssertNoSecret(t, "generated.tf", string(generated), []string{"e:AES:"})

	applyGeneratedImports(t, c, dir, generated, len(imports), before)
	t.Logf("adopted %d objects of %d resource types in %s", len(imports), len(generateConfigCases()), time.Since(start).Round(time.Millisecond))

	// What adoptinfo.AfterImport says to add by hand: a LOCAL user's
	// password and a connection's secrets, each with its version = 1.
	// The apply sends them (an update in place), DSS's documents change
	// only there, and the next plan is empty again.
	const newPassword, newDBPassword = "Adopted-pw-2!", "Adopted-db-pw-2"
	edited := addByHand(t, string(generated), `resource "dataiku_user" "carol"`, map[string]string{
		"password_wo": fmt.Sprintf("%q", newPassword), "password_wo_version": "1"})
	edited = addByHand(t, edited, `resource "dataiku_connection" "dwh"`, map[string]string{
		"secret_params_wo": fmt.Sprintf("jsonencode({ password = %q })", newDBPassword), "secret_params_wo_version": "1"})
	acctest.MustDo(t, os.WriteFile(filepath.Join(dir, "generated.tf"), []byte(edited), 0o600))
	conn := dss.Path("admin", "connections", strings.ToLower(key)+"_dwh")
	connBefore := snapshotDocs(t, c, []string{conn})[conn]
	out, code = acctest.TerraformRun(t, dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if code != 0 || !strings.Contains(out, "0 added, 2 changed, 0 destroyed") {
		t.Fatalf("apply with the secrets added by hand (exit %d):\n%s", code, acctest.MaskSecrets(out, []string{newPassword, newDBPassword}))
	}
	if acctest.Emulator(t) != nil {
		acctest.MustDo(t, acctest.UserPasswordIs(t, strings.ToLower(key)+"_carol", newPassword))
	}
	if after := snapshotDocs(t, c, []string{conn})[conn]; after == connBefore {
		t.Errorf("the connection's secret was not sent: DSS still holds %s", after)
	}
	out, code = acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("the plan after adding the secrets is not empty (exit %d):\n%s", code, acctest.MaskSecrets(out, []string{newPassword, newDBPassword}))
	}
	for name, content := range acctest.StateFiles(t, dir) {
		acctest.AssertNoSecret(t, name, content, []string{newPassword, newDBPassword})
	}

	// The adopted configuration manages what it shows: a change made
	// afterwards in DSS is drift. (A fresh context: the test's first one
	// lasts a minute, less than the applies above take on a busy machine.)
	updateDoc(t, c, acctest.Ctx(t), dss.Path("admin", "groups", strings.ToLower(key)+"_eng"), func(d map[string]any) { d["description"] = "Changed in DSS" })
	out, code = acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false", "-detailed-exitcode")
	if code != 2 || !strings.Contains(out, "dataiku_group.eng will be updated in-place") || !strings.Contains(out, "Plan: 0 to add, 1 to change, 0 to destroy") {
		t.Fatalf("a change made in DSS after the adoption is not shown as drift (exit %d):\n%s", code, out)
	}
}

// addByHand sets attributes in one generated resource block, as a user
// does after an adoption: each `name = ...` line of the block gets value.
func addByHand(t *testing.T, hcl, header string, values map[string]string) string {
	t.Helper()
	start := strings.Index(hcl, header)
	if start < 0 {
		t.Fatalf("no %s in generated.tf", header)
	}
	end := start + strings.Index(hcl[start:], "\n}\n")
	lines := strings.Split(hcl[start:end], "\n")
	for i, l := range lines {
		name, _, ok := strings.Cut(strings.TrimSpace(l), " ")
		if v, set := values[name]; ok && set {
			lines[i] = "  " + name + " = " + v
			delete(values, name)
		}
	}
	if len(values) > 0 {
		t.Fatalf("%s has no attribute lines for %v", header, values)
	}
	return hcl[:start] + strings.Join(lines, "\n") + hcl[end:]
}

// providerWarnings are the warnings of a terraform output but Terraform's
// own about dev_overrides and the experimental config generation.
func providerWarnings(out string) []string {
	var w []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if s, ok := strings.CutPrefix(line, "Warning: "); ok &&
			s != "Provider development overrides are in effect" && s != "Config generation is experimental" {
			w = append(w, s)
		}
	}
	return w
}

// snapshotDocs reads each document as DSS's canonical JSON.
// applyGeneratedImports applies the configuration generated in dir: the
// apply must import exactly imports objects and leave DSS's documents
// (before, by path, from snapshotDocs) as they were, and the next plan
// must be empty. generated.tf is shown when terraform fails.
func applyGeneratedImports(t *testing.T, c *dss.Client, dir string, generated []byte, imports int, before map[string]string) {
	t.Helper()
	out, code := acctest.TerraformRun(t, dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if code != 0 {
		t.Fatalf("apply of the generated configuration failed (exit %d):\n%s\n--- generated.tf:\n%s", code, out, generated)
	}
	if want := fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", imports); !strings.Contains(out, want) {
		t.Errorf("the apply did more or less than import the %d objects (want %q):\n%s", imports, want, out)
	}
	after := snapshotDocs(t, c, slices.Collect(maps.Keys(before)))
	for p := range before {
		if before[p] != after[p] {
			t.Errorf("the adoption changed %s in DSS:\nbefore: %s\nafter:  %s", p, before[p], after[p])
		}
	}
	out, code = acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("the plan after the adoption is not empty (exit %d):\n%s\n--- generated.tf:\n%s", code, out, generated)
	}
}

func snapshotDocs(t *testing.T, c *dss.Client, paths []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range paths {
		var v any
		acctest.MustDo(t, c.Get(acctest.Ctx(t), p, nil, &v))
		b, err := json.Marshal(v)
		acctest.MustDo(t, err)
		out[p] = string(b)
	}
	return out
}
