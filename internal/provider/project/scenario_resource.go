package project

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// scenarioNamePattern refuses a blank name and control characters (DSS
// derives the id from the name; a name of only spaces has none).
var scenarioNamePattern = regexp.MustCompile(`^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$`)

const ScenarioNameRule = "must hold a visible character and no control characters (newlines, tabs)"

var (
	scenarioFrequencies = []string{"Minutely", "Hourly", "Daily", "Weekly", "Monthly"}
	// scenarioMonthlyRunOn are the known spellings of monthlyRunOn; the
	// list is open (DSS judges another value): FIRST_DAY_OF_THE_MONTH is
	// one DSS 14.6 accepts [T: dku_cli, tested live].
	scenarioMonthlyRunOn = []string{"ON_THE_DAY", "FIRST_DAY_OF_THE_MONTH", "LAST_DAY_OF_THE_MONTH", "FIRST_WEEK", "SECOND_WEEK", "THIRD_WEEK", "FOURTH_WEEK", "LAST_WEEK"}
	ScenarioDays         = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	// scenarioRunConditions are the known spellings of a step's
	// runConditionType. The list is open [I: neither dataikuapi nor DSS's
	// documentation lists the values], so another value, one a DSS
	// version adds, is DSS's to judge.
	scenarioRunConditions = []string{scenarioDefaultRunCondition, "RUN_ALWAYS", "RUN_CONDITIONALLY", "DISABLED"}
)

// scenarioDefaultRunCondition is a step's runConditionType when it has
// none: the step runs when the previous ones succeeded or warned.
const scenarioDefaultRunCondition = "RUN_IF_STATUS_MATCH"

// knownTriggerTypes lists the provider's trigger type names, sorted.
func knownTriggerTypes() []string {
	return slices.Sorted(maps.Keys(scenarioTriggerWireTypes))
}

// NewScenarioResource returns the dataiku_scenario resource.
func NewScenarioResource() resource.Resource {
	return kit.NewResource[ScenarioResourceModel](scenarioKind{})
}

// scenarioKind is a scenario: DSS derives its id from the name at
// creation; the settings are one document, active is toggled through the
// light settings, a custom-python script lives behind its own call.
type scenarioKind struct{}

