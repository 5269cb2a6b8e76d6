package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Clearing a value, kind by kind: TestAccEmptyValues tries the empty
// values from creation and from null; practitioners more often clear a
// value their configuration set. TestAccEmptyClearing takes, for every
// kind of emptyKinds, each Optional attribute that is a string, a list, a
// set, a map or a dynamic value, gives it a non-empty sample in a first
// apply and then, in a second apply, all in one configuration:
//
//   - (clr) sets it to its empty value ("", [], {}), but where
//     TestAccEmptyValues expects the empty value refused at plan time;
//   - (del) deletes its line from the configuration (null).
//
// And, for the optional strings and lists inside nested attributes
// (scenario triggers and steps, dataset checks, metrics, partitioning and
// schema columns, agent tools, API nodes, meaning values, a workspace
// object's link), clearingRow's nested: created with the empty value
// (ne), and updated to it from a non-empty one (nclr); a nested empty
// value refused at plan time is listed with its pattern (as the top-level
// ones TestAccEmptyValues lists: JSON text, a vocabulary, "" read as
// none), and then only ne is tried.
//
// After each apply: no error, no "Provider produced inconsistent result";
// after the second, terraform plan -detailed-exitcode is empty. DSS's
// side is checked through the emulator: each sample carries a marker,
// unique in the emulator's state (copies of objects as they were, in
// bundles, are not looked into), which must be there after the first
// apply and, after the second:
//
//   - clr and nclr: gone, DSS holds the empty value, not the old one;
//     but in a document of which only the keys written are managed (the
//     attribute's description says so: params, settings, config...),
//     where {} writes no key and DSS keeps its own;
//   - del, what a practitioner deleting the line expects: an Optional
//     attribute is cleared, or reset to DSS's default (the marker is
//     gone), unless its description says that when it is not set DSS's
//     value is kept, left alone or unmanaged (clearUnsetKeepsRe: then the
//     marker stays, and the state follows); an Optional+Computed one
//     without a default keeps DSS's value; one with a default is reset.
//     A row's removed overrides this where the provider documents
//     otherwise. The plan is empty either way.
//
// A sample is derived from the attribute's type (the marker as a string,
// [marker], { k = marker }) unless the kind's clearingRow gives one (where
// validators or DSS constrain the value, or the value names another
// object); an attribute with neither is listed in the row's skip with the
// reason.
//
// What it found, and what was fixed:
//
//   - partitioning.file_path_pattern = "" (dataiku_dataset,
//     dataiku_managed_folder), from creation or from a pattern: "Provider
//     produced inconsistent result after apply" (the read turned DSS's ""
//     into null), and "" planned again ever after. The read keeps the
//     prior's "" (kit.PartitioningValue); TestAccDataset_emptyFilePathPattern,
//     TestAccManagedFolder_emptyFilePathPattern.
//   - settings = {} after { k = "v" } on dataiku_published_api_service,
//     dataiku_published_project and dataiku_api_deployment: {} writes no
//     key and plans the prior value, but the computed attributes the
//     framework had marked unknown stayed, an update writing nothing
//     planned after every apply. A plan that changes nothing is now the
//     prior state (kit's planNoChangeAsPrior);
//     TestAccPublished_settingsCleared.
//   - dataiku_scenario's run_as deleted: DSS's runAsUser is reset to its
//     default, where the description said DSS's value was left alone. The
//     description now tells a configuration that never sets it from a
//     removal; TestAccScenario_runAsRemoved.

// clearingRow is a kind's (by type) samples, skips and nested variants.
type clearingRow struct {
	// samples: the non-empty value of an attribute, in HCL; %m is the
	// marker, %n the variant's unique name. A sample without %m is not
	// checked on DSS's side.
	samples map[string]string
	skip    map[string]string
	// noDelete: the attributes whose line is not deleted, and why;
	// opaque: those whose sample DSS holds in another form (the marker
	// is not looked for), and why.
	noDelete, opaque map[string]string
	// removed overrides the deletion's rule: "kept" or "cleared", then
	// ": " and why.
	removed map[string]string
	nested  []clearNested
}

