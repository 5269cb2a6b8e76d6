package adopt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// instanceLevelTypes are the resource types whose objects the whole
// instance depends on, not one project: generated.tf gives them
// lifecycle { prevent_destroy = true } unless --no-prevent-destroy, so that
// `terraform destroy`, or deleting the adopted folder's files and applying,
// cannot delete users, groups or connections by accident. The deployers'
// objects are among them: destroying a deployment undeploys what runs in
// production, and a published project or service holds its releases.
var instanceLevelTypes = []string{
	names.TypePrefix + names.KindUser, names.TypePrefix + names.KindGroup, names.TypePrefix + names.KindConnection, names.TypePrefix + names.KindCodeEnv, names.TypePrefix + names.KindPlugin, names.TypePrefix + names.KindContainerExecConfig, names.TypePrefix + names.KindCluster, names.TypePrefix + names.KindWorkspace,
	names.TypePrefix + names.KindAPIKey, names.TypePrefix + names.KindInstanceSettings, names.TypePrefix + names.KindInstanceVariables,
	names.TypePrefix + names.KindLDAPSettings, names.TypePrefix + names.KindSSOSettings, names.TypePrefix + names.KindAzureADSettings,
	names.TypePrefix + names.KindProjectFolder,
	names.TypePrefix + names.KindProjectDeployerInfra, names.TypePrefix + names.KindPublishedProject, names.TypePrefix + names.KindProjectDeployment,
	names.TypePrefix + names.KindAPIDeployerInfra, names.TypePrefix + names.KindPublishedAPIService, names.TypePrefix + names.KindAPIDeployment,
}

// keepResult counts what keepable changed.
type keepResult struct {
	defaults int // attributes or JSON keys left out
	// emptied counts the attributes Terraform generated as null for a ""
	// that are written "" (adoptinfo.EmptyAcceptedWithDefault).
	emptied   int
	protected int // resources given prevent_destroy
	// deletionProtected counts the resources given deletion_protection = true.
	deletionProtected int
	// grantsApart counts the projects whose permissions were left out
	// because their grants are adopted as dataiku_project_grant.
	grantsApart int
}

// keepOptions says what keepable adds besides leaving defaults out.
type keepOptions struct {
	// preventDestroy gives instance-level resources lifecycle {
	// prevent_destroy = true } (unless --no-prevent-destroy).
	preventDestroy bool
	// deletionProtection gives every resource whose type has it
	// deletion_protection = true (--deletion-protection). Unlike
	// prevent_destroy it lives in the state, so it also holds when the
	// block is removed; the first apply sets it with no request to DSS.
	deletionProtection bool
	// grants (--grants) leaves permissions out of every project, those
	// without a grant too: their grants are to be resources of their own.
	// Without it, a project whose grants imports.tf adopts as resources
	// (a directory adopted with --grants, rewritten by "references") still
	// leaves permissions out.
	grants bool
}