// ScenarioAddress: DSS generates a scenario's id; its name in its project
// finds it when the answer to its creation was lost.
var ScenarioAddress = kit.Address[ScenarioResourceModel]{
	TypeName: "dataiku_scenario",
	Path:     "projects/{project_key}/scenarios/{id}",
	Key: []kit.KeyPart[ScenarioResourceModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *ScenarioResourceModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the scenario."},
		{Attr: "id", ImportPart: kit.ScenarioPart, Field: func(m *ScenarioResourceModel) *types.String { return &m.ID }, Doc: "The scenario's id (not its name)."},
	},
	Example:   "the scenario's id, not its name, e.g. SALES.Nightly_build",
	ID:        func(m *ScenarioResourceModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[ScenarioResourceModel]{Attr: "name", Field: func(m *ScenarioResourceModel) *types.String { return &m.Name }},
	Parent:    "in project",
}

func (scenarioKind) Address() *kit.Address[ScenarioResourceModel] { return &ScenarioAddress }

// HCLObjectAttrs: reporters was JSON text in schema version 0.
func (scenarioKind) HCLObjectAttrs() []string { return []string{"reporters"} }

func (scenarioKind) Schema() schema.Schema {
	useState := []planmodifier.String{sameTriggerInState}
	useStateInt := []planmodifier.Int64{sameTriggerInStateInt64}
	triggerAttrs := map[string]schema.Attribute{
		"type": schema.StringAttribute{Required: true,
			MarkdownDescription: "Trigger type: `temporal` (a schedule), `dataset_modified` (DSS's `ds_modified`), `sql_query`, `custom_python` or `follow_scenario` (DSS's `follow_scenariorun`). " +
				"Another DSS type, such as a plugin's, is written `" + scenarioTriggerEscape + "<type as DSS names it>` and passed as written, its settings in `params`."},
		"name":   kit.OptionalString("", "Name of the trigger shown in DSS. Default empty."),
		"active": kit.OptionalBool(true, "Whether the trigger fires (the scenario's own `active` must be true too). Default true."),
		"frequency": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState,
			MarkdownDescription: "`temporal` only, and needed there (without it the plan warns: DSS keeps such a trigger but has no period to run it on): one of " + backtickList(scenarioFrequencies) + ".",
			Validators:          []validator.String{kit.OneOfExact("frequency", scenarioFrequencies...)}},
		"repeat_frequency": schema.Int64Attribute{Optional: true, Computed: true, PlanModifiers: useStateInt,
			MarkdownDescription: "`temporal` only: run every N periods (minutes for `Minutely`). When not set, DSS's value (1) is kept. A value below 1 is passed to DSS, with a warning."},
		"hour": schema.Int64Attribute{Optional: true, Computed: true, PlanModifiers: useStateInt,
			MarkdownDescription: "`temporal` only: hour of the day, 0 to 23 (`Daily`, `Weekly`, `Monthly`; the start hour for `Hourly`).",
			Validators:          []validator.Int64{int64validator.Between(0, 23)}},
		"minute": schema.Int64Attribute{Optional: true, Computed: true, PlanModifiers: useStateInt,
			MarkdownDescription: "`temporal` only: minute of the hour, 0 to 59.",
			Validators:          []validator.Int64{int64validator.Between(0, 59)}},
		"days_of_week": schema.ListAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			PlanModifiers:       []planmodifier.List{sameTriggerInStateList},
			MarkdownDescription: "`temporal` with `Weekly` only: the days, among " + backtickList(ScenarioDays) + ".",
			Validators:          []validator.List{listvalidator.ValueStringsAre(kit.OneOfExact("day", ScenarioDays...))}},
		"monthly_run_on": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState,
			MarkdownDescription: "`temporal` with `Monthly` only: DSS's `monthlyRunOn`, e.g. " + backtickList(scenarioMonthlyRunOn) + ". " +
				"A known value must be spelled as DSS spells it (upper case); any other non-empty value is passed to DSS, which judges it.",
			Validators: []validator.String{kit.KnownSpelling("monthly_run_on value", scenarioMonthlyRunOn...)}},
		"timezone": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState,
			MarkdownDescription: "`temporal` only: `SERVER` (DSS's default, kept when not set) or a time zone such as `Europe/Paris`.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
		"starting_from": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState,
			MarkdownDescription: "`temporal` only: first date, as DSS writes it (`yyyy-MM-ddTHH:mm:ss.SSS+hhmm`).",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
		"datasets": schema.ListAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			PlanModifiers: []planmodifier.List{sameTriggerInStateList},
			MarkdownDescription: "`dataset_modified` only: the datasets watched, by name (`PROJECT.name` for another project's): DSS's `watches`, each written `{type = \"DATASET\", itemId, partitionsSpec = \"\"}` (plus `projectKey` for another project's). " +
				"When DSS's watches hold anything else (a managed folder, a `partitionsSpec`), this attribute reads null and `watches` is read into `params` instead, where it can be written; setting both is refused. " +
				"When not set, the watches DSS holds are kept. A trigger written by an earlier provider version (its `params.datasets`) is read, and written as `watches` on the next change.",
			Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
		"params": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
			MarkdownDescription: "Other trigger params as JSON (`jsonencode({...})`): the query and connection of a `sql_query` trigger, the script of a `custom_python` one, a plugin trigger's settings. " +
				"Subset rule: only the keys written are managed; keys DSS adds are not a change. " +
				"Keys DSS maintains itself (`" + strings.Join(dssOwnedTriggerParams, "`, `") + "`) are DSS's: never read by an import, never written, DSS's value kept; one written here is ignored.",
			Validators: []validator.String{kit.JSONObjectValidator}},
	}
	stepAttrs := map[string]schema.Attribute{
		"type": schema.StringAttribute{Required: true,
			MarkdownDescription: "Step type as DSS names it, e.g. `build_flowitem`, `custom_python`, `exec_sql`, `runable` (a macro).",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
		"name": kit.OptionalString("", "Name of the step. Default empty."),
		"params": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
			MarkdownDescription: "The step's params as JSON, e.g. for `build_flowitem`: `jsonencode({ builds = [{ type = \"DATASET\", itemId = \"orders\", partitionsSpec = \"\" }], jobType = \"RECURSIVE_BUILD\" })`. " +
				"Subset rule: only the keys written are managed. A `send_report` step's credentials (its `messaging.configuration`'s " + backtickList(names.ReporterSecretKeys) +
				") are refused here and never read into the state: put them in `reporter_secrets_wo` under `\"steps[N]\"`, N the step's index; a step keeps those DSS holds for the step it is written over (see `steps`).",
			Validators: []validator.String{kit.JSONObjectValidator}},
		"run_condition": kit.OptionalString(scenarioDefaultRunCondition,
			"When the step runs (DSS's `runConditionType`), e.g. "+backtickList(scenarioRunConditions)+". Default `RUN_IF_STATUS_MATCH` (the previous steps succeeded or warned). "+
				"A known value must be spelled as DSS spells it (upper case); any other non-empty value is passed to DSS, which judges it.",
			kit.KnownSpelling("run condition", scenarioRunConditions...)),
	}
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS scenario: the schedule and steps that build a Flow. DSS derives the scenario's id from its name when it is created (`Nightly build` becomes `Nightly_build`); " +
			"renaming keeps the id. Every change is a read-modify-write of the scenario's settings, so what the provider does not model (checklists, custom fields, other step fields) is kept; " +
			"`active` is toggled through DSS's light settings call. DSS allows two scenarios with one name, but this resource refuses to create one whose name is taken in the project " +
			"(import it instead), so that a creation whose answer was lost is recovered by name. Import with `PROJECT_KEY.id`.\n\n" +
			"**Refresh cost.** 1 API call; 2 for a `custom_python` scenario whose `script` is managed; whatever the provider's `refresh_mode` (DSS's list of scenarios holds only summaries).",
		Attributes: kit.DocumentationAttributes("scenario", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The scenario id DSS derived from the name at creation (e.g. `Nightly_build`); it does not follow later renames."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the scenario. Changing it destroys the scenario and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Scenario name, which " + ScenarioNameRule + ". Changes in place (the id stays).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.RegexMatches(scenarioNamePattern, ScenarioNameRule)}},
			"type": kit.RequiredReplacing("`step_based` (steps) or `custom_python` (a script). Changing it destroys the scenario and creates it again.",
				kit.OneOfExact("scenario type", dss.ScenarioStepBased, dss.ScenarioCustomPython)),
			"active": kit.OptionalBool(false,
				"Whether the scenario's triggers fire. Default false, as DSS creates scenarios. Changed through DSS's light settings call."),
			"run_as": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Login of the user the scenario runs as (DSS's `runAsUser`). Only an administrator's key may set it (refused at plan time otherwise). " +
					"A configuration that never sets it leaves DSS's value alone (by default DSS runs the scenario as its last modifier); " +
					"removing it from the configuration gives the scenario DSS's default again.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"triggers": schema.ListNestedAttribute{Optional: true,
				MarkdownDescription: "The triggers, in order. Not set: the triggers are not managed; `[]`: none. A trigger changed in DSS shows as a change; values DSS fills in for attributes left unset are kept. " +
					"Each trigger is written over DSS's trigger of the same type and name when exactly one trigger has them, in the configuration and in DSS (no name counts as a name); " +
					"else over a trigger of the same type in the same place among the others (as steps are); " +
					"that trigger keeps its id and the fields the provider does not model. So adding or removing a named trigger leaves the others, and their values in the plan, as they are.",
				NestedObject: schema.NestedAttributeObject{Attributes: triggerAttrs}},
			"steps": schema.ListNestedAttribute{Optional: true,
				MarkdownDescription: "`step_based` only: the steps, in order. Not set: the steps are not managed; `[]`: none. " +
					"Each step is written over the DSS step it is, wherever it moved: the one of its `type` and `name` when that pair is unique on both sides (no name counts as a name), " +
					"otherwise one of its type in the same place among the others, the steps left being aligned in order as a diff aligns lines. That step keeps its id and what the provider does not model (`enabled`, retries, run condition statuses…), " +
					"so inserting, removing or reordering steps leaves the others as they are. Steps of one type with no name, or the same name, are told apart by their order only.",
				NestedObject: schema.NestedAttributeObject{Attributes: stepAttrs}},
			"script": schema.StringAttribute{Optional: true,
				MarkdownDescription: "`custom_python` only: the Python script. Not set: not managed. Logs show only its length.",
			},
			"reporters": schema.DynamicAttribute{Optional: true,
				MarkdownDescription: "The reporters (mail, Slack… messages sent when a run ends), a list of objects, DSS's `reporters` written whole but for their credentials, such as " +
					"`[{ id = \"rep1\", active = true, phase = \"END\", messaging = { type = \"mail-scenario\", configuration = { recipient = \"team@example.com\" } } }]`. " +
					"A string holding a JSON array (`jsonencode([...])`, the form of earlier versions) is also read. Not set: not managed. " +
					"The credentials a reporter's `messaging.configuration` holds (" + backtickList(names.ReporterSecretKeys) + ": a webhook's URL embeds its token) are refused here and " +
					"never read into the state: put them in `reporter_secrets_wo`. A reporter keeps the credentials DSS holds for the reporter it is written over when they are not sent: the one of its `id`, or, without an `id` DSS holds, the one of its `messaging.type` and `name`, else the one at its place among those of its type.",
				Validators:    []validator.Dynamic{reportersValidator()},
				PlanModifiers: []planmodifier.Dynamic{kit.HCLListSamePlan}},
			"reporter_secrets_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "The reporters' credentials, as a JSON object from a reporter's `id` (or `\"steps[N]\"` for the `send_report` step at index N) to the keys of its `messaging.configuration` that hold them, written with `jsonencode`, e.g. " +
					"`{ rep1 = { url = var.chat_webhook_url }, \"steps[0]\" = { url = var.step_webhook_url } }` (Terraform 1.11 or later). Write-only: sent to DSS and never stored in the plan or the state. " +
					"Sent when the scenario is created, and afterwards only when `reporter_secrets_wo_version` changes: to rotate a credential, change both. " +
					"Removing it leaves DSS's credentials as they are.",
				Validators: []validator.String{reporterSecretsValidator}},
			"reporter_secrets_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `reporter_secrets_wo` again (a rotation). Needs `reporter_secrets_wo`. Without it, the credentials are sent at creation only.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("reporter_secrets_wo"))}},
		}),
	}
}

