package project

import (
	"cmp"
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Scenario settings ↔ models, shared by the resource and the data
// sources.

// ScenarioModel is the dataiku_scenario resource; the data source has the
// same attributes.
type ScenarioModel struct {
	ID         types.String  `tfsdk:"id"`
	ProjectKey types.String  `tfsdk:"project_key"`
	Name       types.String  `tfsdk:"name"`
	Type       types.String  `tfsdk:"type"`
	Active     types.Bool    `tfsdk:"active"`
	RunAs      types.String  `tfsdk:"run_as"`
	Triggers   types.List    `tfsdk:"triggers"`
	Steps      types.List    `tfsdk:"steps"`
	Script     types.String  `tfsdk:"script"`
	Reporters  types.Dynamic `tfsdk:"reporters"`
	kit.Documentation
}

// ScenarioTriggerModel is one element of triggers.
type ScenarioTriggerModel struct {
	Type            types.String         `tfsdk:"type"`
	Name            types.String         `tfsdk:"name"`
	Active          types.Bool           `tfsdk:"active"`
	Frequency       types.String         `tfsdk:"frequency"`
	RepeatFrequency types.Int64          `tfsdk:"repeat_frequency"`
	Hour            types.Int64          `tfsdk:"hour"`
	Minute          types.Int64          `tfsdk:"minute"`
	DaysOfWeek      types.List           `tfsdk:"days_of_week"`
	MonthlyRunOn    types.String         `tfsdk:"monthly_run_on"`
	Timezone        types.String         `tfsdk:"timezone"`
	StartingFrom    types.String         `tfsdk:"starting_from"`
	Datasets        types.List           `tfsdk:"datasets"`
	Params          jsontypes.Normalized `tfsdk:"params"`
}

// scenarioStepModel is one element of steps.
type scenarioStepModel struct {
	Type         types.String         `tfsdk:"type"`
	Name         types.String         `tfsdk:"name"`
	Params       jsontypes.Normalized `tfsdk:"params"`
	RunCondition types.String         `tfsdk:"run_condition"`
}

// scenarioTriggerType and scenarioStepType are the elements of the
// schema's triggers and steps.
var (
	scenarioTriggerType = scenarioListElemType("triggers")
	scenarioStepType    = scenarioListElemType("steps")
)

func scenarioListElemType(list string) types.ObjectType {
	if l, ok := (scenarioKind{}).Schema().Attributes[list].GetType().(types.ListType); ok {
		if o, ok := l.ElemType.(types.ObjectType); ok {
			return o
		}
	}
	panic("scenarioListElemType: " + list + " is not a list of objects")
}

// Trigger types: the provider's name → DSS's. Any other DSS type is
// written with the escape prefix (dss:<type>) and passed as written.
var scenarioTriggerWireTypes = map[string]string{
	"temporal":         "temporal",
	"dataset_modified": "ds_modified",
	"sql_query":        "sql_query",
	"custom_python":    "custom_python",
	"follow_scenario":  "follow_scenariorun",
}

// scenarioTriggerEscape prefixes a DSS trigger type the provider does not
// know (a plugin's), written as DSS names it.
const scenarioTriggerEscape = "dss:"

func TriggerWireType(t string) string {
	if w, ok := scenarioTriggerWireTypes[t]; ok {
		return w
	}
	return strings.TrimPrefix(t, scenarioTriggerEscape)
}

func TriggerProviderType(wire string) string {
	for p, w := range scenarioTriggerWireTypes {
		if w == wire {
			return p
		}
	}
	return scenarioTriggerEscape + wire
}

// Temporal trigger params the provider models, by DSS name.
const (
	tpFrequency       = "frequency"
	tpRepeatFrequency = "repeatFrequency"
	tpHour            = "hour"
	tpMinute          = "minute"
	tpDaysOfWeek      = "daysOfWeek"
	tpMonthlyRunOn    = "monthlyRunOn"
	tpTimezone        = "timezone"
	tpStartingFrom    = "startingFrom"
	// tpWatches is what a ds_modified trigger watches, as DSS holds it
	// (dss-real-shapes.md): [{type, itemId, partitionsSpec}].
	tpWatches = "watches"
	// tpLegacyDatasets is the key earlier provider versions wrote instead
	// ([{projectKey, name}]), which DSS ignores: read when watches is
	// absent, removed when the datasets attribute writes watches.
	tpLegacyDatasets = "datasets"
)

// dssOwnedTriggerParams are the params keys DSS maintains itself on a
// trigger, whatever type (dss-real-shapes.md: a temporal trigger's
// lastUpdate, a timestamp DSS sets). They are DSS's, not the
// configuration's: an import never reads them into params (dss-adopt would
// copy them into the generated configuration), a write never sends or
// removes them (the read-modify-write keeps DSS's value), and a state or
// configuration of an earlier version that holds one in params reads
// back its own value, so DSS moving the timestamp plans no change.
var dssOwnedTriggerParams = []string{"lastUpdate"}

// modelledTriggerParams are the params keys a trigger's own attributes
// hold; params (JSON) covers the others. For ds_modified it depends on
// the params: the datasets attribute holds watches only when it can say
// all of them (dsModifiedDatasets).
func modelledTriggerParams(wire string, params dss.Object) []string {
	switch wire {
	case "temporal":
		return []string{tpFrequency, tpRepeatFrequency, tpHour, tpMinute, tpDaysOfWeek, tpMonthlyRunOn, tpTimezone, tpStartingFrom}
	case "ds_modified":
		_, covered, _ := dsModifiedDatasets("", params)
		return covered
	}
	return nil
}

func objectListElems[T any](ctx context.Context, l types.List) ([]T, diag.Diagnostics) {
	if !kit.Known(l) {
		return nil, nil
	}
	var out []T
	d := l.ElementsAs(ctx, &out, false)
	return out, d
}

func int64FromJSON(v any) types.Int64 {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return types.Int64Value(n)
		}
		if f, err := x.Float64(); err == nil {
			return types.Int64Value(int64(f))
		}
	case float64:
		return types.Int64Value(int64(x))
	}
	return types.Int64Null()
}

