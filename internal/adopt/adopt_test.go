package adopt

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

func TestIdentifier(t *testing.T) {
	for _, c := range []struct {
		parts []string
		want  string
	}{
		{[]string{"SALES"}, "sales"},
		{[]string{"SALES", "orders"}, "sales_orders"},
		{[]string{"SALES", "Nightly build (v2)"}, "sales_nightly_build_v2"},
		{[]string{"2024_report"}, "_2024_report"},
		// Accents are dropped; what has no ASCII letter under it is not.
		{[]string{"été"}, "ete"},
		{[]string{"Équipe données"}, "equipe_donnees"},
		{[]string{"josé", "straße"}, "jose_stra_e"},
		{[]string{"数据"}, "_"},
		{[]string{"---"}, "_"},
		{[]string{"PYTHON", "py-310"}, "python_py_310"},
		// Hyphens in DSS names (issue 23): disk-usage, compute_disk-usage.
		{[]string{"OPS", "disk-usage"}, "ops_disk_usage"},
		{[]string{"OPS", "compute_disk-usage"}, "ops_compute_disk_usage"},
	} {
		if got := identifier(c.parts...); got != c.want {
			t.Errorf("identifier(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

func TestAssignNamesCollisionsAreStable(t *testing.T) {
	mk := func() []*object {
		return []*object{
			{Kind: names.KindDataset, ID: "SALES.Orders", nameParts: []string{"SALES", "Orders"}},
			{Kind: names.KindDataset, ID: "SALES.orders", nameParts: []string{"SALES", "orders"}},
			{Kind: names.KindDataset, ID: "SALES.items", nameParts: []string{"SALES", "items"}},
			{Kind: names.KindRecipe, ID: "SALES.orders", nameParts: []string{"SALES", "orders"}},
		}
	}
	a, b := mk(), mk()
	b[0], b[1] = b[1], b[0] // list order must not matter
	assignNames(a)
	assignNames(b)
	names := map[string]string{}
	for _, o := range a {
		names[o.Type()+" "+o.ID] = o.Name
	}
	for _, o := range b {
		if names[o.Type()+" "+o.ID] != o.Name {
			t.Errorf("%s: %q in one order, %q in the other", o.ID, names[o.Type()+" "+o.ID], o.Name)
		}
	}
	if a[2].Name != "sales_items" || a[3].Name != "sales_orders" {
		t.Errorf("names without collision got a suffix: %q, %q", a[2].Name, a[3].Name)
	}
	if a[0].Name == a[1].Name || !strings.HasPrefix(a[0].Name, "sales_orders_") || len(a[0].Name) != len("sales_orders_")+6 {
		t.Errorf("colliding names: %q and %q", a[0].Name, a[1].Name)
	}
}

// A hyphenated name and its underscored twin (disk-usage, disk_usage) share
// an identifier: both get a stable hashed suffix, so neither takes the
// other's resource name.
func TestAssignNamesHyphenTwins(t *testing.T) {
	objs := []*object{
		{Kind: names.KindDataset, ID: "OPS.disk-usage", nameParts: []string{"OPS", "disk-usage"}},
		{Kind: names.KindDataset, ID: "OPS.disk_usage", nameParts: []string{"OPS", "disk_usage"}},
	}
	assignNames(objs)
	if objs[0].Name == objs[1].Name || !strings.HasPrefix(objs[0].Name, "ops_disk_usage_") || !strings.HasPrefix(objs[1].Name, "ops_disk_usage_") {
		t.Errorf("twins named %q and %q", objs[0].Name, objs[1].Name)
	}
}

func TestParseKindsAndGlobs(t *testing.T) {
	k, err := parseKinds("project, dataiku_dataset")
	if err != nil || len(k) != 2 || !k["project"] || !k["dataset"] {
		t.Errorf("parseKinds: %v %v", k, err)
	}
	if _, err := parseKinds("project,notebook"); err == nil || !strings.Contains(err.Error(), "valid kinds are: agent, agent_tool, api_deployer_infra, api_deployment, api_key, azure_ad_settings, cluster, code_env") {
		t.Errorf("unknown kind: %v", err)
	}
	if all, _ := parseKinds(""); len(all) != len(allKinds) {
		t.Errorf("default kinds: %d", len(all))
	}
	if g, err := parseGlobs("--projects", "SALES, MKT_*"); err != nil || len(g) != 2 || !matchAny(g, "MKT_EU") || matchAny(g, "FIN") {
		t.Errorf("parseGlobs: %v %v", g, err)
	}
	if _, err := parseGlobs("--projects", "[A-"); err == nil || !strings.Contains(err.Error(), "not a valid pattern") {
		t.Errorf("malformed glob: %v", err)
	}
}

func TestRenderImportsEscapesAndComments(t *testing.T) {
	objs := []*object{
		{Kind: names.KindGroup, ID: "ops ${x}", Name: "ops_x"},
		{Kind: names.KindGroup, ID: "administrators", Name: "administrators", Skip: "built-in"},
	}
	got := string(renderImports("https://dss", objs, []string{"users: forbidden"}))
	for _, want := range []string{`id = "ops $${x}"`, "# Not adopted: dataiku_group.administrators", "# users: forbidden"} {
		if !strings.Contains(got, want) {
			t.Errorf("imports.tf lacks %q:\n%s", want, got)
		}
	}
}

// rewritten runs `dss-adopt references` in a directory holding imports.tf
// and generated.tf as given, and returns generated.tf after the rewrite
// and the directory.
func rewritten(t *testing.T, imports, generated string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{importsFile: imports, generatedFile: generated} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var stderr strings.Builder
	if code := Run(t.Context(), []string{"references", "--out", dir}, &strings.Builder{}, &stderr); code != 0 {
		t.Fatalf("references: exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, generatedFile))
	if err != nil {
		t.Fatal(err)
	}
	return string(b), dir
}

// TestRewriteReferences checks the rewrite on a generated.tf: names of
// adopted objects become references, object keys and names of objects not
// adopted stay literal, and the project's own key stays literal.
func TestRewriteReferences(t *testing.T) {
	got, dir := rewritten(t, `
import {
  to = dataiku_project.sales
  id = "SALES"
}
import {
  to = dataiku_dataset.sales_orders
  id = "SALES.orders"
}
import {
  to = dataiku_dataset.sales_main
  id = "SALES.main"
}
import {
  to = dataiku_connection.pg
  id = "pg"
}
import {
  to = dataiku_group.analysts
  id = "analysts"
}
import {
  to = dataiku_user.corp_j_doe
  id = "CORP\\j doe"
}
import {
  to = dataiku_group.quoted
  id = "Data \"Team\" $${x}"
}
import {
  to = dataiku_group.corp_analysts
  id = "CORP\\analysts"
}
import {
  to = dataiku_exposed_object.sales_exposed_orders
  id = "SALES.DATASET.orders"
}
import {
  to = dataiku_exposed_object.ext_exposed_raw
  id = "EXT.DATASET.raw"
}
import {
  to = dataiku_code_env.python_py311
  id = "PYTHON/py311"
}
import {
  to = dataiku_container_exec_config.k8s
  id = "k8s"
}
import {
  to = dataiku_project_execution_defaults.sales_execution_defaults
  id = "SALES"
}
`, `
resource "dataiku_project" "sales" {
  project_key = "SALES"
  owner       = "CORP\\j doe"
  permissions = [
    { group = "CORP\\analysts", read_project_content = true },
    { group = "Data \"Team\" $${x}", write_project_content = true },
    { user = "CORP\\j doe", admin = true },
    { group = "CORP\\not_adopted", admin = false },
  ]
}
resource "dataiku_dataset" "sales_orders" {
  project_key     = "SALES"
  name            = "orders"
  connection_name = "pg"
}
resource "dataiku_dataset" "mkt_x" {
  project_key     = "MKT"
  name            = "x"
  connection_name = "uploads"
}
resource "dataiku_recipe" "r" {
  project_key = "SALES"
  inputs = {
    main = [{ ref = "orders" }, { ref = "not_adopted" }]
  }
  outputs = {
    "main" = [{ append = "false", ref = "main" }]
  }
}
resource "dataiku_flow_zone" "z" {
  project_key = "SALES"
  items = [
    { id = "orders", type = "DATASET" },
    { id = "orders", type = "RECIPE" },
  ]
}
resource "dataiku_user" "u" {
  groups = ["analysts", "others"]
}
resource "dataiku_user" "corp_j_doe" {
  login  = "CORP\\j doe"
  groups = ["Data \"Team\" $${x}", "CORP\\j doe"]
}
resource "dataiku_personal_api_key" "k" {
  user = "CORP\\j doe"
}
resource "dataiku_personal_api_key" "other" {
  user = "CORP\\j"
}
resource "dataiku_exposed_object" "sales_exposed_orders" {
  project_key = "SALES"
  type        = "DATASET"
  local_name  = "orders"
  targets     = [{ appear_on_flow = false, project_key = "SALES" }, { appear_on_flow = true, project_key = "OTHER" }]
}
resource "dataiku_exposed_object" "ext_exposed_raw" {
  project_key = "EXT"
  type        = "DATASET"
  local_name  = "raw"
}
resource "dataiku_project_execution_defaults" "sales_execution_defaults" {
  project_key                = "SALES"
  python_env_mode            = "EXPLICIT_ENV"
  python_env_name            = "py311"
  r_env_mode                 = "EXPLICIT_ENV"
  r_env_name                 = "py311"
  container_mode             = "EXPLICIT_CONTAINER"
  container_exec_config_name = "k8s"
}
resource "dataiku_project_execution_defaults" "mkt" {
  project_key     = "MKT"
  python_env_mode = "EXPLICIT_ENV"
  python_env_name = "py310"
}
resource "dataiku_recipe" "other" {
  project_key = "OTHER"
  inputs = {
    main = [{ ref = "SALES.orders" }, { ref = "EXT.raw" }, { ref = "SALES.unexposed" }]
  }
}
`)
	expectGenerated(t, got,
		"project_key = \"SALES\"\n", // the project itself
		// Its owner and grantees, written with escapes, by their value.
		"owner       = dataiku_user.corp_j_doe.login\n",
		"{ group = dataiku_group.corp_analysts.name, read_project_content = true }",
		"{ group = dataiku_group.quoted.name, write_project_content = true }",
		"{ user = dataiku_user.corp_j_doe.login, admin = true }",
		`{ group = "CORP\\not_adopted", admin = false }`,
		"project_key     = dataiku_project.sales.project_key",
		"connection_name = dataiku_connection.pg.name",
		`connection_name = "uploads"`,
		`project_key     = "MKT"`,
		"{ ref = dataiku_dataset.sales_orders.name }, { ref = \"not_adopted\" }",
		`"main" = [{ append = "false", ref = dataiku_dataset.sales_main.name }]`,
		`{ id = dataiku_dataset.sales_orders.name, type = "DATASET" }`,
		`{ id = "orders", type = "RECIPE" }`,
		`groups = [dataiku_group.analysts.name, "others"]`,
		// Names written with escapes are matched by their value.
		`groups = [dataiku_group.quoted.name, "CORP\\j doe"]`,
		"user = dataiku_user.corp_j_doe.login\n",
		`user = "CORP\\j"`,
		// An exposure: the object by type, the targets by project.
		"local_name  = dataiku_dataset.sales_orders.name",
		`{ appear_on_flow = false, project_key = dataiku_project.sales.project_key }, { appear_on_flow = true, project_key = "OTHER" }`,
		`local_name  = "raw"`,
		// A foreign input through its exposure (and its project when
		// adopted); one not exposed stays literal.
		`{ ref = "${dataiku_project.sales.project_key}.${dataiku_exposed_object.sales_exposed_orders.local_name}" }`,
		`{ ref = "EXT.${dataiku_exposed_object.ext_exposed_raw.local_name}" }`,
		`{ ref = "SALES.unexposed" }`,
		// Execution defaults: the envs by language (an R env of the
		// Python env's name is another env), the config by name.
		"project_key                = dataiku_project.sales.project_key",
		"python_env_name            = dataiku_code_env.python_py311.name",
		`r_env_name                 = "py311"`,
		"container_exec_config_name = dataiku_container_exec_config.k8s.name",
		`python_env_name = "py310"`,
	)
	// A second rewrite finds nothing left to change.
	if again, err := rewriteReferences(dir); err != nil || again != 0 {
		t.Errorf("second rewrite: %d, %v", again, err)
	}
}

// TestDevOverridden checks when dss-adopt skips terraform init: only when
// the CLI configuration overrides this provider, however its address is
// written, and not when the override is commented out.
func TestDevOverridden(t *testing.T) {
	override := func(lines string) string {
		return "provider_installation {\n  dev_overrides {\n" + lines + "\n  }\n  direct {}\n}\n"
	}
	for _, c := range []struct {
		name, rc string
		want     bool
	}{
		{"short address", override(`    "tf-dataiku/dataiku" = "/build"`), true},
		{"fully-qualified address", override(`    "registry.terraform.io/tf-dataiku/dataiku" = "/build"`), true},
		{"commented out", override("    # \"tf-dataiku/dataiku\" = \"/build\"\n    // \"tf-dataiku/dataiku\" = \"/build\"\n    \"hashicorp/null\" = \"/null\""), false},
		{"another provider", override(`    "hashicorp/null" = "/null"`), false},
		{"filesystem mirror", "provider_installation {\n  filesystem_mirror {\n    path    = \"/mirror\"\n    include = [\"registry.terraform.io/tf-dataiku/*\"]\n  }\n}\n", false},
		{"no file", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "terraformrc")
			if c.rc != "" {
				if err := os.WriteFile(p, []byte(c.rc), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("TF_CLI_CONFIG_FILE", p)
			if got := devOverridden(); got != c.want {
				t.Errorf("devOverridden() = %v, want %v for:\n%s", got, c.want, c.rc)
			}
		})
	}
}

// Saved models, evaluation stores and knowledge banks have no resource:
// refs to them, in recipes' roles and in zones' items, stay literal ids,
// even next to adopted datasets and in a zone item typed like one.
func TestRewriteReferencesLeavesMLObjects(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_dataset.ml_train
  id = "ML.train"
}
`, `
resource "dataiku_recipe" "score" {
  project_key = "ML"
  inputs = {
    main  = [{ ref = "train" }]
    model = [{ ref = "Xm4sT9qa" }]
  }
  outputs = {
    evaluationStore = [{ append = "false", ref = "Ev7cQ2rb" }]
  }
}
resource "dataiku_flow_zone" "z" {
  project_key = "ML"
  items = [
    { id = "Xm4sT9qa", type = "SAVED_MODEL" },
    { id = "train", type = "RETRIEVABLE_KNOWLEDGE" },
  ]
}
`)
	expectGenerated(t, got,
		"main  = [{ ref = dataiku_dataset.ml_train.name }]",
		`model = [{ ref = "Xm4sT9qa" }]`,
		`evaluationStore = [{ append = "false", ref = "Ev7cQ2rb" }]`,
		`{ id = "Xm4sT9qa", type = "SAVED_MODEL" }`,
		`{ id = "train", type = "RETRIEVABLE_KNOWLEDGE" }`,
	)
}

// TestQuotedLiteral: a name as hclwrite writes it in generated.tf, its
// escapes included, decodes to the name itself, which is what the import
// IDs it is matched against hold.
func TestQuotedLiteral(t *testing.T) {
	for _, name := range []string{`CORP\j doe`, `DOMAIN\user`, `Data "Team"`, `a${b}`, `a%{b}`, `$${x}`, "tab\there", `\\server\share`, "équipe", `ends\`} {
		toks := hclwrite.TokensForValue(cty.StringVal(name))
		var src []byte
		for _, tok := range toks[1 : len(toks)-1] {
			src = append(src, tok.Bytes...)
		}
		if got, ok := quotedLiteral(src); !ok || got != name {
			t.Errorf("%q written as %s decodes to %q (ok %t)", name, toks.Bytes(), got, ok)
		}
	}
}

// TestGuideListsEveryKind: the adoption guide's --kinds row names exactly
// the kinds dss-adopt takes (it named 18 of 34 when the instance-level and
// deployer kinds had been added).
func TestGuideListsEveryKind(t *testing.T) {
	guide, err := os.ReadFile(filepath.Join("..", "..", "templates", "guides", "adopt.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("Valid kinds: ((?:`[a-z_]+`(?:, )?)+)\\.").FindSubmatch(guide)
	if m == nil {
		t.Fatal("the guide's --kinds row has no \"Valid kinds: ...\" list")
	}
	var listed []string
	for _, k := range regexp.MustCompile("`([a-z_]+)`").FindAllSubmatch(m[1], -1) {
		listed = append(listed, string(k[1]))
	}
	if !slices.Equal(listed, allKinds) {
		t.Errorf("the guide lists the kinds\n  %v\ndss-adopt takes\n  %v", listed, allKinds)
	}
}

// A wiki article's parent_id points at the adopted parent in the same
// project; a parent not adopted, or an article of another project with the
// same id, stays literal. Markdown holding ${ is left as Terraform wrote it.
func TestReferencesWikiArticleParent(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_wiki_article.sales_runbook
  id = "SALES/aB3dE5f"
}
import {
  to = dataiku_wiki_article.sales_oncall
  id = "SALES/kX9pQ2r"
}
`, `
resource "dataiku_wiki_article" "sales_oncall" {
  project_key = "SALES"
  name        = "On call"
  content     = "Page $${x} then %%{y}.\r\n"
  parent_id   = "aB3dE5f"
}
resource "dataiku_wiki_article" "mkt_notes" {
  project_key = "MKT"
  name        = "Notes"
  parent_id   = "aB3dE5f"
}
resource "dataiku_wiki_article" "sales_orphan" {
  project_key = "SALES"
  name        = "Orphan"
  parent_id   = "zzzzzzz"
}
`)
	expectGenerated(t, got,
		"parent_id   = dataiku_wiki_article.sales_runbook.id",
		`content     = "Page $${x} then %%{y}.\r\n"`,
		`project_key = "MKT"
  name        = "Notes"
  parent_id   = "aB3dE5f"`,
		`parent_id   = "zzzzzzz"`,
	)
}

// A project wiki's home_article_id points at the adopted article of the
// same project; an article of another project with the same id, or one
// not adopted, stays literal.
func TestReferencesProjectWikiHome(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_wiki_article.sales_welcome
  id = "SALES/aB3dE5f"
}
`, `
resource "dataiku_project_wiki" "sales_wiki" {
  project_key     = "SALES"
  home_article_id = "aB3dE5f"
}
resource "dataiku_project_wiki" "mkt_wiki" {
  project_key     = "MKT"
  home_article_id = "aB3dE5f"
}
resource "dataiku_project_wiki" "ops_wiki" {
  project_key     = "OPS"
  home_article_id = "zzzzzzz"
}
`)
	expectGenerated(t, got,
		"home_article_id = dataiku_wiki_article.sales_welcome.id",
		`project_key     = "MKT"
  home_article_id = "aB3dE5f"`,
		`home_article_id = "zzzzzzz"`,
	)
}

// A knowledge bank's images folder becomes a reference to the adopted
// folder of the bank's own project, whether DSS holds its bare id or
// PROJECT.id; another project's folder, or one not adopted, stays
// literal (the folder's id attribute is the bare id, which would name a
// folder of the bank's project). Its connection is a connection's name.
func TestReferencesKnowledgeBankImagesFolder(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_managed_folder.sales_images
  id = "SALES.imgs0001"
}
import {
  to = dataiku_managed_folder.mkt_images
  id = "MKT.imgs0001"
}
import {
  to = dataiku_connection.pinecone_prod
  id = "pinecone_prod"
}
`, `
resource "dataiku_knowledge_bank" "sales_bare" {
  project_key      = "SALES"
  images_folder_id = "imgs0001"
  connection_name  = "pinecone_prod"
}
resource "dataiku_knowledge_bank" "sales_dotted" {
  project_key      = "SALES"
  images_folder_id = "SALES.imgs0001"
}
resource "dataiku_knowledge_bank" "sales_foreign" {
  project_key      = "SALES"
  images_folder_id = "MKT.imgs0001"
}
resource "dataiku_knowledge_bank" "sales_unknown" {
  project_key      = "SALES"
  images_folder_id = "zzzzzzzz"
}
`)
	if n := strings.Count(got, "images_folder_id = dataiku_managed_folder.sales_images.id"); n != 2 {
		t.Errorf("%d references to the SALES folder, want 2 (bare and dotted):\n%s", n, got)
	}
	expectGenerated(t, got,
		`images_folder_id = "MKT.imgs0001"`,
		`images_folder_id = "zzzzzzzz"`,
		"connection_name  = dataiku_connection.pinecone_prod.name",
	)
}

// A retrieval-augmented LLM's knowledge bank becomes a reference to the
// adopted bank of the LLM's own project, whether DSS holds its bare id or
// PROJECT.id; another project's bank, or one not adopted, stays literal.
func TestReferencesRetrievalAugmentedLLMKnowledgeBank(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_knowledge_bank.sales_faq
  id = "SALES.kbFaq001"
}
import {
  to = dataiku_knowledge_bank.mkt_faq
  id = "MKT.kbFaq001"
}
`, `
resource "dataiku_retrieval_augmented_llm" "bare" {
  project_key       = "SALES"
  knowledge_bank_id = "kbFaq001"
}
resource "dataiku_retrieval_augmented_llm" "dotted" {
  project_key       = "SALES"
  knowledge_bank_id = "SALES.kbFaq001"
}
resource "dataiku_retrieval_augmented_llm" "foreign" {
  project_key       = "SALES"
  knowledge_bank_id = "MKT.kbFaq001"
}
resource "dataiku_retrieval_augmented_llm" "unknown" {
  project_key       = "SALES"
  knowledge_bank_id = "zzzzzzzz"
}
`)
	if n := strings.Count(got, "knowledge_bank_id = dataiku_knowledge_bank.sales_faq.id"); n != 2 {
		t.Errorf("%d references to the SALES bank, want 2 (bare and dotted):\n%s", n, got)
	}
	expectGenerated(t, got, `knowledge_bank_id = "MKT.kbFaq001"`, `knowledge_bank_id = "zzzzzzzz"`)
}

// A code studio's owner becomes a reference to the adopted user, and its
// project key to the adopted project; an owner not adopted, and the
// template (no resource), stay literal.
func TestReferencesCodeStudioOwner(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_user.jane
  id = "jane"
}
import {
  to = dataiku_project.sales
  id = "SALES"
}
`, `
resource "dataiku_code_studio" "sales_ide" {
  project_key = "SALES"
  name        = "ide"
  template_id = "vscode"
  owner       = "jane"
}
resource "dataiku_code_studio" "sales_notebooks" {
  project_key = "SALES"
  name        = "notebooks"
  template_id = "jupyter"
  owner       = "admin"
}
`)
	expectGenerated(t, got,
		"owner       = dataiku_user.jane.login",
		`owner       = "admin"`,
		`template_id = "vscode"`,
		"project_key = dataiku_project.sales.project_key",
	)
}

