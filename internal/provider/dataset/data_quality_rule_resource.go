package dataset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// DataQualityPluginTypePrefix starts a plugin's rule type, named in the
// type's description (any type that is not a case variant of a known one
// is passed to DSS).
const DataQualityPluginTypePrefix = "pyplugin_"

// dataQualityReservedKeys are rule fields that have their own attribute.
var dataQualityReservedKeys = []string{"id", "type", "displayName", "enabled", "autoRun"}

// NewDataQualityRuleResource returns the dataiku_data_quality_rule resource.
func NewDataQualityRuleResource() resource.Resource {
	return kit.NewResource[DataQualityRuleModel](dataQualityRuleKind{})
}

// dataQualityRuleKind is a rule of a dataset: DSS generates its id; its
// name (displayName) is what a lost POST is recovered by.
type dataQualityRuleKind struct{}

// DataQualityRuleAddress: DSS generates a rule's id; its name in its
// dataset finds it when the answer to its creation was lost.
var DataQualityRuleAddress = kit.Address[DataQualityRuleModel]{
	TypeName: "dataiku_data_quality_rule",
	Path:     "projects/{project_key}/datasets/{dataset_name}/data-quality/rules/{id}",
	Key: []kit.KeyPart[DataQualityRuleModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *DataQualityRuleModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the dataset."},
		{Attr: "dataset_name", ImportPart: kit.DatasetPart, Field: func(m *DataQualityRuleModel) *types.String { return &m.DatasetName }, Doc: "Name of the dataset the rule checks."},
		{Attr: "id", ImportPart: kit.RulePart, Field: func(m *DataQualityRuleModel) *types.String { return &m.ID }, Doc: "The rule's id DSS generated (not its name)."},
	},
	Example:        "the rule's id, not its name, e.g. SALES.orders.aB3dE5fG",
	RenamedInPlace: true, // dataset_name follows its dataset's renames, and a move gives a new id
	ID:             func(m *DataQualityRuleModel) *types.String { return &m.ID },
	Generated:      true,
	Natural:        &kit.KeyPart[DataQualityRuleModel]{Attr: "name", Field: func(m *DataQualityRuleModel) *types.String { return &m.Name }},
	Parent:         "on dataset",
}

func (dataQualityRuleKind) Address() *kit.Address[DataQualityRuleModel] {
	return &DataQualityRuleAddress
}

// HCLObjectAttrs: config was JSON text in schema version 0.
func (dataQualityRuleKind) HCLObjectAttrs() []string { return []string{"config"} }

func (dataQualityRuleKind) Schema() schema.Schema {
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A data quality rule of a DSS dataset (DSS 12.6 and later; the successor of checks): a condition on the dataset's data " +
			"(record count in range, column not empty, values unique, custom SQL, ...) that DSS computes, after each build when `auto_run` is true. " +
			"DSS generates the rule's id. Every change is a read-modify-write of the whole rule, so the rule's fields `config` does not write are kept. " +
			"Import with `PROJECT_KEY.dataset_name.rule_id`. The outcomes are read with the `dataiku_dataset_data_quality` data source.\n\n" +
			"**Dataset renames.** When `dataset_name` follows a `dataiku_dataset` renamed in place, the rule stays (same id): DSS moves a dataset's rules " +
			"with it. When `dataset_name` names another dataset that exists, the rule is moved: created on that dataset (a new id) and deleted from the old one.\n\n" +
			"**Refresh cost.** 1 API call (DSS's client reads rules through the dataset's rule list).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The rule id DSS generated."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project holding the dataset. Changing it replaces the rule."),
			"dataset_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name of the dataset the rule checks. Refer to `dataiku_dataset.<name>.name` so that the rule is created after the dataset " +
					"and follows its renames: a rule whose dataset was renamed in place is kept (same id); pointed at another dataset, it is moved (a new id).",
				Validators: []validator.String{stringvalidator.RegexMatches(datasetNamePattern, DatasetNameRule)}},
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "The rule's name (DSS's `displayName`). DSS holds rules whose name is empty (`\"\"`, shown with a generated label), " +
					"so an empty name is accepted. Keep it unique in the dataset: a create whose answer was lost is recovered by finding the rule with this name. Changes in place."},
			"type": kit.RequiredReplacing("DSS's rule config type, as Dataiku's client sends it, e.g. one of the known types "+markdownList(dss.DataQualityRuleTypes)+". "+
				"A known type written in another case (`recordcountinrangerule`) is refused at plan time with DSS's spelling; any other non-empty type "+
				"(a newer DSS version's, or a plugin's, which starts with `"+DataQualityPluginTypePrefix+"`) is passed to DSS, which judges it. Changing it replaces the rule.",
				dataQualityRuleTypeValidators...),
			"config": schema.DynamicAttribute{Optional: true,
				PlanModifiers: []planmodifier.Dynamic{kit.HCLObjectSamePlan},
				MarkdownDescription: "The rule's own fields as an object, e.g. `{ column = \"id\" }` or " +
					"`{ minimum = 1, minimumEnabled = true, softMaximum = 1000000, softMaximumEnabled = true }`. Only the keys written here are managed: " +
					"the state keeps DSS's values of those keys, other fields are left as DSS has them, and removing a key leaves DSS's value " +
					"(write `key = null` to clear it). `id`, `type`, `displayName`, `enabled` and `autoRun` have their own attributes. " +
					"For a range rule (`…InRangeRule`), `minimum` must not exceed `maximum`, nor `softMinimum` `softMaximum`. " +
					"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object."},
			"enabled": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Whether DSS computes the rule. When not set, DSS's value (true for a new rule) is kept.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"auto_run": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Whether DSS computes the rule after each build of the dataset (DSS's `autoRun`). When not set, DSS's value is kept.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
		},
	}
}