// backtickList is values as markdown code, comma-separated (never empty here).
func backtickList(values []string) string { return "`" + strings.Join(values, "`, `") + "`" }

func (scenarioKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ScenarioResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	typ := m.Type.ValueString()
	if kit.Known(m.Type) && typ == dss.ScenarioCustomPython && !m.Steps.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("steps"), "steps on a custom_python scenario",
			"steps belong to step_based scenarios; a custom_python scenario runs its script.")
	}
	if kit.Known(m.Type) && typ == dss.ScenarioStepBased && !m.Script.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("script"), "script on a step_based scenario",
			"script belongs to custom_python scenarios; a step_based scenario runs its steps (a custom_python step holds code).")
	}
	steps, d := objectListElems[scenarioStepModel](ctx, m.Steps)
	resp.Diagnostics.Append(d...)
	for i, st := range steps {
		params, err := kit.DecodeJSONObject(st.Params)
		if err != nil {
			continue // the attribute's own validator says so
		}
		if found := reporterSecretPaths("", params); len(found) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root("steps").AtListIndex(i).AtName("params"), "Credentials in step params",
				fmt.Sprintf("%s would be stored in clear in the state and shown in plans: move them to reporter_secrets_wo, e.g. { %q = { url = var.webhook_url } } (their values are not shown here).",
					strings.Join(found, ", "), stepSecretKey(i)))
		}
	}
	triggers, d := objectListElems[ScenarioTriggerModel](ctx, m.Triggers)
	resp.Diagnostics.Append(d...)
	for i, t := range triggers {
		at := path.Root("triggers").AtListIndex(i)
		if !kit.Known(t.Type) {
			continue
		}
		tt := t.Type.ValueString()
		_, ok := scenarioTriggerWireTypes[tt]
		if !ok && (!strings.HasPrefix(tt, scenarioTriggerEscape) || len(tt) == len(scenarioTriggerEscape)) {
			resp.Diagnostics.AddAttributeError(kit.ConfigLine(at), "Unknown trigger type",
				fmt.Sprintf("%s: trigger type %q is not one of %s. A DSS trigger type the provider does not know (a plugin's) is written %q followed by the type as DSS names it.",
					at, tt, strings.Join(knownTriggerTypes(), ", "), scenarioTriggerEscape))
			continue
		}
		// A warning: DSS keeps a temporal trigger without a frequency (its
		// API checks nothing; dataikuapi's raw_triggers takes any dict
		// [V]), an import reads it so, and a refusal would lock the
		// scenario out of adoption.
		if tt == "temporal" && t.Frequency.IsNull() {
			resp.Diagnostics.AddAttributeWarning(kit.ConfigLine(at), "A temporal trigger needs its frequency",
				at.String()+": without frequency DSS keeps the trigger but has no period to run it on. Set frequency to one of "+strings.Join(scenarioFrequencies, ", ")+".")
		}
		// DSS's API takes any number here (dataikuapi checks nothing), and a
		// trigger written outside Terraform may hold one below 1: refusing it
		// would stop its adoption. What DSS's scheduler makes of it is [I].
		if tt == "temporal" && kit.Known(t.RepeatFrequency) && t.RepeatFrequency.ValueInt64() < 1 {
			resp.Diagnostics.AddAttributeWarning(kit.ConfigLine(at), "repeat_frequency below 1",
				fmt.Sprintf("%s: repeat_frequency = %d is passed to DSS as it is; a temporal trigger normally repeats every 1 or more periods.", at, t.RepeatFrequency.ValueInt64()))
		}
		if tt != "temporal" {
			for name, v := range map[string]attr.Value{"frequency": t.Frequency, "repeat_frequency": t.RepeatFrequency, "hour": t.Hour, "minute": t.Minute,
				"days_of_week": t.DaysOfWeek, "monthly_run_on": t.MonthlyRunOn, "timezone": t.Timezone, "starting_from": t.StartingFrom} {
				if !v.IsNull() {
					resp.Diagnostics.AddAttributeError(kit.ConfigLine(at), name+" on a "+tt+" trigger", at.String()+": "+name+" belongs to temporal triggers.")
				}
			}
		}
		if tt != "dataset_modified" && !t.Datasets.IsNull() {
			resp.Diagnostics.AddAttributeError(kit.ConfigLine(at), "datasets on a "+tt+" trigger", at.String()+": datasets belongs to dataset_modified triggers.")
		}
		if tt == "dataset_modified" && !t.Datasets.IsNull() && paramsWrite(t.Params, tpWatches) {
			resp.Diagnostics.AddAttributeError(kit.ConfigLine(at), "datasets and params.watches both set",
				at.String()+": datasets is DSS's watches; set datasets, or write watches in params (for watches datasets cannot say: a managed folder, a partitionsSpec), not both.")
		}
	}
}

