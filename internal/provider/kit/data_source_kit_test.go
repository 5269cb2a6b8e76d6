package kit_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/deployer"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// A data source's failure is one error whose summary names what its
// configuration asked for: with the provider not configured yet, with
// DSS's error quoted, and with the data source's own finding. No state is
// written then.
func TestDataSourceKitErrors(t *testing.T) {
	answering := func(status int, body string) *dss.Client { return answeringClient(t, status, body) }
	notFound := answering(http.StatusNotFound, `{"errorType":"com.dataiku.dip.exceptions.UnknownObjectException","message":"nothing here"}`)
	const dssSaid = "com.dataiku.dip.exceptions.UnknownObjectException: nothing here"
	empty := answering(http.StatusOK, `[]`)

	for _, c := range []struct {
		name    string
		newDS   func() datasource.DataSource
		config  map[string]string
		summary string
	}{
		{"dataiku_dataset", dataset.NewDatasetDataSource, map[string]string{"project_key": "P", "name": "d"}, `Cannot read data.dataiku_dataset "P.d"`},
		{"dataiku_dataset_metrics", dataset.NewDatasetMetricsDataSource, map[string]string{"project_key": "P", "name": "d"},
			`Cannot read the metrics of dataset "P.d", partition "NP"`},
		{"dataiku_groups", instance.NewGroupsDataSource, nil, "Cannot read data.dataiku_groups"},
		{"dataiku_scenarios", project.NewScenariosDataSource, map[string]string{"project_key": "P"}, "Cannot read data.dataiku_scenarios of project P"},
		{"dataiku_managed_folder", project.NewManagedFolderDataSource, map[string]string{"project_key": "P", "name": "f"},
			`Cannot read data.dataiku_managed_folder "f" in project P`},
		{"dataiku_saved_model", project.NewSavedModelDataSource, map[string]string{"project_key": "P", "name": "m"},
			`Cannot read data.dataiku_saved_model "m" in project P`},
		{"dataiku_saved_models", project.NewSavedModelsDataSource, map[string]string{"project_key": "P"}, "Cannot read data.dataiku_saved_models of project P"},
		{"dataiku_model_evaluation_stores", project.NewModelEvaluationStoresDataSource, map[string]string{"project_key": "P"},
			"Cannot read data.dataiku_model_evaluation_stores of project P"},
		{"dataiku_knowledge_banks", project.NewKnowledgeBanksDataSource, map[string]string{"project_key": "P"}, "Cannot read data.dataiku_knowledge_banks of project P"},
		{"dataiku_retrieval_augmented_llms", project.NewRetrievalAugmentedLLMsDataSource, map[string]string{"project_key": "P"}, "Cannot read data.dataiku_retrieval_augmented_llms of project P"},
		{"dataiku_code_studio", project.NewCodeStudioDataSource, map[string]string{"project_key": "P", "name": "ide"},
			`Cannot read data.dataiku_code_studio "ide" in project P`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var meta datasource.MetadataResponse
			c.newDS().Metadata(t.Context(), datasource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
			if meta.TypeName != c.name {
				t.Fatalf("type name %q, want %q", meta.TypeName, c.name)
			}
			for _, k := range []struct {
				name   string
				client *dss.Client
				detail string
			}{
				{"unconfigured", nil, kit.ErrNotConfigured.Error()},
				{"DSS error", notFound, "DSS answered: "},
			} {
				t.Run(k.name, func(t *testing.T) {
					detail := readDataSourceError(t, c.newDS(), k.client, c.config, c.summary)
					if !strings.HasPrefix(detail, k.detail) || (k.client != nil && !strings.Contains(detail, dssSaid)) {
						t.Errorf("detail %q, want %q followed by DSS's error", detail, k.detail)
					}
				})
			}
		})
	}

	// The read's own finding, under the same summary.
	detail := readDataSourceError(t, project.NewManagedFolderDataSource(), empty, map[string]string{"project_key": "P", "name": "f"},
		`Cannot read data.dataiku_managed_folder "f" in project P`)
	if want := `Project P has no managed folder named "f".`; detail != want {
		t.Errorf("detail %q, want %q", detail, want)
	}
	detail = readDataSourceError(t, project.NewCodeStudioDataSource(), empty, map[string]string{"project_key": "P", "name": "ide"},
		`Cannot read data.dataiku_code_studio "ide" in project P`)
	if want := `Project P has no code studio named "ide".`; detail != want {
		t.Errorf("detail %q, want %q", detail, want)
	}
}

