package dss

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// documentTypes is every type of this package that keeps unmodelled fields
// in an Extra field. TestDocumentTypesAreAllListed keeps the list complete,
// so the round-trip property below covers a type as soon as it is written.
var documentTypes = []any{
	GlobalAPIKeyPermissions{}, GlobalAPIKey{}, PersonalAPIKey{},
	CodeEnvPermission{}, CodeEnvDesc{}, CodeEnv{},
	ConnectionDetailsReadability{}, Connection{},
	AccessEntry{}, DataCollection{}, DataCollectionObject{},
	MessagingChannel{}, MessagingChannelSettings{}, MessagingChannelPermission{}, Meaning{}, MeaningEntry{}, MeaningMapping{}, ProjectStandardsCheck{}, ProjectStandardsScope{},
	DataQualityRule{},
	Dataset{}, Schema{}, Column{}, Partitioning{}, Dimension{}, DimensionParams{},
	ProjectSettings{}, ExposedObjects{}, ExposedObject{}, ExposedRule{},
	ProjectSettingsBody{}, ProjectCodeEnvs{}, CodeEnvSelection{}, ProjectContainerSettings{},
	ProjectFolderSettings{},
	ManagedFolder{}, StreamingEndpoint{},
	SavedModel{}, EvaluationStore{}, KnowledgeBank{}, KnowledgeBankColumn{}, CodeStudio{}, CodeStudioStatus{}, JupyterNotebookListItem{},
	RetrievalAugmentedLLM{}, RAGLLMVersion{}, RAGLLMSettings{},
	Agent{}, AgentVersion{}, ToolsUsingAgentSettings{}, AgentTool{}, AgentToolSettings{}, AgentToolParams{},
	Group{}, User{},
	ProjectMetadata{}, ProjectPermissions{}, ProjectGrant{}, ProjectVariables{},
	RecipeRef{}, RecipeRole{}, Recipe{}, RecipeSettings{},
	Scenario{}, ScenarioParams{}, ScenarioTrigger{}, ScenarioStep{}, ScenarioLight{},
	FlowZone{},
	WikiSettings{}, WikiTaxonomyNode{}, WikiArticleData{}, WikiArticle{},
	ExportedBundle{}, ImportedBundle{}, InfraSettings{}, PublishedProjectSettings{}, PublishedProjectStatus{},
	APIInfraSettings{}, APINode{}, APIServiceSettings{}, APIServicePackage{}, PublishedAPIServiceStatus{}, APIDeploymentSettings{}, GenerationsMapping{}, APIDeploymentLight{}, APIDeploymentStatus{},
	DeploymentSettings{}, BundleContainerSettings{}, BundleRemapping{}, DeploymentStatus{},
	Workspace{}, WorkspaceObject{}, WorkspaceObjectReference{}, WorkspaceHTMLLink{},
}

// TestDocumentTypesAreAllListed reads the package's source for struct
// types with an Extra field and checks documentTypes names each of them.
func TestDocumentTypesAreAllListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var inSource []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if st, ok := spec.Type.(*ast.StructType); ok {
				for _, field := range st.Fields.List {
					if id, ok := field.Type.(*ast.Ident); ok && id.Name == "Extra" {
						inSource = append(inSource, spec.Name.Name)
					}
				}
			}
			return true
		})
	}
	var listed []string
	for _, d := range documentTypes {
		listed = append(listed, reflect.TypeOf(d).Name())
	}
	slices.Sort(inSource)
	slices.Sort(listed)
	if !slices.Equal(inSource, listed) {
		t.Fatalf("document types in the source:\n%v\nlisted in documentTypes:\n%v", inSource, listed)
	}
}

// unknownValues are compact JSON values as DSS might send them in fields
// the provider does not model: numbers whose text a float would change,
// escapes, nulls, and objects whose keys are not in sorted order.
var unknownValues = []string{
	`9007199254740993`, `1.50`, `-0`, `1e400`, `0.1000`, `-12.5E-3`,
	`"caf\u00e9\n"`, `"plain"`, `""`, `true`, `false`, `null`,
	`[]`, `{}`, `[1,"two",null,{"z":1,"a":2}]`,
	`{"zeta":{"n":123456789012345678901234567890},"alpha":[0.10,2e-7]}`,
}

// wireGen builds random documents for the round-trip property: values of
// the modelled fields (through their own encoders) and unknown fields,
// at every level, chosen by a seeded source so a failure can be replayed.
type wireGen struct{ r *rand.Rand }

func (g wireGen) unknown() json.RawMessage {
	if g.r.Intn(4) == 0 {
		// A nested value mixing the fixed texts.
		return json.RawMessage(`{"inner":` + unknownValues[g.r.Intn(len(unknownValues))] +
			`,"list":[` + unknownValues[g.r.Intn(len(unknownValues))] + `]}`)
	}
	return json.RawMessage(unknownValues[g.r.Intn(len(unknownValues))])
}

