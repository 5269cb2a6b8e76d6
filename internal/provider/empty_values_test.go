package provider_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Empty values, kind by kind: practitioners write tags = [], permissions
// = [], description = "" or params = {} and expect them to apply and the
// next plan to be empty ("null and empty are consistent"). For every
// managed resource type, TestAccEmptyValues takes a minimal valid
// configuration and tries, for each of its Optional attributes that is a
// string, a list, a set, a map or a dynamic value, the empty value, one
// resource block per attribute (plus the minimal one alone), all in one
// configuration:
//
//   - terraform plan: a variant refused here must be listed in its kind's
//     refused, with the message's pattern (a refusal DSS would make too);
//   - terraform apply of the others: no error at all, and in particular no
//     "Provider produced inconsistent result after apply". Each attribute
//     is tried twice: in a block created with the empty value, and in one
//     (NAME_upd) created by a first apply without it and then updated to
//     it (from null: DSS's value in the state);
//   - terraform plan -detailed-exitcode (with its refresh): no change.
//
// The attributes come from the schema, so a new optional attribute is
// tried without a line here; a kind the provider gains must get a row (or
// a reason in emptyNotTried).
//
// Clearing a value the configuration set (to its empty value, or by
// deleting its line) and the empty values inside nested attributes are
// TestAccEmptyClearing's (empty_clearing_test.go), on these rows.

// emptyKind is one resource type's row: a minimal body for the name n
// (lower-case letters and digits, unique in the configuration), the
// blocks a variant needs beside it (extra, for n too), the attributes not
// tried and why, the empty values tried where they are not the type's own
// (a dynamic attribute that holds a list), and the variants refused at plan
// time, by attribute, with the pattern of the message. with holds the
// lines an attribute's variant sets beside it, replacing the body's
// (where the empty value means something only with them, or the body's
// own line excludes the attribute: group = null for a grant to a user).
type emptyKind struct {
	typ     string
	body    func(n string) string
	extra   func(n string) string
	skip    map[string]string
	values  map[string][]string
	with    map[string]string
	refused map[string]string
}

// emptyNotTried are the resource types with no row, and why.
var emptyNotTried = map[string]string{
	"dataiku_azure_ad_settings":               "no optional string, list, set, map or dynamic attribute (settings is required)",
	"dataiku_ldap_settings":                   "no optional string, list, set, map or dynamic attribute (settings is required)",
	"dataiku_sso_settings":                    "no optional string, list, set, map or dynamic attribute (settings is required)",
	"dataiku_instance_settings":               "no optional string, list, set, map or dynamic attribute (settings is required)",
	"dataiku_instance_variables":              "no optional string, list, set, map or dynamic attribute (variables is required)",
	"dataiku_project_standards_default_scope": "no optional string, list, set, map or dynamic attribute (checks is required)",
	"dataiku_data_collection_dataset":         "no optional string, list, set, map or dynamic attribute",
	"dataiku_jupyter_notebook":                "no optional string, list, set, map or dynamic attribute",
}

// The refusals' patterns shared by several attributes.
const (
	lenRule   = `string length must be at least 1`
	blankRule = `must not be blank`
	oneOfRule = `value must be one of`
	jsonRule  = `not valid JSON`
	// kit.KnownSpelling's refusal of "": a mode, type or source DSS
	// knows no empty value of (it refused it, or stored its default and
	// the apply's result was inconsistent).
	emptyVocabulary = `must not be empty: DSS knows no .* ""`
)

// emptyProject is the project of the project-scoped kinds' variants.
const emptyProject = "dataiku_project.ev.project_key"