func stringFromJSON(v any) types.String {
	if s, ok := v.(string); ok {
		return types.StringValue(s)
	}
	return types.StringNull()
}

// stringListFromJSON reads a JSON array as a list of strings, each
// element read by each; not an array: null.
func stringListFromJSON(ctx context.Context, v any, each func(any) string) (types.List, diag.Diagnostics) {
	list, ok := v.([]any)
	if !ok {
		return types.ListNull(types.StringType), nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, each(e))
	}
	return types.ListValueFrom(ctx, types.StringType, out)
}

func stringOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// watchTypeDataset is the type of a watch on a dataset.
const watchTypeDataset = "DATASET"

// datasetWatches writes dataset_modified's datasets as DSS's watches: a
// local "name" is {type: DATASET, itemId: name, partitionsSpec: ""}; a
// foreign "PROJECT.name" adds projectKey: PROJECT to its watch [I: the
// shape of DSS's other smart references, e.g. a zone item's; not seen in a
// ds_modified watch]. A dataset name holds no dot, so the first dot
// separates the project.
func datasetWatches(projectKey string, names []string) []any {
	out := make([]any, 0, len(names))
	for _, n := range names {
		w := map[string]any{"type": watchTypeDataset, "itemId": n, "partitionsSpec": ""}
		if k, name, ok := strings.Cut(n, "."); ok {
			w["itemId"] = name
			if k != projectKey {
				w["projectKey"] = k
			}
		}
		out = append(out, w)
	}
	return out
}

// datasetRef is how the datasets attribute names a dataset: its name, or
// PROJECT.name when projectKey is another project's.
func datasetRef(projectKey, key, name string) string {
	if key != "" && key != projectKey {
		return key + "." + name
	}
	return name
}

