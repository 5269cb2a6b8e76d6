package dataset_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testStreamingEndpointRaw reads an endpoint's definition as DSS holds it.
func testStreamingEndpointRaw(t *testing.T, key, name string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.StreamingEndpointDoc(key, name).Path())
}

// testStreamingEndpointExists reports whether DSS holds the endpoint; any
// error but not-found fails the test.
func testStreamingEndpointExists(t *testing.T, key, name string) bool {
	t.Helper()
	_, err := dss.StreamingEndpointDoc(key, name).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil && !dss.IsNotFound(err) {
		t.Fatal(err)
	}
	return err == nil
}

func testAccStreamingEndpointConfig(key, name, body string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Streaming"
}

resource "dataiku_streaming_endpoint" "test" {
  project_key = dataiku_project.p.project_key
  name        = %[2]q
  %[3]s
}
`, key, name, body)
}

const testStreamingEndpointKafka = `type            = "kafka"
  connection_name = "kafka_main"
  params          = { topic = "orders" }
  description     = "Orders as they happen"
  tags            = ["stream", "orders"]
  schema_columns = [
    { name = "order_id", type = "bigint" },
    { name = "amount", type = "double", comment = "EUR" },
  ]`

const testStreamingEndpointKafkaV2 = `type            = "kafka"
  connection_name = "kafka_main"
  params          = { topic = "orders_v2" }
  description     = "Orders as they happen"
  tags            = ["stream"]
  schema_columns = [
    { name = "order_id", type = "bigint" },
    { name = "amount", type = "double", comment = "EUR" },
    { name = "country", type = "string", max_length = 2 },
  ]`

func TestAccStreamingEndpoint_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SE")
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckStreamingEndpointsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccStreamingEndpointConfig(key, "orders", testStreamingEndpointKafka),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(acctest.StreamingEndpointAddr, tfjsonpath.New("id"), knownvalue.StringExact(key+".orders")),
			},
			Check: func(*terraform.State) error {
				e := testStreamingEndpointRaw(t, key, "orders")
				params, _ := e["params"].(map[string]any)
				schema, _ := e["schema"].(map[string]any)
				if e["type"] != "kafka" || params["connection"] != "kafka_main" || params["topic"] != "orders" ||
					e["description"] != "Orders as they happen" || fmt.Sprint(e["tags"]) != "[orders stream]" {
					return fmt.Errorf("endpoint in DSS: %v", e)
				}
				if fmt.Sprint(schema["columns"]) != "[map[name:order_id type:bigint] map[comment:EUR name:amount type:double]]" {
					return fmt.Errorf("schema in DSS: %v", schema)
				}
				return nil
			},
		},
		// Imported before anything else wrote params: the import holds
		// every parameter DSS has, here exactly the written ones.
		acctest.ImportVerifyStep(acctest.StreamingEndpointAddr, nil),
		acctest.ImportIdentityStep(t, acctest.StreamingEndpointAddr),
		{
			// Updated in place, a read-modify-write: keys DSS holds that
			// the provider does not model (formatParams, customFields, a
			// parameter nobody wrote here) survive the update.
			PreConfig: func() {
				acctest.EditOutside(t, dss.StreamingEndpointDoc(key, "orders"), func(e *dss.StreamingEndpoint) {
					if e.Extra == nil {
						e.Extra = dss.Extra{}
					}
					e.Extra["formatType"] = []byte(`"json"`)
					e.Extra["customFields"] = []byte(`{"owner_team":"streams"}`)
					e.Params["offsetReset"] = "earliest"
				})
			},
			Config: testAccStreamingEndpointConfig(key, "orders", testStreamingEndpointKafkaV2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: acctest.StreamingEndpointAddr, Attrs: []string{"params", "tags", "schema_columns"}},
			}},
			Check: func(*terraform.State) error {
				e := testStreamingEndpointRaw(t, key, "orders")
				params, _ := e["params"].(map[string]any)
				cf, _ := e["customFields"].(map[string]any)
				if params["topic"] != "orders_v2" || params["offsetReset"] != "earliest" || params["connection"] != "kafka_main" ||
					e["formatType"] != "json" || cf["owner_team"] != "streams" {
					return fmt.Errorf("after the update: %v", e)
				}
				schema, _ := e["schema"].(map[string]any)
				if cols, _ := schema["columns"].([]any); len(cols) != 3 || schema["userModified"] != true {
					return fmt.Errorf("schema after the update: %v", schema)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: drift on the description and a
			// written parameter; a parameter DSS added is no change.
			PreConfig: func() {
				acctest.EditOutside(t, dss.StreamingEndpointDoc(key, "orders"), func(e *dss.StreamingEndpoint) {
					e.Description = "edited in DSS"
					e.Params["topic"] = "someone_elses"
					e.Params["pollTimeout"] = 500
				})
			},
			Config: testAccStreamingEndpointConfig(key, "orders", testStreamingEndpointKafkaV2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: acctest.StreamingEndpointAddr, Attrs: []string{"description", "params"}},
			}},
			Check: func(*terraform.State) error {
				e := testStreamingEndpointRaw(t, key, "orders")
				params, _ := e["params"].(map[string]any)
				if e["description"] != "Orders as they happen" || params["topic"] != "orders_v2" || params["pollTimeout"] == nil {
					return fmt.Errorf("after the repair: %v", e)
				}
				return nil
			},
		},
		{
			// Another type: replaced (DSS keeps one type per endpoint).
			Config: testAccStreamingEndpointConfig(key, "orders", `type   = "httpsse"
  params = { url = "https://example.com/orders" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.StreamingEndpointAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(acctest.StreamingEndpointAddr, tfjsonpath.New("connection_name"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				e := testStreamingEndpointRaw(t, key, "orders")
				params, _ := e["params"].(map[string]any)
				if e["type"] != "httpsse" || params["url"] != "https://example.com/orders" || params["topic"] != nil || fmt.Sprint(e["customFields"]) != "map[]" {
					return fmt.Errorf("after the replacement: %v", e)
				}
				return nil
			},
		},
		{
			// Another name: DSS has no rename, so replaced; the old one is
			// gone.
			Config: testAccStreamingEndpointConfig(key, "orders_sse", `type   = "httpsse"
  params = { url = "https://example.com/orders" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.StreamingEndpointAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(*terraform.State) error {
				if testStreamingEndpointExists(t, key, "orders") || !testStreamingEndpointExists(t, key, "orders_sse") {
					return fmt.Errorf("after the rename, want only orders_sse in %s", key)
				}
				return nil
			},
		},
	})
}

func TestAccStreamingEndpoint_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SEIMP")
	c := acctest.ProjectOutside(t, key, "Adopted endpoints")
	// What create_kafka_streaming_endpoint sends.
	create := func() error {
		return c.CreateStreamingEndpointFrom(acctest.Ctx(t), &dss.StreamingEndpoint{ID: "clicks", ProjectKey: key, Type: "kafka",
			Params: dss.Object{"connection": "kafka_main", "topic": "clicks"}})
	}
	if err := create(); err != nil {
		t.Fatal(err)
	}
	resourceCfg := fmt.Sprintf("resource \"dataiku_streaming_endpoint\" \"test\" {\n  project_key = %q\n  name        = \"clicks\"\n  type        = \"kafka\"\n}\n", key)
	importCfg := acctest.ImportBlock(acctest.StreamingEndpointAddr, key+".clicks") + resourceCfg
	acctest.Case(t, acctest.CheckStreamingEndpointsDestroyed(t), []resource.TestStep{
		// Adopted as it is: the connection and params left unset are DSS's.
		acctest.AdoptedAsIsStep(acctest.StreamingEndpointAddr, importCfg,
			statecheck.ExpectKnownValue(acctest.StreamingEndpointAddr, tfjsonpath.New("connection_name"), knownvalue.StringExact("kafka_main"))),
		acctest.DeletedOutsideStep(t, acctest.StreamingEndpointAddr, resourceCfg,
			func() error { return c.DeleteStreamingEndpoint(acctest.Ctx(t), key, "clicks") },
			func(*terraform.State) error {
				e := testStreamingEndpointRaw(t, key, "clicks")
				if e["type"] != "kafka" {
					return fmt.Errorf("recreated endpoint: %v", e)
				}
				return nil
			}),
	})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccStreamingEndpoint_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SEBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.RefusedToBob(t, fmt.Sprintf("resource \"dataiku_streaming_endpoint\" \"test\" {\n  project_key = %q\n  name        = \"bobs\"\n  type        = \"kafka\"\n}\n", key),
		regexp.MustCompile(`(?s)Cannot create dataiku_streaming_endpoint "`+key+`\.bobs".*UnauthorizedException`))
	if testStreamingEndpointExists(t, key, "bobs") {
		t.Fatal("bob's endpoint exists in DSS")
	}
}

// Bad configurations are refused at plan time, saying what is allowed.
func TestAccStreamingEndpoint_badInput(t *testing.T) {
	acctest.Parallel(t)
	cfg := func(body string) string {
		return "resource \"dataiku_streaming_endpoint\" \"test\" {\n  project_key = \"P\"\n  name = \"e\"\n  type = \"kafka\"\n  " + body + "\n}\n"
	}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg(`params = { connection = "k" }`), PlanOnly: true, ExpectError: regexp.MustCompile(`connection_name`)},
		{Config: cfg(`schema_columns = [{ name = "a", type = "int" }, { name = "a", type = "string" }]`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)Duplicate column name.*unique`)},
		{Config: cfg(`schema_columns = [{ name = "a", type = "integer" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)must be one of.*"bigint".*got: "integer"`)},
		{Config: "resource \"dataiku_streaming_endpoint\" \"test\" {\n  project_key = \"P\"\n  name = \"a.b\"\n  type = \"kafka\"\n}\n", PlanOnly: true,
			ExpectError: regexp.MustCompile(`dot`)},
	})
}