// ModifyPlan plans the prior triggers when the planned ones differ from
// them only by keys DSS owns in params (dssOwnedTriggerParams): the
// update would write nothing of them, and a configuration dss-adopt wrote
// before, which holds lastUpdate, then imports with an empty plan (an
// import never reads lastUpdate, so the planned params differ from the
// read ones). Terraform accepts a planned value equal to a non-null prior
// in place of the configuration's, as functionally equivalent.
func (scenarioKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plannedList, priorList types.List
	if resp.Plan.GetAttribute(ctx, path.Root("triggers"), &plannedList).HasError() || req.State.GetAttribute(ctx, path.Root("triggers"), &priorList).HasError() ||
		!kit.Known(plannedList) || !kit.Known(priorList) || plannedList.Equal(priorList) {
		return
	}
	planned, prior := plannedList.Elements(), priorList.Elements()
	if len(planned) != len(prior) {
		return
	}
	for i := range planned {
		p, okP := planned[i].(types.Object)
		q, okQ := prior[i].(types.Object)
		if !okP || !okQ || !sameTriggerButOwnedParams(p.Attributes(), q.Attributes()) {
			return
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("triggers"), priorList)...)
}

// ModifyPlanAs refuses run_as at plan time for a key that is not an
// administrator's: DSS forbids it.
func (scenarioKind) ModifyPlanAs(ctx context.Context, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if caller == nil || caller.Admin || req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("run_as"), &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("run_as"), &prior)...)
	}
	if planned.IsNull() || planned.Equal(prior) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("run_as"), "run_as needs an administrator's key",
		fmt.Sprintf("Only DSS administrators may set the user a scenario runs as; the provider's key (%q) is not an administrator's. Remove run_as or apply with an administrator's key.",
			caller.AuthIdentifier))
}