// extra is a random set of unmodelled fields; the prefix keeps the names
// clear of every modelled one, even compared without case.
func (g wireGen) extra() Extra {
	n := g.r.Intn(4)
	if n == 0 {
		return nil
	}
	e := Extra{}
	for i := range n {
		e[fmt.Sprintf("unmodelled%c%d", 'A'+rune(g.r.Intn(26)), i)] = g.unknown()
	}
	return e
}

var (
	extraType       = reflect.TypeFor[Extra]()
	rawType         = reflect.TypeFor[json.RawMessage]()
	groupNamesType  = reflect.TypeFor[GroupNames]()
	numberType      = reflect.TypeFor[json.Number]()
	anyType         = reflect.TypeFor[any]()
	randomStrings   = []string{"", "a", "orders", "caf\u00e9", "x<y>&z", "with \"quotes\"", "PROJ_1"}
	randomNumbers   = []string{"0", "-1", "42", "9007199254740993", "1.50", "2e10"}
	randomLogicals  = []bool{false, true}
	randomFreeLevel = 2
)

// value is a random value of t. Free-form values are built of what a
// UseNumber decoder gives back (json.Number, not float64), so a decoded
// document encodes to the text it was decoded from.
func (g wireGen) value(t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	switch t {
	case extraType:
		if e := g.extra(); e != nil {
			v.Set(reflect.ValueOf(e))
		}
		return v
	case rawType:
		v.Set(reflect.ValueOf(g.unknown()))
		return v
	case groupNamesType:
		names := GroupNames{Names: []string{"ldap-a", "ldap-b"}[:g.r.Intn(3)]}
		if g.r.Intn(2) == 0 {
			names = GroupNamesString(names.Names...)
		}
		v.Set(reflect.ValueOf(names))
		return v
	case numberType:
		v.SetString(randomNumbers[g.r.Intn(len(randomNumbers))])
		return v
	case anyType:
		if depth >= randomFreeLevel {
			v.Set(reflect.ValueOf(json.Number(randomNumbers[g.r.Intn(len(randomNumbers))])))
			return v
		}
		switch g.r.Intn(5) {
		case 0:
			v.Set(reflect.ValueOf(randomStrings[g.r.Intn(len(randomStrings))]))
		case 1:
			v.Set(reflect.ValueOf(json.Number(randomNumbers[g.r.Intn(len(randomNumbers))])))
		case 2:
			v.Set(reflect.ValueOf(randomLogicals[g.r.Intn(2)]))
		case 3:
			v.Set(g.value(reflect.TypeFor[map[string]any](), depth+1))
		case 4:
			v.Set(g.value(reflect.TypeFor[[]any](), depth+1))
		}
		return v
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(randomStrings[g.r.Intn(len(randomStrings))])
	case reflect.Bool:
		v.SetBool(randomLogicals[g.r.Intn(2)])
	case reflect.Int, reflect.Int64:
		v.SetInt([]int64{0, -1, 7, 1700000000123}[g.r.Intn(4)])
	case reflect.Pointer:
		if g.r.Intn(3) != 0 {
			v.Set(g.value(t.Elem(), depth).Addr())
		}
	case reflect.Slice:
		switch n := g.r.Intn(4); n {
		case 0: // nil
		default:
			s := reflect.MakeSlice(t, 0, n-1)
			for range n - 1 {
				s = reflect.Append(s, g.value(t.Elem(), depth+1))
			}
			v.Set(s)
		}
	case reflect.Map:
		switch n := g.r.Intn(4); n {
		case 0: // nil
		default:
			m := reflect.MakeMap(t)
			for i := range n - 1 {
				m.SetMapIndex(reflect.ValueOf(fmt.Sprintf("k%d", i)).Convert(t.Key()), g.value(t.Elem(), depth+1))
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				v.Field(i).Set(g.value(t.Field(i).Type, depth))
			}
		}
	default:
		panic(fmt.Sprintf("wireGen: no generator for %s", t))
	}
	return v
}

// wire is a random JSON object for document type t: each modelled field
// absent, null or a random value, and a few unmodelled fields.
func (g wireGen) wire(t reflect.Type) (doc []byte, unknown Extra) {
	fields := map[string]json.RawMessage{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		switch g.r.Intn(6) {
		case 0: // absent
		case 1:
			fields[name] = json.RawMessage(`null`)
		default:
			b, err := json.Marshal(g.value(f.Type, 0).Interface())
			if err != nil {
				panic(err)
			}
			fields[name] = b
		}
	}
	unknown = g.extra()
	if unknown == nil {
		unknown = Extra{"unmodelledZ": json.RawMessage(`{"b":1.0,"a":9007199254740993}`)}
	}
	for k, v := range unknown {
		fields[k] = v
	}
	doc, err := json.Marshal(fields)
	if err != nil {
		panic(err)
	}
	return doc, unknown
}