func emptyKinds(key, prefix string) []emptyKind {
	inProject := func(attrs string) func(n string) string {
		return func(n string) string {
			return "  project_key = " + emptyProject + "\n" + strings.ReplaceAll(attrs, "%n", n)
		}
	}
	plain := func(attrs string) func(n string) string {
		return func(n string) string { return strings.ReplaceAll(attrs, "%n", n) }
	}
	upper := func(n string) string { return key + "_" + strings.ToUpper(n) }
	ownProject := func(n string) string {
		return fmt.Sprintf("resource \"dataiku_project\" \"own_%s\" {\n  project_key = %q\n  name        = \"Empty values %s\"\n}\n", n, upper(n), n)
	}
	return []emptyKind{
		{typ: "dataiku_project", body: func(n string) string {
			return fmt.Sprintf("  project_key = %q\n  name        = \"Empty %s\"\n", upper(n), n)
		},
			refused: map[string]string{"local_variables": jsonRule, "owner": lenRule, "project_folder_id": lenRule}},
		{typ: "dataiku_dataset", body: inProject(`  name            = "%n"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = "/ev/%n" }
`),
			refused: map[string]string{"connection_name": lenRule, "format_type": lenRule}},
		{typ: "dataiku_managed_folder", body: inProject("  name = \"%n\"\n"),
			refused: map[string]string{"connection_name": lenRule, "path": lenRule, "type": lenRule}},
		{typ: "dataiku_streaming_endpoint", body: inProject("  name = \"%n\"\n  type = \"httpsse\"\n  params = { url = \"https://stream.example.com/%n\" }\n"),
			refused: map[string]string{"connection_name": lenRule}},
		{typ: "dataiku_data_quality_rule", body: inProject("  dataset_name = dataiku_dataset.ev_base.name\n  name = \"rule %n\"\n  type = \"ColumnNotEmptyRule\"\n  config = { column = \"id\" }\n")},
		{typ: "dataiku_recipe", body: inProject("  name = \"compute_%n\"\n  type = \"python\"\n  inputs = { main = [{ ref = dataiku_dataset.ev_base.name }] }\n  outputs = { main = [{ ref = dataiku_dataset.out_%n.name }] }\n"),
			extra: func(n string) string {
				return fmt.Sprintf("resource \"dataiku_dataset\" \"out_%s\" {\n  project_key = %s\n  name = \"out_%s\"\n  type = \"Filesystem\"\n  connection_name = \"filesystem_managed\"\n  managed = true\n}\n", n, emptyProject, n)
			},
			refused: map[string]string{"payload": `payload is for visual recipes`, "script": lenRule}},
		{typ: "dataiku_scenario", body: inProject("  name = \"%n\"\n  type = \"step_based\"\n"),
			values:  map[string][]string{"reporters": {"[]"}},
			refused: map[string]string{"run_as": lenRule, "script": `script belongs to custom_python scenarios`}},
		{typ: "dataiku_flow_zone", body: inProject("  name = \"Zone %n\"\n")},
		{typ: "dataiku_exposed_object", body: inProject("  type = \"DATASET\"\n  local_name = dataiku_dataset.%n_src.name\n"),
			extra: func(n string) string {
				return acctest.FilesystemDatasetHCL(n+"_src", emptyProject, `"`+n+`_src"`, "/ev/"+n+"_src")
			}},
		{typ: "dataiku_evaluation_store", body: inProject("  name = \"Store %n\"\n"),
			refused: map[string]string{"flavor": lenRule}},
		{typ: "dataiku_knowledge_bank", body: inProject("  name = \"kb %n\"\n  vector_store_type = \"CHROMA\"\n"),
			refused: map[string]string{"connection_name": blankRule, "embedding_llm_id": blankRule, "images_folder_id": `must be an object's name or id`, "index_name": blankRule, "pinecone_index_name": blankRule, "vector_store_type": blankRule}},
		{typ: "dataiku_retrieval_augmented_llm", body: inProject("  name = \"rag %n\"\n  knowledge_bank_id = dataiku_knowledge_bank.base.id\n  llm_id = \"openai:conn:gpt\"\n"),
			refused: map[string]string{"knowledge_bank_id": `must be an object's name or id`, "llm_id": blankRule}},
		{typ: "dataiku_agent", body: inProject("  name = \"agent %n\"\n  type = \"PYTHON_AGENT\"\n"),
			refused: map[string]string{"llm_id": blankRule, "plugin_agent_type": blankRule}},
		{typ: "dataiku_agent_tool", body: inProject("  name = \"tool %n\"\n  type = \"VectorStoreSearch\"\n  knowledge_bank_id = dataiku_knowledge_bank.base.id\n"),
			refused: map[string]string{"id": blankRule, "knowledge_bank_id": `must be an object's name or id`}},
		{typ: "dataiku_code_studio", body: inProject("  name = \"cs %n\"\n  template_id = \"ev-template\"\n"),
			refused: map[string]string{"owner": blankRule}},
		{typ: "dataiku_project_execution_defaults", body: func(n string) string {
			return fmt.Sprintf("  project_key = dataiku_project.own_%s.project_key\n", n)
		}, extra: ownProject,
			with:    map[string]string{"python_env_name": `python_env_mode = "EXPLICIT_ENV"`, "r_env_name": `r_env_mode = "EXPLICIT_ENV"`, "container_exec_config_name": `container_mode = "EXPLICIT_CONTAINER"`},
			refused: map[string]string{"container_mode": emptyVocabulary, "python_env_mode": emptyVocabulary, "r_env_mode": emptyVocabulary, "python_env_name": lenRule, "r_env_name": lenRule, "container_exec_config_name": lenRule}},
		{typ: "dataiku_project_grant", body: inProject("  group = \"ev_%n\"\n  read_project_content = true\n"),
			extra: func(n string) string {
				return fmt.Sprintf("resource \"dataiku_group\" \"g_%s\" {\n  name = \"ev_%s\"\n}\n", n, n)
			},
			with:    map[string]string{"user": "group = null"},
			refused: map[string]string{"group": lenRule, "user": lenRule}},
		{typ: "dataiku_project_git_remote", body: func(n string) string {
			return fmt.Sprintf("  project_key = dataiku_project.own_%s.project_key\n  url = \"https://git.example.com/%s.git\"\n", n, n)
		}, extra: ownProject,
			refused: map[string]string{"name": `must be a remote name: not empty`}},
		{typ: "dataiku_project_git_library", body: inProject("  path = \"lib_%n\"\n  repository = \"https://git.example.com/lib.git\"\n  checkout = \"main\"\n")},
		{typ: "dataiku_project_library_file", body: inProject("  path = \"python/ev/%n.py\"\n  content = \"x = 1\\n\"\n"),
			with: map[string]string{"content_base64": "content = null"}},
		{typ: "dataiku_wiki_article", body: inProject("  name = \"Article %n\"\n"),
			refused: map[string]string{"parent_id": blankRule}},
		{typ: "dataiku_project_wiki", body: func(n string) string {
			return fmt.Sprintf("  project_key = dataiku_project.own_%s.project_key\n", n)
		}, extra: ownProject,
			refused: map[string]string{"home_article_id": lenRule}},
		{typ: "dataiku_group", body: plain("  name = \"ev_%n\"\n"),
			refused: map[string]string{"source_type": emptyVocabulary}},
		{typ: "dataiku_user", body: plain("  login = \"ev_%n\"\n"),
			refused: map[string]string{"source_type": emptyVocabulary, "user_profile": `must be a DSS user profile name`}},
		{typ: "dataiku_api_key", body: plain("  label = \"ev %n\"\n"),
			refused: map[string]string{"impersonated_user": blankRule}},
		{typ: "dataiku_personal_api_key", body: plain("  user = \"admin\"\n  label = \"ev %n\"\n")},
		{typ: "dataiku_connection", body: plain("  name = \"ev_%n\"\n  type = \"Filesystem\"\n  params = { root = \"/data/%n\" }\n"),
			refused: map[string]string{"credentials_mode": `must be a DSS credentials mode`, "details_readable_by": oneOfRule, "usable_by": oneOfRule}},
		{typ: "dataiku_code_env", body: plain("  name = \"ev_%n\"\n  lang = \"PYTHON\"\n"),
			refused: map[string]string{"deployment_mode": emptyVocabulary, "owner": lenRule, "python_interpreter": lenRule}},
		{typ: "dataiku_container_exec_config", body: plain("  name = \"ev_%n\"\n"),
			refused: map[string]string{"usable_by": emptyVocabulary, "cpu_limit": lenRule, "cpu_request": lenRule, "image_repository": lenRule, "image_tag": lenRule, "memory_limit": lenRule, "memory_request": lenRule, "namespace": lenRule}},
		{typ: "dataiku_cluster", body: plain("  name = \"ev_%n\"\n"),
			refused: map[string]string{"architecture": oneOfRule, "type": lenRule}},
		{typ: "dataiku_meaning", body: plain("  meaning_id = \"ev_%n\"\n  label = \"Meaning %n\"\n  type = \"VALUES_LIST\"\n"),
			refused: map[string]string{"normalization_mode": emptyVocabulary, "pattern": lenRule}},
		{typ: "dataiku_messaging_channel", body: plain("  id = \"ev-%n\"\n  type = \"smtp\"\n  settings = { host = \"smtp.example.com\" }\n")},
		{typ: "dataiku_workspace", body: func(n string) string {
			return fmt.Sprintf("  workspace_key = %q\n  display_name = \"Workspace %s\"\n", upper(n), n)
		}},
		{typ: "dataiku_workspace_object", body: plain("  workspace_key = dataiku_workspace.base.workspace_key\n  html_link = { name = \"Link %n\", url = \"https://example.com/%n\" }\n"),
			with:    map[string]string{"app_id": "html_link = null"},
			refused: map[string]string{"app_id": lenRule}},
		{typ: "dataiku_data_collection", body: plain("  display_name = \"Collection %n\"\n"),
			refused: map[string]string{"id": blankRule}},
		{typ: "dataiku_project_folder", body: plain("  name = \"Folder %n\"\n"),
			values:  map[string][]string{"permissions": {"[]"}},
			refused: map[string]string{"owner": lenRule, "parent_id": lenRule}},
		{typ: "dataiku_project_standards_check", body: plain("  check_element_type = \"pstd-builtin_max-datasets\"\n"),
			refused: map[string]string{"name": lenRule}},
		{typ: "dataiku_project_standards_scope", body: plain("  name = \"ev_%n\"\n"),
			with:    map[string]string{"tags": `selection_method = "BY_TAG"`, "folders": `selection_method = "BY_FOLDER"`, "projects": `selection_method = "BY_PROJECT"`},
			refused: map[string]string{"selection_method": emptyVocabulary}},
		{typ: "dataiku_plugin", body: plain("  plugin_id = \"ev-%n\"\n  store_version = \"1.0.0\"\n"),
			refused: map[string]string{"git_checkout": `git_checkout needs git_url`, "git_subpath": `git_subpath needs git_url`, "git_url": `takes one source`, "store_version": lenRule, "zip_path": `takes one source`}},
		{typ: "dataiku_plugin_preset", body: plain("  plugin_id = \"" + emptyPresets(prefix) + "\"\n  type = \"parameter-set-creds\"\n  name = \"ev_%n\"\n")},
		{typ: "dataiku_code_studio_template_settings", body: plain("  template_id = \"ev-%n\"\n")},
		{typ: "dataiku_plugin_settings", body: plain("  plugin_id = dataiku_plugin.pl_%n.plugin_id\n"),
			extra:   plain("resource \"dataiku_plugin\" \"pl_%n\" {\n  plugin_id = \"ev-%n\"\n  store_version = \"1.0.0\"\n}\n"),
			refused: map[string]string{"parameter_sets": jsonRule}},
		{typ: "dataiku_published_api_service", body: plain("  service_id = \"ev-%n\"\n"),
			refused: map[string]string{"permissions": jsonRule}},
		{typ: "dataiku_api_deployer_infra", body: plain("  id = \"ev-%n\"\n  stage = \"Production\"\n  type = \"K8S\"\n"),
			with:    map[string]string{"api_nodes": `type = "STATIC"`},
			refused: map[string]string{"govern_check_policy": oneOfRule, "permissions": jsonRule}},
		{typ: "dataiku_project_deployer_infra", body: plain("  id = \"ev-%n\"\n  stage = \"Production\"\n"),
			refused: map[string]string{"govern_check_policy": oneOfRule, "permissions": jsonRule}},
		{typ: "dataiku_published_project", body: func(n string) string {
			return fmt.Sprintf("  project_key = dataiku_project.own_%s.project_key\n", n)
		}, extra: ownProject,
			refused: map[string]string{"permissions": jsonRule}},
		{typ: "dataiku_project_bundle", body: inProject("  bundle_id = \"b_%n\"\n"),
			refused: map[string]string{"published_project_key": `project key rule`}},
		{typ: "dataiku_api_deployment", body: plain("  id = \"ev-%n\"\n  service_id = \"" + key + "-api\"\n  infra_id = dataiku_api_deployer_infra.ev_static.id\n  version = \"v1\"\n"),
			refused: map[string]string{"version": lenRule}},
		{typ: "dataiku_project_deployment", body: func(n string) string {
			return fmt.Sprintf("  deployment_id = \"ev-%s\"\n  published_project_key = dataiku_project_bundle.ev_bundle.project_key\n  infra_id = dataiku_project_deployer_infra.ev_auto.id\n"+
				"  bundle_id = dataiku_project_bundle.ev_bundle.bundle_id\n  deployed_project_key = %q\n", n, upper(n)+"_PROD")
		}, refused: map[string]string{"deployed_project_key": `project key rule`, "project_folder_id": lenRule, "variable_overrides": jsonRule}},
		{typ: "dataiku_api_service_package", body: plain("  project_key = \"" + key + "_API\"\n  service_id = \"ev-svc\"\n  package_id = \"p_%n\"\n"),
			refused: map[string]string{"published_service_id": blankRule}},
	}
}

