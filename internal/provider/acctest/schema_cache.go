package acctest

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// providerSchema is the provider's schema as GetProviderSchema answered it
// the first time in this test process.
//
// Why: terraform-plugin-testing starts a new provider server for every
// terraform command, and every command asks it for the whole schema (57
// resources, 74 data sources, 49 list resources, 19 actions, with their
// descriptions). The framework builds it anew for each server: about a
// tenth of the acceptance tests' CPU on the 2-core machine, for an answer
// that cannot change within a process. The first server of each test
// process still builds it (and TestProviderSchema checks it), and every
// other RPC goes to the test's own server.
//
// The answer kept is the schema without its descriptions (withoutDescriptions):
// a terraform command spends about half its CPU decoding the provider's
// schema, and the descriptions are about 260 KB of it. Terraform reads them
// only to show them (`terraform providers schema`, editors); plans, applies,
// imports, queries and actions never do. The docs are generated from the
// provider binary itself, not from these servers.
var providerSchema struct {
	sync.Once
	resp *tfprotov6.GetProviderSchemaResponse
	err  error
}

// fullServer is what the provider's server serves: terraform-plugin-go
// finds actions and list resources by asserting these interfaces on the
// server it is given, so a wrapper must carry them too.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
	tfprotov6.ListResourceServer
}

// schemaOnceServer is a test's provider server that answers GetProviderSchema
// from providerSchema, narrowed to a test's types when it has them.
type schemaOnceServer struct {
	fullServer
	narrowed *testSchema
}

// testSchema is the schema one test's servers answer: providerSchema with
// only the types the test's configurations name (nil types: all of them).
//
// Why: terraform decodes the whole schema at every command, and a test's
// configuration names two or three of the provider's 200-odd types.
// Terraform needs the schema of each type in the configuration or the
// state, and of no other; a type this narrowing missed is not hidden, it
// fails the test at once ("The provider ... does not support resource
// type").
type testSchema struct {
	types map[string]bool
	once  sync.Once
	resp  *tfprotov6.GetProviderSchemaResponse

	identityOnce sync.Once
	identity     *tfprotov6.GetResourceIdentitySchemasResponse
}

// identitySchemas are the resources' identity schemas as the first server
// of this test process answered them: every terraform command asks for
// them too, and the framework builds them for all 57 resources each time.
var identitySchemas struct {
	sync.Once
	resp *tfprotov6.GetResourceIdentitySchemasResponse
	err  error
}

// withSchemaOnce wraps server, which must serve actions and list
// resources (an error otherwise: the tests of both would fail on
// "not implemented" with no word of why). narrowed is nil for the whole
// schema.
func withSchemaOnce(server tfprotov6.ProviderServer, narrowed *testSchema) (tfprotov6.ProviderServer, error) {
	full, ok := server.(fullServer)
	if !ok {
		return nil, fmt.Errorf("the provider's server (%T) does not serve actions and list resources", server)
	}
	return schemaOnceServer{fullServer: full, narrowed: narrowed}, nil
}

func (s schemaOnceServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	providerSchema.Do(func() {
		resp, err := s.fullServer.GetProviderSchema(ctx, req)
		providerSchema.resp, providerSchema.err = withoutDescriptions(resp), err
	})
	if s.narrowed == nil || providerSchema.err != nil || providerSchema.resp == nil {
		return providerSchema.resp, providerSchema.err
	}
	s.narrowed.once.Do(func() { s.narrowed.resp = onlyTypes(providerSchema.resp, s.narrowed.types) })
	return s.narrowed.resp, nil
}

func (s schemaOnceServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	identitySchemas.Do(func() {
		identitySchemas.resp, identitySchemas.err = s.fullServer.GetResourceIdentitySchemas(ctx, req)
	})
	if s.narrowed == nil || identitySchemas.err != nil || identitySchemas.resp == nil {
		return identitySchemas.resp, identitySchemas.err
	}
	s.narrowed.identityOnce.Do(func() {
		narrowed := *identitySchemas.resp
		narrowed.IdentitySchemas = onlyNamed(identitySchemas.resp.IdentitySchemas, s.narrowed.types)
		s.narrowed.identity = &narrowed
	})
	return s.narrowed.identity, nil
}

// typeNamePattern matches the provider's type names wherever a
// configuration names one: block labels, references, import and moved
// addresses, action lists.
var typeNamePattern = regexp.MustCompile(`\bdataiku_[a-z0-9_]+`)

// moduleCallPattern matches a module block: the module's own resources
// are named in files the steps do not show.
var moduleCallPattern = regexp.MustCompile(`(?m)^\s*module\s+"`)

