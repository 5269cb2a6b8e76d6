package dataset_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testAccSeedObservations seeds a dataset's partitions and metric values
// through the emulator's control endpoint, as a user's CI would.
func testAccSeedObservations(t *testing.T, key, name string, body map[string]any) {
	t.Helper()
	acctest.RequireEmulator(t)
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(acctest.Ctx(t), http.MethodPost, acctest.Host(t)+"/_emulator/datasets/"+key+"/"+name+"/observations", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(acctest.APIKey, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("seeding %s.%s: status %d", key, name, resp.StatusCode)
	}
}

// testAccCreatePlainDataset creates a Filesystem dataset outside
// Terraform, partitioned by day when daily.
func testAccCreatePlainDataset(t *testing.T, key, name string, daily bool) {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	acctest.FilesystemDatasetOutside(t, key, name, "/"+name, "")
	if daily {
		if _, _, err := dss.DatasetDoc(key, name).Update(ctx, c, func(d *dss.Dataset) error {
			d.Partitioning = &dss.Partitioning{Dimensions: []dss.Dimension{{Name: "day", Type: "time", Params: &dss.DimensionParams{Period: "DAY"}}}}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAccDatasetObservationDataSources reads the schema, partitions and
// last metric values of a dataset partitioned by day (three partitions)
// and of an unpartitioned one, against seeded observations and a schema
// set through the client; it logs the requests each costs.
func TestAccDatasetObservationDataSources(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := "DSOBS"
	acctest.CreateProjectForDatasets(t, key)
	testAccCreatePlainDataset(t, key, "daily", true)
	testAccCreatePlainDataset(t, key, "flat", false)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	maxLen, comment := int64(30), "Customer name"
	modified := true
	if err := c.SetDatasetSchema(ctx, key, "flat", &dss.Schema{Columns: []dss.Column{
		{Name: "id", Type: "bigint"},
		{Name: "customer", Type: "string", MaxLength: &maxLen, Comment: &comment},
	}, UserModified: &modified}); err != nil {
		t.Fatal(err)
	}
	testAccSeedObservations(t, key, "daily", map[string]any{
		"partitions": []string{"2024-01-30", "2024-01-31", "2024-02-01"},
		"metrics": map[string]any{
			"2024-01-31": map[string]any{"records:COUNT_RECORDS": map[string]any{"value": 310, "type": "BIGINT"}},
			"ALL":        map[string]any{"records:COUNT_RECORDS": map[string]any{"value": 900, "type": "BIGINT"}},
		},
	})
	testAccSeedObservations(t, key, "flat", map[string]any{"metrics": map[string]any{"NP": map[string]any{
		"records:COUNT_RECORDS": map[string]any{"value": 42, "type": "BIGINT"},
		"basic:SIZE":            map[string]any{"value": 1.5, "type": "DOUBLE"},
	}}})
	// Computing returns the seeded values (and stamps them again).
	if rep, err := c.ComputeDatasetMetrics(ctx, key, "flat", ""); err != nil || !bytes.Contains(rep, []byte(`"42"`)) {
		t.Fatalf("compute: %s %v", rep, err)
	}

	// dataBlock is one data source of dataset name, with its own extra
	// argument (prefix, partition) when set.
	dataBlock := func(kind, label, name, extra string) string {
		return fmt.Sprintf("data %q %q {\n  project_key = %q\n  name = %q\n%s}\n", kind, label, key, name, extra)
	}
	// The data sources the first steps read: each kind on each dataset,
	// partitions filtered by a prefix, metrics of single partitions.
	cfg := ""
	for _, d := range []struct{ kind, label, name, extra string }{
		{"dataiku_dataset_schema", "flat", "flat", ""},
		{"dataiku_dataset_partitions", "daily", "daily", ""},
		{"dataiku_dataset_partitions", "january", "daily", "  prefix = \"2024-01\"\n"},
		{"dataiku_dataset_partitions", "flat", "flat", ""},
		{"dataiku_dataset_metrics", "flat", "flat", ""},
		{"dataiku_dataset_metrics", "day", "daily", "  partition = \"2024-01-31\"\n"},
		{"dataiku_dataset_metrics", "all", "daily", "  partition = \"ALL\"\n"},
		{"dataiku_dataset_metrics", "empty_day", "daily", "  partition = \"2024-01-30\"\n"},
	} {
		cfg += dataBlock(d.kind, d.label, d.name, d.extra)
	}
	// one reads one kind alone: the partitions of the daily dataset, the
	// others of the flat one.
	one := func(ds string) string {
		return dataBlock(ds, "x", map[bool]string{true: "flat", false: "daily"}[ds != "dataiku_dataset_partitions"], "")
	}
	// countStep reads one data source alone and checks that each read
	// costs one request on each of routes (besides the provider's
	// configuration, one auth/info per terraform command).
	const dsRoute = "GET /public/api/projects/{projectKey}/datasets/{datasetName}"
	countStep := func(ds string, routes ...string) resource.TestStep {
		var before map[string]int64
		return resource.TestStep{
			Config:    one(ds),
			PreConfig: func() { before = em.Server.Stats().ByRoute },
			Check: func(*terraform.State) error {
				delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute)
				t.Logf("%s: requests for the whole step (plan, apply, refreshes), by route: %v", ds, delta)
				reads := delta[routes[0]]
				for _, r := range routes {
					if delta[r] != reads || reads == 0 {
						return fmt.Errorf("%s: requests %v, want the same count on each of %v", ds, delta, routes)
					}
				}
				if len(delta) != len(routes)+1 {
					return fmt.Errorf("%s: requests %v, want only %v and auth/info", ds, delta, routes)
				}
				return nil
			},
		}
	}
	ds := "data.dataiku_dataset_"
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.#", "2"),
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.1.name", "customer"),
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.1.max_length", "30"),
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.1.comment", "Customer name"),
				resource.TestCheckNoResourceAttr(ds+"schema.flat", "columns.0.max_length"),
				resource.TestCheckResourceAttr(ds+"schema.flat", "user_modified", "true"),
				resource.TestCheckResourceAttr(ds+"partitions.daily", "partitioned", "true"),
				resource.TestCheckResourceAttr(ds+"partitions.daily", "ids.#", "3"),
				resource.TestCheckResourceAttr(ds+"partitions.daily", "ids.2", "2024-02-01"),
				resource.TestCheckResourceAttr(ds+"partitions.january", "ids.#", "2"),
				resource.TestCheckResourceAttr(ds+"partitions.january", "ids.1", "2024-01-31"),
				resource.TestCheckResourceAttr(ds+"partitions.flat", "partitioned", "false"),
				resource.TestCheckResourceAttr(ds+"partitions.flat", "ids.#", "0"),
				resource.TestCheckResourceAttr(ds+"metrics.flat", "partition", "NP"),
				resource.TestCheckResourceAttr(ds+"metrics.flat", "metrics.%", "2"),
				resource.TestCheckResourceAttr(ds+"metrics.flat", "metrics.records:COUNT_RECORDS.value", "42"),
				resource.TestCheckResourceAttr(ds+"metrics.flat", "metrics.records:COUNT_RECORDS.type", "BIGINT"),
				resource.TestCheckResourceAttr(ds+"metrics.flat", "metrics.basic:SIZE.value", "1.5"),
				resource.TestMatchResourceAttr(ds+"metrics.flat", "metrics.records:COUNT_RECORDS.computed_at", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
				resource.TestCheckResourceAttr(ds+"metrics.day", "metrics.records:COUNT_RECORDS.value", "310"),
				resource.TestCheckResourceAttr(ds+"metrics.all", "metrics.records:COUNT_RECORDS.value", "900"),
				resource.TestCheckResourceAttr(ds+"metrics.empty_day", "metrics.%", "0"),
			),
		},
		// A schema changed in DSS shows at the next read.
		{
			PreConfig: func() {
				if err := c.SetDatasetSchema(ctx, key, "flat", &dss.Schema{Columns: []dss.Column{{Name: "id", Type: "int"}}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.#", "1"),
				resource.TestCheckResourceAttr(ds+"schema.flat", "columns.0.type", "int")),
		},
		// A prefix on an unpartitioned dataset is a clear error.
		{
			Config:      dataBlock("dataiku_dataset_partitions", "bad", "flat", "  prefix = \"2024\"\n"),
			ExpectError: regexp.MustCompile(`(?s)prefix = "2024" filters partitions, but dataset "DSOBS.flat"\s+is\s+not\s+partitioned`),
		},
		// A key without access to the project gets DSS's refusal,
		// quoted with the data source's address.
		{
			Config:      fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", acctest.BobKey) + one("dataiku_dataset_metrics"),
			ExpectError: regexp.MustCompile(`(?s)Cannot read the metrics of dataset "DSOBS.flat".*data.dataiku_dataset_metrics.x.*(Unauthorized|not allowed|permission)`),
		},
		countStep("dataiku_dataset_schema", dsRoute+"/schema"),
		countStep("dataiku_dataset_partitions", dsRoute, dsRoute+"/partitions"),
		countStep("dataiku_dataset_metrics", dsRoute+"/metrics/last/{partition}"),
	})
}
