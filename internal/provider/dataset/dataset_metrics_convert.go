package dataset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A dataset's metrics and checks (issue 15): DSS keeps them in the
// definition's `metrics` section (probes and engine settings) and its
// `metricsChecks` section (dss-api-more.md §1.4), so they are attributes
// of dataiku_dataset and ride on its one read-modify-write. Null leaves
// DSS's alone; set, the list is authoritative (order included), and of
// each free-form configuration only the keys written are compared (the
// subset rule of params).
//
// Checks and data-quality rules share metricsChecks.checks. Real DSS
// documents hold data-quality rules (ValuesInSetRule,
// RecordCountInRangeRule, …) in that list (dss-real-shapes.md [T]), GET
// …/data-quality/rules answers a ruleset whose `checks` are those rules
// [V: dss/data_quality.py list_rules reads `checks`], and DSS's client
// never names metricsChecks [V, grep]; which entries are rules is
// inferred (names.IsDataQualityRuleEntry [I]). So the `checks` attribute
// models only the legacy checks: a read skips the rules (read as checks,
// the configuration would have to list them, refused by checkTypeValidator,
// and a write would turn them into checks), and a write keeps every rule entry DSS has,
// untouched and at its place, writing the configured checks over the
// legacy ones only. dataiku_data_quality_rule manages the rules; the two
// resources never write the same entry.

// probeTypes are DSS's built-in probe types [I: DSS's metrics screen; the
// Python client treats probes as opaque]. Plugin probes are written
// `plugin:<type>` and sent as `<type>`.
var probeTypes = []string{
	"basic", "records", "col_stats", "adv_col_stats", "percentile_stats", "verify_col",
	"partitioning", "cell", "sql_query", "python",
}

// pluginProbePrefix marks a probe type the provider does not know (from a
// plugin): it is sent to DSS without the prefix.
const pluginProbePrefix = "plugin:"

// checkReservedKeys are the check fields modelled apart from its
// configuration.
var checkReservedKeys = []string{"type", "meta", "enabled"}

type probeModel struct {
	Type               types.String `tfsdk:"type"`
	Enabled            types.Bool   `tfsdk:"enabled"`
	ComputeOnBuildMode types.String `tfsdk:"compute_on_build_mode"`
	Configuration      types.String `tfsdk:"configuration"`
}

var probeAttrTypes = map[string]attr.Type{
	"type": types.StringType, "enabled": types.BoolType, "compute_on_build_mode": types.StringType,
	"configuration": types.StringType,
}

type metricsModel struct {
	Probes       types.List   `tfsdk:"probes"`
	EngineConfig types.String `tfsdk:"engine_config"`
}

var metricsAttrTypes = map[string]attr.Type{
	"probes":        types.ListType{ElemType: types.ObjectType{AttrTypes: probeAttrTypes}},
	"engine_config": types.StringType,
}

type checkModel struct {
	Type          types.String `tfsdk:"type"`
	Name          types.String `tfsdk:"name"`
	Enabled       types.Bool   `tfsdk:"enabled"`
	Configuration types.String `tfsdk:"configuration"`
}

var checkAttrTypes = map[string]attr.Type{
	"type": types.StringType, "name": types.StringType, "enabled": types.BoolType,
	"configuration": types.StringType,
}

var checksType = types.ObjectType{AttrTypes: checkAttrTypes}

func datasetMetricsAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Optional: true,
		MarkdownDescription: "The metrics DSS computes on the dataset (DSS's `metrics` section of the definition). " +
			"Null leaves DSS's metrics alone and never compares them; set, `probes` is the whole list, in order. Changes in place.",
		Attributes: map[string]schema.Attribute{
			"probes": schema.ListNestedAttribute{Required: true,
				MarkdownDescription: "The probes, each computing a family of metrics (e.g. `records` gives `records:COUNT_RECORDS`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{Required: true,
						MarkdownDescription: "Probe type, one of `" + strings.Join(probeTypes, "`, `") + "`; a probe from a plugin is written `" +
							pluginProbePrefix + "<type>` and sent to DSS as `<type>`.",
						Validators: []validator.String{ProbeTypeValidator}},
					"enabled": kit.OptionalBool(true, "Whether the probe runs. Default `true`."),
					"compute_on_build_mode": schema.StringAttribute{Optional: true,
						MarkdownDescription: "When DSS computes the probe after a build (DSS's `computeOnBuildMode`, e.g. `NO`, `PARTITION`, `WHOLE_DATASET`). Null leaves DSS's value alone.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
					"configuration": schema.StringAttribute{Optional: true,
						MarkdownDescription: "The probe's settings as a JSON object written with `jsonencode` (DSS's `configuration`). " +
							"Only the top-level keys written here are managed and compared; keys DSS fills in never show as changes.",
						Validators: []validator.String{jsonConfigValidator()}},
				}}},
			"engine_config": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Engine settings of the computation as a JSON object (DSS's `engineConfig`). Same rule as `configuration`: only the keys written are compared. Null leaves DSS's alone.",
				Validators:          []validator.String{jsonConfigValidator()}},
		}}
}

func datasetChecksAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Optional: true,
		MarkdownDescription: "The legacy checks run on the dataset's metrics (DSS's `metricsChecks.checks`, superseded by data quality rules in DSS 12.6). " +
			"DSS keeps its data quality rules in the same list: they are not checks here (manage them with `dataiku_data_quality_rule`), " +
			"are never read into this attribute and are kept as DSS has them when it is written. " +
			"Null leaves DSS's checks alone; set, it is the whole list of legacy checks, in order. Changes in place.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{Required: true,
				MarkdownDescription: "Check type as DSS names it, e.g. `numericRange`, `valueSet`, `python`. A data quality rule's type " +
					"(one ending in `Rule`, or a plugin rule's `" + names.DataQualityPluginTypePrefix + "…`) is refused: such an entry is a rule, managed with `dataiku_data_quality_rule`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), checkTypeValidator}},
			"name": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Check name shown in DSS (DSS's `meta.name`). Null: the check has none, as legacy checks of real DSS documents may " +
					"(no `meta.name`, or an empty one, reads as null); a name DSS holds is then removed.",
				Validators: []validator.String{checkNameValidator}},
			"enabled": kit.OptionalBool(true, "Whether the check runs. Default `true`."),
			"configuration": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The check's own fields as a JSON object, e.g. `{ metricId = \"records:COUNT_RECORDS\", minimum = 1, minimumEnabled = true }`. " +
					"DSS keeps them beside `type` and `meta` in the check, so `type`, `meta` and `enabled` are not allowed here. Only the keys written are compared.",
				Validators: []validator.String{jsonConfigValidator(checkReservedKeys...)}},
		}},
	}
}

// checkTypeRule is what checkTypeValidator requires.
const checkTypeRule = "must not be a data quality rule type (ending in Rule, or starting with " + names.DataQualityPluginTypePrefix + "): manage rules with dataiku_data_quality_rule"

// checkTypeValidator refuses in `checks` an entry DSS's list would hold as
// a data-quality rule: it would never read back as a check (a plan that
// never empties) and would take a rule's place.
var checkTypeValidator = kit.StringCheck(checkTypeRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	if t := req.ConfigValue.ValueString(); names.IsDataQualityRuleType(t) {
		resp.Diagnostics.AddAttributeError(req.Path, "Data quality rule in checks",
			fmt.Sprintf("%s %q is a data quality rule type: a check's type %s.", req.Path, t, checkTypeRule))
	}
})

// probeTypeRule is what ProbeTypeValidator requires, also quoted in its
// refusal.
var probeTypeRule = "must be one of " + strings.Join(probeTypes, ", ") + ", or " + pluginProbePrefix + "<type> for a plugin probe"

// ProbeTypeValidator refuses a probe type that is neither built in nor
// marked as a plugin's.
var ProbeTypeValidator = kit.StringCheck(probeTypeRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	t := req.ConfigValue.ValueString()
	if slices.Contains(probeTypes, t) || (strings.HasPrefix(t, pluginProbePrefix) && len(t) > len(pluginProbePrefix)) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown probe type",
		fmt.Sprintf("%s %q is not a DSS probe type: it %s.", req.Path, t, probeTypeRule))
})

// jsonConfigValidator checks that a configuration is a JSON object, naming
// the attribute and, for a syntax error, the byte offset; reserved keys
// belong to other attributes.
func jsonConfigValidator(reserved ...string) validator.String {
	desc := "must be a JSON object written with jsonencode({...})"
	if len(reserved) > 0 {
		desc += " without the keys " + strings.Join(reserved, ", ")
	}
	return kit.StringCheck(desc, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		if !kit.Known(req.ConfigValue) {
			return
		}
		m, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()))
		if err != nil {
			msg := "Attribute " + req.Path.String() + " " + err.Error()
			if offset, ok := JSONErrorOffset(err); ok {
				msg += fmt.Sprintf(" (at byte offset %d)", offset)
			}
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object", msg+".")
			return
		}
		for _, k := range reserved {
			if _, ok := m[k]; ok {
				resp.Diagnostics.AddAttributeError(req.Path, "Reserved key in configuration",
					fmt.Sprintf("%s must not contain %q: it has its own attribute.", req.Path, k))
			}
		}
	})
}