// A template's container_confs reference the adopted execution configs;
// a name no adopted config has stays a literal.
func TestReferencesCodeStudioTemplateContainerConfs(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_container_exec_config.k8s_small
  id = "k8s-small"
}
`, `
resource "dataiku_code_studio_template_settings" "vscode" {
  template_id         = "vscode"
  all_container_confs = false
  container_confs     = ["k8s-small", "k8s-gone"]
}
`)
	expectGenerated(t, got,
		"dataiku_container_exec_config.k8s_small.name",
		`"k8s-gone"`,
		`template_id     = "vscode"`,
	)
	if strings.Contains(got, `"k8s-small"`) {
		t.Errorf("generated.tf still names k8s-small as a literal:\n%s", got)
	}
}

// expectGenerated fails t for each of wants that the generated
// configuration got does not hold, quoting the whole file.
func expectGenerated(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("generated.tf lacks %q:\n%s", want, got)
		}
	}
}

// A connection's groups, a collection's dataset and a workspace's shared
// dataset reference the adopted objects they name, so that Terraform
// creates those first on a fresh instance; a name no adopted object has
// stays a literal.
func TestReferencesConnectionGroupsCollectionAndWorkspaceDatasets(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_group.analysts
  id = "analysts"
}
import {
  to = dataiku_project.sales
  id = "SALES"
}
import {
  to = dataiku_dataset.sales_orders
  id = "SALES.orders"
}
import {
  to = dataiku_data_collection.finance
  id = "fin01"
}
`, `
resource "dataiku_connection" "pg" {
  name                   = "pg"
  type                   = "PostgreSQL"
  usable_by              = "ALLOWED"
  allowed_groups         = ["analysts", "gone"]
  details_readable_by    = "ALLOWED"
  details_allowed_groups = ["analysts"]
}
resource "dataiku_data_collection_dataset" "fin01_orders" {
  data_collection_id = "fin01"
  project_key        = "SALES"
  dataset_name       = "orders"
}
resource "dataiku_data_collection_dataset" "other_returns" {
  data_collection_id = "other"
  project_key        = "SALES"
  dataset_name       = "returns"
}
resource "dataiku_workspace_object" "w_orders" {
  workspace_key = "w"
  reference = {
    project_key = "SALES"
    type        = "DATASET"
    id          = "orders"
  }
}
resource "dataiku_workspace_object" "w_board" {
  workspace_key = "w"
  reference = {
    project_key = "SALES"
    type        = "DASHBOARD"
    id          = "orders"
  }
}
`)
	expectGenerated(t, got,
		`allowed_groups         = [dataiku_group.analysts.name, "gone"]`,
		`details_allowed_groups = [dataiku_group.analysts.name]`,
		`data_collection_id = dataiku_data_collection.finance.id`,
		`dataset_name       = dataiku_dataset.sales_orders.name`,
		`data_collection_id = "other"`,
		`dataset_name       = "returns"`,
		`id          = dataiku_dataset.sales_orders.name`,
		`id          = "orders"`,
	)
}

