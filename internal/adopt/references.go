package adopt

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// adopted indexes the objects imports.tf adopts by their kind (the
// resource type without the provider's prefix) and their import id, which
// is how other resources' attributes name them: a project by its key, a
// dataset as PROJECT.name, a code env as LANG/name, an exposure as
// PROJECT.TYPE.name.
type adopted struct {
	byKind map[string]map[string]string // kind -> import id -> address
}

// addr is the address of the adopted object of kind with import id, or "".
func (a *adopted) addr(kind, id string) string {
	return a.byKind[kind][id]
}

// projectsWithGrants are the keys of the projects some of whose grants
// are adopted as dataiku_project_grant (import id PROJECT_KEY.group.NAME).
func (a *adopted) projectsWithGrants() map[string]bool {
	out := map[string]bool{}
	for id := range a.byKind[names.KindProjectGrant] {
		key, _, _ := strings.Cut(id, ".")
		out[key] = true
	}
	return out
}

// readImports reads the import blocks of imports.tf in dir. The import id
// carries everything a reference needs (the project key, the dataset's or
// connection's name), so the rewrite works on a directory where the user
// ran Terraform without dss-adopt's help.
func readImports(dir string) (*adopted, error) {
	p := filepath.Join(dir, importsFile)
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", p, diags.Error())
	}
	a := &adopted{byKind: map[string]map[string]string{}}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s: not native HCL syntax", p)
	}
	for _, blk := range body.Blocks {
		if blk.Type != "import" {
			continue
		}
		to, id := blk.Body.Attributes["to"], blk.Body.Attributes["id"]
		if to == nil || id == nil {
			continue
		}
		tr, d := hcl.AbsTraversalForExpr(to.Expr)
		if d.HasErrors() || len(tr) != 2 {
			continue
		}
		v, d := id.Expr.Value(nil)
		if d.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
			continue
		}
		idStr := v.AsString()
		typ := tr.RootName()
		name, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		addr := typ + "." + name.Name
		kind, ok := strings.CutPrefix(typ, names.TypePrefix)
		if !ok {
			continue
		}
		if a.byKind[kind] == nil {
			a.byKind[kind] = map[string]string{}
		}
		a.byKind[kind][idStr] = addr
	}
	return a, nil
}

// ref is the tokens of address.attr.
func ref(address, attr string) hclwrite.Tokens {
	typ, name, _ := strings.Cut(address, ".")
	return hclwrite.TokensForTraversal(hcl.Traversal{hcl.TraverseRoot{Name: typ}, hcl.TraverseAttr{Name: name}, hcl.TraverseAttr{Name: attr}})
}

// templateTokens is a quoted template joining its parts: a string part
// is literal text, a Tokens part is interpolated.
func templateTokens(parts ...any) hclwrite.Tokens {
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOQuote, Bytes: []byte(`"`)}}
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenQuotedLit, Bytes: []byte(v)})
		case hclwrite.Tokens:
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte("${")})
			toks = append(toks, v...)
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte("}")})
		}
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: []byte(`"`)})
}

// typedRef is the reference to the object of project key that DSS names
// by its type and its name or id, as a flow zone's items and an exposed
// object do: a dataset's name, a managed folder's, an evaluation store's
// or a knowledge bank's id, a recipe's or a streaming endpoint's name. It
// is nil when imports.tf does not adopt the object, or when no resource of
// the provider holds that type (a saved model stays literal).
func (a *adopted) typedRef(key, typ, name string) hclwrite.Tokens {
	k, ok := typedKinds[typ]
	if !ok {
		return nil
	}
	if addr := a.addr(k.kind, key+"."+name); addr != "" {
		return ref(addr, k.attr)
	}
	return nil
}

// typedKinds are, by the type DSS names an object with (typedRef), the
// provider's kind that adopts it and the attribute a reference to it
// reads: the object's name or id, whichever DSS names it by.
var typedKinds = map[string]struct{ kind, attr string }{
	"DATASET":                {names.KindDataset, "name"},
	"MANAGED_FOLDER":         {names.KindManagedFolder, "id"},
	"MODEL_EVALUATION_STORE": {names.KindEvaluationStore, "id"},
	"RECIPE":                 {names.KindRecipe, "name"},
	"STREAMING_ENDPOINT":     {names.KindStreamingEndpoint, "name"},
	"RETRIEVABLE_KNOWLEDGE":  {names.KindKnowledgeBank, "id"},
}

