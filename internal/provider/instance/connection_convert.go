package instance

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Connection definitions ↔ models, shared by the dataiku_connection
// resource and data sources.

// connectionNamePattern is a connection's name: not blank, no slash
// (internal/dss/names, shared with the emulator).
var connectionNamePattern = names.ConnectionNamePattern

// credentialsModePattern: DSS's credential modes are upper-case words
// (GLOBAL, PER_USER, ...); newer DSS versions add more, digits included,
// so any such word is passed on (names.EnumNamePattern).
var credentialsModePattern = names.EnumNamePattern

const (
	ConnectionNameRule  = "must " + names.ConnectionNameRule
	CredentialsModeRule = "must be a DSS credentials mode " + names.EnumNameRule + ", such as GLOBAL or PER_USER"
)

// The values the emulator and DSS give a new connection: the resource's
// defaults, so that a plan is exact and the configuration authoritative.
const (
	defaultConnectionCredentialsMode = "GLOBAL"
	defaultConnectionMaxActivities   = 0
)

var (
	connectionUsableBy    = []string{dss.ConnectionUsableByAll, dss.ConnectionUsableByAllowed}
	connectionReadableBy  = []string{dss.ConnectionReadableByNone, dss.ConnectionUsableByAll, dss.ConnectionUsableByAllowed}
	connectionTypeExample = "`Filesystem`, `PostgreSQL`, `Snowflake`, `EC2` (Amazon S3), `GCS`, `Azure`, `HDFS`, `BigQuery`, `Oracle`, `SQLServer`, " +
		"`Redshift`, `MySQL`, `Databricks`; a plugin's connection type is passed as written"
)

// ConnectionModel is the dataiku_connection data source; the resource adds
// the write-only secrets.
type ConnectionModel struct {
	ID                   types.String  `tfsdk:"id"`
	Name                 types.String  `tfsdk:"name"`
	Type                 types.String  `tfsdk:"type"`
	Params               types.Dynamic `tfsdk:"params"`
	Description          types.String  `tfsdk:"description"`
	AllowWrite           types.Bool    `tfsdk:"allow_write"`
	AllowManagedDatasets types.Bool    `tfsdk:"allow_managed_datasets"`
	AllowManagedFolders  types.Bool    `tfsdk:"allow_managed_folders"`
	UsableBy             types.String  `tfsdk:"usable_by"`
	AllowedGroups        types.Set     `tfsdk:"allowed_groups"`
	DetailsReadableBy    types.String  `tfsdk:"details_readable_by"`
	DetailsAllowedGroups types.Set     `tfsdk:"details_allowed_groups"`
	CredentialsMode      types.String  `tfsdk:"credentials_mode"`
	MaxActivities        types.Int64   `tfsdk:"max_activities"`
	UseGlobalProxy       types.Bool    `tfsdk:"use_global_proxy"`
}

// connectionResourceModel is the dataiku_connection resource.
type connectionResourceModel struct {
	ConnectionModel
	SecretParamsWO        types.String `tfsdk:"secret_params_wo"`
	SecretParamsWOVersion types.Int64  `tfsdk:"secret_params_wo_version"`
	kit.DeletionProtection
}

// ConnectionFromDSS fills m from DSS's definition. Secrets never reach m:
// params is DSS's without them, all of it when whole (the data source, an
// import), else the keys m.Params writes (the subset rule of
// dataiku_dataset.params).
func ConnectionFromDSS(ctx context.Context, c *dss.Connection, m *ConnectionModel, whole bool) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.ID = types.StringValue(c.Name)
	m.Name = types.StringValue(c.Name)
	m.Type = types.StringValue(c.Type)
	m.Params = kit.HCLObjectRead(dss.ParamsWithoutSecrets(c.Params), m.Params, whole)
	m.Description = types.StringValue(c.Description)
	m.AllowWrite = types.BoolValue(c.AllowWrite)
	m.AllowManagedDatasets = types.BoolValue(c.AllowManagedDatasets)
	m.AllowManagedFolders = types.BoolValue(c.AllowManagedFolders)
	m.UsableBy = types.StringValue(c.UsableBy)
	m.AllowedGroups, d = kit.StringSetValue(ctx, c.AllowedGroups)
	diags.Append(d...)
	// A DSS that does not report detailsReadability reads as its default,
	// NONE, so such a connection is not a diff on every plan.
	m.DetailsReadableBy = types.StringValue(cmp.Or(c.DetailsReadability.ReadableBy, dss.ConnectionReadableByNone))
	m.DetailsAllowedGroups, d = kit.StringSetValue(ctx, c.DetailsReadability.AllowedGroups)
	diags.Append(d...)
	// Likewise credentialsMode, whose default is GLOBAL: without it, an
	// adopting apply would write GLOBAL over nothing.
	m.CredentialsMode = types.StringValue(cmp.Or(c.CredentialsMode, defaultConnectionCredentialsMode))
	m.MaxActivities = types.Int64Value(c.MaxActivities)
	m.UseGlobalProxy = types.BoolValue(c.UseGlobalProxy)
	return diags
}