// markdownList renders names as `a`, `b` and `c`.
func markdownList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// dataQualityRuleTypeValidators judge a rule type. The known types are
// not a closed list (internal/dss/names: inferred [I], patched once for
// DSS 14), and Dataiku's client passes rule documents through without
// looking at the type [V dss/data_quality.py]: a type any DSS version adds
// must import, adopt and plan. So only what cannot be right is refused: an
// empty type, and a case variant of a known type (DSS compares types
// exactly, so "recordcountinrangerule" would be stored and match no rule
// DSS knows). Anything else is DSS's to judge.
var dataQualityRuleTypeValidators = []validator.String{
	stringvalidator.LengthAtLeast(1),
	kit.KnownSpelling("data quality rule type", dss.DataQualityRuleTypes...),
}

// ValidateConfig refuses at plan time config that is not a JSON object
// (with the offset), a key with its own attribute, and a
// range whose minimum exceeds its maximum.
func (dataQualityRuleKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m DataQualityRuleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	typ := m.Type.ValueString()
	if !kit.Known(m.Config) {
		return
	}
	cfg, err := kit.HCLObjectDecode(m.Config)
	if errors.Is(err, kit.ErrHCLObjectUnknown) {
		return
	}
	if err != nil {
		detail := "Attribute config " + err.Error()
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			detail += fmt.Sprintf(" (at offset %d)", syn.Offset)
		}
		resp.Diagnostics.AddAttributeError(path.Root("config"), "Invalid object", detail+".")
		return
	}
	for _, k := range dataQualityReservedKeys {
		if _, ok := cfg[k]; ok {
			resp.Diagnostics.AddAttributeError(path.Root("config"), "Rule field with its own attribute",
				fmt.Sprintf("config must not contain %q: set it with the resource's attribute (id is DSS's, type, name, enabled, auto_run).", k))
		}
	}
	if kit.Known(m.Type) && dss.IsRangeRuleType(typ) {
		for _, pair := range [][2]string{{"minimum", "maximum"}, {"softMinimum", "softMaximum"}} {
			lo, okLo := JSONNumber(cfg[pair[0]])
			hi, okHi := JSONNumber(cfg[pair[1]])
			if okLo && okHi && cfg[pair[0]+"Enabled"] != false && cfg[pair[1]+"Enabled"] != false && lo > hi {
				resp.Diagnostics.AddAttributeError(path.Root("config"), "Range rule with minimum above maximum",
					fmt.Sprintf("config: %s (%v) must not exceed %s (%v) in a %s.", pair[0], cfg[pair[0]], pair[1], cfg[pair[1]], typ))
			}
		}
	}
}

// JSONNumber reads a number decoded with UseNumber.
func JSONNumber(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// ModifyPlan: a new dataset_name keeps the rule when DSS moved it with a
// renamed dataset, or moves it (a new id): the id is known after apply.
func (dataQualityRuleKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var prior, plan types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("dataset_name"), &prior)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("dataset_name"), &plan)...)
	if !plan.Equal(prior) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
	}
}

// IsGone: the rule list lacks the rule, or DSS says the dataset (whose
// rule list is read) does not exist: its rules went with it.
func (dataQualityRuleKind) IsGone(err error, objectPath string) bool {
	if dss.IsRuleNotFound(err) {
		return true
	}
	list, _, _ := strings.Cut(objectPath, "/data-quality/")
	return list != objectPath && dss.IsGone(err, list+"/data-quality/rules")
}

// Find looks for the one rule of the dataset with the planned name: the
// one a lost POST may have created. Two rules with that name cannot be
// told apart: an error, never a guess.
func (dataQualityRuleKind) Find(ctx context.Context, c *dss.Client, m *DataQualityRuleModel) (bool, error) {
	rules, err := c.ListDataQualityRules(ctx, m.ProjectKey.ValueString(), m.DatasetName.ValueString())
	if err != nil {
		return false, err
	}
	return kit.FindCreated(rules, &m.ID, func(r *dss.DataQualityRule) (bool, string) { return r.DisplayName == m.Name.ValueString(), r.ID }, func(ids []string) error {
		return fmt.Errorf("dataset %s.%s has %d data quality rules named %q (ids %s): rename all but one in DSS so that the rule can be told apart",
			m.ProjectKey.ValueString(), m.DatasetName.ValueString(), len(ids), m.Name.ValueString(), strings.Join(ids, ", "))
	})
}