// dsModifiedDatasets reads a ds_modified trigger's params as the datasets
// attribute: the names, the params keys the attribute then holds, and
// whether it holds them. The attribute holds DSS's watches only when every
// watch is a DATASET one with no partitionsSpec and no key beyond type,
// itemId, partitionsSpec and projectKey (then a legacy datasets key beside
// them is covered too, and removed on the next write); otherwise it is null
// and watches stays in params, so that nothing is lost. With no watches, a
// legacy datasets key ([{projectKey, name}]) is read.
func dsModifiedDatasets(projectKey string, params dss.Object) (names []string, covered []string, ok bool) {
	if raw, has := params[tpWatches]; has {
		list, isList := raw.([]any)
		if !isList {
			return nil, nil, false
		}
		names = make([]string, 0, len(list))
		for _, e := range list {
			w, _ := e.(map[string]any)
			typ, _ := w["type"].(string)
			item, _ := w["itemId"].(string)
			key, keyOK := w["projectKey"].(string)
			spec, specOK := w["partitionsSpec"].(string)
			if typ != watchTypeDataset || item == "" || (w["projectKey"] != nil && !keyOK) || (w["partitionsSpec"] != nil && (!specOK || spec != "")) {
				return nil, nil, false
			}
			for k := range w {
				if k != "type" && k != "itemId" && k != "partitionsSpec" && k != "projectKey" {
					return nil, nil, false
				}
			}
			names = append(names, datasetRef(projectKey, key, item))
		}
		return names, []string{tpWatches, tpLegacyDatasets}, true
	}
	list, isList := params[tpLegacyDatasets].([]any)
	if !isList {
		return nil, nil, false
	}
	names = make([]string, 0, len(list))
	for _, e := range list {
		ref, _ := e.(map[string]any)
		name, _ := ref["name"].(string)
		key, _ := ref["projectKey"].(string)
		if name == "" {
			return nil, nil, false
		}
		names = append(names, datasetRef(projectKey, key, name))
	}
	return names, []string{tpLegacyDatasets}, true
}

// sameDatasetRefs reports whether two lists name the same datasets in
// order, "PROJECT.name" of the scenario's own project being "name".
func sameDatasetRefs(projectKey string, a, b []string) bool {
	norm := func(n string) string { return strings.TrimPrefix(n, projectKey+".") }
	return slices.EqualFunc(a, b, func(x, y string) bool { return norm(x) == norm(y) })
}

// datasetsFromDSS is the datasets attribute of a ds_modified trigger:
// null when its params cannot say them, or when the prior configuration
// writes watches in params itself. A name the prior wrote as
// "PROJECT.name" of the scenario's own project keeps that spelling.
func datasetsFromDSS(ctx context.Context, projectKey string, params dss.Object, prior *ScenarioTriggerModel) (types.List, diag.Diagnostics) {
	names, _, ok := dsModifiedDatasets(projectKey, params)
	if !ok || (prior != nil && paramsWrite(prior.Params, tpWatches)) {
		return types.ListNull(types.StringType), nil
	}
	if prior != nil && kit.Known(prior.Datasets) {
		var before []string
		if d := prior.Datasets.ElementsAs(ctx, &before, false); !d.HasError() && sameDatasetRefs(projectKey, before, names) {
			names = before
		}
	}
	return types.ListValueFrom(ctx, types.StringType, names)
}

// paramsWrite reports whether the params JSON (known) writes key.
func paramsWrite(params jsontypes.Normalized, key string) bool {
	if !kit.Known(params) {
		return false
	}
	obj, err := kit.DecodeJSONObject(params)
	if err != nil {
		return false
	}
	_, ok := obj[key]
	return ok
}