// emptyVariant is one resource block of the configuration: the minimal
// body (attr "") or the body with attr set to value, from its creation
// or, for an update variant, after a first apply without attr (first).
type emptyVariant struct {
	kind         *emptyKind
	name         string
	attr, value  string
	update       bool
	before       string // an update variant's value before ("": unset)
	first, block string
}

func (v emptyVariant) addr() string { return v.kind.typ + "." + v.name }

func (v emptyVariant) String() string {
	if v.attr == "" {
		return v.addr() + " (minimal)"
	}
	if v.value == "null" {
		return fmt.Sprintf("%s %s line deleted (update from %s)", v.addr(), v.attr, v.before)
	}
	if v.update && v.before != "" {
		return fmt.Sprintf("%s %s = %s (update from %s)", v.addr(), v.attr, v.value, v.before)
	}
	if v.update {
		return fmt.Sprintf("%s %s = %s (update)", v.addr(), v.attr, v.value)
	}
	return fmt.Sprintf("%s %s = %s", v.addr(), v.attr, v.value)
}

// emptyValueOf is the empty value tried for an attribute of schema type a,
// "" when it is none of the kinds this test tries.
func emptyValueOf(a rschema.Attribute) string {
	switch a.(type) {
	case rschema.StringAttribute:
		return `""`
	case rschema.ListAttribute, rschema.ListNestedAttribute, rschema.SetAttribute, rschema.SetNestedAttribute:
		return "[]"
	case rschema.MapAttribute, rschema.MapNestedAttribute, rschema.DynamicAttribute:
		return "{}"
	}
	return ""
}