func (dataQualityRuleKind) Post(ctx context.Context, c *dss.Client, m *DataQualityRuleModel) error {
	rule := dss.DataQualityRule{}
	if err := applyDataQualityRule(m, &rule); err != nil {
		return err
	}
	created, err := c.CreateDataQualityRule(ctx, m.ProjectKey.ValueString(), m.DatasetName.ValueString(), rule)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(created.ID)
	return nil
}

func (k dataQualityRuleKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[DataQualityRuleModel]) {
	op.Fail(k.write(ctx, c, op))
}

// write is apply's requests. DSS's rules are no Document (their endpoint
// saves one rule of a list by id), so the read-modify-write is here.
func (k dataQualityRuleKind) write(ctx context.Context, c *dss.Client, op *kit.ApplyOp[DataQualityRuleModel]) error {
	plan, prior := op.Plan, op.Prior
	key, ds := plan.ProjectKey.ValueString(), plan.DatasetName.ValueString()
	if prior != nil {
		plan.ID = prior.ID
		if !plan.DatasetName.Equal(prior.DatasetName) {
			if err := k.follow(ctx, c, op); err != nil {
				return err
			}
		}
	}
	id := plan.ID.ValueString()
	rule, err := c.GetDataQualityRule(ctx, key, ds, id)
	if err != nil {
		return err
	}
	before, err := json.Marshal(rule)
	if err != nil {
		return err
	}
	if err := applyDataQualityRule(plan, rule); err != nil {
		return err
	}
	after, err := json.Marshal(rule)
	if err != nil {
		return err
	}
	if string(before) != string(after) {
		if err := c.SaveDataQualityRule(ctx, key, ds, *rule); err != nil {
			return err
		}
		// Read what DSS stored.
		if rule, err = c.GetDataQualityRule(ctx, key, ds, id); err != nil {
			return err
		}
	}
	return dataQualityRuleFromDSS(rule, plan, false)
}

// follow handles a new dataset_name: DSS moves a renamed dataset's rules,
// so a rule found under the new name with its id is the same rule; any
// other dataset gets a new rule (found by name if a lost POST made it),
// and the old one is deleted. prior's identity follows each step.
func (k dataQualityRuleKind) follow(ctx context.Context, c *dss.Client, op *kit.ApplyOp[DataQualityRuleModel]) error {
	plan, prior := op.Plan, op.Prior
	key, ds := plan.ProjectKey.ValueString(), plan.DatasetName.ValueString()
	_, err := c.GetDataQualityRule(ctx, key, ds, prior.ID.ValueString())
	if err == nil {
		prior.DatasetName = plan.DatasetName
		return nil
	}
	if !dss.IsRuleNotFound(err) {
		return err
	}
	found, err := k.Find(ctx, c, plan)
	if err != nil {
		return err
	}
	if !found {
		if err := kit.PostChecked(func() error { return k.Post(ctx, c, plan) },
			func() (bool, error) { return k.Find(ctx, c, plan) }); err != nil {
			return err
		}
	}
	old := *prior
	prior.ID, prior.DatasetName = plan.ID, plan.DatasetName
	if err := c.DeleteDataQualityRule(ctx, key, old.DatasetName.ValueString(), old.ID.ValueString()); err != nil &&
		!dss.IsNotFound(err) {
		return err
	}
	return nil
}

// Read costs 1 GET (the dataset's rule list). Right after an import (name
// still null) config holds all of the rule's own fields.
func (dataQualityRuleKind) Read(ctx context.Context, c *dss.Client, m *DataQualityRuleModel, imported bool) error {
	rule, err := c.GetDataQualityRule(ctx, m.ProjectKey.ValueString(), m.DatasetName.ValueString(), m.ID.ValueString())
	if err != nil {
		return err
	}
	return dataQualityRuleFromDSS(rule, m, imported)
}

func (dataQualityRuleKind) Delete(ctx context.Context, c *dss.Client, m *DataQualityRuleModel) error {
	return c.DeleteDataQualityRule(ctx, m.ProjectKey.ValueString(), m.DatasetName.ValueString(), m.ID.ValueString())
}

// ParseDataQualityRuleImportID splits PROJECT_KEY.dataset_name.rule_id.
func ParseDataQualityRuleImportID(id string) (projectKey, dataset, ruleID string, err error) {
	p, err := DataQualityRuleAddress.ParseImportKey(id)
	if err != nil {
		return "", "", "", err
	}
	return p[0], p[1], p[2], nil
}
