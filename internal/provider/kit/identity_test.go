package kit_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// TestIdentitySchemaIsTheKey: every resource's identity holds exactly its
// address's key parts, each required to import, documented, and a string
// attribute of the resource itself (so that the state's value is the
// identity's).
func TestIdentitySchemaIsTheKey(t *testing.T) {
	ctx := context.Background()
	resources := acctest.KitResources(t)
	if len(resources) < 17 {
		t.Errorf("%d kit resources, want every one of the provider's 17", len(resources))
	}
	for typeName, r := range resources {
		var ident resource.IdentitySchemaResponse
		r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ident)
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		if ident.Diagnostics.HasError() || sch.Diagnostics.HasError() {
			t.Fatalf("%s: %v %v", typeName, ident.Diagnostics, sch.Diagnostics)
		}
		var optional []string
		if o, ok := r.(interface{ OptionalKeyAttrs() []string }); ok {
			optional = o.OptionalKeyAttrs()
		}
		var got []string
		for name, a := range ident.IdentitySchema.Attributes {
			got = append(got, name)
			s, ok := a.(identityschema.StringAttribute)
			// An optional key part (one of a grant's group and user) is
			// optional for import; every other part required.
			if opt := slices.Contains(optional, name); !ok || s.RequiredForImport == opt || s.OptionalForImport != opt {
				t.Errorf("%s: identity attribute %s is not a string required (optional: %v) for import: %#v", typeName, name, opt, a)
			}
			if strings.TrimSpace(s.Description) == "" {
				t.Errorf("%s: identity attribute %s has no description", typeName, name)
			}
			if _, ok := sch.Schema.Attributes[name].(schema.StringAttribute); !ok {
				t.Errorf("%s: identity attribute %s is not a string attribute of the resource", typeName, name)
			}
		}
		want := slices.Clone(r.KeyAttrs())
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: identity attributes %v, want the key's %v", typeName, got, want)
		}
	}
}