// roundTrip decodes data as a document of type t and encodes it again.
func roundTrip(t reflect.Type, data []byte) ([]byte, error) {
	p := reflect.New(t)
	if err := json.Unmarshal(data, p.Interface()); err != nil {
		return nil, err
	}
	return json.Marshal(p.Elem().Interface())
}

// TestEveryDocumentKeepsUnknownFieldsByteForByte is the codec's property:
// for every document type and random documents of it, a decode → encode
// round trip gives back every unmodelled field with the bytes it came
// with, and a second round trip changes nothing (the nested documents'
// unmodelled fields included).
func TestEveryDocumentKeepsUnknownFieldsByteForByte(t *testing.T) {
	for _, d := range documentTypes {
		typ := reflect.TypeOf(d)
		t.Run(typ.Name(), func(t *testing.T) {
			g := wireGen{rand.New(rand.NewSource(int64(len(typ.Name()))))}
			for i := range 200 {
				in, unknown := g.wire(typ)
				out, err := roundTrip(typ, in)
				if err != nil {
					t.Fatalf("case %d: %v\n%s", i, err, in)
				}
				var got map[string]json.RawMessage
				if err := json.Unmarshal(out, &got); err != nil {
					t.Fatal(err)
				}
				for k, want := range unknown {
					if !bytes.Equal(got[k], want) {
						t.Fatalf("case %d: unmodelled %q came back as %s, not %s\n in %s\nout %s", i, k, got[k], want, in, out)
					}
				}
				again, err := roundTrip(typ, out)
				if err != nil || !bytes.Equal(again, out) {
					t.Fatalf("case %d: a second round trip changed the document (%v):\n%s\n%s", i, err, out, again)
				}
			}
		})
	}
}

// TestDocumentWireRules checks each dss tag rule on a type that has it.
func TestDocumentWireRules(t *testing.T) {
	// nonnull: a document built in Go with nil lists and objects sends
	// empty ones, which DSS accepts where it rejects null.
	out, err := json.Marshal(Recipe{Name: "r"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"inputs":{}`, `"outputs":{}`, `"tags":[]`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("nonnull: %s lacks %s", out, want)
		}
	}
	// A recipe's params are not nonnull: nil (DSS sent none) is left out
	// (TestRecipeDocRoundTripWithoutParams).
	if strings.Contains(string(out), `"params"`) {
		t.Errorf("a recipe without params sends %s", out)
	}
	// readonly: the secret DSS sent is kept in memory, never sent back.
	var key GlobalAPIKey
	if err := json.Unmarshal([]byte(`{"id":"k","key":"s3cr3t","future":1}`), &key); err != nil || key.Key != "s3cr3t" {
		t.Fatalf("readonly field not read: %v %+v", err, key)
	}
	if out, _ := json.Marshal(key); strings.Contains(string(out), "s3cr3t") || !strings.Contains(string(out), `"future":1`) {
		t.Errorf("readonly: %s", out)
	}
	// writeonly: a password is sent when set, and never kept from DSS.
	var u User
	if err := json.Unmarshal([]byte(`{"login":"u","password":"p"}`), &u); err != nil || u.Password != nil {
		t.Fatalf("writeonly field read back: %v %+v", err, u)
	}
	pw := "p2"
	u.Password = &pw
	if out, _ := json.Marshal(u); !strings.Contains(string(out), `"password":"p2"`) {
		t.Errorf("writeonly: not sent: %s", out)
	}
}

// TestDocumentDecodeErrorNamesTheDocument: a modelled field of the wrong
// type is reported against the document type and the field's path.
func TestDocumentDecodeErrorNamesTheDocument(t *testing.T) {
	var d Dataset
	err := json.Unmarshal([]byte(`{"name":"n","schema":{"columns":[{"name":5}]},"future":true}`), &d)
	if err == nil || !strings.Contains(err.Error(), "Dataset.schema.columns.name") {
		t.Fatalf("got %v", err)
	}
	if d.Extra != nil {
		t.Fatalf("a failed decode keeps Extra: %v", d.Extra)
	}
}

// TestMalformedDocumentTypePanics: the codec refuses a type it would
// serve wrongly rather than guess.
func TestMalformedDocumentTypePanics(t *testing.T) {
	type noExtra struct {
		A string `json:"a"`
	}
	type badRule struct {
		A     string `json:"a" dss:"nonull"`
		Extra Extra  `json:"-"`
	}
	type nonNullString struct {
		A     string `json:"a" dss:"nonnull"`
		Extra Extra  `json:"-"`
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[noExtra](), reflect.TypeFor[badRule](), reflect.TypeFor[nonNullString]()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", typ)
				}
			}()
			codecOf(typ)
		}()
	}
}