// emptyBlock is kind's variant name, for n (its unique lower-case name):
// the minimal body with, when attr is not "", attr's prerequisites (kind's
// with) and attr = value, value "null" deleting attr's line instead, as a
// practitioner does. An update variant is first applied with attr =
// before, or without attr when before is "" (from null: DSS's value in
// the state).
func emptyBlock(kind *emptyKind, name, n, attr, value string, update bool, before string) emptyVariant {
	body := kind.body(n)
	set := func(line string) {
		a, v, _ := strings.Cut(line, " = ")
		a = strings.TrimSpace(a)
		body = regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(a)+` *= .*\n`).ReplaceAllString(body, "")
		if v != "null" || a != attr {
			body += "  " + line + "\n"
		}
	}
	firstBody := body // an update variant's before: the minimal body
	for _, line := range strings.Split(kind.with[attr], "\n") {
		if line != "" && attr != "" {
			set(line)
		}
	}
	if before != "" {
		// ... or the body with the attribute's prerequisites and
		// before.
		set(attr + " = " + before)
		firstBody = body
	}
	if attr != "" {
		set(attr + " = " + value)
	}
	block := fmt.Sprintf("resource %q %q {\n%s}\n", kind.typ, name, body)
	first := block
	if update {
		first = fmt.Sprintf("resource %q %q {\n%s}\n", kind.typ, name, firstBody)
	}
	if kind.extra != nil {
		block += kind.extra(n)
		first += kind.extra(n)
	}
	return emptyVariant{kind: kind, name: name, attr: attr, value: value, update: update, before: before, first: first, block: block}
}