// testIdentity is an identity of r given to import, attributes missing
// from values null.
func testIdentity(t *testing.T, r acctest.KeyedResource, values map[string]string) tftypes.Value {
	t.Helper()
	var resp resource.IdentitySchemaResponse
	r.IdentitySchema(context.Background(), resource.IdentitySchemaRequest{}, &resp)
	typ := resp.IdentitySchema.Type().TerraformType(context.Background())
	attrs := map[string]tftypes.Value{}
	for name := range resp.IdentitySchema.Attributes {
		if v, ok := values[name]; ok {
			attrs[name] = tftypes.NewValue(tftypes.String, v)
		} else {
			attrs[name] = tftypes.NewValue(tftypes.String, nil)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

// testImportByIdentity imports TypeName by identity through the provider's
// protocol server, as Terraform does, and returns the imported state's
// attributes and identity, or the errors.
func testImportByIdentity(t *testing.T, typeName string, identity tftypes.Value) (map[string]tftypes.Value, tftypes.Value, string) {
	t.Helper()
	ctx := context.Background()
	server := dataiku.NewProtocol6Server("test")()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	dv, err := tfprotov6.NewDynamicValue(identity.Type(), identity)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typeName,
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
	if err != nil {
		t.Fatal(err)
	}
	if text := errorText(resp.Diagnostics); text != "" {
		return nil, tftypes.Value{}, text
	}
	got := resp.ImportedResources[0]
	state, err := got.State.Unmarshal(schemas.ResourceSchemas[typeName].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	ident, err := got.Identity.IdentityData.Unmarshal(identity.Type())
	if err != nil {
		t.Fatal(err)
	}
	return attrsOf(t, state), ident, ""
}

// TestImportByIdentity: an identity is checked with the import ID's rules
// and imports as its import ID does; a missing or bad part is refused
// with the identity's form and the rule broken.
func TestImportByIdentity(t *testing.T) {
	resources := acctest.KitResources(t)
	good := []struct {
		typeName string
		identity map[string]string
		state    map[string]string // attributes the import sets
	}{
		{"dataiku_dataset", map[string]string{"project_key": "SALES", "name": "orders"},
			map[string]string{"id": "SALES.orders", "project_key": "SALES", "name": "orders"}},
		{"dataiku_scenario", map[string]string{"project_key": "SALES", "id": "Nightly.build"},
			map[string]string{"id": "Nightly.build", "project_key": "SALES"}},
		{"dataiku_code_env", map[string]string{"lang": "PYTHON", "name": "py310"},
			map[string]string{"id": "PYTHON/py310", "lang": "PYTHON", "name": "py310"}},
		{"dataiku_data_quality_rule", map[string]string{"project_key": "SALES", "dataset_name": "orders", "id": "aB3dE5fG"},
			map[string]string{"id": "aB3dE5fG", "project_key": "SALES", "dataset_name": "orders"}},
		{"dataiku_exposed_object", map[string]string{"project_key": "SALES", "type": "DATASET", "local_name": "orders"},
			map[string]string{"id": "SALES.DATASET.orders", "local_name": "orders"}},
		{"dataiku_project_git_library", map[string]string{"project_key": "SALES", "path": "python/my.lib"},
			map[string]string{"id": "SALES.python/my.lib", "project_key": "SALES", "path": "python/my.lib"}},
		{"dataiku_user", map[string]string{"login": "alice"}, map[string]string{"id": "alice", "login": "alice"}},
		{"dataiku_instance_settings", map[string]string{"id": instance.GeneralSettingsID}, map[string]string{"id": instance.GeneralSettingsID}},
	}
	for _, c := range good {
		t.Run(c.typeName, func(t *testing.T) {
			identity := testIdentity(t, resources[c.typeName], c.identity)
			attrs, ident, errText := testImportByIdentity(t, c.typeName, identity)
			if errText != "" {
				t.Fatal(errText)
			}
			for name, want := range c.state {
				var s string
				if err := attrs[name].As(&s); err != nil || s != want {
					t.Errorf("state %s = %v, want %q", name, attrs[name], want)
				}
			}
			if !ident.Equal(identity) {
				t.Errorf("identity after import %v, want the one given", ident)
			}
		})
	}

	bad := []struct {
		typeName string
		identity map[string]string
		want     string
	}{
		{"dataiku_dataset", map[string]string{"project_key": "SALES"},
			`needs \{ project_key, name \}; name is missing`},
		{"dataiku_dataset", map[string]string{"project_key": "SALES", "name": ""},
			`name is missing`},
		{"dataiku_dataset", map[string]string{"project_key": "sales.eu", "name": "orders"},
			`The identity's project_key must .*got "sales.eu"`},
		{"dataiku_scenario", map[string]string{"project_key": "SALES", "id": "a/b"},
			`The identity's id must`},
		{"dataiku_code_env", map[string]string{"lang": "JULIA", "name": "x"},
			`(?s)names no valid dataiku_code_env: expected LANG/name, LANG being PYTHON or R`},
		{"dataiku_project_git_library", map[string]string{"project_key": "SALES", "path": "python/../x"},
			`The identity's path must be a relative path in the project's library`},
		{"dataiku_flow_zone", map[string]string{"project_key": "SALES", "id": "default"},
			`default zone`},
		{"dataiku_instance_variables", map[string]string{"id": "other"},
			`must be "instance-variables"`},
	}
	for _, c := range bad {
		t.Run("bad "+c.typeName, func(t *testing.T) {
			_, _, errText := testImportByIdentity(t, c.typeName, testIdentity(t, resources[c.typeName], c.identity))
			if !regexp.MustCompile(c.want).MatchString(errText) {
				t.Errorf("error %q, want it to match %s", errText, c.want)
			}
			if !strings.HasPrefix(errText, "Invalid import identity for "+c.typeName) {
				t.Errorf("error %q does not say which identity is invalid", errText)
			}
		})
	}
}

// TestAccIdentity_importBlockRefused: an import block whose identity has
// a bad part is refused before anything is read, naming the rule; one
// missing a part is refused by Terraform itself (the part is required).
func TestAccIdentity_importBlockRefused(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_IDBAD")
	cfg := func(identity string) string {
		return acctest.ImportIdentityBlock("dataiku_dataset.x", identity) + fmt.Sprintf(`
resource "dataiku_dataset" "x" {
  project_key     = %q
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/x" })
  format_type     = "csv"
}
`, key)
	}
	acctest.IdentityCase(t, []acc.TestStep{
		{Config: cfg(`{ project_key = "sales.eu", name = "orders" }`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)Invalid import identity for dataiku_dataset.*identity's project_key\s+must`)},
		{Config: cfg(`{ project_key = "SALES" }`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)name`)},
	})
}

// TestAccIdentity_create: the identity Terraform stores after a create
// is the key, and a generated id's identity is DSS's id.
func TestAccIdentity_create(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_IDNEW")
	acctest.ProjectOutside(t, key, "identity")
	acctest.IdentityCase(t, []acc.TestStep{{
		Config: fmt.Sprintf(`
resource "dataiku_dataset" "x" {
  project_key     = %[1]q
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/orders" })
  format_type     = "csv"
}

resource "dataiku_flow_zone" "z" {
  project_key = %[1]q
  name        = "Ingest"
}
`, key),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentity("dataiku_dataset.x", map[string]knownvalue.Check{
				"project_key": knownvalue.StringExact(key),
				"name":        knownvalue.StringExact("orders"),
			}),
			statecheck.ExpectIdentityValueMatchesState("dataiku_flow_zone.z", tfjsonpath.New("project_key")),
			statecheck.ExpectIdentityValueMatchesState("dataiku_flow_zone.z", tfjsonpath.New("id")),
		},
	}})
}

// A state written before identities existed (or by Terraform older than
// 1.12) gets its identity on its first refresh, the key's values; so does
// the Create of a new object. A refresh that finds the object gone still
// answers an identity (the framework requires one).
func TestKitIdentityOnCreateAndRefresh(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	state := s.createDataset()
	identitySchemas, err := s.server.GetResourceIdentitySchemas(s.ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := identitySchemas.IdentitySchemas["dataiku_dataset"].ValueType()
	want := tftypes.NewValue(typ, map[string]tftypes.Value{"project_key": str("KIT"), "name": str("orders")})
	identityOf := func(what string, d *tfprotov6.ResourceIdentityData) {
		t.Helper()
		if d == nil || d.IdentityData == nil {
			t.Fatalf("%s: no identity", what)
		}
		got, err := d.IdentityData.Unmarshal(typ)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("%s: identity %v, want %v", what, got, want)
		}
	}
	// ReadResource without CurrentIdentity is what an old state sends.
	resp := s.Read("dataiku_dataset", state, nil)
	s.noErrors("read", resp.Diagnostics)
	identityOf("refresh of a state without identity", resp.NewIdentity)
	if !s.value(s.schemas["dataiku_dataset"], resp.NewState).Equal(state) {
		t.Errorf("the refresh changed the state")
	}

	if err := s.admin.DeleteDataset(s.ctx, "KIT", "orders", false); err != nil {
		t.Fatal(err)
	}
	gone := s.Read("dataiku_dataset", state, nil)
	s.noErrors("read of a deleted dataset", gone.Diagnostics)
	identityOf("refresh of a deleted dataset", gone.NewIdentity)
}