// clearNested is an optional attribute inside a nested one: line is the
// top-level attribute's line with %v where the nested value goes; sample
// its non-empty value (%m, %n as in samples), empty its empty one.
//
// refused, when set, is the pattern of the plan's refusal of the empty
// value (then only the ne variant is tried, to see the refusal).
type clearNested struct {
	path, line, sample, empty, refused string
}

func clearingRows() map[string]clearingRow {
	perm := func(extra string) string { return `[{ group = "%m"` + extra + ` }]` }
	jsonPerm := `jsonencode([{ group = "%m", read = true, deploy = false, admin = false }])`
	column := func(more string) string { return `schema_columns = [{ name = "c", type = "string", ` + more + ` }]` }
	partitioned := func(more string) string {
		return `partitioning = { dimensions = [{ name = "day", type = "time", period = "DAY" }]` + more + ` }`
	}
	// The nested empty values refused at plan, as the top-level ones
	// TestAccEmptyValues lists.
	const (
		nameRule = `is empty: leave it out`
		// A column's comment or meaning: DSS's column without one
		// and with "" read alike.
		columnRule = lenRule
	)
	// The permission entries' group and user are not tried empty: an
	// entry sets one of them, and "" beside the other is refused as
	// setting both ("each grant must set one (and only one) of group and
	// user"), "" alone names no one.
	return map[string]clearingRow{
		"dataiku_project": {samples: map[string]string{
			"owner":             `"admin"`,
			"project_folder_id": `dataiku_project_folder.base.id`,
			"permissions":       perm(", read_project_content = true"),
			"local_variables":   `jsonencode({ k = "%m" })`,
		}},
		"dataiku_dataset": {samples: map[string]string{
			"checks":          `[{ type = "numericRange", name = "%m" }]`,
			"schema_columns":  `[{ name = "%m", type = "string" }]`,
			"params":          `{ path = "/ev/%m" }`,
			"connection_name": `"filesystem_root"`,
		}, nested: []clearNested{
			{"checks[].name", `checks = [{ type = "numericRange", name = %v }]`, `"%m"`, `""`, nameRule},
			{"checks[].configuration", `checks = [{ type = "numericRange", configuration = %v }]`, `jsonencode({ column = "%m" })`, `""`, `must be valid JSON`},
			{"metrics.engine_config", `metrics = { probes = [{ type = "basic" }], engine_config = %v }`, `jsonencode({ k = "%m" })`, `""`, `must be valid JSON`},
			{"metrics.probes[].compute_on_build_mode", `metrics = { probes = [{ type = "records", compute_on_build_mode = %v }] }`, `"WHOLE_DATASET"`, `""`, lenRule},
			{"metrics.probes[].configuration", `metrics = { probes = [{ type = "col_stats", configuration = %v }] }`, `jsonencode({ aggregates = [{ column = "%m", function = "AVG" }] })`, `""`, `must be valid JSON`},
			{"partitioning.dimensions[].period", `partitioning = { dimensions = [{ name = "day", type = "time", period = %v }] }`, `"DAY"`, `""`, oneOfRule},
			{"partitioning.file_path_pattern", partitioned(", file_path_pattern = %v"), `"/%m/%Y/.*"`, `""`, ""},
			{"schema_columns[].comment", column("comment = %v"), `"%m"`, `""`, columnRule},
			{"schema_columns[].meaning", column("meaning = %v"), `"%m"`, `""`, columnRule},
		}},
		"dataiku_streaming_endpoint": {samples: map[string]string{
			"schema_columns": `[{ name = "%m", type = "string" }]`,
			"params":         `{ url = "https://stream.example.com/%m" }`,
			// A connection the automation node has too: the bundle the
			// deployments activate there holds the endpoint.
			"connection_name": `"filesystem_root"`,
		}, nested: []clearNested{
			{"schema_columns[].comment", column("comment = %v"), `"%m"`, `""`, columnRule},
			{"schema_columns[].meaning", column("meaning = %v"), `"%m"`, `""`, columnRule},
		}},
		"dataiku_managed_folder": {samples: map[string]string{"connection_name": `"filesystem_folders"`, "type": `"Filesystem"`}, nested: []clearNested{
			{"partitioning.dimensions[].period", `partitioning = { dimensions = [{ name = "day", type = "time", period = %v }] }`, `"DAY"`, `""`, oneOfRule},
			{"partitioning.file_path_pattern", partitioned(", file_path_pattern = %v"), `"/%m/%Y/.*"`, `""`, ""},
		}},
		"dataiku_recipe": {samples: map[string]string{
			"inputs":  `{ main = [{ ref = dataiku_dataset.ev_base.name }] }`,
			"outputs": `{ main = [{ ref = dataiku_dataset.out_%n.name }] }`,
		}, skip: map[string]string{
			"payload": "payload is for visual recipes, the row's recipe is python (TestAccEmptyValues sees the refusal)",
		}},
		"dataiku_scenario": {samples: map[string]string{
			"steps":     `[{ type = "build_flowitem", name = "%m" }]`,
			"triggers":  `[{ type = "temporal", frequency = "Daily", name = "%m" }]`,
			"reporters": `[{ id = "%m", active = true, phase = "END", messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com" } } }]`,
		}, skip: map[string]string{
			"script": "script belongs to custom_python scenarios, the row's scenario is step_based (TestAccEmptyValues sees the refusal)",
		}, nested: []clearNested{
			{"steps[].name", `steps = [{ type = "build_flowitem", name = %v }]`, `"%m"`, `""`, ""},
			{"steps[].params", `steps = [{ type = "build_flowitem", params = %v }]`, `jsonencode({ k = "%m" })`, `""`, jsonRule},
			{"steps[].run_condition", `steps = [{ type = "build_flowitem", run_condition = %v }]`, `"RUN_ALWAYS"`, `""`, emptyVocabulary},
			{"triggers[].name", `triggers = [{ type = "temporal", frequency = "Daily", name = %v }]`, `"%m"`, `""`, ""},
			{"triggers[].params", `triggers = [{ type = "temporal", frequency = "Daily", params = %v }]`, `jsonencode({ k = "%m" })`, `""`, jsonRule},
			{"triggers[].frequency", `triggers = [{ type = "temporal", frequency = %v }]`, `"Daily"`, `""`, oneOfRule},
			{"triggers[].days_of_week", `triggers = [{ type = "temporal", frequency = "Weekly", days_of_week = %v }]`, `["Monday"]`, `[]`, ""},
			{"triggers[].monthly_run_on", `triggers = [{ type = "temporal", frequency = "Monthly", monthly_run_on = %v }]`, `"LAST_DAY_OF_THE_MONTH"`, `""`, emptyVocabulary},
			{"triggers[].starting_from", `triggers = [{ type = "temporal", frequency = "Daily", starting_from = %v }]`, `"2024-01-01T00:00:00.000+0000"`, `""`, lenRule},
			{"triggers[].timezone", `triggers = [{ type = "temporal", frequency = "Daily", timezone = %v }]`, `"Europe/Paris"`, `""`, lenRule},
			{"triggers[].datasets", `triggers = [{ type = "dataset_modified", datasets = %v }]`, `[dataiku_dataset.ev_base.name]`, `[]`, ""},
		}},
		"dataiku_flow_zone": {samples: map[string]string{"color": `"#2ab1ac"`}, skip: map[string]string{
			"items": "items are authoritative for their zone: every variant's sample would need an object of its own (TestAccEmptyValues tries items = [])",
		}},
		"dataiku_exposed_object": {skip: map[string]string{
			"targets": "a target is another project: every variant's sample would need one of its own (TestAccEmptyValues tries targets = [])",
		}},
		"dataiku_code_env": {samples: map[string]string{"permissions": perm(", use = true, update = false, manage_users = false"), "deployment_mode": `"DESIGN_MANAGED"`}},
		"dataiku_meaning": {samples: map[string]string{
			"values":             `[{ value = "%m" }]`,
			"normalization_mode": `"LOWERCASE"`,
			"mappings":           `[{ from = "a", to = "%m" }]`,
		}, nested: []clearNested{
			{"values[].color", `values = [{ value = "a", color = %v }]`, `"#2ca02c"`, `""`, ""},
		}},
		"dataiku_messaging_channel":       {samples: map[string]string{"permissions": perm(", can_use = true")}},
		"dataiku_workspace":               {samples: map[string]string{"permissions": perm(", admin = false, read = true, write = false")}},
		"dataiku_data_collection":         {samples: map[string]string{"permissions": perm(", admin = false, read = true, write = false")}},
		"dataiku_user":                    {samples: map[string]string{"user_profile": `"DESIGNER"`, "groups": `[dataiku_group.base.name]`}},
		"dataiku_api_key":                 {samples: map[string]string{"groups": `[dataiku_group.base.name]`, "impersonated_user": `"admin"`}},
		"dataiku_retrieval_augmented_llm": {samples: map[string]string{"knowledge_bank_id": `dataiku_knowledge_bank.base.id`}},
		"dataiku_code_studio":             {samples: map[string]string{"owner": `"admin"`}},
		"dataiku_wiki_article":            {samples: map[string]string{"parent_id": `dataiku_wiki_article.base.id`}},
		"dataiku_project_wiki":            {skip: map[string]string{"home_article_id": "an article of the variant's own project, which the row has not (TestAccEmptyValues sees \"\" refused)"}},
		"dataiku_project_grant": {noDelete: map[string]string{
			"group": "one of group and user is required: deleting it leaves neither",
			"user":  "one of group and user is required: deleting it leaves neither",
		}},
		"dataiku_project_library_file": {noDelete: map[string]string{
			"content":        "one of content and content_base64 is required: deleting it leaves neither",
			"content_base64": "one of content and content_base64 is required: deleting it leaves neither",
		}, opaque: map[string]string{
			"content":        "a file's content is held as bytes",
			"content_base64": "a file's content is held as bytes",
		}},
		"dataiku_workspace_object": {noDelete: map[string]string{
			"app_id": "one of reference, app_id and html_link is required: deleting it leaves none",
		}, nested: []clearNested{
			{"html_link.description", `html_link = { name = "Link %n", url = "https://example.com/%n", description = %v }`, `"%m"`, `""`, ""},
		}},
		"dataiku_agent": {samples: map[string]string{"tools": `[{ tool_ref = "%m" }]`},
			skip: map[string]string{"plugin_agent_type": "for PLUGIN_AGENT agents, the row's is PYTHON_AGENT (DSS does not keep it)"},
			nested: []clearNested{
				{"tools[].additional_description", `tools = [{ tool_ref = "t_%n", additional_description = %v }]`, `"%m"`, `""`, blankRule},
			}},
		"dataiku_project_folder":          {samples: map[string]string{"permissions": `[{ group = "%m", read = true }]`, "parent_id": `dataiku_project_folder.base.id`}},
		"dataiku_project_standards_scope": {samples: map[string]string{"checks": `[dataiku_project_standards_check.base.id]`, "selection_method": `"BY_PROJECT"`}},
		"dataiku_api_deployment":          {samples: map[string]string{"version": `"v1"`}},
		"dataiku_project_deployment": {samples: map[string]string{"variable_overrides": `jsonencode({ k = "%m" })`},
			skip: map[string]string{"project_folder_id": "a project folder of the automation node, another emulator (TestAccEmptyValues sees \"\" refused)"}},
		"dataiku_connection": {samples: map[string]string{
			"credentials_mode": `"PER_USER"`, "details_readable_by": `"ALLOWED"`, "usable_by": `"ALLOWED"`,
		}},
		"dataiku_cluster": {samples: map[string]string{"architecture": `"KUBERNETES"`}},
		"dataiku_plugin": {samples: map[string]string{"store_version": `"1.0.0"`}, skip: map[string]string{
			"git_checkout": "a plugin has one source, the row's is the store (store_version); TestAccEmptyValues sees the refusals",
			"git_subpath":  "a plugin has one source, the row's is the store (store_version); TestAccEmptyValues sees the refusals",
			"git_url":      "a plugin has one source, the row's is the store (store_version); TestAccEmptyValues sees the refusals",
			"zip_path":     "a plugin has one source, the row's is the store (store_version); TestAccEmptyValues sees the refusals",
		}},
		"dataiku_plugin_settings":       {samples: map[string]string{"parameter_sets": `jsonencode([{ name = "%m" }])`}},
		"dataiku_published_api_service": {samples: map[string]string{"permissions": jsonPerm}},
		"dataiku_published_project":     {samples: map[string]string{"permissions": jsonPerm}},
		"dataiku_api_deployer_infra": {samples: map[string]string{
			"api_nodes": `[{ url = "http://%m.example.com:12000" }]`, "permissions": jsonPerm, "govern_check_policy": `"WARN"`,
		}, nested: []clearNested{
			{"api_nodes[].graphite_prefix", `api_nodes = [{ url = "http://n%n.example.com:12000", graphite_prefix = %v }]`, `"%m"`, `""`, ""},
		}},
		"dataiku_project_bundle": {opaque: map[string]string{
			"published_project_key": "used when the bundle is published (publish = true), which the row's is not",
		}},
		"dataiku_api_service_package": {opaque: map[string]string{
			"published_service_id": "used when the package is published (publish = true), which the row's is not",
		}},
		"dataiku_project_deployer_infra": {samples: map[string]string{"permissions": jsonPerm, "govern_check_policy": `"WARN"`}},
	}
}