// stepsSchema is the schema narrowed to the types steps name in their
// configurations and resource addresses, or nil (the whole schema) when a
// step reads its configuration from files or calls a module.
func stepsSchema(steps []acc.TestStep) *testSchema {
	types := map[string]bool{}
	for _, step := range steps {
		if step.ConfigFile != nil || step.ConfigDirectory != nil || moduleCallPattern.MatchString(step.Config) {
			return nil
		}
		for _, text := range []string{step.Config, step.ResourceName} {
			for _, name := range typeNamePattern.FindAllString(text, -1) {
				types[name] = true
			}
		}
	}
	return &testSchema{types: types}
}

// onlyTypes is resp with the resources, data sources, list resources,
// actions and ephemeral resources named in types, and the provider's own
// schema.
func onlyTypes(resp *tfprotov6.GetProviderSchemaResponse, types map[string]bool) *tfprotov6.GetProviderSchemaResponse {
	narrowed := *resp
	narrowed.ResourceSchemas = onlyNamed(resp.ResourceSchemas, types)
	narrowed.DataSourceSchemas = onlyNamed(resp.DataSourceSchemas, types)
	narrowed.ListResourceSchemas = onlyNamed(resp.ListResourceSchemas, types)
	narrowed.EphemeralResourceSchemas = onlyNamed(resp.EphemeralResourceSchemas, types)
	narrowed.ActionSchemas = onlyNamed(resp.ActionSchemas, types)
	return &narrowed
}

func onlyNamed[V any](all map[string]V, types map[string]bool) map[string]V {
	if all == nil {
		return nil
	}
	kept := map[string]V{}
	for name, value := range all {
		if types[name] {
			kept[name] = value
		}
	}
	return kept
}

// withoutDescriptions is a copy of resp whose schemas carry no descriptions;
// everything else is shared with resp, which is left as it was.
func withoutDescriptions(resp *tfprotov6.GetProviderSchemaResponse) *tfprotov6.GetProviderSchemaResponse {
	if resp == nil {
		return nil
	}
	stripped := *resp
	stripped.Provider = schemaWithoutDescriptions(resp.Provider)
	stripped.ProviderMeta = schemaWithoutDescriptions(resp.ProviderMeta)
	stripped.ResourceSchemas = schemasWithoutDescriptions(resp.ResourceSchemas)
	stripped.DataSourceSchemas = schemasWithoutDescriptions(resp.DataSourceSchemas)
	stripped.EphemeralResourceSchemas = schemasWithoutDescriptions(resp.EphemeralResourceSchemas)
	stripped.ListResourceSchemas = schemasWithoutDescriptions(resp.ListResourceSchemas)
	stripped.StateStoreSchemas = schemasWithoutDescriptions(resp.StateStoreSchemas)
	if resp.ActionSchemas != nil {
		stripped.ActionSchemas = make(map[string]*tfprotov6.ActionSchema, len(resp.ActionSchemas))
		for name, action := range resp.ActionSchemas {
			stripped.ActionSchemas[name] = &tfprotov6.ActionSchema{Schema: schemaWithoutDescriptions(action.Schema)}
		}
	}
	return &stripped
}

func schemasWithoutDescriptions(schemas map[string]*tfprotov6.Schema) map[string]*tfprotov6.Schema {
	if schemas == nil {
		return nil
	}
	stripped := make(map[string]*tfprotov6.Schema, len(schemas))
	for name, schema := range schemas {
		stripped[name] = schemaWithoutDescriptions(schema)
	}
	return stripped
}

func schemaWithoutDescriptions(schema *tfprotov6.Schema) *tfprotov6.Schema {
	if schema == nil {
		return nil
	}
	stripped := *schema
	stripped.Block = blockWithoutDescriptions(schema.Block)
	return &stripped
}

func blockWithoutDescriptions(block *tfprotov6.SchemaBlock) *tfprotov6.SchemaBlock {
	if block == nil {
		return nil
	}
	stripped := *block
	stripped.Description, stripped.DescriptionKind = "", 0
	stripped.Attributes = attributesWithoutDescriptions(block.Attributes)
	if block.BlockTypes != nil {
		stripped.BlockTypes = make([]*tfprotov6.SchemaNestedBlock, len(block.BlockTypes))
		for i, nested := range block.BlockTypes {
			strippedNested := *nested
			strippedNested.Block = blockWithoutDescriptions(nested.Block)
			stripped.BlockTypes[i] = &strippedNested
		}
	}
	return &stripped
}

func attributesWithoutDescriptions(attributes []*tfprotov6.SchemaAttribute) []*tfprotov6.SchemaAttribute {
	if attributes == nil {
		return nil
	}
	stripped := make([]*tfprotov6.SchemaAttribute, len(attributes))
	for i, attribute := range attributes {
		strippedAttribute := *attribute
		strippedAttribute.Description, strippedAttribute.DescriptionKind = "", 0
		if attribute.NestedType != nil {
			nested := *attribute.NestedType
			nested.Attributes = attributesWithoutDescriptions(attribute.NestedType.Attributes)
			strippedAttribute.NestedType = &nested
		}
		stripped[i] = &strippedAttribute
	}
	return stripped
}