// ApplyConnection writes the plan over DSS's definition for the
// read-modify-write. params is the configuration's (the keys written),
// merged into DSS's so that the encrypted secrets DSS returned are sent
// back untouched; secrets, when not nil, are written over them (a
// creation or a rotation). What the plan leaves unknown stays as DSS has
// it.
func ApplyConnection(ctx context.Context, plan *ConnectionModel, params, secrets dss.Object, c *dss.Connection) diag.Diagnostics {
	var diags diag.Diagnostics
	// What is written, with DSS's text of every part it does not change.
	kept := kit.ProjectOnto(c.Params, params)
	kit.MergeKeepingEqual(kept, params)
	c.Params = dss.MergeParams(c.Params, kept)
	if secrets != nil {
		c.Params = dss.MergeSecrets(c.Params, secrets)
	}
	setGroups := func(v types.Set, field *[]string) {
		if kit.Known(v) {
			groups, d := kit.StringsFromSet(ctx, v)
			diags.Append(d...)
			*field = groups
		}
	}
	kit.SetKnownString(plan.Type, &c.Type)
	kit.SetKnownString(plan.Description, &c.Description)
	kit.SetKnownBool(plan.AllowWrite, &c.AllowWrite)
	kit.SetKnownBool(plan.AllowManagedDatasets, &c.AllowManagedDatasets)
	kit.SetKnownBool(plan.AllowManagedFolders, &c.AllowManagedFolders)
	kit.SetKnownString(plan.UsableBy, &c.UsableBy)
	setGroups(plan.AllowedGroups, &c.AllowedGroups)
	kit.SetKnownString(plan.DetailsReadableBy, &c.DetailsReadability.ReadableBy)
	setGroups(plan.DetailsAllowedGroups, &c.DetailsReadability.AllowedGroups)
	kit.SetKnownString(plan.CredentialsMode, &c.CredentialsMode)
	if kit.Known(plan.MaxActivities) {
		c.MaxActivities = plan.MaxActivities.ValueInt64()
	}
	kit.SetKnownBool(plan.UseGlobalProxy, &c.UseGlobalProxy)
	return diags
}

// connectionParamsRule is what ConnectionParamsValidator requires.
var connectionParamsRule = "must be an object, such as { root = \"/data\" }, and must not hold a secret (" +
	strings.Join(dss.SecretParamKeys, ", ") + "): those go in secret_params_wo"

// ConnectionParamsValidator checks params at plan time: a JSON object
// holding no secret (those go in secret_params_wo, never in state).
var ConnectionParamsValidator = kit.DynamicCheck(connectionParamsRule, func(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	kit.HCLObjectValidator.ValidateDynamic(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := kit.HCLObjectDecode(req.ConfigValue)
	if err != nil {
		return // not known yet
	}
	if found := dss.SecretParamsIn(m); len(found) > 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Secret in params",
			fmt.Sprintf("%s holds %s, which DSS treats as secret: put it in secret_params_wo (write-only, never stored in the plan or the state), "+
				"e.g. secret_params_wo = jsonencode({ %s = var.secret }), with secret_params_wo_version to rotate it. Secret keys: %s.",
				req.Path, strings.Join(found, ", "), found[0], strings.Join(dss.SecretParamKeys, ", ")))
	}
})

// secretParamsRule is what SecretParamsValidator requires, also quoted in
// its refusal.
const secretParamsRule = "must be a JSON object written with jsonencode({...})"

// SecretParamsValidator checks secret_params_wo at plan time without ever
// quoting it: DSS's JSON errors show parts of the text.
var SecretParamsValidator = kit.StringCheck(secretParamsRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	if _, err := decodeSecretParams(req.ConfigValue); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object",
			fmt.Sprintf("Attribute %s %s (its value is not shown: it is secret).", req.Path, secretParamsRule))
	}
})

// decodeSecretParams parses secret_params_wo; null gives nil. Its error
// never quotes the value.
func decodeSecretParams(v types.String) (dss.Object, error) {
	if !kit.Known(v) {
		return nil, nil
	}
	m, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(v.ValueString()))
	if err != nil || m == nil {
		return nil, fmt.Errorf("secret_params_wo %w", kit.ErrNotJSONObject)
	}
	return m, nil
}