// clearVariant is an emptyVariant with what the second apply must leave
// in DSS: marker is the sample's ("": not checked), gone whether it must
// be absent from DSS's state after the second apply.
type clearVariant struct {
	emptyVariant
	category string
	marker   string
	gone     bool
	rule     string
	refused  string // a nested empty value's refusal's pattern
}

// clearSample is the sample derived from an attribute's type, "" for the
// types without one.
func clearSample(a rschema.Attribute) string {
	isString := func(t attr.Type) bool { return t == types.StringType }
	switch x := a.(type) {
	case rschema.StringAttribute:
		return `"%m"`
	case rschema.ListAttribute:
		if isString(x.ElementType) {
			return `["%m"]`
		}
	case rschema.SetAttribute:
		if isString(x.ElementType) {
			return `["%m"]`
		}
	case rschema.MapAttribute:
		if isString(x.ElementType) {
			return `{ k = "%m" }`
		}
	case rschema.DynamicAttribute:
		return `{ k = "%m" }`
	}
	return ""
}

// clearHasDefault reports whether a has a default value (it is then
// Computed, but deleting its line resets it).
func clearHasDefault(a rschema.Attribute) bool {
	switch x := a.(type) {
	case rschema.StringAttribute:
		return x.Default != nil
	case rschema.ListAttribute:
		return x.Default != nil
	case rschema.SetAttribute:
		return x.Default != nil
	case rschema.MapAttribute:
		return x.Default != nil
	case rschema.DynamicAttribute:
		return x.Default != nil
	case rschema.ListNestedAttribute:
		return x.Default != nil
	case rschema.SetNestedAttribute:
		return x.Default != nil
	case rschema.MapNestedAttribute:
		return x.Default != nil
	case rschema.SingleNestedAttribute:
		return x.Default != nil
	}
	return false
}