// A scenario references the adopted datasets and folders it watches,
// builds and checks, and the user it runs as, so that renaming a dataset
// through Terraform renames it in the scenario too (it named the old one
// and failed at its next run, with an empty plan). A name that only looks
// like a dataset's (a day of the week, a scenario id) stays literal, and
// so do another project's datasets and the scenarios it follows or runs.
func TestReferencesScenarioItems(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_dataset.sales_raw
  id = "SALES.raw-orders"
}
import {
  to = dataiku_dataset.sales_monday
  id = "SALES.Monday"
}
import {
  to = dataiku_managed_folder.sales_reports
  id = "SALES.Ab12Cd34"
}
import {
  to = dataiku_user.svc
  id = "svc.reports"
}
import {
  to = dataiku_scenario.sales_weekly
  id = "SALES.WEEKLY"
}
`, `
resource "dataiku_scenario" "sales_nightly" {
  project_key = "SALES"
  name        = "Nightly"
  run_as      = "svc.reports"
  steps = [
    {
      name = "Build"
      params = jsonencode({
        builds = [{
          itemId         = "raw-orders"
          partitionsSpec = ""
          type           = "DATASET"
        }, {
          type   = "MANAGED_FOLDER"
          itemId = "Ab12Cd34"
        }, {
          itemId = "OTHER.raw-orders"
          type   = "DATASET"
        }]
      })
      type = "build_flowitem"
    },
    {
      params = jsonencode({ scenarioId = "WEEKLY" })
      type   = "run_scenario"
    },
  ]
  triggers = [
    {
      days_of_week = ["Monday"]
      datasets     = null
      type         = "temporal"
    },
    {
      datasets = ["raw-orders", "gone"]
      type     = "dataset_modified"
    },
    {
      params = jsonencode({ scenarioId = "WEEKLY" })
      type   = "follow_scenario"
    },
  ]
}
`)
	expectGenerated(t, got,
		"run_as      = dataiku_user.svc.login",
		"itemId         = dataiku_dataset.sales_raw.name",
		"itemId = dataiku_managed_folder.sales_reports.id",
		`itemId = "OTHER.raw-orders"`,
		`datasets = [dataiku_dataset.sales_raw.name, "gone"]`,
		`days_of_week = ["Monday"]`,
		`jsonencode({ scenarioId = "WEEKLY" })`,
	)
	if strings.Contains(got, "dataiku_dataset.sales_monday") || strings.Contains(got, "dataiku_scenario.sales_weekly") {
		t.Errorf("a day of the week or a scenario id became a reference:\n%s", got)
	}
}