// emptyVariants are every kind's minimal block and one block per empty
// value, in a stable order.
func emptyVariants(t *testing.T, kinds []emptyKind) []emptyVariant {
	t.Helper()
	schemas := acctest.ResourceSchemas(t)
	var out []emptyVariant
	seen := map[string]bool{}
	i := 0
	for k := range kinds {
		kind := &kinds[k]
		seen[kind.typ] = true
		sch, ok := schemas[kind.typ]
		if !ok {
			t.Fatalf("%s: no such resource type", kind.typ)
		}
		add := func(name, attr, value string, update bool, before string) {
			out = append(out, emptyBlock(kind, name, fmt.Sprintf("e%03d", i), attr, value, update, before))
			i++
		}
		add("base", "", "", false, "")
		var attrs []string
		for a := range sch.Attributes {
			attrs = append(attrs, a)
		}
		sort.Strings(attrs)
		for _, a := range attrs {
			at := sch.Attributes[a]
			if !at.IsOptional() || at.IsWriteOnly() {
				continue
			}
			if _, ok := kind.skip[a]; ok {
				continue
			}
			values := kind.values[a]
			if values == nil {
				if v := emptyValueOf(at); v != "" {
					values = []string{v}
				}
			}
			for j, v := range values {
				name := a
				if j > 0 {
					name = fmt.Sprintf("%s_%d", a, j)
				}
				add(name, a, v, false, "")
				add(name+"_upd", a, v, true, "")
				if a == "tags" && v == "[]" {
					// Clearing the tags a configuration wrote: the
					// commonest way to an empty value.
					add(name+"_clr", a, v, true, `["ev"]`)
				}
			}
		}
		for a := range kind.skip {
			if _, ok := sch.Attributes[a]; !ok {
				t.Errorf("%s: skip names %s, which the resource does not have", kind.typ, a)
			}
		}
	}
	for typ := range schemas {
		if _, why := emptyNotTried[typ]; !seen[typ] && !why {
			t.Errorf("%s has no row in emptyKinds and no reason in emptyNotTried", typ)
		}
	}
	return out
}