// JSONErrorOffset is where encoding/json stopped on a syntax error.
func JSONErrorOffset(err error) (int64, bool) {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return syn.Offset, true
	}
	return 0, false
}

// probeTypeToDSS and probeTypeFromDSS apply the plugin escape.
func probeTypeToDSS(t string) string { return strings.TrimPrefix(t, pluginProbePrefix) }

func probeTypeFromDSS(t string) string {
	if slices.Contains(probeTypes, t) {
		return t
	}
	return pluginProbePrefix + t
}

// validateMetrics checks what the attribute validators cannot see: a
// check name used twice.
func validateMetrics(ctx context.Context, cfg *DatasetResourceModel, diags *diag.Diagnostics) {
	if !kit.Known(cfg.Checks) {
		return
	}
	var checks []checkModel
	diags.Append(cfg.Checks.ElementsAs(ctx, &checks, false)...)
	refuseDuplicateNames(checks, func(c *checkModel) types.String { return c.Name }, "checks", "Duplicate check name",
		"check names must be unique on a dataset", diags)
}

// refuseDuplicateNames adds an error on each element of the list
// attribute attr whose known name an earlier element already has (the
// last one before it with that name); rule says why names must differ.
func refuseDuplicateNames[T any](items []T, name func(*T) types.String, attr, summary, rule string, diags *diag.Diagnostics) {
	seen := map[string]int{}
	for i := range items {
		n := name(&items[i])
		if !kit.Known(n) {
			continue
		}
		if j, dup := seen[n.ValueString()]; dup {
			diags.AddAttributeError(kit.ConfigLine(path.Root(attr).AtListIndex(i).AtName("name")), summary,
				fmt.Sprintf("%s[%d].name %q is also the name of %s[%d]: %s.", attr, i, n.ValueString(), attr, j, rule))
		}
		seen[n.ValueString()] = i
	}
}