// writeSubset sets the keys of the written params in dss, and removes the
// keys the prior configuration wrote that the plan no longer writes; the
// owned keys (DSS's) are neither written nor removed, whatever plan and
// prior say. DSS's text of every part that does not change is kept
// (kit.MergeKeepingEqual): it runs on every update of the scenario.
func writeSubset(dssParams dss.Object, plan, prior jsontypes.Normalized, owned ...string) (dss.Object, error) {
	out := maps.Clone(dssParams)
	if out == nil {
		out = dss.Object{}
	}
	written, err := kit.DecodeJSONObject(plan)
	if err != nil {
		return nil, err
	}
	before, _ := kit.DecodeJSONObject(prior)
	for _, k := range owned {
		delete(written, k)
		delete(before, k)
	}
	for k := range before {
		if _, still := written[k]; !still {
			delete(out, k)
		}
	}
	kit.MergeKeepingEqual(out, written)
	return out, nil
}

// ownedAsPrior is DSS's trigger params with each DSS-owned key the prior
// params hold set to the prior's value: the read then shows what the
// configuration wrote for it, so DSS moving its own timestamp is no
// change. DSS's value is what stays in DSS (writeSubset never writes it).
func ownedAsPrior(params dss.Object, prior jsontypes.Normalized) dss.Object {
	before, err := kit.DecodeJSONObject(prior)
	if err != nil {
		return params
	}
	out := maps.Clone(params)
	for _, k := range dssOwnedTriggerParams {
		if v, wrote := before[k]; wrote {
			if out == nil {
				out = dss.Object{}
			}
			out[k] = v
		}
	}
	return out
}

// sameTriggerButOwnedParams reports whether the planned trigger p (its
// attributes) is the prior one, params compared without the keys DSS owns
// (an empty params is no params). A value unknown in the plan is a
// difference.
func sameTriggerButOwnedParams(p, prior map[string]attr.Value) bool {
	for name, v := range p {
		if name != "params" && (v == nil || !v.Equal(prior[name])) {
			return false
		}
	}
	notOwned := func(v attr.Value) (map[string]any, bool) {
		j, ok := v.(jsontypes.Normalized)
		if !ok || j.IsUnknown() {
			return nil, false
		}
		m, err := kit.DecodeJSONObject(j)
		for _, k := range dssOwnedTriggerParams {
			delete(m, k)
		}
		return m, err == nil
	}
	a, okA := notOwned(p["params"])
	b, okB := notOwned(prior["params"])
	return okA && okB && (len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b))
}

// restParams is DSS's params without the keys the type's attributes
// hold and those DSS owns: what an import reads into params; null when
// empty.
func restParams(params dss.Object, wire string) jsontypes.Normalized {
	rest := maps.Clone(params)
	for _, k := range modelledTriggerParams(wire, params) {
		delete(rest, k)
	}
	for _, k := range dssOwnedTriggerParams {
		delete(rest, k)
	}
	return kit.WholeObject(kit.TerraformNumbersObject(rest)) // DSS's Java doubles as jsonencode prints them
}

// PairKey is what pairs a planned trigger or step with an existing one:
// its type (for a trigger, as the provider names it; "" when unknown: never
// paired) and its name ("" when unset or unknown).
type PairKey struct{ Typ, Name string }

func triggerKeysOf(ts []ScenarioTriggerModel) []PairKey {
	out := make([]PairKey, len(ts))
	for i, t := range ts {
		switch {
		case !kit.Known(t.Type):
			out[i] = PairKey{}
		case !kit.Known(t.Name):
			// Paired by its place only.
			out[i] = PairKey{Typ: t.Type.ValueString()}
		default:
			out[i] = PairKey{t.Type.ValueString(), t.Name.ValueString()}
		}
	}
	return out
}

func triggerKeysOfDSS(ts []dss.ScenarioTrigger) []PairKey {
	out := make([]PairKey, len(ts))
	for i, t := range ts {
		out[i] = PairKey{TriggerProviderType(t.Type), t.Name}
	}
	return out
}

