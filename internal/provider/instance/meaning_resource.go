package instance

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewMeaningResource returns the dataiku_meaning resource.
func NewMeaningResource() resource.Resource { return kit.NewResource[meaningModel](meaningKind{}) }

// meaningKind is a user-defined meaning (dataikuapi [V]: dssclient.py
// create_meaning, dss/meaning.py). Its id is the caller's and names it in
// schema columns, so it replaces; everything else is one definition that
// DSS's PUT takes whole, so it changes in place, type included. The kit
// checks that the id is free before the POST (DSS's answer to a duplicate
// is not documented [I]), so a POST whose answer is lost is recovered by
// the id: a meaning found then was not there before. DSS's API has no
// delete: destroying the resource forgets the meaning with a warning.
type meaningKind struct{}

var _ kit.KindKeptOnDestroy[meaningModel] = meaningKind{}

// meaningIDKey is a meaning's id: any id a path segment can hold.
var meaningIDKey = kit.NameKey{Attr: "meaning_id", Label: "meaning_id", What: "meaning's id", Pattern: names.IDPattern, Rule: "must " + names.IDRule}

var meaningAddress = kit.NamedAddress("dataiku_meaning", "meanings/{meaning_id}", meaningIDKey,
	func(m *meaningModel) *types.String { return &m.MeaningID }, func(m *meaningModel) *types.String { return &m.ID })

func (meaningKind) Address() *kit.Address[meaningModel] { return &meaningAddress }

// meaningTypesText lists the types for descriptions.
var meaningTypesText = "`" + strings.Join(dss.MeaningTypes, "`, `") + "`"

func (meaningKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A user-defined meaning (Administration > Meanings): an instance-wide semantic type, such as a list of country codes " +
			"or the pattern of an invoice id, that dataset schema columns name in their `meaning`. " +
			"Every change is a read-modify-write of the whole definition, so keys the provider does not model are kept. " +
			"Creating and changing a meaning needs an administrator's API key (DSS refuses others); reading one needs any valid key. " +
			"Import with the meaning's id.\n\n" +
			"**Destroying does not delete.** DSS's API has no call that deletes a meaning, so destroying this resource (or replacing it, " +
			"when `meaning_id` changes) only removes it from the Terraform state, with a warning: the meaning stays in DSS, and the columns " +
			"that name it keep it. Delete it in DSS's UI, Administration > Meanings. Until then, creating a meaning with the same id is refused: " +
			"import it instead.\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The meaning's id (`meaning_id`)."),
			"meaning_id": kit.RequiredReplacing("The meaning's id, which schema columns name in their `meaning`; it must "+names.IDRule+
				". DSS cannot rename a meaning: changing it creates a new meaning and leaves the old one in DSS (see above).",
				meaningIDKey.Validators()...),
			"label": schema.StringAttribute{Required: true,
				MarkdownDescription: "The name DSS shows for the meaning. Changes in place."},
			"type": schema.StringAttribute{Required: true,
				MarkdownDescription: "What the meaning checks: " + meaningTypesText + " (DSS's types): `DECLARATIVE` checks nothing, " +
					"`VALUES_LIST` a value against `values`, `VALUES_MAPPING` against the `from` of `mappings`, `PATTERN` against `pattern`. " +
					"A case variant of these is refused at plan time with DSS's spelling; another non-empty value is passed to DSS, which judges it. " +
					"Changes in place (DSS's PUT takes the whole definition).",
				Validators: []validator.String{kit.KnownSpelling("meaning type", dss.MeaningTypes...)}},
			"description": kit.OptionalString("", "Description. Default empty. Changes in place."),
			"values": meaningListAttribute(meaningValueType, "The values of a `VALUES_LIST` meaning (DSS's `entries`), in the order DSS's UI shows them. Default none. "+
				"DSS uses them only for that type; on another type they are sent as written, with a warning. Changes in place.",
				map[string]schema.Attribute{
					"value": schema.StringAttribute{Required: true, MarkdownDescription: "The value."},
					"color": schema.StringAttribute{Optional: true, MarkdownDescription: "The color DSS shows the value in, e.g. `#1f77b4`. Default none."},
				}),
			"mappings": meaningListAttribute(meaningMappingType, "The mappings of a `VALUES_MAPPING` meaning, in order: a value found in a column (`from`) and the value it means (`to`, "+
				"DSS's `to.value`). Default none. DSS uses them only for that type; on another type they are sent as written, with a warning. Changes in place.",
				map[string]schema.Attribute{
					"from":  schema.StringAttribute{Required: true, MarkdownDescription: "The value as a column holds it."},
					"to":    schema.StringAttribute{Required: true, MarkdownDescription: "The value it maps to."},
					"color": schema.StringAttribute{Optional: true, MarkdownDescription: "The color DSS shows the target value in (DSS's `to.color`). Default none."},
				}),
			"pattern": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The regular expression a `PATTERN` meaning's values match. Default none. DSS uses it only for that type; " +
					"on another type it is sent as written, with a warning. Changes in place.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"normalization_mode": kit.OptionalString(dss.MeaningDefaultNormalizationMode,
				"How values are compared with `values`, `mappings` or `pattern` (DSS's `normalizationMode`): `EXACT` (default), `LOWERCASE` or `NORMALIZED` "+
					"(dataikuapi says `NORMALIZED` is not available for `PATTERN`: it is sent, with a warning). A case variant of these is refused at plan time; "+
					"another non-empty value is passed to DSS. Changes in place.",
				kit.KnownSpelling("normalization mode", dss.MeaningNormalizationModes...)),
			"detectable": kit.OptionalBool(false,
				"Whether DSS may assign the meaning to columns set to auto-detect. Default `false`. Changes in place."),
		},
	}
}