// A flow zone holds an endpoint the resource created; the endpoint's
// destroy takes it out of the zone.
func TestAccStreamingEndpoint_inFlowZone(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SEZONE")
	cfg := testAccStreamingEndpointConfig(key, "events", `type = "kafka"`) + `
resource "dataiku_flow_zone" "streams" {
  project_key = dataiku_project.p.project_key
  name        = "Streams"
  items       = [{ type = "STREAMING_ENDPOINT", id = dataiku_streaming_endpoint.test.name }]
}
`
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckStreamingEndpointsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{{
		Config: cfg,
		Check: func(*terraform.State) error {
			zones, err := acctest.Client(t).ListFlowZones(acctest.Ctx(t), key)
			if err != nil {
				return err
			}
			for _, z := range zones {
				if z.Name != "Streams" {
					continue
				}
				if len(z.Items) != 1 || z.Items[0].ObjectType != "STREAMING_ENDPOINT" || z.Items[0].ObjectID != "events" {
					return fmt.Errorf("zone %s items: %+v", z.ID, z.Items)
				}
				return nil
			}
			return fmt.Errorf("no zone Streams in %s: %+v", key, zones)
		},
	}})
}

// An endpoint the resource created is exposed to another project, as a
// dataset is; the exposure is in the project's settings in DSS.
func TestAccStreamingEndpoint_exposed(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SEEXP")
	cfg := testAccStreamingEndpointConfig(key, "events", `type = "kafka"`) + fmt.Sprintf(`
resource "dataiku_project" "reader" {
  project_key = "%s_R"
  name        = "Reader"
}

resource "dataiku_exposed_object" "events" {
  project_key = dataiku_project.p.project_key
  type        = "STREAMING_ENDPOINT"
  local_name  = dataiku_streaming_endpoint.test.name
  targets     = [{ project_key = dataiku_project.reader.project_key, appear_on_flow = true }]
}
`, key)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckStreamingEndpointsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{{
		Config: cfg,
		Check: func(*terraform.State) error {
			s, err := dss.ProjectSettingsDoc(key).Get(acctest.Ctx(t), acctest.Client(t))
			if err != nil {
				return err
			}
			if s.ExposedObjects == nil || len(s.ExposedObjects.Objects) != 1 {
				return fmt.Errorf("exposed objects in DSS: %+v", s.ExposedObjects)
			}
			o := s.ExposedObjects.Objects[0]
			if o.Type != "STREAMING_ENDPOINT" || o.LocalName != "events" || len(o.Rules) != 1 || o.Rules[0].TargetProject != key+"_R" {
				return fmt.Errorf("exposed object in DSS: %+v", o)
			}
			return nil
		},
	}})
}