// foreignRef is the reference form of PROJECT.name, an input of a recipe
// of another project, when imports.tf adopts the exposure that lets the
// recipe read it: "${project}.${exposure.local_name}", so that Terraform
// creates the exposure before the recipe (DSS refuses the recipe
// otherwise) and destroys it after.
func foreignRef(a *adopted, value string) hclwrite.Tokens {
	pk, name, ok := strings.Cut(value, ".")
	if !ok {
		return nil
	}
	for _, typ := range []string{"DATASET", "MANAGED_FOLDER"} {
		addr := a.addr(names.KindExposedObject, pk+"."+typ+"."+name)
		if addr == "" {
			continue
		}
		var project any = pk
		if p := a.addr(names.KindProject, pk); p != "" {
			project = ref(p, "project_key")
		}
		return templateTokens(project, ".", ref(addr, "local_name"))
	}
	return nil
}

// literal is a quoted string value inside an attribute's expression.
type literal struct {
	value string
	// key is the object key the literal is the value of; "" for the
	// attribute's own value or a list element.
	key string
	// siblings are the literal values of the enclosing object's other
	// keys (nil at the top level).
	siblings map[string]string
	top      bool
	// list is, for an element of a list, the key the list is the value
	// of (datasets in datasets = ["a"]); "" otherwise.
	list string
}

// rewriteLiterals replaces the quoted string values of an expression for
// which repl returns tokens, matched by their decoded value. Object keys
// are never replaced, and neither is a template with interpolation.
func rewriteLiterals(toks hclwrite.Tokens, repl func(literal) hclwrite.Tokens) (hclwrite.Tokens, int) {
	type found struct {
		at, end int // the opening and closing quotes
		lit     literal
		frame   int
	}
	var lits []found
	frames := []map[string]string{}
	stack := []int{}
	// lists holds, for each bracket or brace open around the current
	// token, the key a list is the value of ("" for a brace).
	type open struct {
		list bool
		key  string
	}
	var opens []open
	prevSignificant := func(i int) int {
		for j := i - 1; j >= 0; j-- {
			if toks[j].Type != hclsyntax.TokenNewline {
				return j
			}
		}
		return -1
	}
	// keyBefore is the object key before the = or : that precedes token
	// i, or "".
	keyBefore := func(i int) string {
		p := prevSignificant(i)
		if p < 0 || (toks[p].Type != hclsyntax.TokenEqual && toks[p].Type != hclsyntax.TokenColon) {
			return ""
		}
		k := prevSignificant(p)
		switch {
		case k < 0:
		case toks[k].Type == hclsyntax.TokenIdent:
			return string(toks[k].Bytes)
		case toks[k].Type == hclsyntax.TokenCQuote && k >= 1 && toks[k-1].Type == hclsyntax.TokenQuotedLit:
			key, _ := quotedLiteral(toks[k-1].Bytes)
			return key
		}
		return ""
	}
	for i := 0; i < len(toks); i++ {
		switch toks[i].Type {
		case hclsyntax.TokenOBrace:
			frames = append(frames, map[string]string{})
			stack = append(stack, len(frames)-1)
			opens = append(opens, open{})
			continue
		case hclsyntax.TokenCBrace:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if len(opens) > 0 {
				opens = opens[:len(opens)-1]
			}
			continue
		case hclsyntax.TokenOBrack:
			opens = append(opens, open{list: true, key: keyBefore(i)})
			continue
		case hclsyntax.TokenCBrack:
			if len(opens) > 0 {
				opens = opens[:len(opens)-1]
			}
			continue
		case hclsyntax.TokenOQuote:
		default:
			continue
		}
		// The literal's text may come in several tokens (an escaped
		// `$${` starts a new one).
		end, src := i+1, []byte{}
		for ; end < len(toks) && toks[end].Type == hclsyntax.TokenQuotedLit; end++ {
			src = append(src, toks[end].Bytes...)
		}
		if end == i+1 || end >= len(toks) || toks[end].Type != hclsyntax.TokenCQuote {
			continue
		}
		value, ok := quotedLiteral(src)
		if !ok {
			continue
		}
		// A key: the next significant token is = or :.
		next := end + 1
		for next < len(toks) && toks[next].Type == hclsyntax.TokenNewline {
			next++
		}
		if next < len(toks) && (toks[next].Type == hclsyntax.TokenEqual || toks[next].Type == hclsyntax.TokenColon) {
			continue
		}
		lit := literal{value: value, top: len(stack) == 0, key: keyBefore(i)}
		if n := len(opens); n > 0 && opens[n-1].list && lit.key == "" {
			lit.list = opens[n-1].key
		}
		frame := -1
		if len(stack) > 0 {
			frame = stack[len(stack)-1]
			if lit.key != "" {
				frames[frame][lit.key] = value
			}
		}
		lits = append(lits, found{at: i, end: end, lit: lit, frame: frame})
		i = end
	}
	type replacement struct {
		end  int
		toks hclwrite.Tokens
	}
	replace := map[int]replacement{}
	for _, f := range lits {
		if f.frame >= 0 {
			f.lit.siblings = frames[f.frame]
		}
		if r := repl(f.lit); r != nil {
			replace[f.at] = replacement{f.end, r}
		}
	}
	if len(replace) == 0 {
		return toks, 0
	}
	out := make(hclwrite.Tokens, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if r, ok := replace[i]; ok {
			if len(r.toks) > 0 {
				r.toks[0].SpacesBefore = toks[i].SpacesBefore
			}
			out = append(out, r.toks...)
			i = r.end
			continue
		}
		out = append(out, toks[i])
	}
	return out, len(replace)
}