// keepable rewrites generated.tf into a configuration worth keeping:
// attributes Terraform generated as null or as their schema default
// (adoptinfo.SchemaDefaults) are left out, as an optional attribute left
// out takes that value, and so are those false that keep DSS's value when
// left out (adoptinfo.KeptWhenLeftOut); so are the keys of a dataset's params and
// format_params equal to what DSS fills in by itself; instance-level
// resources get prevent_destroy and protectable ones deletion_protection
// as o says.
func keepable(dir string, o keepOptions) (keepResult, error) {
	var r keepResult
	p := filepath.Join(dir, generatedFile)
	src, err := os.ReadFile(p)
	if err != nil {
		return r, err
	}
	f, diags := hclwrite.ParseConfig(src, p, hcl.InitialPos)
	if diags.HasErrors() {
		return r, fmt.Errorf("%s: %s", p, diags.Error())
	}
	granted := map[string]bool{}
	if a, err := readImports(dir); err == nil {
		granted = a.projectsWithGrants()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return r, err
	}
	for _, blk := range f.Body().Blocks() {
		labels := blk.Labels()
		if blk.Type() != "resource" || len(labels) != 2 {
			continue
		}
		body := blk.Body()
		if labels[0] == names.TypePrefix+names.KindProject && (o.grants || granted[attrLiteral(body, "project_key")]) && body.GetAttribute("permissions") != nil {
			// Its grants are adopted as dataiku_project_grant (--grants):
			// an authoritative list beside them would fight them, and a
			// project without permissions leaves its grants alone.
			body.RemoveAttribute("permissions")
			r.grantsApart++
		}
		schemaDefaults := adoptinfo.SchemaDefaults()[labels[0]]
		keptWhenLeftOut := adoptinfo.KeptWhenLeftOut()[labels[0]]
		emptyAccepted := adoptinfo.EmptyAcceptedWithDefault()[labels[0]]
		protectable := o.deletionProtection && adoptinfo.HasDeletionProtection(labels[0])
		for name, a := range body.Attributes() {
			if protectable && name == adoptinfo.DeletionProtection {
				continue // set below, where Terraform wrote it
			}
			// An optional attribute left out is null, or its schema
			// default: the same plan as writing either.
			v := string(bytes.TrimSpace(a.Expr().BuildTokens(nil).Bytes()))
			// One that keeps DSS's value when left out: false, DSS's
			// value stays false.
			d, ok := schemaDefaults[name]
			// Terraform's config generation writes an optional attribute
			// holding "" as null (a shim for the legacy SDK). Left out,
			// one whose default is another string would plan that default
			// over DSS's "" (a zone's color): written "", it stays as DSS
			// holds it. Only where the validators take "": elsewhere the
			// provider reads DSS's "" as null, and "" would fail.
			if v == "null" && slices.Contains(emptyAccepted, name) {
				body.SetAttributeValue(name, cty.StringVal(""))
				r.emptied++
				continue
			}
			if v == "null" || (ok && v == d) || (v == "false" && slices.Contains(keptWhenLeftOut, name)) {
				body.RemoveAttribute(name)
				r.defaults++
			}
		}
		for _, name := range adoptinfo.NestedAttributes()[labels[0]] {
			r.defaults += dropNestedNulls(body, name)
		}
		if protectable {
			body.SetAttributeValue(adoptinfo.DeletionProtection, cty.True)
			r.deletionProtected++
		}
		if labels[0] == names.TypePrefix+names.KindDataset {
			r.defaults += dropDefaultKeys(body, "params", dss.DatasetParamsDefaults(attrLiteral(body, "type")))
			r.defaults += dropDefaultKeys(body, "format_params", dss.FormatParamsDefaults(attrLiteral(body, "format_type")))
		}
		if o.preventDestroy && slices.Contains(instanceLevelTypes, labels[0]) && !hasBlock(body, "lifecycle") {
			body.AppendNewBlock("lifecycle", nil).Body().SetAttributeValue("prevent_destroy", cty.True)
			r.protected++
		}
	}
	return r, os.WriteFile(p, hclwrite.Format(f.Bytes()), 0o600)
}