// emptyBlocksOf are terraform's error blocks (TerraformDiagnostics) of the
// variants' addresses, and the error blocks of no variant.
func emptyBlocksOf(out string, variants []emptyVariant) (byVariant map[string][]string, others []string) {
	blocks := acctest.TerraformDiagnostics(out)
	// "Provider produced inconsistent result after apply" has no "with"
	// line: the resource is in its text.
	applying := regexp.MustCompile(`When applying changes to (\S+?),`)
	for _, b := range blocks["(none)"] {
		if m := applying.FindStringSubmatch(b); m != nil {
			blocks[m[1]] = append(blocks[m[1]], b)
		} else {
			blocks["(none) "] = append(blocks["(none) "], b)
		}
	}
	delete(blocks, "(none)")
	byVariant = map[string][]string{}
	for _, v := range variants {
		if bs, ok := blocks[v.addr()]; ok {
			byVariant[v.addr()] = bs
			delete(blocks, v.addr())
		}
	}
	for addr, bs := range blocks {
		for _, b := range bs {
			others = append(others, addr+": "+b)
		}
	}
	sort.Strings(others)
	return byVariant, others
}

// emptyConfig is the configuration of variants, each one's first block
// when first is true (the update variants without their empty value).
func emptyConfig(setup string, variants []emptyVariant, first bool) string {
	var cfg strings.Builder
	cfg.WriteString(acctest.CliRequiredProviders + setup)
	for _, v := range variants {
		if first {
			cfg.WriteString("\n" + v.first)
		} else {
			cfg.WriteString("\n" + v.block)
		}
	}
	return cfg.String()
}

// planChanges are the addresses terraform's plan output says it would
// change, with the lines of each one's change.
func planChanges(out string) map[string]string {
	changes := map[string]string{}
	head := regexp.MustCompile(`(?m)^  # (\S+) (will be|must be) ([^\n]*)$`)
	idx := head.FindAllStringSubmatchIndex(out, -1)
	for j, m := range idx {
		end := len(out)
		if j+1 < len(idx) {
			end = idx[j+1][0]
		}
		if p := strings.Index(out[m[0]:end], "\nPlan: "); p >= 0 {
			end = m[0] + p
		}
		changes[out[m[2]:m[3]]] = strings.TrimSpace(out[m[0]:end])
	}
	return changes
}

// nextPlanChanges runs the plan after an apply in dir (with its refresh)
// and returns the changes it plans for the resources of addrs, by
// address. A failed plan, a change of another resource, and a plan with
// changes that none explains fail t.
func nextPlanChanges(t *testing.T, dir string, addrs []string) map[string]string {
	t.Helper()
	out, code := acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false", "-detailed-exitcode")
	if code == 1 {
		t.Errorf("terraform plan after the apply failed:\n%s", acctest.Tail(out, 6000))
	}
	changes := planChanges(out)
	explained := map[string]string{}
	for _, addr := range addrs {
		if c, ok := changes[addr]; ok {
			explained[addr] = c
			delete(changes, addr)
		}
	}
	for addr, c := range changes {
		t.Errorf("the plan after the apply changes %s:\n%s", addr, c)
	}
	if code == 2 && len(changes) == 0 && len(explained) == 0 {
		t.Errorf("the plan after the apply has changes no variant explains:\n%s", acctest.Tail(out, 6000))
	}
	return explained
}

// outcomeRow is a variant's line in the table of outcomes a test logs:
// the variant, what happened to it ("OK", or "what: details") and the
// group its outcome is counted in ("" for none).
type outcomeRow struct{ variant, outcome, group string }

