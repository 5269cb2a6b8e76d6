package dss

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A create call whose answer does not name the new object must fail: the
// provider would otherwise record an object with an empty id, which no
// later read, update or delete can reach, and the object DSS made would be
// an orphan. A fake DSS answers every create with 200 and an empty
// object.
func TestCreateCallsRefuseAnAnswerWithoutTheNewObjectsKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	for name, create := range map[string]func() error{
		"CreateSavedModel": func() error {
			_, err := c.CreateSavedModel(ctx, "P", "churn", "DSS_MANAGED", "BINARY_CLASSIFICATION")
			return err
		},
		"CreateProjectFolder": func() error { _, err := c.CreateProjectFolder(ctx, "ROOT", "Sales"); return err },
		"CreateScenario":      func() error { _, err := c.CreateScenario(ctx, "P", "nightly", "step_based"); return err },
		"CreateManagedFolder": func() error {
			_, err := c.CreateManagedFolder(ctx, "P", "models", "Filesystem", "filesystem_managed", "")
			return err
		},
		"CreateRecipe": func() error {
			_, err := c.CreateRecipe(ctx, RecipePrototype{ProjectKey: "P", Name: "compute_dst", Type: "python"})
			return err
		},
		"StartJob":              func() error { _, err := c.StartJob(ctx, "P", JobDefinition{}); return err },
		"CreateFlowZone":        func() error { _, err := c.CreateFlowZone(ctx, "P", "Raw", "#00ff00"); return err },
		"CreateCluster":         func() error { _, err := c.CreateCluster(ctx, "c", "manual", "KUBERNETES", nil); return err },
		"CreateDataQualityRule": func() error { _, err := c.CreateDataQualityRule(ctx, "P", "orders", DataQualityRule{}); return err },
		"CreateGlobalAPIKey":    func() error { _, err := c.CreateGlobalAPIKey(ctx, NewGlobalAPIKey{}); return err },
		"CreateCodeStudio":      func() error { _, err := c.CreateCodeStudio(ctx, "P", "ide", "vscode"); return err },
	} {
		err := create()
		if err == nil {
			t.Errorf("%s accepted an answer that names no new object", name)
		} else if !strings.Contains(err.Error(), "answer") {
			t.Errorf("%s: the error should say DSS's answer lacks the key: %v", name, err)
		}
	}
}