// Find looks for a scenario with the planned name. DSS allows duplicate
// names, but this resource does not create one (see the description), so
// a scenario with the name is either someone else's (refused before the
// POST) or the one a lost POST created.
func (scenarioKind) Find(ctx context.Context, c *dss.Client, m *ScenarioResourceModel) (bool, error) {
	list, err := c.ListScenarios(ctx, m.ProjectKey.ValueString())
	if err != nil {
		return false, err
	}
	return kit.FindCreated(list, &m.ID, func(s *dss.Scenario) (bool, string) { return s.Name == m.Name.ValueString(), s.ID }, nil)
}

func (scenarioKind) Post(ctx context.Context, c *dss.Client, m *ScenarioResourceModel) error {
	id, err := c.CreateScenario(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), m.Type.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(id)
	return nil
}

// apply: a read-modify-write of the settings, the script when managed,
// then active through the light call; DSS is read back when anything was
// written.
func (scenarioKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ScenarioResourceModel]) {
	plan, prior := &op.Plan.ScenarioModel, &ScenarioModel{} // a create: nothing written before (all null)
	if op.Prior != nil {
		prior = &op.Prior.ScenarioModel
	}
	key, id := plan.ProjectKey.ValueString(), plan.ID.ValueString()
	// The reporters' credentials go out at creation and when their version
	// changes; otherwise applyScenario keeps those DSS holds.
	secrets, err := reporterSecretsFromConfig(ctx, op.Config)
	if op.Fail(err) {
		return
	}
	if !op.SecretVersionChanged(func(m *ScenarioResourceModel) types.Int64 { return m.ReporterSecretsWOVersion }) {
		secrets = nil
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[ScenarioResourceModel, dss.Scenario]{
		Doc: dss.ScenarioDoc(key, id),
		ToDSS: func(s *dss.Scenario) diag.Diagnostics {
			held, heldSteps := s.Reporters, slices.Clone(s.Params.Steps)
			diags := applyScenario(ctx, plan, prior, s)
			if !diags.HasError() {
				diags.Append(mergeReporterSecrets(s.Reporters, held, s.Params.Steps, heldSteps, secrets)...)
				// The reporters as written, with DSS's text of every part
				// they do not change.
				s.Reporters, _ = kit.KeepEqual(held, s.Reporters).([]any)
			}
			return diags
		},
		// The script is not part of the scenario's document; its
		// activation is, but DSS changes it with its own call.
		AfterWrite: func(s *dss.Scenario) (bool, error) {
			if kit.Known(plan.Script) && !plan.Script.Equal(prior.Script) {
				if err := c.SetScenarioScript(ctx, key, id, plan.Script.ValueString()); err != nil {
					return false, err
				}
			}
			if kit.Known(plan.Active) && plan.Active.ValueBool() != s.Active {
				return true, c.SetScenarioActive(ctx, key, id, plan.Active.ValueBool())
			}
			return false, nil
		},
		FromDSS: func(s *dss.Scenario) diag.Diagnostics { return scenarioFromDSS(ctx, s, plan, false) },
	})
}