// clearVariants are the clr, del, ne and nclr variants of kinds.
func clearVariants(t *testing.T, kinds []emptyKind, rows map[string]clearingRow) []clearVariant {
	t.Helper()
	schemas := acctest.ResourceSchemas(t)
	var out []clearVariant
	i := 0
	add := func(kind *emptyKind, category, name, attr, value, before string, gone bool, rule string) {
		n := fmt.Sprintf("c%03d", i)
		i++
		marker := "evm" + n + "z"
		fill := func(s string) string {
			return strings.ReplaceAll(strings.ReplaceAll(s, "%m", "evm"+n+"z"), "%n", n)
		}
		if _, opaque := rows[kind.typ].opaque[attr]; opaque || !strings.Contains(before, "%m") {
			marker = ""
		}
		v := emptyBlock(kind, name, n, attr, fill(value), true, fill(before))
		out = append(out, clearVariant{emptyVariant: v, category: category, marker: marker, gone: gone, rule: rule})
	}
	for k := range kinds {
		kind := &kinds[k]
		row := rows[kind.typ]
		sch := schemas[kind.typ]
		// The minimal block, which other kinds' blocks may refer to.
		n := fmt.Sprintf("c%03d", i)
		i++
		out = append(out, clearVariant{emptyVariant: emptyBlock(kind, "base", n, "", "", false, ""), category: "base"})
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
			empty := emptyValueOf(at)
			if vs := kind.values[a]; len(vs) > 0 {
				empty = vs[0]
			}
			if empty == "" {
				continue
			}
			if _, ok := kind.skip[a]; ok {
				continue
			}
			if _, ok := row.skip[a]; ok {
				continue
			}
			sample, ok := row.samples[a]
			if !ok {
				sample = clearSample(at)
			}
			if sample == "" {
				t.Errorf("%s.%s: no sample derived from its type: give one in clearingRows, or a reason in its skip", kind.typ, a)
				continue
			}
			d := at.GetMarkdownDescription()
			subset := clearSubsetRe.MatchString(d)
			if _, refused := kind.refused[a]; !refused {
				gone, rule := true, "cleared to empty"
				if subset {
					gone, rule = false, "only the keys written are managed: {} writes none, DSS keeps its keys"
				}
				add(kind, "clr", "clr_"+a, a, empty, sample, gone, rule)
			}
			gone, rule := true, "Optional: deleting the line clears it"
			switch keeps := clearUnsetKeepsRe.FindString(d); {
			case subset:
				gone, rule = false, "only the keys written are managed: DSS keeps its keys"
			case clearHasDefault(at):
				rule = "Optional with a default: deleting the line resets it"
			case keeps != "":
				gone, rule = false, "documented: "+keeps
			case at.IsComputed():
				gone, rule = false, "Optional+Computed: deleting the line keeps DSS's value"
			}
			if r, ok := row.removed[a]; ok {
				gone, rule = strings.HasPrefix(r, "cleared"), "row: "+r
			}
			if _, ok := row.noDelete[a]; !ok {
				add(kind, "del", "del_"+a, a, "null", sample, gone, rule)
			}
		}
		for a := range row.skip {
			if _, ok := sch.Attributes[a]; !ok {
				t.Errorf("%s: clearingRows skip names %s, which the resource does not have", kind.typ, a)
			}
		}
		for j, nest := range row.nested {
			top, _, _ := strings.Cut(nest.line, " = ")
			line := func(v string) string {
				_, rest, _ := strings.Cut(strings.ReplaceAll(nest.line, "%v", v), " = ")
				return rest
			}
			addNested := func(category, name, before string) {
				n := fmt.Sprintf("c%03d", i)
				i++
				marker := ""
				if strings.Contains(before, "%m") {
					marker = "evm" + n + "z"
				}
				fill := func(s string) string {
					return strings.ReplaceAll(strings.ReplaceAll(s, "%m", marker), "%n", n)
				}
				v := emptyBlock(kind, name, n, top, fill(line(nest.empty)), true, fill(before))
				v.attr = nest.path
				out = append(out, clearVariant{emptyVariant: v, category: category, marker: marker, gone: true, rule: "nested, cleared to empty"})
			}
			addNested("ne", fmt.Sprintf("ne_%d", j), line(nest.empty))
			out[len(out)-1].refused = nest.refused
			if nest.refused == "" {
				addNested("nclr", fmt.Sprintf("nclr_%d", j), line(nest.sample))
			}
		}
	}
	return out
}

