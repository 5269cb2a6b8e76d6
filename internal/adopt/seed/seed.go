// Package seed fills a DSS instance through its public API with objects to
// adopt: a small varied instance (Sample) for the end-to-end test and
// `make adopt-demo`, and a large uniform one (Scale) for measuring the
// listing cost. It goes through internal/dss as a person scripting DSS
// would, never through Terraform, so that adoption starts from objects
// Terraform has never seen.
package seed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Secrets are the secret values Sample stored in DSS, for tests that check
// they are written nowhere.
type Secrets struct {
	UserPassword     string
	ConnectionSecret string
	GitToken         string
}

func randomSecret(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Sample builds a small instance: two groups, two users (one LOCAL with a
// password), a PostgreSQL connection with a password and an S3 (EC2) one
// with a secret key, a Python code env, a global and a personal API key, an SMTP
// messaging channel with a password, a user-defined meaning, a project folder, and three projects; SALES holds datasets of three
// families (Filesystem, PostgreSQL, S3), a managed folder, a sync recipe,
// a scenario, a flow zone and a data quality rule, and shares orders_clean
// with MARKETING (whose recipe reads it) and its folder by quick sharing,
// and checks out a Git library with a login and a token. Connections named
// filesystem_managed (Filesystem, managed) must exist, as in the emulator's
// defaults.
func Sample(ctx context.Context, c *dss.Client, owner string) (Secrets, error) {
	s := Secrets{UserPassword: randomSecret("pw-"), ConnectionSecret: randomSecret("pg-"), GitToken: randomSecret("git-")}
	var collection string // the data collection's id, once made
	steps := []func() error{
		func() error { return c.CreateGroup(ctx, "analysts", "Read and explore", "LOCAL") },
		func() error { return c.CreateGroup(ctx, "data_engineers", "Build the flows", "LOCAL") },
		func() error {
			return c.CreateUser(ctx, dss.NewUser{Login: "alice", Password: &s.UserPassword, DisplayName: "Alice Martin",
				Email: "alice@example.com", Groups: []string{"analysts"}, UserProfile: "DATA_SCIENTIST"})
		},
		func() error {
			return c.CreateUser(ctx, dss.NewUser{Login: "bob", DisplayName: "Bob Ldap", SourceType: "LDAP",
				Groups: []string{"data_engineers", "analysts"}, UserProfile: "DATA_ENGINEER"})
		},
		func() error {
			return c.CreateConnection(ctx, dss.NewConnection{Name: "pg_warehouse", Type: "PostgreSQL", Description: "The warehouse",
				Params: dss.Object{"host": "db.example.com", "port": 5432, "db": "warehouse", "user": "dss", "password": s.ConnectionSecret}})
		},
		func() error {
			return c.CreateConnection(ctx, dss.NewConnection{Name: "s3_lake", Type: "EC2",
				Params: dss.Object{"bucket": "lake", "accessKey": "AKIAEXAMPLE", "secretKey": s.ConnectionSecret + "-s3"}})
		},
		func() error {
			f, err := c.CreateCodeEnv(ctx, "PYTHON", "py_analytics", dss.CodeEnvCreate{DeploymentMode: "DESIGN_MANAGED", PythonInterpreter: "PYTHON311"})
			if err != nil {
				return err
			}
			_, err = c.WaitFuture(ctx, f, false)
			return err
		},
		func() error {
			_, err := c.CreateGlobalAPIKey(ctx, dss.NewGlobalAPIKey{Label: "ci-bot", Description: "CI", Groups: []string{"data_engineers"}})
			return err
		},
		func() error {
			_, err := c.CreatePersonalAPIKeyFor(ctx, "alice", "alice-laptop", "")
			return err
		},
		func() error {
			// The analysts' workspace: they see it, data engineers add to it.
			return c.CreateWorkspace(ctx, dss.WorkspaceCreate{Key: "ANALYTICS", DisplayName: "Analytics", Permissions: &[]dss.WorkspacePermission{
				{Group: "analysts", Admin: new(false), Write: new(false), Read: new(true)},
				{Group: "data_engineers", Admin: new(false), Write: new(true), Read: new(true)},
			}})
		},
		func() error {
			_, err := c.AddWorkspaceObject(ctx, "ANALYTICS", dss.WorkspaceObject{HTMLLink: &dss.WorkspaceHTMLLink{Name: "Data catalog", URL: "https://wiki.example.com/catalog"}})
			return err
		},
		func() error {
			// A data collection without a description, one of its entries
			// with rights as DSS may hold them (write without read); DSS adds
			// the seeding key's user as admin.
			var err error
			collection, err = c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{DisplayName: "Sales reference data", Tags: []string{"sales"},
				Permissions: []dss.DataCollectionPermission{{Group: "analysts", Admin: new(false), Write: new(false), Read: new(true)},
					{Group: "data_engineers", Write: new(true), Read: new(false)}}})
			return err
		},
		func() error {
			// The mail server scenario reporters send through, with a
			// password (DSS keeps it encrypted), usable by the analysts.
			_, err := c.CreateMessagingChannel(ctx, dss.CreateMessagingChannelRequest{ID: "mail-ops", Type: "smtp",
				Configuration: dss.Object{"host": "smtp.example.com", "port": 587, "useTLS": true, "sender": "dss@example.com",
					"login": "dss", "password": s.ConnectionSecret + "-mail"},
				Permissions: []dss.MessagingChannelPermission{{Group: "analysts", CanUse: true}}})
			return err
		},
		func() error {
			// The countries the sales columns hold: a user-defined meaning
			// with colored values (DSS's API cannot delete it).
			return c.CreateMeaning(ctx, &dss.Meaning{ID: "country_code", Label: "Country code", Type: dss.MeaningTypeValuesList, NormalizationMode: "LOWERCASE",
				Entries: []dss.MeaningEntry{{Value: "FR", Color: new("#1f77b4")}, {Value: "DE"}, {Value: "IT"}}})
		},
	}
	for _, key := range []string{"SALES", "MARKETING", "FINANCE"} {
		steps = append(steps, func() error {
			return c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: key + " project", Owner: owner,
				Permissions: []any{}, Tags: []string{"adopted"}}, "")
		})
	}
	steps = append(steps,
		func() error {
			f, err := c.CreateProjectFolder(ctx, dss.RootProjectFolderID, "Finance")
			if err != nil {
				return err
			}
			return c.MoveProject(ctx, dss.RootProjectFolderID, "FINANCE", f.ID)
		},
		func() error { return c.CreateManagedDataset(ctx, "SALES", "orders", "filesystem_managed") },
		func() error { return c.CreateManagedDataset(ctx, "SALES", "orders_clean", "filesystem_managed") },
		func() error {
			return c.CreateDataset(ctx, dss.DatasetPrototype{ProjectKey: "SALES", Name: "customers", Type: "PostgreSQL",
				Params: dss.Object{"connection": "pg_warehouse", "mode": "table", "table": "customers", "schema": "public"}})
		},
		func() error {
			return c.CreateDataset(ctx, dss.DatasetPrototype{ProjectKey: "SALES", Name: "events", Type: "S3",
				Params: dss.Object{"connection": "s3_lake", "bucket": "lake", "path": "/events"}, FormatType: "csv", FormatParams: dss.Object{"separator": ","}})
		},
		func() error { return c.CreateManagedDataset(ctx, "MARKETING", "campaigns", "filesystem_managed") },
		func() error { return c.AddDatasetToDataCollection(ctx, collection, "SALES", "orders") },
		func() error {
			_, err := c.CreateManagedFolder(ctx, "SALES", "reports", "Filesystem", "filesystem_folders", "")
			return err
		},
		func() error {
			// The orders as they happen, on a Kafka topic, with a schema.
			return c.CreateStreamingEndpointFrom(ctx, &dss.StreamingEndpoint{ID: "orders_stream", ProjectKey: "SALES", Type: "kafka",
				Params: dss.Object{"connection": "kafka_main", "topic": "sales.orders"},
				Schema: &dss.Schema{Columns: []dss.Column{{Name: "order_id", Type: "bigint"}, {Name: "amount", Type: "double"}}}})
		},
		func() error {
			_, err := c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: "SALES", Name: "compute_orders_clean", Type: "sync",
				Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "orders"}}}},
				Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "orders_clean"}}}}})
			return err
		},
		func() error {
			_, err := c.CreateScenario(ctx, "SALES", "Nightly build", "step_based")
			return err
		},
		func() error {
			z, err := c.CreateFlowZone(ctx, "SALES", "Ingest", "#2ab1ac")
			if err != nil {
				return err
			}
			_, err = c.MoveToFlowZone(ctx, "SALES", z.ID, []dss.ZoneItem{{ObjectID: "orders", ObjectType: "DATASET"}})
			return err
		},
		func() error { return c.CreateManagedDataset(ctx, "MARKETING", "sales_orders", "filesystem_managed") },
		func() error {
			// SALES shares orders_clean with MARKETING (shown on its Flow)
			// and quick-shares its reports folder; MARKETING's recipe reads
			// SALES.orders_clean, which DSS allows only once it is exposed.
			folders, err := c.ListManagedFolders(ctx, "SALES")
			if err != nil || len(folders) != 1 {
				return fmt.Errorf("SALES's managed folders: %v %w", folders, err)
			}
			yes := true
			_, _, err = dss.ProjectSettingsDoc("SALES").Update(ctx, c, func(s *dss.ProjectSettings) error {
				if s.ExposedObjects == nil {
					s.ExposedObjects = &dss.ExposedObjects{}
				}
				s.ExposedObjects.Objects = append(s.ExposedObjects.Objects,
					dss.ExposedObject{Type: "DATASET", LocalName: "orders_clean", Rules: []dss.ExposedRule{{TargetProject: "MARKETING", AppearOnFlow: &yes}}},
					dss.ExposedObject{Type: "MANAGED_FOLDER", LocalName: folders[0].ID, QuickSharingEnabled: &yes})
				// Its Python code runs in py_analytics, never in containers.
				s.PythonEnv().Select(dss.CodeEnvModeExplicit, "py_analytics")
				s.ContainerDefault().Select(dss.ContainerModeNone, "")
				return nil
			})
			return err
		},
		func() error {
			_, err := c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: "MARKETING", Name: "copy_sales_orders", Type: "sync",
				Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "SALES.orders_clean"}}}},
				Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "sales_orders"}}}}})
			return err
		},
		func() error {
			login := "ci-bot"
			f, err := c.AddGitLibrary(ctx, "SALES", dss.GitLibraryWrite{GitLibrary: dss.GitLibrary{Path: "python/sales_utils",
				Repository: "https://git.example.com/sales/utils.git", Checkout: "v1.0", AddToPythonPath: true, Login: &login}, Password: &s.GitToken})
			if err != nil {
				return err
			}
			return c.WaitGitLibrary(ctx, f, &s.GitToken)
		},
		func() error {
			// The remote of the project's own repository, which CI pushes to.
			return c.SetProjectGitRemote(ctx, "SALES", "origin", "git@git.example.com:sales/dss-project.git")
		},
		func() error {
			// A module of the project's own library, whose text holds a
			// template sequence the generated configuration must escape.
			return c.WriteLibraryFile(ctx, "SALES", "python/sales/helpers.py", []byte("TEMPLATE = \"${region}\"\n"))
		},
		func() error {
			// A Jupyter notebook someone ran: outputs and an execution
			// count the adoption leaves out, a source given as lines with
			// a template sequence the generated configuration must escape.
			return c.CreateJupyterNotebook(ctx, "SALES", "Sales checks", dss.JupyterNotebookContent{
				"nbformat": 4, "nbformat_minor": 5,
				"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}},
				"cells": []any{
					map[string]any{"cell_type": "markdown", "source": "# Sales checks", "metadata": map[string]any{}},
					map[string]any{"cell_type": "code", "source": []any{"import dataiku\n", "print(\"${region}\")"}, "metadata": map[string]any{},
						"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "${region}\n"}}, "execution_count": 3},
				},
			})
		},
		func() error {
			rule := dss.DataQualityRule{Type: "ColumnNotEmptyRule", DisplayName: "id not empty"}
			if err := rule.SetConfigField("column", "id"); err != nil {
				return err
			}
			_, err := c.CreateDataQualityRule(ctx, "SALES", "orders", rule)
			return err
		},
	)
	for i, step := range steps {
		if err := step(); err != nil {
			return s, fmt.Errorf("seed step %d: %w", i+1, err)
		}
	}
	return s, nil
}

// Scale builds projects projects of datasetsPerProject managed datasets
// each, and returns the number of objects created.
func Scale(ctx context.Context, c *dss.Client, owner string, projects, datasetsPerProject int) (int, error) {
	n := 0
	for p := range projects {
		key := fmt.Sprintf("P%03d", p)
		if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: key, Owner: owner, Permissions: []any{}, Tags: []string{}}, ""); err != nil {
			return n, err
		}
		n++
		for d := range datasetsPerProject {
			if err := c.CreateManagedDataset(ctx, key, fmt.Sprintf("ds_%03d", d), "filesystem_managed"); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