// Continuous recipes read and write endpoints the resource created: a
// cpython recipe from an endpoint to a dataset and a csync from a dataset
// to another endpoint, with an empty plan after the apply.
func TestAccStreamingEndpoint_recipeInputsAndOutputs(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SEREC")
	cfg := testAccStreamingEndpointConfig(key, "clicks", `type = "kafka"
  params = { topic = "clicks" }`) + `
resource "dataiku_streaming_endpoint" "out" {
  project_key = dataiku_project.p.project_key
  name        = "clicks_enriched"
  type        = "kafka"
  params      = { topic = "clicks.enriched" }
}

resource "dataiku_dataset" "clicks" {
  project_key     = dataiku_project.p.project_key
  name            = "clicks_table"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  params          = { path = "/clicks" }
}

resource "dataiku_recipe" "sink" {
  project_key = dataiku_project.p.project_key
  name        = "sink_clicks"
  type        = "cpython"
  inputs      = { main = [{ ref = dataiku_streaming_endpoint.test.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.clicks.name }] }
  script      = "# read the stream\n"
}

resource "dataiku_recipe" "enrich" {
  project_key = dataiku_project.p.project_key
  name        = "enrich_clicks"
  type        = "csync"
  inputs      = { main = [{ ref = dataiku_dataset.clicks.name }] }
  outputs     = { main = [{ ref = dataiku_streaming_endpoint.out.name }] }
}
`
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckStreamingEndpointsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{{
		Config: cfg,
		Check: func(*terraform.State) error {
			for name, want := range map[string][2]string{"sink_clicks": {"clicks", "clicks_table"}, "enrich_clicks": {"clicks_table", "clicks_enriched"}} {
				r, err := dss.RecipeDoc(key, name).Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil {
					return err
				}
				in, out := r.Recipe.Inputs["main"].Items, r.Recipe.Outputs["main"].Items
				if len(in) != 1 || len(out) != 1 || in[0].Ref != want[0] || out[0].Ref != want[1] {
					return fmt.Errorf("recipe %s in DSS: inputs %+v, outputs %+v, want %s → %s", name, in, out, want[0], want[1])
				}
			}
			return nil
		},
	}})
}

func TestAccStreamingEndpointDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SEDS")
	cfg := testAccStreamingEndpointConfig(key, "alpha", `type = "kafka"
  connection_name = "kafka_main"
  params = { topic = "a" }
  tags   = ["x"]
  schema_columns = [{ name = "id", type = "bigint" }]`) + `
resource "dataiku_streaming_endpoint" "b" {
  project_key = dataiku_project.p.project_key
  name        = "beta"
  type        = "httpsse"
}

data "dataiku_streaming_endpoint" "alpha" {
  project_key = dataiku_project.p.project_key
  name        = dataiku_streaming_endpoint.test.name
}

data "dataiku_streaming_endpoints" "all" {
  project_key = dataiku_project.p.project_key
  depends_on  = [dataiku_streaming_endpoint.test, dataiku_streaming_endpoint.b]
}
`
	acctest.Case(t, acctest.CheckStreamingEndpointsDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_streaming_endpoint.alpha", tfjsonpath.New("connection_name"), knownvalue.StringExact("kafka_main")),
			statecheck.ExpectKnownValue("data.dataiku_streaming_endpoint.alpha", tfjsonpath.New("params").AtMapKey("topic"), knownvalue.StringExact("a")),
			statecheck.ExpectKnownValue("data.dataiku_streaming_endpoint.alpha", tfjsonpath.New("schema_columns"), knownvalue.ListSizeExact(1)),
			statecheck.ExpectKnownValue("data.dataiku_streaming_endpoints.all", tfjsonpath.New("streaming_endpoints"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("alpha"), "type": knownvalue.StringExact("kafka"),
					"tags": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("x")})}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("beta"), "connection_name": knownvalue.Null()}),
			})),
		},
		Check: resource.TestCheckResourceAttrPair("data.dataiku_streaming_endpoint.alpha", "id", "dataiku_streaming_endpoint.test", "id"),
	}})
}

// A lost answer to the create POST is recovered by the GET of the
// endpoint's name: one endpoint in DSS, in the state, no second POST.
func TestAccStreamingEndpoint_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SELOST")
	acctest.ProjectOutside(t, key, "Lost posts")
	for i, fault := range acctest.LostPostFaults("/projects/" + key + "/streamingendpoints/?$") {
		name := fmt.Sprintf("lost_%d", i)
		t.Run(name, func(t *testing.T) {
			acctest.Case(t, acctest.CheckStreamingEndpointsDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, fmt.Sprintf("resource \"dataiku_streaming_endpoint\" \"test\" {\n  project_key = %q\n  name        = %q\n  type        = \"kafka\"\n  params      = { topic = %q }\n}\n", key, name, name),
					func(*terraform.State) error {
						e := testStreamingEndpointRaw(t, key, name)
						if params, _ := e["params"].(map[string]any); params["topic"] != name {
							return fmt.Errorf("endpoint in DSS: %v", e)
						}
						return nil
					}),
			})
		})
	}
}

// TestAccStreamingEndpoint_deletionProtection: a protected endpoint
// survives a configuration without it; turned off, it changes nothing in
// DSS and is destroyed.
func TestAccStreamingEndpoint_deletionProtection(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_SEDP")
	acctest.Case(t, acctest.CheckStreamingEndpointsDestroyed(t), acctest.DeletionProtectionSteps(t, em, acctest.StreamingEndpointAddr, func(protected bool) string {
		return testAccStreamingEndpointConfig(key, "kept", fmt.Sprintf("type = \"kafka\"\n  deletion_protection = %t", protected))
	}))
}