// MatchItems pairs each planned trigger or step with the existing one it
// is written over (-1: a new one), which keeps its id and the fields the
// provider does not model.
//
//  1. By name: an item whose type and name are those of exactly one item
//     on each side is that item, wherever it moved in the list. No name
//     counts as a name here: the only unnamed step of its type on each
//     side is that step.
//  2. In order, for the rest: the items left are aligned as a diff aligns
//     lines, the pairs keeping both lists' order and the items paired by
//     name (so an item is looked for between the same named neighbours),
//     pairing as many items of the same type as can be, those of the same
//     name first; among equal alignments the earliest pairs win.
//
// So inserting, removing or moving an item leaves the others as they are
// when each has a name of its own, or is the only unnamed one of its type;
// renaming an item in place keeps it. Items of one type that have no name,
// or share one, have nothing else to tell them apart: they are paired in
// order, so removing the first of two such items leaves the first
// existing one (its id and fields) to the second.
func MatchItems(planned, existing []PairKey) []int {
	count := func(ks []PairKey) map[PairKey]int {
		n := map[PairKey]int{}
		for _, k := range ks {
			if k.Typ != "" {
				n[k]++
			}
		}
		return n
	}
	inPlan, inExisting := count(planned), count(existing)
	out := make([]int, len(planned))
	byName := make([]bool, len(existing))
	for j, k := range planned {
		out[j] = -1
		if inPlan[k] != 1 || inExisting[k] != 1 {
			continue
		}
		for i, e := range existing {
			if e == k {
				out[j], byName[i] = i, true
			}
		}
	}
	// score is what pairing planned[j] with existing[i] is worth to the
	// alignment; a pair by name outweighs all others together, so that
	// the others fall between the same pairs by name.
	heavy := 2*min(len(planned), len(existing)) + 1
	score := func(j, i int) int {
		switch {
		case out[j] >= 0 && out[j] == i:
			return heavy
		case out[j] >= 0 || byName[i] || planned[j].Typ == "" || planned[j].Typ != existing[i].Typ:
			return 0
		case planned[j].Name == existing[i].Name:
			return 2
		default:
			return 1
		}
	}
	// best[j][i]: the best alignment of planned[j:] with existing[i:].
	best := make([][]int, len(planned)+1)
	for j := range best {
		best[j] = make([]int, len(existing)+1)
	}
	for j := len(planned) - 1; j >= 0; j-- {
		for i := len(existing) - 1; i >= 0; i-- {
			best[j][i] = max(best[j+1][i], best[j][i+1])
			if s := score(j, i); s > 0 {
				best[j][i] = max(best[j][i], s+best[j+1][i+1])
			}
		}
	}
	for j, i := 0, 0; j < len(planned) && i < len(existing); {
		switch s := score(j, i); {
		case s > 0 && best[j][i] == s+best[j+1][i+1]:
			out[j] = i
			j, i = j+1, i+1
		case best[j][i] == best[j+1][i]:
			j++
		default:
			i++
		}
	}
	return out
}