// Read costs 1 GET, plus 1 for a managed (or imported) custom-python
// script. Scenarios do not refresh from their project's list
// (list_refresh.go): DSS's list items are summaries without triggers or
// steps (dss-api.md §5.2).
func (scenarioKind) Read(ctx context.Context, c *dss.Client, m *ScenarioResourceModel, imported bool) error {
	key, id := m.ProjectKey.ValueString(), m.ID.ValueString()
	s, err := dss.ScenarioDoc(key, id).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := scenarioFromDSS(ctx, s, &m.ScenarioModel, imported); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	if s.Type != dss.ScenarioStepBased && (imported || !m.Script.IsNull()) {
		script, err := c.ScenarioScript(ctx, key, id)
		if err != nil {
			return err
		}
		m.Script = types.StringValue(script)
	}
	if s.Type == dss.ScenarioStepBased {
		m.Script = types.StringNull()
	}
	return nil
}

// sameTriggerRule is what sameTriggerInState plans.
const sameTriggerRule = "keeps the value DSS holds for the trigger this one is written over: the same type and name, or the same type at the same position"

// sameTriggerInState (and its Int64 and List forms) is the plan modifier
// of a trigger's attributes that DSS may fill: when the configuration
// leaves one unset, the plan keeps the state's value if the trigger at
// that index in the state is of the same type and has one; otherwise the
// value stays unknown until DSS answers. (UseStateForUnknown would plan
// null for a new trigger, which DSS's defaults then contradict.)
var (
	sameTriggerInState = kit.StringPlan(sameTriggerRule, func(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
		var v types.String
		if keepTriggerState(ctx, req.Path, req.State, req.Config, req.Plan, req.PlanValue.IsUnknown(), req.ConfigValue.IsUnknown(), &v, &v) {
			resp.PlanValue = v
		}
	})
	sameTriggerInStateInt64 = kit.Int64Plan(sameTriggerRule, func(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
		var v types.Int64
		if keepTriggerState(ctx, req.Path, req.State, req.Config, req.Plan, req.PlanValue.IsUnknown(), req.ConfigValue.IsUnknown(), &v, &v) {
			resp.PlanValue = v
		}
	})
	sameTriggerInStateList = kit.ListPlan(sameTriggerRule, func(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
		v := types.ListNull(types.StringType)
		if keepTriggerState(ctx, req.Path, req.State, req.Config, req.Plan, req.PlanValue.IsUnknown(), req.ConfigValue.IsUnknown(), &v, &v) {
			resp.PlanValue = v
		}
	})
)