// clearApply writes the configuration (each variant's first block, or
// its second where second holds it), applies it and returns the output.
// A configuration the plan refuses is applied again without the refused
// variants (their first blocks instead when second is set, left out
// otherwise), which it returns with their errors.
func clearApply(t *testing.T, dir, setup string, variants []clearVariant, second map[string]bool) (string, map[string][]string) {
	t.Helper()
	refused := map[string][]string{}
	for round := 0; ; round++ {
		var vs []emptyVariant
		for _, v := range variants {
			if _, ok := refused[v.addr()]; ok && !second[v.addr()] {
				continue
			}
			if second[v.addr()] {
				if _, ok := refused[v.addr()]; !ok {
					vs = append(vs, v.emptyVariant)
					continue
				}
			}
			f := v.emptyVariant
			f.block = f.first
			vs = append(vs, f)
		}
		acctest.MustDo(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(emptyConfig(setup, vs, false)), 0o600))
		out, code := acctest.TerraformRun(t, dir, "apply", "-auto-approve", "-no-color", "-input=false")
		started := regexp.MustCompile(`(Creating|Modifying|Destroying)\.\.\.|Apply complete`).MatchString(out)
		if code == 0 || started {
			return out, refused
		}
		byVariant, others := emptyBlocksOf(out, vs)
		if len(others) > 0 || len(byVariant) == 0 || round == 5 {
			t.Fatalf("terraform apply refused the configuration (exit %d), not for a variant:\n%s\n%s", code, strings.Join(others, "\n"), acctest.Tail(out, 4000))
		}
		for addr, bs := range byVariant {
			refused[addr] = bs
		}
	}
}