// logOutcomes logs the table of outcomes under header, then how many
// variants had each outcome (by group and the outcome's "what").
func logOutcomes(t *testing.T, header string, rows []outcomeRow) {
	t.Helper()
	lines := make([]string, 0, len(rows))
	n := map[string]int{}
	for _, r := range rows {
		what, _, _ := strings.Cut(r.outcome, ":")
		n[strings.TrimSpace(r.group+" "+what)]++
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%-4s %-60s %s", r.group, r.variant, r.outcome)))
	}
	t.Logf("%s\n%s", header, strings.Join(lines, "\n"))
	counts := make([]string, 0, len(n))
	for k, c := range n {
		counts = append(counts, fmt.Sprintf("%s %d", k, c))
	}
	slices.Sort(counts)
	t.Logf("outcomes: %s", strings.Join(counts, ", "))
}

// emptyPrefixes start the variants' unique names, one a test
// (TestAccEmptyValues, TestAccEmptyClearing): the names of the objects
// outside the project (groups, users, plugins...) are apart, and the
// plugin store and the code studio templates, which each test sets, list
// every test's (the tests run in parallel).
var emptyPrefixes = []string{"e", "c"}

// emptyPresets is the plugin of the dataiku_plugin_preset variants of the
// test of prefix.
func emptyPresets(prefix string) string {
	return "ev-" + prefix + "-presets"
}

// emptySetup prepares DSS for the kinds' minimal configurations of the
// test of key, whose variants' unique names start with prefix (the
// plugins of the store, the code studio templates, a plugin with presets,
// an API service and the deployments' infrastructures) and returns the
// configuration's blocks they use.
func emptySetup(t *testing.T, em *emulator.Running, key, prefix string) string {
	t.Helper()
	// What the kinds' minimal configurations use: a plugin with presets,
	// code studio templates, plugins in the store.
	var store []emulator.PluginStoreEntry
	templates := []map[string]any{{"id": "ev-template", "label": "Template"}}
	for _, p := range emptyPrefixes {
		for i := range 1000 {
			store = append(store, emulator.PluginStoreEntry{ID: fmt.Sprintf("ev-%s%03d", p, i), Version: "1.0.0"})
			templates = append(templates, map[string]any{"id": fmt.Sprintf("ev-%s%03d", p, i), "label": "Template"})
		}
		store = append(store, emulator.PluginStoreEntry{ID: emptyPresets(p), Version: "1.0.0"})
	}
	acctest.MustDo(t, em.Server.SetPluginStore(store))
	acctest.PluginOutside(t, acctest.Client(t), emptyPresets(prefix), dss.PluginSource{Store: true})
	acctest.MustDo(t, em.Server.SetCodeStudioTemplates(templates))

	apiProject := acctest.ProjectOutside(t, key+"_API", "Empty values: API services")
	acctest.MustDo(t, apiProject.CreateAPIService(acctest.Ctx(t), key+"_API", "ev-svc"))
	_, _, err := dss.APIServiceSettingsDoc(key+"_API", "ev-svc").Update(acctest.Ctx(t), apiProject, func(s *dss.APIServiceSettings) error {
		s.Endpoints = append(s.Endpoints, dss.Object{"id": "predict", "type": "PY_FUNCTION"})
		return nil
	})
	acctest.MustDo(t, err)

	// The deployments' infrastructures: an automation node (an emulator
	// of its own) and a STATIC one with an API node, and the published
	// API service they deploy.
	auto, err := emulator.Start(emulator.Options{AdminKey: "ev-automation-key", NodeType: emulator.NodeAutomation})
	acctest.MustDo(t, err)
	t.Cleanup(auto.Close)
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreatePublishedAPIService(acctest.Ctx(t), key+"-api"))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.PublishedAPIServicePath(key+"-api"), nil, nil) })
	var zb bytes.Buffer
	acctest.MustDo(t, zip.NewWriter(&zb).Close())
	acctest.MustDo(t, c.ImportAPIServiceVersion(acctest.Ctx(t), key+"-api", "v1.zip", zb.Bytes()))

	return fmt.Sprintf(`
resource "dataiku_project" "ev" {
  project_key = %[1]q
  name        = "Empty values"
}

resource "dataiku_project_bundle" "ev_bundle" {
  project_key = dataiku_project.ev.project_key
  bundle_id   = "v1"
  publish     = true
}

resource "dataiku_project_deployer_infra" "ev_auto" {
  id                  = "%[1]s-auto"
  stage               = "Production"
  automation_node_url = %[2]q
  api_key_wo          = "ev-automation-key"
  api_key_wo_version  = 1
}

resource "dataiku_api_deployer_infra" "ev_static" {
  id                       = "%[1]s-static"
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [{ url = "http://api-a.example.com:12000" }]
  api_node_keys_wo         = { "http://api-a.example.com:12000" = "node-key" }
  api_node_keys_wo_version = 1
}
`, key, auto.URL()) + acctest.FilesystemDatasetHCL("ev_base", emptyProject, `"ev_base"`, "/ev/base")
}