// keepTriggerState reports whether the plan should hold the state's
// value at p, and reads it into target: the configuration leaves the
// attribute unset, a state exists and holds the trigger the apply writes
// this one over (MatchItems: the same name and type, or the same type in
// the same place), with a value.
//
// A value the state holds as null (an attribute of another trigger type,
// or one DSS left unset) is kept null too when the trigger's frequency is
// also the state's: the apply writes the trigger over that DSS trigger and
// writes nothing for an unset attribute, so DSS's trigger keeps lacking
// it. Without this every trigger showed these attributes as "known after
// apply" whenever the list changed. A changed frequency is left unknown,
// since DSS may fill in what the new frequency uses.
func keepTriggerState(ctx context.Context, p path.Path, state tfsdk.State, config tfsdk.Config, plan tfsdk.Plan, planUnknown, configUnknown bool, target interface {
	IsNull() bool
}, read any,
) bool {
	if state.Raw.IsNull() || !planUnknown || configUnknown {
		return false
	}
	steps := p.Steps()
	if len(steps) != 3 {
		return false
	}
	index, ok1 := steps[1].(path.PathStepElementKeyInt)
	attrName, ok2 := steps[2].(path.PathStepAttributeName)
	if !ok1 || !ok2 {
		return false
	}
	var plannedList, heldList types.List
	if plan.GetAttribute(ctx, path.Root("triggers"), &plannedList).HasError() || state.GetAttribute(ctx, path.Root("triggers"), &heldList).HasError() {
		return false
	}
	planned, d1 := objectListElems[ScenarioTriggerModel](ctx, plannedList)
	held, d2 := objectListElems[ScenarioTriggerModel](ctx, heldList)
	if d1.HasError() || d2.HasError() || int(index) >= len(planned) {
		return false
	}
	m := MatchItems(triggerKeysOf(planned), triggerKeysOf(held))[index]
	if m < 0 {
		return false
	}
	from := path.Root("triggers").AtListIndex(m)
	if state.GetAttribute(ctx, from.AtName(string(attrName)), read).HasError() {
		return false
	}
	if !target.IsNull() {
		return true
	}
	var configFreq, heldFreq types.String
	if config.GetAttribute(ctx, p.ParentPath().AtName("frequency"), &configFreq).HasError() ||
		state.GetAttribute(ctx, from.AtName("frequency"), &heldFreq).HasError() {
		return false
	}
	return !configFreq.IsUnknown() && configFreq.Equal(heldFreq)
}