// attrLiteral is the value of a top-level string attribute ("" when it is
// not a plain literal).
func attrLiteral(body *hclwrite.Body, name string) string {
	a := body.GetAttribute(name)
	if a == nil {
		return ""
	}
	toks := a.Expr().BuildTokens(nil)
	if len(toks) < 3 || toks[0].Type != hclsyntax.TokenOQuote || toks[len(toks)-1].Type != hclsyntax.TokenCQuote {
		return ""
	}
	var src []byte
	for _, t := range toks[1 : len(toks)-1] {
		if t.Type != hclsyntax.TokenQuotedLit {
			return ""
		}
		src = append(src, t.Bytes...)
	}
	value, _ := quotedLiteral(src)
	return value
}

// quotedLiteral is the string a quoted literal's source text stands for,
// its escapes decoded: real DSS names hold backslashes (the Windows login
// CORP\jdoe is written "CORP\\jdoe"), quotes, or `${` (written `$${`),
// and only the decoded value matches the import ID naming the object.
func quotedLiteral(src []byte) (string, bool) {
	quoted := append(append([]byte{'"'}, src...), '"')
	expr, diags := hclsyntax.ParseExpression(quoted, "", hcl.InitialPos)
	if diags.HasErrors() {
		return "", false
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	return v.AsString(), true
}

// rewriteAttr applies repl to one attribute of body.
func rewriteAttr(body *hclwrite.Body, name string, repl func(literal) hclwrite.Tokens) int {
	a := body.GetAttribute(name)
	if a == nil {
		return 0
	}
	toks, n := rewriteLiterals(a.Expr().BuildTokens(nil), repl)
	if n > 0 {
		body.SetAttributeRaw(name, toks)
	}
	return n
}

// topRef replaces the attribute's own literal value when lookup finds it.
func topRef(lookup func(string) string, attr string) func(literal) hclwrite.Tokens {
	return func(l literal) hclwrite.Tokens {
		if !l.top || l.key != "" {
			return nil
		}
		if addr := lookup(l.value); addr != "" {
			return ref(addr, attr)
		}
		return nil
	}
}

// rewriteReferences turns, in generated.tf, the literal project keys,
// dataset, managed folder, recipe, connection, group, user and project
// folder names (a project's grantees included) into references to the resources that adopt them. Only
// objects imports.tf adopts are referenced, so that the configuration
// never points at a resource it does not hold. The values are the same,
// so the plan is unchanged; what changes is the dependency graph.
func rewriteReferences(dir string) (int, error) {
	a, err := readImports(dir)
	if err != nil {
		return 0, err
	}
	p := filepath.Join(dir, generatedFile)
	src, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	f, diags := hclwrite.ParseConfig(src, p, hcl.InitialPos)
	if diags.HasErrors() {
		return 0, fmt.Errorf("%s: %s", p, diags.Error())
	}
	total := 0
	for _, blk := range f.Body().Blocks() {
		labels := blk.Labels()
		if blk.Type() != "resource" || len(labels) != 2 {
			continue
		}
		total += rewriteResource(a, labels[0], labels[0]+"."+labels[1], blk.Body())
	}
	if total == 0 {
		return 0, nil
	}
	return total, os.WriteFile(p, hclwrite.Format(f.Bytes()), 0o600)
}

func rewriteResource(a *adopted, typ, self string, body *hclwrite.Body) int {
	key := attrLiteral(body, "project_key")
	// The adopted object of kind a value names, by its import id: the
	// value itself, or PROJECT.value for an object of the resource's own
	// project; never the resource itself.
	adoptedAs := func(kind string) func(string) string {
		return func(v string) string {
			if addr := a.addr(kind, v); addr != self {
				return addr
			}
			return ""
		}
	}
	inProject := func(kind string) func(string) string {
		return func(name string) string { return a.addr(kind, key+"."+name) }
	}
	// An object of the resource's project named by its id or as KEY.id
	// (a knowledge bank's images folder, a retrieval-augmented LLM's
	// bank): the object's id attribute is the bare id, which the resource
	// reads as the same object (no change). Another project's object
	// stays literal: its bare id would name one of this project.
	inProjectByRef := func(kind string) func(string) string {
		return func(v string) string { return inProject(kind)(strings.TrimPrefix(v, key+".")) }
	}
	n := 0
	// A published project's project_key is its key on the deployer, not a
	// design project's (the two often match, but neither needs the other).
	if typ != names.TypePrefix+names.KindProject && typ != names.TypePrefix+names.KindPublishedProject {
		n += rewriteAttr(body, "project_key", topRef(adoptedAs(names.KindProject), "project_key"))
	}
	switch typ {
	case names.TypePrefix + names.KindProject:
		n += rewriteAttr(body, "project_folder_id", topRef(adoptedAs(names.KindProjectFolder), "id"))
		n += rewriteAttr(body, "owner", topRef(adoptedAs(names.KindUser), "login"))
		n += rewriteAttr(body, "permissions", a.grantees)
	case names.TypePrefix + names.KindProjectGrant:
		// The group or user it grants to, when adopted too (--grants).
		n += rewriteAttr(body, "group", topRef(adoptedAs(names.KindGroup), "name"))
		n += rewriteAttr(body, "user", topRef(adoptedAs(names.KindUser), "login"))
	case names.TypePrefix + names.KindCodeStudio:
		// Its owner, when dss-adopt adopts that user too (a studio's
		// template stays literal: templates are no resource).
		n += rewriteAttr(body, "owner", topRef(adoptedAs(names.KindUser), "login"))
	case names.TypePrefix + names.KindProjectFolder:
		n += rewriteAttr(body, "parent_id", topRef(adoptedAs(names.KindProjectFolder), "id"))
	case names.TypePrefix + names.KindConnection:
		// The groups that may use it or read its details.
		n += rewriteAttr(body, "allowed_groups", a.elementsOf(names.KindGroup, "name"))
		n += rewriteAttr(body, "details_allowed_groups", a.elementsOf(names.KindGroup, "name"))
	case names.TypePrefix + names.KindDataCollectionDataset:
		// The collection, and the dataset in the project project_key names.
		n += rewriteAttr(body, "data_collection_id", topRef(adoptedAs(names.KindDataCollection), "id"))
		n += rewriteAttr(body, "dataset_name", topRef(inProject(names.KindDataset), "name"))
	case names.TypePrefix + names.KindDataset, names.TypePrefix + names.KindManagedFolder, names.TypePrefix + names.KindStreamingEndpoint:
		n += rewriteAttr(body, "connection_name", topRef(adoptedAs(names.KindConnection), "name"))
	case names.TypePrefix + names.KindKnowledgeBank:
		n += rewriteAttr(body, "connection_name", topRef(adoptedAs(names.KindConnection), "name"))
		n += rewriteAttr(body, "images_folder_id", topRef(inProjectByRef(names.KindManagedFolder), "id"))
	case names.TypePrefix + names.KindRetrievalAugmentedLLM, names.TypePrefix + names.KindAgentTool:
		n += rewriteAttr(body, "knowledge_bank_id", topRef(inProjectByRef(names.KindKnowledgeBank), "id"))
	case names.TypePrefix + names.KindAgent:
		// A tool of the agent's project, held as its id or KEY.id: the
		// tool's id, which the agent reads as the same tool. Another
		// project's tool stays literal.
		n += rewriteAttr(body, "tools", func(l literal) hclwrite.Tokens {
			if l.key != "tool_ref" {
				return nil
			}
			if addr := inProjectByRef(names.KindAgentTool)(l.value); addr != "" {
				return ref(addr, "id")
			}
			return nil
		})
	case names.TypePrefix + names.KindDataQualityRule:
		n += rewriteAttr(body, "dataset_name", topRef(inProject(names.KindDataset), "name"))
	case names.TypePrefix + names.KindRecipe:
		// Role items are objects {ref = "name"}: a dataset's or a
		// streaming endpoint's name or a managed folder's or an
		// evaluation store's id in the recipe's project, or PROJECT.name of
		// another project's object, exposed to this one. A saved model's
		// id stays literal: there is no resource to point at, and a data
		// source would add a read to every plan for a value that never
		// changes (its id is DSS's and fixed). A knowledge bank's stays
		// literal too, as it did before banks had a resource.
		item := func(l literal) hclwrite.Tokens {
			if l.key != "ref" {
				return nil
			}
			if addr := inProject(names.KindDataset)(l.value); addr != "" {
				return ref(addr, "name")
			}
			if addr := inProject(names.KindManagedFolder)(l.value); addr != "" {
				return ref(addr, "id")
			}
			if addr := inProject(names.KindStreamingEndpoint)(l.value); addr != "" {
				return ref(addr, "name")
			}
			if addr := inProject(names.KindEvaluationStore)(l.value); addr != "" {
				return ref(addr, "id")
			}
			return foreignRef(a, l.value)
		}
		n += rewriteAttr(body, "inputs", item)
		n += rewriteAttr(body, "outputs", item)
	case names.TypePrefix + names.KindScenario:
		// The datasets and folders it watches, builds and checks, so that
		// a rename of one through Terraform renames it here too (the
		// scenario would otherwise go on naming the old name, and fail
		// at its next run with no plan ever showing it), and the user it
		// runs as. Other scenarios it follows or runs stay literal: their
		// ids never change, and scenarios naming each other in a loop
		// would be a dependency cycle Terraform refuses.
		n += rewriteAttr(body, "run_as", topRef(adoptedAs(names.KindUser), "login"))
		n += rewriteAttr(body, "triggers", func(l literal) hclwrite.Tokens {
			if l.list == "datasets" {
				if addr := inProject(names.KindDataset)(l.value); addr != "" {
					return ref(addr, "name")
				}
			}
			return nil
		})
		n += rewriteAttr(body, "steps", func(l literal) hclwrite.Tokens {
			if l.key == "itemId" {
				return a.typedRef(key, l.siblings["type"], l.value)
			}
			return nil
		})
	case names.TypePrefix + names.KindFlowZone:
		n += rewriteAttr(body, "items", func(l literal) hclwrite.Tokens {
			if l.key != "id" {
				return nil
			}
			return a.typedRef(key, l.siblings["type"], l.value)
		})
	case names.TypePrefix + names.KindWikiArticle:
		// The parent article, by its id in the same project.
		n += rewriteAttr(body, "parent_id", topRef(func(v string) string { return a.addr(names.KindWikiArticle, key+"/"+v) }, "id"))
	case names.TypePrefix + names.KindProjectWiki:
		// The home article, by its id in the same project.
		n += rewriteAttr(body, "home_article_id", topRef(func(v string) string { return a.addr(names.KindWikiArticle, key+"/"+v) }, "id"))
	case names.TypePrefix + names.KindExecutionDefaults:
		// The default envs by language, the execution config by name.
		for attr, lang := range map[string]string{"python_env_name": "PYTHON", "r_env_name": "R"} {
			n += rewriteAttr(body, attr, topRef(func(v string) string { return a.addr(names.KindCodeEnv, lang+"/"+v) }, "name"))
		}
		n += rewriteAttr(body, "container_exec_config_name", topRef(adoptedAs(names.KindContainerExecConfig), "name"))
	case names.TypePrefix + names.KindExposedObject:
		// The object shared, by its type; the target projects by key.
		typ := attrLiteral(body, "type")
		n += rewriteAttr(body, "local_name", func(l literal) hclwrite.Tokens {
			if !l.top || l.key != "" {
				return nil
			}
			return a.typedRef(key, typ, l.value)
		})
		n += rewriteAttr(body, "targets", func(l literal) hclwrite.Tokens {
			if addr := a.addr(names.KindProject, l.value); addr != "" && l.key == "project_key" {
				return ref(addr, "project_key")
			}
			return nil
		})
	case names.TypePrefix + names.KindUser:
		n += rewriteAttr(body, "groups", a.elementsOf(names.KindGroup, "name"))
	case names.TypePrefix + names.KindCodeStudioTemplateSettings:
		n += rewriteAttr(body, "container_confs", a.elementsOf(names.KindContainerExecConfig, "name"))
	case names.TypePrefix + names.KindProjectStandardsDefaultScope:
		n += rewriteAttr(body, "checks", a.elementsOf(names.KindProjectStandardsCheck, "id"))
	case names.TypePrefix + names.KindProjectStandardsScope:
		n += rewriteAttr(body, "checks", a.elementsOf(names.KindProjectStandardsCheck, "id"))
		n += rewriteAttr(body, "projects", a.elementsOf(names.KindProject, "project_key"))
		n += rewriteAttr(body, "folders", a.elementsOf(names.KindProjectFolder, "id"))
	case names.TypePrefix + names.KindWorkspace:
		n += rewriteAttr(body, "permissions", a.grantees)
	case names.TypePrefix + names.KindWorkspaceObject:
		n += rewriteAttr(body, "workspace_key", topRef(adoptedAs(names.KindWorkspace), "workspace_key"))
		// The shared object's project, and the object itself when it is
		// of a kind dss-adopt adopts (a dataset; dashboards are no
		// resource).
		n += rewriteAttr(body, "reference", func(l literal) hclwrite.Tokens {
			switch l.key {
			case "project_key":
				if addr := a.addr(names.KindProject, l.value); addr != "" {
					return ref(addr, "project_key")
				}
			case "id":
				return a.typedRef(l.siblings["project_key"], l.siblings["type"], l.value)
			}
			return nil
		})
	case names.TypePrefix + names.KindPersonalAPIKey:
		n += rewriteAttr(body, "user", topRef(adoptedAs(names.KindUser), "login"))
	case names.TypePrefix + names.KindProjectDeployment:
		// What it deploys where; the bundle id and the project key on the
		// automation node name nothing this configuration holds.
		n += rewriteAttr(body, "infra_id", topRef(adoptedAs(names.KindProjectDeployerInfra), "id"))
		n += rewriteAttr(body, "published_project_key", topRef(adoptedAs(names.KindPublishedProject), "project_key"))
	case names.TypePrefix + names.KindAPIDeployment:
		n += rewriteAttr(body, "infra_id", topRef(adoptedAs(names.KindAPIDeployerInfra), "id"))
		n += rewriteAttr(body, "service_id", topRef(adoptedAs(names.KindPublishedAPIService), "service_id"))
	}
	return n
}

// elementsOf references, in a list of import ids (a user's groups, a
// scope's checks), the adopted objects of kind by their attribute attr.
func (a *adopted) elementsOf(kind, attr string) func(literal) hclwrite.Tokens {
	return func(l literal) hclwrite.Tokens {
		if addr := a.addr(kind, l.value); addr != "" && l.key == "" {
			return ref(addr, attr)
		}
		return nil
	}
}

// grantees references the adopted groups and users a project's grants
// name ({group = "..."} or {user = "..."}), so that Terraform creates a
// group or user before the grant that names it.
func (a *adopted) grantees(l literal) hclwrite.Tokens {
	switch l.key {
	case "group":
		if addr := a.addr(names.KindGroup, l.value); addr != "" {
			return ref(addr, "name")
		}
	case "user":
		if addr := a.addr(names.KindUser, l.value); addr != "" {
			return ref(addr, "login")
		}
	}
	return nil
}