// clearSubsetRe finds, in an attribute's description, that only the
// keys written of its document are managed; clearUnsetKeepsRe that DSS's
// value is kept (or left alone, unmanaged) when it is not set.
var (
	clearSubsetRe     = regexp.MustCompile(`(?i)only the (top-level )?keys (written|it names|named)|subset rule`)
	clearUnsetKeepsRe = regexp.MustCompile(`(?i)(not set|unset|null leaves|when omitted|when null)[^.]*?(not managed|unmanaged|alone|as DSS ha|DSS keeps|stays|left to DSS|kept)`)
)

// clearHistory are the emulator state's keys of copies of the objects
// as they were (a project's git commits, its bundles), not looked into.
var clearHistory = map[string]bool{"exportedBundles": true, "importedBundles": true, "bundles": true, "synced": true}

// clearMarkers are the markers found in the emulator's state, each with
// the paths of its places.
func clearMarkers(t *testing.T, em *emulator.Running) map[string][]string {
	t.Helper()
	b, err := json.Marshal(em.Server.Snapshot())
	acctest.MustDo(t, err)
	var doc any
	acctest.MustDo(t, json.Unmarshal(b, &doc))
	found := map[string][]string{}
	marker := regexp.MustCompile(`evmc\d{3}z`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if clearHistory[k] {
					continue
				}
				for _, m := range marker.FindAllString(k, -1) {
					found[m] = append(found[m], path+"/"+k)
				}
				walk(path+"/"+k, e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case string:
			for _, m := range marker.FindAllString(x, -1) {
				found[m] = append(found[m], path)
			}
		}
	}
	walk("", doc)
	return found
}