// dropNestedNulls removes, from the nested attribute name (a list or set
// of objects, or one object), the `key = null` lines of its objects'
// own attributes, and returns how many it removed: an attribute of a
// nested object written as null is the same configuration as one left
// out. Deeper values (a JSON attribute's, jsonencode's) are left alone.
// Terraform generates them by the dozen: a scenario trigger writes every
// other type's settings as null.
func dropNestedNulls(body *hclwrite.Body, name string) int {
	a := body.GetAttribute(name)
	if a == nil {
		return 0
	}
	toks := a.Expr().BuildTokens(nil)
	out := make(hclwrite.Tokens, 0, len(toks))
	var opens []hclsyntax.TokenType
	n := 0
	for i := 0; i < len(toks); i++ {
		switch toks[i].Type {
		case hclsyntax.TokenOBrack, hclsyntax.TokenOBrace, hclsyntax.TokenOParen:
			opens = append(opens, toks[i].Type)
		case hclsyntax.TokenCBrack, hclsyntax.TokenCBrace, hclsyntax.TokenCParen:
			if len(opens) > 0 {
				opens = opens[:len(opens)-1]
			}
		case hclsyntax.TokenIdent:
			// An object of the attribute: the attribute's own value, or
			// an element of its list or set. (A map's values, or an
			// object one level down, may be of a type whose attributes
			// are all required: left alone.)
			inObject := slices.Equal(opens, []hclsyntax.TokenType{hclsyntax.TokenOBrace}) ||
				slices.Equal(opens, []hclsyntax.TokenType{hclsyntax.TokenOBrack, hclsyntax.TokenOBrace})
			if inObject && i+3 < len(toks) && toks[i+1].Type == hclsyntax.TokenEqual &&
				toks[i+2].Type == hclsyntax.TokenIdent && string(toks[i+2].Bytes) == "null" && toks[i+3].Type == hclsyntax.TokenNewline &&
				(i == 0 || toks[i-1].Type == hclsyntax.TokenNewline) {
				i += 3
				n++
				continue
			}
		}
		out = append(out, toks[i])
	}
	if n > 0 {
		body.SetAttributeRaw(name, out)
	}
	return n
}

func hasBlock(body *hclwrite.Body, typ string) bool {
	for _, b := range body.Blocks() {
		if b.Type() == typ {
			return true
		}
	}
	return false
}

// jsonencodeCtx evaluates the jsonencode(...) calls Terraform generates.
var jsonencodeCtx = &hcl.EvalContext{Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc}}

// dropDefaultKeys removes from the object attribute name (an HCL object,
// as Terraform generates the provider's free-form objects, or
// jsonencode({...}), the form of earlier versions) the top-level keys
// whose value equals defaults' and returns how many it removed. The
// attribute keeps its form. An attribute that is not a constant object (a
// reference was written into it, say) is left as it is.
func dropDefaultKeys(body *hclwrite.Body, name string, defaults map[string]any) int {
	a := body.GetAttribute(name)
	if a == nil || len(defaults) == 0 {
		return 0
	}
	expr, diags := hclsyntax.ParseExpression(a.Expr().BuildTokens(nil).Bytes(), name, hcl.InitialPos)
	if diags.HasErrors() {
		return 0
	}
	v, diags := expr.Value(jsonencodeCtx)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return 0
	}
	var text []byte
	encoded := v.Type() == cty.String
	switch {
	case encoded:
		text = []byte(v.AsString())
	case v.Type().IsObjectType() || v.Type().IsMapType():
		b, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			return 0
		}
		text = b
	default:
		return 0
	}
	var doc map[string]any
	if decodeJSON(text, &doc) != nil || doc == nil {
		return 0
	}
	n := 0
	for k, dv := range defaults {
		if cur, ok := doc[k]; ok && sameJSON(cur, dv) {
			delete(doc, k)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return 0
	}
	ty, err := ctyjson.ImpliedType(b)
	if err != nil {
		return 0
	}
	obj, err := ctyjson.Unmarshal(b, ty)
	if err != nil {
		return 0
	}
	if encoded {
		body.SetAttributeRaw(name, hclwrite.TokensForFunctionCall("jsonencode", hclwrite.TokensForValue(obj)))
	} else {
		body.SetAttributeValue(name, obj)
	}
	return n
}

// decodeJSON keeps numbers as written, so that 10000 and 1e4 compare by
// their text only when both came through the same encoder.
func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// sameJSON compares a decoded value with a default by their JSON forms.
func sameJSON(cur, def any) bool {
	var a, b any
	ja, err1 := json.Marshal(cur)
	jb, err2 := json.Marshal(def)
	if err1 != nil || err2 != nil || decodeJSON(ja, &a) != nil || decodeJSON(jb, &b) != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}
