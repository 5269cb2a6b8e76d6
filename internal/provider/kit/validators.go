package kit

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// hostRule is what HostValidator requires of host, also quoted in its
// refusal.
const hostRule = "must be an http:// or https:// URL such as https://dss.example.com:11200"

// HostValidator checks at plan time that host is an absolute http(s) URL.
var HostValidator = StringCheck(hostRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := dss.NormalizeHost(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid DSS host",
			"The host "+hostRule+": "+err.Error()+".")
	}
})

// SpellingValidator checks a value against a vocabulary DSS spells with a
// fixed case. DSS compares these values exactly: a dataset of type
// "filesystem" or a recipe of type "Python" is stored as written and then
// matches nothing, so the apply fails half-way or leaves an object that
// does not work. A case variant of a known value is therefore refused at
// plan time with the spelling DSS uses. For a closed vocabulary (closed:
// DSS has no other value) any other value is refused too; for an open one
// (plugin types, types of newer DSS versions) any other value is left to
// DSS, so the provider is never stricter than DSS.
type SpellingValidator struct {
	described        // made by OneOfExact or KnownSpelling
	What      string // what the value is, e.g. "dataset type"
	known     []string
	closed    bool
}

// OneOfExact is stringvalidator.OneOf with the case-fixed spelling
// suggested: every value outside values is refused.
func OneOfExact(what string, values ...string) SpellingValidator {
	return SpellingValidator{What: what, known: values, closed: true,
		described: described("value must be one of: " + quotedList(values))}
}

// KnownSpelling refuses only the case variants of values, and the empty
// string; any other value is passed to DSS as written.
//
// Why the empty string: it names no value of any of these vocabularies.
// DSS either refuses it (a code env's deploymentMode, a scope's selection
// method) or stores its default instead (a group's sourceType reads back
// LOCAL), which Terraform reports as an inconsistent result after apply.
// Leaving the attribute out is how a configuration asks for the default.
func KnownSpelling(what string, values ...string) SpellingValidator {
	return SpellingValidator{What: what, known: values,
		described: described(fmt.Sprintf("a known %s must be spelled as DSS spells it (%s); other values but the empty string are passed to DSS", what, quotedList(values)))}
}

// caseVariant returns the known value that s matches when case is
// ignored, if s is not itself known.
func (v SpellingValidator) caseVariant(s string) (string, bool) {
	if slices.Contains(v.known, s) {
		return "", false
	}
	for _, k := range v.known {
		if strings.EqualFold(k, s) {
			return k, true
		}
	}
	return "", false
}

func (v SpellingValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" && !v.closed {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty "+v.What,
			fmt.Sprintf("Attribute %s must not be empty: DSS knows no %s \"\" (it refuses it or stores its default instead). "+
				"Write one of %s, or leave the attribute out for DSS's default.", req.Path, v.What, quotedList(v.known)))
		return
	}
	if want, ok := v.caseVariant(s); ok {
		msg := fmt.Sprintf("Attribute %s: DSS spells this %s %q, not %q, and compares it case-exactly. Write %q.", req.Path, v.What, want, s, want)
		if v.closed {
			msg = fmt.Sprintf("Attribute %s value must be one of: %s, got: %q. ", req.Path, quotedList(v.known), s) + msg[len("Attribute "+req.Path.String()+": "):]
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Wrong case for "+article(v.What)+" "+v.What, msg)
		return
	}
	if v.closed && !slices.Contains(v.known, s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value Match",
			fmt.Sprintf("Attribute %s value must be one of: %s, got: %q", req.Path, quotedList(v.known), s))
	}
}

func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, s := range values {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// ConfigLine shortens an attribute path to the part Terraform can find in
// the configuration, for a diagnostic about a nested element. Terraform
// locates a top-level attribute, or an element of it written as a list or
// map literal, but not an attribute inside that element nor anything inside
// a nested object: for a longer path it quotes the resource's first line.
// Terraform never prints the path, so the diagnostic's detail must name the
// element itself (e.g. "triggers[1]").
func ConfigLine(p path.Path) path.Path {
	steps := p.Steps()
	if len(steps) == 0 {
		return p
	}
	name, ok := steps[0].(path.PathStepAttributeName)
	if !ok {
		return p
	}
	out := path.Root(string(name))
	if len(steps) > 1 {
		switch s := steps[1].(type) {
		case path.PathStepElementKeyInt:
			out = out.AtListIndex(int(s))
		case path.PathStepElementKeyString:
			out = out.AtMapKey(string(s))
		}
	}
	return out
}

// GroupOrUserValidator refuses at plan time an entry of a set of
// permission entries that names neither a group nor a user, or both (DSS
// keeps one principal per entry: a project's grants, a workspace's
// permissions). what names an entry in the rule ("grant"), summary heads
// the error ("Invalid project grant").
func GroupOrUserValidator(what, summary string) validator.Set {
	rule := "each " + what + " must set one (and only one) of group and user"
	return SetCheck(rule, func(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
		if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
			return
		}
		for _, e := range req.ConfigValue.Elements() {
			obj, ok := e.(types.Object)
			if !ok || obj.IsNull() || obj.IsUnknown() {
				continue
			}
			n := 0
			for _, name := range []string{"group", "user"} {
				v := obj.Attributes()[name]
				if v == nil || v.IsNull() {
					continue
				}
				if v.IsUnknown() {
					return // known at apply; DSS judges then
				}
				n++
			}
			if n != 1 {
				resp.Diagnostics.AddAttributeError(req.Path.AtSetValue(obj), summary,
					fmt.Sprintf("In %s, %s: this %s sets %d of them.", req.Path, rule, what, n))
			}
		}
	})
}

// article is the indefinite article of a noun phrase: "an" before a vowel
// ("an agent type", "an infrastructure type"), "a" otherwise.
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an"
	}
	return "a"
}