// A data source with a not-found message (the deployers' infrastructures)
// says it only when DSS answers that the object does not exist: a refused
// key, an unavailable DSS or an unknown status is DSS's answer alone,
// never read as "not found".
func TestDataSourceKitNotFound(t *testing.T) {
	for _, ds := range []struct {
		newDS      func() datasource.DataSource
		name, hint string
	}{
		{deployer.NewProjectDeployerInfraDataSource, "dataiku_project_deployer_infra", `The Project Deployer has no infrastructure "prod". The ` + "`dataiku_project_deployer_infras`"},
		{deployer.NewAPIDeployerInfraDataSource, "dataiku_api_deployer_infra", `The API Deployer has no infrastructure "prod". The ` + "`dataiku_api_deployer_infras`"},
	} {
		for _, c := range []struct {
			status   int
			body     string
			notFound bool
		}{
			{http.StatusNotFound, `{"errorType":"com.dataiku.dip.exceptions.NotFoundException","message":"Infrastructure prod does not exist"}`, true},
			{http.StatusForbidden, `{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"Action forbidden"}`, false},
			{http.StatusUnauthorized, `{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"Invalid API key"}`, false},
			{http.StatusServiceUnavailable, `{"errorType":"java.lang.IllegalStateException","message":"starting"}`, false},
		} {
			t.Run(fmt.Sprintf("%s/%d", ds.name, c.status), func(t *testing.T) {
				detail := readDataSourceError(t, ds.newDS(), answeringClient(t, c.status, c.body), map[string]string{"id": "prod"},
					`Cannot read data.`+ds.name+` "prod"`)
				if got := strings.HasPrefix(detail, ds.hint); got != c.notFound {
					t.Errorf("detail %q: not-found message %v, want %v", detail, got, c.notFound)
				}
				if !strings.Contains(detail, "DSS answered: ") {
					t.Errorf("detail %q does not quote DSS", detail)
				}
			})
		}
		// DSS unreachable: the network's error, never "not found".
		t.Run(ds.name+"/unreachable", func(t *testing.T) {
			srv := httptest.NewServer(http.NotFoundHandler())
			srv.Close()
			c, err := dss.NewClient(dss.Config{Host: srv.URL, APIKey: "data-source-kit-test-key", MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			detail := readDataSourceError(t, ds.newDS(), c, map[string]string{"id": "prod"}, `Cannot read data.`+ds.name+` "prod"`)
			if strings.Contains(detail, "has no infrastructure") {
				t.Errorf("detail %q: an unreachable DSS read as not found", detail)
			}
		})
	}
}

// answeringClient is a client of a server answering every request with
// status and body, without retries.
func answeringClient(t *testing.T, status int, body string) *dss.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := dss.NewClient(dss.Config{Host: srv.URL, APIKey: "data-source-kit-test-key", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// readDataSourceError reads ds with config (the other attributes null)
// and client (nil: the provider is not configured), requires exactly one
// error, with summary, and no state, and returns the error's detail.
func readDataSourceError(t *testing.T, ds datasource.DataSource, client *dss.Client, config map[string]string, summary string) string {
	t.Helper()
	ctx := t.Context()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
		if v, ok := config[name]; ok {
			attrs[name] = tftypes.NewValue(tftypes.String, v)
		}
	}
	var data any
	if client != nil {
		data = &kit.ProviderData{Client: client}
	}
	var cr datasource.ConfigureResponse
	ds.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{ProviderData: data}, &cr)
	if cr.Diagnostics.HasError() {
		t.Fatal(cr.Diagnostics)
	}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, attrs)}}, &resp)
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].Summary() != summary {
		t.Fatalf("diagnostics %v, want one error %q", resp.Diagnostics, summary)
	}
	if !resp.State.Raw.IsNull() {
		t.Errorf("state written after the error: %v", resp.State.Raw)
	}
	return errs[0].Detail()
}
