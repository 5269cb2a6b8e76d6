package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

const DatasetAddr = "dataiku_dataset.test"

// ProjectForDatasetsOnEmulator opens an acceptance test that runs
// terraform against the test's emulator (whose counters and snapshot it
// then reads) on project key, made outside Terraform by
// CreateProjectForDatasets. It returns the emulator.
func ProjectForDatasetsOnEmulator(t *testing.T, key string) *emulator.Running {
	t.Helper()
	PreCheck(t)
	em := RequireEmulator(t)
	CreateProjectForDatasets(t, key)
	return em
}

// CreateProjectForDatasets creates the parent project outside
// Terraform (the dataiku_project resource lives elsewhere) and deletes it
// when the test ends. It works against a real DSS too.
func CreateProjectForDatasets(t *testing.T, key string) {
	t.Helper()
	ProjectOutside(t, key, "Datasets test "+key)
}

// FilesystemDatasetOutside creates, through the admin client as a user
// would outside Terraform, the Filesystem dataset name of project key on
// filesystem_root at path, in format ("" for none).
func FilesystemDatasetOutside(t *testing.T, key, name, path, format string) {
	t.Helper()
	if err := Client(t).CreateDataset(Ctx(t), dss.DatasetPrototype{ProjectKey: key, Name: name, Type: "Filesystem",
		Params: dss.Object{"connection": "filesystem_root", "path": path}, FormatType: format}); err != nil {
		t.Fatalf("creating dataset %s.%s: %v", key, name, err)
	}
}

func GetDataset(t *testing.T, key, name string) map[string]any {
	t.Helper()
	return RawDoc(t, dss.DatasetDoc(key, name).Path())
}

// ChangeDataset changes a dataset outside Terraform.
func ChangeDataset(t *testing.T, key, name string, change func(d map[string]any)) {
	t.Helper()
	EditRawDoc(t, dss.DatasetDoc(key, name).Path(), change)
}

func CheckDatasetsDestroyed(t *testing.T, key string, names ...string) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		c, err := dss.NewClient(dss.Config{Host: Host(t), APIKey: APIKey})
		if err != nil {
			return err
		}
		for _, n := range names {
			_, err := dss.DatasetDoc(key, n).Get(context.Background(), c)
			if err == nil {
				return fmt.Errorf("dataset %s.%s still exists after destroy", key, n)
			}
			if !dss.IsNotFound(err) {
				return fmt.Errorf("checking dataset %s.%s: %w", key, n, err)
			}
		}
		return nil
	}
}

// ExpectChangedAttributes asserts that the plan updates addr in place and
// that exactly the given top-level attributes differ.
type ExpectChangedAttributes struct {
	Addr  string
	Attrs []string
}

func (e ExpectChangedAttributes) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = checkChangedAttributes(req, e.Addr, e.Attrs, false)
}

// checkChangedAttributes is the check of ExpectChangedAttributes and
// ExpectOnlyChanged: an error unless the plan changes addr's top-level
// attributes named by want and no other. A change is a planned value that
// differs from the prior one and, with unknownChanges, a value known only
// after apply.
func checkChangedAttributes(req plancheck.CheckPlanRequest, addr string, want []string, unknownChanges bool) error {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for k, v := range after {
			if u, _ := unknown[k].(bool); u && unknownChanges || !reflect.DeepEqual(before[k], v) {
				changed = append(changed, k)
			}
		}
		slices.Sort(changed)
		if want := slices.Sorted(slices.Values(want)); !slices.Equal(changed, want) {
			return fmt.Errorf("%s: planned changes to %v, want exactly %v (before %v, after %v)", addr, changed, want, before, after)
		}
		return nil
	}
	return fmt.Errorf("%s not in the plan", addr)
}

func hclJSON(m map[string]any) string {
	if m == nil {
		return ""
	}
	b, _ := json.Marshal(m)
	return fmt.Sprintf("  params = jsonencode(%s)\n", hclObject(b))
}

// hclObject turns a JSON object into an HCL object expression (JSON is valid
// HCL expression syntax for objects, with ":" accepted as separator).
func hclObject(b []byte) string { return string(b) }

// JSONDynamic is the jsonencode form of an HCL object attribute's value;
// null for "".
func JSONDynamic(s string) types.Dynamic {
	if s == "" {
		return types.DynamicNull()
	}
	return types.DynamicValue(types.StringValue(s))
}

type DatasetCfg struct {
	Key, Name, Typ, Conn string
	Managed              bool
	Params               map[string]any
	Format               string
	Description          string
	Tags                 []string
	Columns              [][2]string
	Extra                string
}

func (c DatasetCfg) Render() string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"dataiku_dataset\" \"test\" {\n  project_key = %q\n  name = %q\n  type = %q\n", c.Key, c.Name, c.Typ)
	if c.Conn != "" {
		fmt.Fprintf(&b, "  connection_name = %q\n", c.Conn)
	}
	if c.Managed {
		b.WriteString("  managed = true\n")
	}
	b.WriteString(hclJSON(c.Params))
	b.WriteString(c.Format)
	if c.Description != "" {
		fmt.Fprintf(&b, "  description = %q\n", c.Description)
	}
	if c.Tags != nil {
		q := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			q[i] = fmt.Sprintf("%q", t)
		}
		fmt.Fprintf(&b, "  tags = [%s]\n", strings.Join(q, ", "))
	}
	if c.Columns != nil {
		b.WriteString("  schema_columns = [\n")
		for _, col := range c.Columns {
			fmt.Fprintf(&b, "    { name = %q, type = %q },\n", col[0], col[1])
		}
		b.WriteString("  ]\n")
	}
	b.WriteString(c.Extra)
	b.WriteString("}\n")
	return b.String()
}