// ApplyTriggers writes the planned triggers over DSS's, each over the
// trigger MatchItems pairs it with: that trigger keeps its id and the
// fields the provider does not model.
func ApplyTriggers(ctx context.Context, projectKey string, plan, prior []ScenarioTriggerModel, cur []dss.ScenarioTrigger) ([]dss.ScenarioTrigger, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make([]dss.ScenarioTrigger, 0, len(plan))
	planKeys := triggerKeysOf(plan)
	onCur, onPrior := MatchItems(planKeys, triggerKeysOfDSS(cur)), MatchItems(planKeys, triggerKeysOf(prior))
	for i, p := range plan {
		wire := TriggerWireType(p.Type.ValueString())
		t := dss.ScenarioTrigger{Type: wire, Active: true}
		if k := onCur[i]; k >= 0 {
			t = cur[k]
		}
		var priorParams jsontypes.Normalized
		if k := onPrior[i]; k >= 0 {
			priorParams = prior[k].Params
		}
		params, err := writeSubset(t.Params, p.Params, priorParams, dssOwnedTriggerParams...)
		if err != nil {
			diags.AddError("Invalid trigger params", err.Error())
			continue
		}
		setString := func(k string, v types.String) {
			if kit.Known(v) {
				params[k] = v.ValueString()
			}
		}
		setInt := func(k string, v types.Int64) {
			if kit.Known(v) {
				params[k] = json.Number(strconv.FormatInt(v.ValueInt64(), 10))
			}
		}
		if wire == "temporal" {
			setString(tpFrequency, p.Frequency)
			setInt(tpRepeatFrequency, p.RepeatFrequency)
			setInt(tpHour, p.Hour)
			setInt(tpMinute, p.Minute)
			setString(tpMonthlyRunOn, p.MonthlyRunOn)
			setString(tpTimezone, p.Timezone)
			setString(tpStartingFrom, p.StartingFrom)
			if kit.Known(p.DaysOfWeek) {
				days, d := objectListElems[string](ctx, p.DaysOfWeek)
				diags.Append(d...)
				params[tpDaysOfWeek] = kit.StringsToAny(days)
			}
		}
		if wire == "ds_modified" && kit.Known(p.Datasets) && !paramsWrite(p.Params, tpWatches) {
			names, d := objectListElems[string](ctx, p.Datasets)
			diags.Append(d...)
			// DSS's watches are left as they are when they already name
			// these datasets; otherwise they are written, and the key of
			// earlier provider versions goes.
			held, _, ok := dsModifiedDatasets(projectKey, params)
			_, legacy := params[tpLegacyDatasets]
			if _, hasWatches := params[tpWatches]; !ok || !hasWatches || legacy || !sameDatasetRefs(projectKey, held, names) {
				params[tpWatches] = datasetWatches(projectKey, names)
				delete(params, tpLegacyDatasets)
			}
		}
		t.Params = params
		kit.SetKnownString(p.Name, &t.Name)
		kit.SetKnownBool(p.Active, &t.Active)
		out = append(out, t)
	}
	return out, diags
}

// triggersFromDSS reads DSS's triggers. params follows the subset rule
// with the keys of the prior trigger MatchItems pairs it with, as a write
// pairs them (by type and name, then in order): a trigger moved in DSS's
// UI is read against its own prior keys, not those of the trigger that was
// at its place. With whole, params holds every key the type's attributes
// do not (an import).
func triggersFromDSS(ctx context.Context, projectKey string, cur []dss.ScenarioTrigger, prior []ScenarioTriggerModel, whole bool) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make([]ScenarioTriggerModel, 0, len(cur))
	onPrior := MatchItems(triggerKeysOfDSS(cur), triggerKeysOf(prior))
	for i, t := range cur {
		var before *ScenarioTriggerModel
		if k := onPrior[i]; k >= 0 {
			before = &prior[k]
		}
		m := ScenarioTriggerModel{
			Type: types.StringValue(TriggerProviderType(t.Type)), Name: types.StringValue(t.Name), Active: types.BoolValue(t.Active),
			Frequency: types.StringNull(), RepeatFrequency: types.Int64Null(), Hour: types.Int64Null(), Minute: types.Int64Null(),
			DaysOfWeek: types.ListNull(types.StringType), MonthlyRunOn: types.StringNull(), Timezone: types.StringNull(),
			StartingFrom: types.StringNull(), Datasets: types.ListNull(types.StringType), Params: jsontypes.NewNormalizedNull(),
		}
		var d diag.Diagnostics
		switch t.Type {
		case "temporal":
			m.Frequency = stringFromJSON(t.Params[tpFrequency])
			m.RepeatFrequency = int64FromJSON(t.Params[tpRepeatFrequency])
			m.Hour = int64FromJSON(t.Params[tpHour])
			m.Minute = int64FromJSON(t.Params[tpMinute])
			m.MonthlyRunOn = stringFromJSON(t.Params[tpMonthlyRunOn])
			m.Timezone = stringFromJSON(t.Params[tpTimezone])
			m.StartingFrom = stringFromJSON(t.Params[tpStartingFrom])
			m.DaysOfWeek, d = stringListFromJSON(ctx, t.Params[tpDaysOfWeek], stringOf)
			diags.Append(d...)
		case "ds_modified":
			m.Datasets, d = datasetsFromDSS(ctx, projectKey, t.Params, before)
			diags.Append(d...)
		}
		switch {
		case before != nil && kit.Known(before.Params):
			m.Params = kit.WrittenSubset(ownedAsPrior(t.Params, before.Params), before.Params)
		case whole:
			m.Params = restParams(t.Params, t.Type)
		}
		out = append(out, m)
	}
	l, d := types.ListValueFrom(ctx, scenarioTriggerType, out)
	diags.Append(d...)
	return l, diags
}