func TestAccEmptyValues(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	acctest.CliSetup(t)
	key := acctest.ProjectKey("EMPTY")
	start := time.Now()

	setup := emptySetup(t, em, key, "e")
	kinds := emptyKinds(key, "e")
	variants := emptyVariants(t, kinds)
	if t.Failed() {
		return
	}

	outcome := map[string]string{} // by variant address: "OK" or what went wrong
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": emptyConfig(setup, variants, false)})
	acctest.DestroyAtEnd(t, dir)

	// 1. The plan: the refusals. A variant refused is left out and the
	// others planned again, as an error in one resource (a configuration
	// error, say) stops terraform before it validates the others.
	applied := variants
	for round := 0; ; round++ {
		acctest.MustDo(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(emptyConfig(setup, applied, false)), 0o600))
		out, code := acctest.TerraformRun(t, dir, "plan", "-no-color", "-input=false")
		byVariant, others := emptyBlocksOf(out, applied)
		if len(others) > 0 {
			t.Fatalf("terraform plan: errors of no variant:\n%s\n%s", strings.Join(others, "\n"), acctest.Tail(out, 4000))
		}
		if code == 0 {
			break
		}
		if len(byVariant) == 0 || round == 5 {
			t.Fatalf("terraform plan failed (exit %d) with no error of a variant:\n%s", code, acctest.Tail(out, 4000))
		}
		var kept []emptyVariant
		for _, v := range applied {
			bs := byVariant[v.addr()]
			if len(bs) == 0 {
				kept = append(kept, v)
				continue
			}
			if want, ok := v.kind.refused[v.attr]; ok && regexp.MustCompile(want).MatchString(strings.Join(bs, "\n")) {
				outcome[v.addr()] = "refused at plan (expected): " + strings.Join(bs, " | ")
			} else {
				outcome[v.addr()] = "refused at plan: " + strings.Join(bs, " | ")
				t.Errorf("%s: refused at plan time: %q", v, bs)
			}
		}
		applied = kept
	}
	for _, v := range applied {
		if want, ok := v.kind.refused[v.attr]; ok {
			t.Errorf("%s: planned, but the test expects a refusal matching %q", v, want)
		}
	}

	// 2. The apply of the others: first with the update variants
	// without their empty value, then with it (an update from null).
	acctest.MustDo(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(emptyConfig(setup, applied, true)), 0o600))
	firstOut, _ := acctest.TerraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-input=false")
	acctest.MustDo(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(emptyConfig(setup, applied, false)), 0o600))
	out, _ := acctest.TerraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-input=false")
	for _, run := range []string{firstOut, out} {
		byVariant, others := emptyBlocksOf(run, applied)
		if len(others) > 0 {
			t.Errorf("terraform apply: errors of no variant:\n%s", strings.Join(others, "\n"))
		}
		for _, v := range applied {
			if bs := byVariant[v.addr()]; len(bs) > 0 && outcome[v.addr()] == "" {
				what := "apply error"
				if strings.Contains(strings.Join(bs, " "), "inconsistent result after apply") {
					what = "inconsistent result after apply"
				}
				outcome[v.addr()] = what + ": " + strings.Join(bs, " | ")
				t.Errorf("%s: %s: %q", v, what, bs)
			}
		}
	}

	// 3. The next plan, with its refresh: empty.
	var addrs []string
	for _, v := range applied {
		addrs = append(addrs, v.addr())
	}
	changes := nextPlanChanges(t, dir, addrs)
	for _, v := range applied {
		if c, ok := changes[v.addr()]; ok && outcome[v.addr()] == "" {
			outcome[v.addr()] = "perpetual diff: " + c
			t.Errorf("%s: the plan after the apply is not empty:\n%s", v, c)
		}
	}

	// The table, for the record.
	rows := make([]outcomeRow, 0, len(variants))
	for _, v := range variants {
		o := outcome[v.addr()]
		if o == "" {
			o = "OK"
		}
		rows = append(rows, outcomeRow{variant: v.String(), outcome: o})
	}
	logOutcomes(t, fmt.Sprintf("empty values tried: %d variants of %d kinds in %s", len(variants), len(kinds), time.Since(start).Round(time.Second)), rows)
}