// objectList reads a list of JSON objects from a section.
func objectList(section dss.Object, key string) []map[string]any {
	raw, _ := section[key].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, e := range raw {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// enabledIn reads a probe's or a check's enabled flag: one DSS holds
// without the flag reads as enabled, the attribute's default.
func enabledIn(o map[string]any) bool {
	enabled, ok := o["enabled"].(bool)
	return enabled || !ok
}

// checkNameValidator refuses an empty name and says what to write instead:
// a check without a name, or with DSS's empty one, is a null name.
var checkNameValidator = kit.StringCheck("must not be empty; leave it out for a check without a name",
	func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		if kit.Known(req.ConfigValue) && req.ConfigValue.ValueString() == "" {
			resp.Diagnostics.AddAttributeError(req.Path, "Empty check name",
				fmt.Sprintf("%s is empty: leave it out for a check without a name (DSS's checks without meta.name, or with an empty one, read as a null name).", req.Path))
		}
	})

// writeEnabled sets a probe's or a check's enabled flag to v. One DSS
// holds (held) without the flag (enabled, by enabledIn) gets it only when
// it changes, so an object written back as it is stays as DSS has it; a
// new one always gets it, as DSS's own screens write it.
func writeEnabled(o map[string]any, held, v bool) {
	if _, flagged := o["enabled"]; !held || flagged || enabledIn(o) != v {
		o["enabled"] = v
	}
}

func objectAt(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// applyMetrics writes the planned metrics and checks over DSS's sections
// for the read-modify-write; null ones leave DSS's alone. Each probe or
// check starts from DSS's one at the same position when it has the same
// type, so fields the provider does not model (meta, displayed state)
// are kept.
func applyMetrics(ctx context.Context, m *DatasetResourceModel, d *dss.Dataset) diag.Diagnostics {
	var diags diag.Diagnostics
	if kit.Known(m.Metrics) {
		var mm metricsModel
		diags.Append(m.Metrics.As(ctx, &mm, kit.ObjectAsOptions)...)
		var probes []probeModel
		diags.Append(mm.Probes.ElementsAs(ctx, &probes, false)...)
		updateSection(&diags, "metrics", d.Metrics, d.SetMetrics, func(section dss.Object) {
			existing := objectList(section, "probes")
			out := make([]any, 0, len(probes))
			for i, p := range probes {
				wire := probeTypeToDSS(p.Type.ValueString())
				probe, held := sameTypeAt(existing, i, wire)
				probe["type"] = wire
				writeEnabled(probe, held, p.Enabled.ValueBool())
				if kit.Known(p.ComputeOnBuildMode) {
					probe["computeOnBuildMode"] = p.ComputeOnBuildMode.ValueString()
				}
				probe["configuration"] = mergeWritten(objectAt(probe, "configuration"), asJSON(p.Configuration))
				out = append(out, probe)
			}
			section["probes"] = out
			if kit.Known(mm.EngineConfig) {
				section["engineConfig"] = mergeWritten(objectAt(section, "engineConfig"), asJSON(mm.EngineConfig))
			}
		})
	}
	if kit.Known(m.Checks) {
		var checks []checkModel
		diags.Append(m.Checks.ElementsAs(ctx, &checks, false)...)
		updateSection(&diags, "checks", d.MetricsChecks, d.SetMetricsChecks, func(section dss.Object) {
			existing := legacyChecks(section)
			planned := make([]any, 0, len(checks))
			for i, c := range checks {
				check, held := sameTypeAt(existing, i, c.Type.ValueString())
				writeCheckName(check, c.Name)
				check["type"] = c.Type.ValueString()
				writeEnabled(check, held, c.Enabled.ValueBool())
				written, _ := kit.DecodeJSONObject(asJSON(c.Configuration))
				kit.MergeKeepingEqual(check, written)
				planned = append(planned, check)
			}
			section["checks"] = withRulesKept(section, planned)
		})
	}
	return diags
}

// writeCheckName writes a check's name into its meta. A null name is
// none, as the read says of a check without one (legacy checks may lack
// meta.name): a name DSS holds is removed, and a check that has none is
// left as DSS has it (no meta added, an empty name kept), so writing an
// adopted nameless check back changes nothing. Unknown leaves DSS's.
func writeCheckName(check map[string]any, name types.String) {
	meta := objectAt(check, "meta")
	switch {
	case kit.Known(name):
		if meta == nil {
			meta = map[string]any{}
		}
		meta["name"] = name.ValueString()
		check["meta"] = meta
	case name.IsNull():
		if held, _ := meta["name"].(string); held != "" {
			delete(meta, "name")
		}
	}
}

// isRuleEntry reports whether an entry of metricsChecks.checks is a
// data-quality rule (not a check of the checks attribute).
func isRuleEntry(e any) bool {
	m, ok := e.(map[string]any)
	return ok && names.IsDataQualityRuleEntry(m)
}

// legacyChecks is the entries of metricsChecks.checks that are checks,
// in order: the list without its data-quality rules.
func legacyChecks(section dss.Object) []map[string]any {
	var out []map[string]any
	for _, c := range objectList(section, "checks") {
		if !isRuleEntry(c) {
			out = append(out, c)
		}
	}
	return out
}

// withRulesKept is DSS's metricsChecks.checks with its legacy checks
// replaced by planned: each rule entry stays as DSS has it, at its place;
// the i-th check takes the place of DSS's i-th check, and the checks
// beyond DSS's count follow the list.
func withRulesKept(section dss.Object, planned []any) []any {
	raw, _ := section["checks"].([]any)
	out := make([]any, 0, len(raw)+len(planned))
	next := 0
	for _, e := range raw {
		if isRuleEntry(e) {
			out = append(out, e)
			continue
		}
		if next < len(planned) {
			out = append(out, planned[next])
			next++
		}
	}
	return append(out, planned[next:]...)
}

// updateSection edits a copy of a definition section and replaces the
// section only when its content changed: the section is kept as DSS's raw
// text, whose key order a rewrite would change, so an unchanged section
// must not be rewritten (it would send a needless PUT).
func updateSection(diags *diag.Diagnostics, what string, get func() (dss.Object, error), set func(dss.Object) error, edit func(dss.Object)) {
	section, err := get()
	if err != nil {
		diags.AddError("Cannot read the dataset's "+what, err.Error())
		return
	}
	before := copyObject(section)
	if section == nil {
		section = dss.Object{}
	}
	edit(section)
	if kit.JSONEqual(before, section) {
		return
	}
	if err := set(section); err != nil {
		diags.AddError("Cannot write the dataset's "+what, err.Error())
	}
}

// sameTypeAt is a copy of DSS's item at position i when it has type typ,
// else a new item.
func sameTypeAt(existing []map[string]any, i int, typ string) (o map[string]any, held bool) {
	if i < len(existing) && existing[i]["type"] == typ {
		return copyObject(existing[i]), true
	}
	return map[string]any{}, false
}

// The configurations are plain strings, not jsontypes values: jsontypes'
// own syntax check runs first and, inside a nested list, its error names
// neither the attribute nor the offset; jsonConfigValidator names both.

// asJSON reads a configuration string as a JSON value.
func asJSON(s types.String) jsontypes.Normalized {
	if !kit.Known(s) {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(s.ValueString())
}

// configSubset applies the subset rule to a configuration: of DSS's
// object, the keys prior wrote (prior's own text when they hold).
func configSubset(fromDSS map[string]any, prior types.String) types.String {
	v := kit.WrittenSubset(fromDSS, asJSON(prior))
	if v.IsNull() {
		return types.StringNull()
	}
	return types.StringValue(v.ValueString())
}

// mergeWritten sets the written keys over DSS's object, DSS's text kept
// for every part that does not change (kit.MergeKeepingEqual).
func mergeWritten(fromDSS map[string]any, written jsontypes.Normalized) map[string]any {
	out := copyObject(fromDSS)
	if out == nil {
		out = map[string]any{}
	}
	w, _ := kit.DecodeJSONObject(written)
	kit.MergeKeepingEqual(out, w)
	return out
}

// copyObject deep-copies a decoded JSON object (nil stays nil).
func copyObject(m map[string]any) map[string]any {
	c, _ := kit.DeepCopyJSON(m).(map[string]any)
	return c
}

// metricsFromDSS fills metrics and checks from DSS's definition when the
// model manages them (prior not null): every probe and check DSS has, in
// order, each configuration cut to the keys the prior one at the same
// position wrote.
func metricsFromDSS(ctx context.Context, d *dss.Dataset, m *DatasetResourceModel) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	if m.Metrics.IsNull() {
		m.Metrics = types.ObjectNull(metricsAttrTypes)
	} else {
		var prior metricsModel
		var priorProbes []probeModel
		if kit.Known(m.Metrics) {
			diags.Append(m.Metrics.As(ctx, &prior, kit.ObjectAsOptions)...)
			if kit.Known(prior.Probes) {
				diags.Append(prior.Probes.ElementsAs(ctx, &priorProbes, false)...)
			}
		}
		section, err := d.Metrics()
		if err != nil {
			diags.AddError("Cannot read the dataset's metrics", err.Error())
			return diags
		}
		probes := []probeModel{}
		for i, p := range objectList(section, "probes") {
			var was probeModel
			if i < len(priorProbes) {
				was = priorProbes[i]
			} else {
				was = probeModel{ComputeOnBuildMode: types.StringNull(), Configuration: types.StringNull()}
			}
			t, _ := p["type"].(string)
			probe := probeModel{Type: types.StringValue(probeTypeFromDSS(t)), Enabled: types.BoolValue(enabledIn(p)),
				ComputeOnBuildMode: types.StringNull(),
				Configuration:      configSubset(objectAt(p, "configuration"), was.Configuration)}
			if !was.ComputeOnBuildMode.IsNull() {
				mode, _ := p["computeOnBuildMode"].(string)
				probe.ComputeOnBuildMode = kit.NullIfEmpty(mode)
			}
			probes = append(probes, probe)
		}
		list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: probeAttrTypes}, probes)
		diags.Append(d2...)
		mm := metricsModel{Probes: list, EngineConfig: configSubset(objectAt(section, "engineConfig"), prior.EngineConfig)}
		if !kit.Known(prior.EngineConfig) {
			mm.EngineConfig = types.StringNull()
		}
		m.Metrics, dd = types.ObjectValueFrom(ctx, metricsAttrTypes, mm)
		diags.Append(dd...)
	}
	if m.Checks.IsNull() {
		m.Checks = types.ListNull(checksType)
		return diags
	}
	var priorChecks []checkModel
	if kit.Known(m.Checks) {
		diags.Append(m.Checks.ElementsAs(ctx, &priorChecks, false)...)
	}
	section, err := d.MetricsChecks()
	if err != nil {
		diags.AddError("Cannot read the dataset's checks", err.Error())
		return diags
	}
	checks := []checkModel{}
	for i, c := range legacyChecks(section) {
		was := types.StringNull()
		if i < len(priorChecks) {
			was = priorChecks[i].Configuration
		}
		t, _ := c["type"].(string)
		name, _ := objectAt(c, "meta")["name"].(string)
		own := map[string]any{}
		for k, v := range c {
			if !slices.Contains(checkReservedKeys, k) {
				own[k] = v
			}
		}
		checks = append(checks, checkModel{Type: types.StringValue(t), Name: kit.NullIfEmpty(name),
			Enabled: types.BoolValue(enabledIn(c)), Configuration: configSubset(own, was)})
	}
	m.Checks, dd = types.ListValueFrom(ctx, checksType, checks)
	diags.Append(dd...)
	return diags
}