func TestAccEmptyClearing(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	acctest.CliSetup(t)
	key := acctest.ProjectKey("CLEAR")
	start := time.Now()
	setup := emptySetup(t, em, key, "c")
	kinds := emptyKinds(key, "c")
	rows := clearingRows()
	for typ := range rows {
		if !slices.ContainsFunc(kinds, func(k emptyKind) bool { return k.typ == typ }) {
			t.Errorf("clearingRows has %s, which emptyKinds has no row of", typ)
		}
	}
	variants := clearVariants(t, kinds, rows)
	if t.Failed() {
		return
	}
	outcome := map[string]string{}
	fail := func(v clearVariant, what string) {
		if outcome[v.addr()] == "" {
			outcome[v.addr()] = what
		}
		t.Errorf("%s [%s]: %s", v, v.category, what)
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": emptyConfig(setup, nil, false)})
	acctest.DestroyAtEnd(t, dir)

	// 1. The samples.
	out, refused := clearApply(t, dir, setup, variants, nil)
	var applied []clearVariant
	for _, v := range variants {
		if bs, ok := refused[v.addr()]; ok {
			if v.refused != "" && regexp.MustCompile(v.refused).MatchString(strings.Join(bs, "\n")) {
				outcome[v.addr()] = "refused at plan (expected): " + strings.Join(bs, " | ")
			} else {
				fail(v, "first apply refused at plan: "+strings.Join(bs, " | "))
			}
			continue
		}
		if v.refused != "" {
			fail(v, "planned, but the test expects a refusal matching "+v.refused)
		}
		applied = append(applied, v)
	}
	byVariant, others := emptyBlocksOf(out, func() []emptyVariant {
		var vs []emptyVariant
		for _, v := range applied {
			vs = append(vs, v.emptyVariant)
		}
		return vs
	}())
	if len(others) > 0 {
		t.Errorf("first apply: errors of no variant:\n%s", strings.Join(others, "\n"))
	}
	for _, v := range applied {
		if bs := byVariant[v.addr()]; len(bs) > 0 {
			fail(v, "first apply: "+strings.Join(bs, " | "))
		}
	}
	found := clearMarkers(t, em)
	for _, v := range applied {
		if v.marker != "" && len(found[v.marker]) == 0 && outcome[v.addr()] == "" {
			fail(v, "the sample's marker is not in DSS after the first apply")
		}
	}

	// 2. The clearing.
	second := map[string]bool{}
	for _, v := range applied {
		if outcome[v.addr()] == "" {
			second[v.addr()] = true
		}
	}
	out, refused = clearApply(t, dir, setup, applied, second)
	var vs []emptyVariant
	for _, v := range applied {
		vs = append(vs, v.emptyVariant)
		if bs, ok := refused[v.addr()]; ok {
			fail(v, "refused at plan: "+strings.Join(bs, " | "))
		}
	}
	byVariant, others = emptyBlocksOf(out, vs)
	if len(others) > 0 {
		t.Errorf("second apply: errors of no variant:\n%s", strings.Join(others, "\n"))
	}
	for _, v := range applied {
		if bs := byVariant[v.addr()]; len(bs) > 0 {
			what := "apply error"
			if strings.Contains(strings.Join(bs, " "), "inconsistent result after apply") {
				what = "inconsistent result after apply"
			}
			fail(v, what+": "+strings.Join(bs, " | "))
		}
	}
	found = clearMarkers(t, em)
	for _, v := range applied {
		if v.marker == "" || outcome[v.addr()] != "" {
			continue
		}
		switch {
		case v.gone && len(found[v.marker]) > 0:
			fail(v, "DSS still holds the sample ("+v.rule+") in "+strings.Join(found[v.marker], ", "))
		case !v.gone && len(found[v.marker]) == 0:
			fail(v, "DSS lost the sample ("+v.rule+")")
		}
	}

	// 3. The next plan, with its refresh: empty.
	var addrs []string
	for _, v := range applied {
		addrs = append(addrs, v.addr())
	}
	changes := nextPlanChanges(t, dir, addrs)
	for _, v := range applied {
		if c, ok := changes[v.addr()]; ok {
			fail(v, "perpetual diff: "+c)
		}
	}

	// The table, for the record.
	table := make([]outcomeRow, 0, len(variants))
	for _, v := range variants {
		o := outcome[v.addr()]
		if o == "" {
			o = "OK"
			if v.marker == "" {
				o = "OK (DSS's side not checked: no marker)"
			}
		}
		table = append(table, outcomeRow{variant: v.String(), outcome: o, group: v.category})
	}
	logOutcomes(t, fmt.Sprintf("clearing tried: %d variants of %d kinds in %s", len(variants), len(kinds), time.Since(start).Round(time.Second)), table)
}