// meaningListAttribute is an ordered list of objects of type elem
// (values, mappings), authoritative: left out, it is empty, as DSS's null
// or absent list reads.
func meaningListAttribute(elem types.ObjectType, markdown string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Optional: true, Computed: true,
		Default:             listdefault.StaticValue(types.ListValueMust(elem, []attr.Value{})),
		MarkdownDescription: markdown,
		NestedObject:        schema.NestedAttributeObject{Attributes: attrs}}
}

// meaningTypeUses says which attribute each type uses: the others, set,
// are sent with a warning (DSS's behaviour with them is not documented,
// so they are not refused).
var meaningTypeUses = map[string]string{
	dss.MeaningTypeValuesList: "values", dss.MeaningTypeValuesMapping: "mappings", dss.MeaningTypePattern: "pattern",
}

// ValidateConfig warns about what the configured type does not use, and
// about NORMALIZED on a PATTERN meaning; it refuses nothing: DSS judges.
func (meaningKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m meaningModel
	if req.Config.Get(ctx, &m).HasError() || !kit.Known(m.Type) {
		return
	}
	typ := m.Type.ValueString()
	if _, known := meaningTypeUses[typ]; !known && typ != dss.MeaningTypeDeclarative {
		return
	}
	set := map[string]bool{
		"values":   kit.Known(m.Values) && len(m.Values.Elements()) > 0,
		"mappings": kit.Known(m.Mappings) && len(m.Mappings.Elements()) > 0,
		"pattern":  kit.Known(m.Pattern),
	}
	for _, attr := range []string{"values", "mappings", "pattern"} {
		if set[attr] && meaningTypeUses[typ] != attr {
			resp.Diagnostics.AddAttributeWarning(path.Root(attr), "A "+typ+" meaning does not use "+attr,
				fmt.Sprintf("DSS checks values against %s only for a %s meaning; on a %s meaning it is sent to DSS as written and has no documented effect. "+
					"Remove it, or set type to the one that uses it.", attr, meaningTypeFor(attr), typ))
		}
	}
	if typ == dss.MeaningTypePattern && m.NormalizationMode.ValueString() == "NORMALIZED" {
		resp.Diagnostics.AddAttributeWarning(path.Root("normalization_mode"), "NORMALIZED is not available for a PATTERN meaning",
			"dataikuapi documents normalization_mode NORMALIZED as not available for PATTERN meanings; it is sent to DSS, which may refuse or ignore it. Use EXACT or LOWERCASE.")
	}
}

// meaningTypeFor is the type that uses attr.
func meaningTypeFor(attr string) string {
	for typ, a := range meaningTypeUses {
		if a == attr {
			return typ
		}
	}
	return ""
}

// Post creates the meaning with its whole definition, as create_meaning
// sends it [V]: keys the plan leaves empty are null.
func (meaningKind) Post(ctx context.Context, c *dss.Client, m *meaningModel) error {
	d := &dss.Meaning{}
	if err := kit.DiagsError(meaningToDSS(ctx, m, d)); err != nil {
		return err
	}
	m.ID = m.MeaningID
	return c.CreateMeaning(ctx, d)
}

// Apply is one read-modify-write of the definition (no PUT after a
// create that sent everything), then the read back.
func (meaningKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[meaningModel]) {
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[meaningModel, dss.Meaning]{
		Doc:     dss.MeaningDoc(op.Plan.MeaningID.ValueString()),
		ToDSS:   func(d *dss.Meaning) diag.Diagnostics { return meaningToDSS(ctx, op.Plan, d) },
		FromDSS: func(d *dss.Meaning) diag.Diagnostics { return meaningFromDSS(ctx, d, op.Plan) },
	})
}

// Read costs 1 GET.
func (meaningKind) Read(ctx context.Context, c *dss.Client, m *meaningModel, _ bool) error {
	d, err := dss.MeaningDoc(meaningName(m)).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(meaningFromDSS(ctx, d, m))
}

// meaningName is the id m names: meaning_id, or id in a state that has
// only it.
func meaningName(m *meaningModel) string {
	if kit.Known(m.MeaningID) {
		return m.MeaningID.ValueString()
	}
	return m.ID.ValueString()
}

// KeptOnDestroy: DSS's API cannot delete a meaning.
func (meaningKind) KeptOnDestroy(m *meaningModel) (summary, detail string) {
	label := meaningAddress.Label(m)
	return label + " is still in DSS", fmt.Sprintf("DSS's API has no call that deletes a user-defined meaning, so %s was only removed from the Terraform state: "+
		"it stays in DSS, and schema columns that name it keep it. To delete it, use DSS's UI: Administration > Meanings. "+
		"Until it is deleted there, a resource that creates a meaning with the id %q fails; import it instead.", label, meaningName(m))
}