func stepKeysOf(ss []scenarioStepModel) []PairKey {
	out := make([]PairKey, len(ss))
	for i, s := range ss {
		if kit.Known(s.Type) {
			out[i] = PairKey{Typ: s.Type.ValueString()}
			if kit.Known(s.Name) {
				out[i].Name = s.Name.ValueString()
			}
		}
	}
	return out
}

func stepKeysOfDSS(ss []dss.ScenarioStep) []PairKey {
	out := make([]PairKey, len(ss))
	for i, s := range ss {
		out[i] = PairKey{s.Type, s.Name}
	}
	return out
}

// applySteps writes the planned steps over DSS's, each over the step
// MatchItems pairs it with, as triggers are: that step keeps its id and the
// fields the provider does not model (enabled, retries, run condition
// statuses…), wherever it moved. The keys of params the configuration
// wrote before are those of the prior step it pairs with the same way.
func applySteps(plan, prior []scenarioStepModel, cur []dss.ScenarioStep) ([]dss.ScenarioStep, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make([]dss.ScenarioStep, 0, len(plan))
	planKeys := stepKeysOf(plan)
	onCur, onPrior := MatchItems(planKeys, stepKeysOfDSS(cur)), MatchItems(planKeys, stepKeysOf(prior))
	for i, p := range plan {
		s := dss.ScenarioStep{Type: p.Type.ValueString()}
		if k := onCur[i]; k >= 0 {
			s = cur[k]
		}
		var priorParams jsontypes.Normalized
		if k := onPrior[i]; k >= 0 {
			priorParams = prior[k].Params
		}
		params, err := writeSubset(s.Params, p.Params, priorParams)
		if err != nil {
			diags.AddError("Invalid step params", err.Error())
			continue
		}
		s.Params = params
		kit.SetKnownString(p.Name, &s.Name)
		kit.SetKnownString(p.RunCondition, &s.RunConditionType)
		out = append(out, s)
	}
	return out, diags
}

// stepsFromDSS reads DSS's steps, each step's params cut to the keys of
// the prior step MatchItems pairs it with, as triggersFromDSS does.
func stepsFromDSS(ctx context.Context, cur []dss.ScenarioStep, prior []scenarioStepModel, whole bool) (types.List, diag.Diagnostics) {
	out := make([]scenarioStepModel, 0, len(cur))
	onPrior := MatchItems(stepKeysOfDSS(cur), stepKeysOf(prior))
	for i, s := range cur {
		// A step DSS holds with a null or empty runConditionType runs
		// under DSS's default, as one without the key does (DSS fills it):
		// it reads as that default, which run_condition also defaults to,
		// so that adopting such a step plans no change.
		m := scenarioStepModel{Type: types.StringValue(s.Type), Name: types.StringValue(s.Name),
			RunCondition: types.StringValue(cmp.Or(s.RunConditionType, scenarioDefaultRunCondition)), Params: jsontypes.NewNormalizedNull()}
		switch k := onPrior[i]; {
		case k >= 0 && kit.Known(prior[k].Params):
			m.Params = kit.WrittenSubset(stepParamsWithoutSecrets(s.Params), prior[k].Params)
		case whole:
			// As for trigger params; a send_report step's credentials stay
			// out (scenario_reporters.go).
			m.Params = kit.WholeObject(kit.TerraformNumbersObject(stepParamsWithoutSecrets(s.Params)))
		}
		out = append(out, m)
	}
	return types.ListValueFrom(ctx, scenarioStepType, out)
}

// scenarioFromDSS fills m from DSS's settings, with m's current values
// as the prior (what the configuration manages). With whole (an import,
// or a data source) everything is read.
func scenarioFromDSS(ctx context.Context, s *dss.Scenario, m *ScenarioModel, whole bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(s.ID)
	m.ProjectKey = types.StringValue(s.ProjectKey)
	m.Name = types.StringValue(s.Name)
	m.Type = types.StringValue(s.Type)
	m.Active = types.BoolValue(s.Active)
	if whole || !m.RunAs.IsNull() {
		m.RunAs = types.StringNull()
		if s.RunAsUser != nil && *s.RunAsUser != "" {
			m.RunAs = types.StringValue(*s.RunAsUser)
		}
	}
	if whole || !m.Triggers.IsNull() {
		prior, d := objectListElems[ScenarioTriggerModel](ctx, m.Triggers)
		diags.Append(d...)
		m.Triggers, d = triggersFromDSS(ctx, s.ProjectKey, s.Triggers, prior, whole)
		diags.Append(d...)
	}
	switch {
	case s.Type != dss.ScenarioStepBased:
		m.Steps = types.ListNull(scenarioStepType)
	case whole || !m.Steps.IsNull():
		prior, d := objectListElems[scenarioStepModel](ctx, m.Steps)
		diags.Append(d...)
		m.Steps, d = stepsFromDSS(ctx, s.Params.Steps, prior, whole)
		diags.Append(d...)
	}
	if managed := !m.Reporters.IsNull(); whole || managed {
		prior := m.Reporters
		m.Reporters = types.DynamicNull()
		if len(s.Reporters) > 0 || managed {
			// Without their credentials: those stay in DSS and in
			// reporter_secrets_wo (scenario_reporters.go).
			reps := WithoutReporterSecrets(s.Reporters)
			if reps == nil {
				reps = []any{}
			}
			m.Reporters = kit.HCLListKeepForm(reps, prior)
		}
	}
	diags.Append(m.Documentation.FromDSS(ctx, s.Description, s.ShortDesc, s.Tags)...)
	return diags
}

// applyScenario writes the modelled fields of plan into DSS's settings;
// prior (all null on create) says which params keys the configuration wrote
// before. active is not written here: it goes through the light call.
func applyScenario(ctx context.Context, plan, prior *ScenarioModel, s *dss.Scenario) diag.Diagnostics {
	var diags diag.Diagnostics
	s.Name = plan.Name.ValueString()
	if kit.Known(plan.RunAs) {
		r := plan.RunAs.ValueString()
		s.RunAsUser = &r
	} else if plan.RunAs.IsNull() && kit.Known(prior.RunAs) {
		s.RunAsUser = nil // no longer configured: DSS's default again
	}
	if kit.Known(plan.Triggers) {
		p, d := objectListElems[ScenarioTriggerModel](ctx, plan.Triggers)
		diags.Append(d...)
		before, d := objectListElems[ScenarioTriggerModel](ctx, prior.Triggers)
		diags.Append(d...)
		s.Triggers, d = ApplyTriggers(ctx, plan.ProjectKey.ValueString(), p, before, s.Triggers)
		diags.Append(d...)
	}
	if kit.Known(plan.Steps) {
		p, d := objectListElems[scenarioStepModel](ctx, plan.Steps)
		diags.Append(d...)
		before, d := objectListElems[scenarioStepModel](ctx, prior.Steps)
		diags.Append(d...)
		s.Params.Steps, d = applySteps(p, before, s.Params.Steps)
		diags.Append(d...)
	}
	if kit.Known(plan.Reporters) {
		reps, err := kit.HCLListDecode(plan.Reporters)
		if err != nil {
			diags.AddAttributeError(path.Root("reporters"), "Invalid reporters", "Attribute reporters "+err.Error()+".")
		}
		s.Reporters = reps
	}
	diags.Append(plan.Documentation.ToDSS(ctx, &s.Description, &s.ShortDesc, &s.Tags)...)
	return diags
}
