package dss

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Scenario calls (dss-api.md §5.2, dss-api-more.md §3). DSS derives a
// scenario's id from its name; names need not be unique. A custom-python
// scenario's script is not in its settings but behind …/payload.

// Scenario types.
const (
	ScenarioStepBased    = "step_based"
	ScenarioCustomPython = "custom_python"
)

// Scenario is a scenario's settings document, GET/PUT
// /projects/{key}/scenarios/{id}.
type Scenario struct {
	ID          string            `json:"id"`
	ProjectKey  string            `json:"projectKey"`
	Name        string            `json:"name"`
	Type        string            `json:"type"`
	Active      bool              `json:"active"`
	RunAsUser   *string           `json:"runAsUser"`
	Triggers    []ScenarioTrigger `json:"triggers" dss:"nonnull"`
	Reporters   []any             `json:"reporters" dss:"nonnull"`
	Params      ScenarioParams    `json:"params"`
	Description string            `json:"description"`
	ShortDesc   string            `json:"shortDesc"`
	Tags        []string          `json:"tags" dss:"nonnull"`
	Extra       Extra             `json:"-"`
}

func (d *Scenario) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Scenario) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// sentSecrets are the credentials of the reporters and send_report steps
// DSS holds (names.ReporterSecretKeys), which a read-modify-write sends
// back as read.
func (d *Scenario) sentSecrets() []string {
	var out []string
	add := func(holder any) {
		cfg := ReporterConfiguration(holder)
		for _, k := range names.ReporterSecretKeys {
			out = append(out, SecretLeaves(cfg[k])...)
		}
	}
	for _, r := range d.Reporters {
		add(r)
	}
	for _, st := range d.Params.Steps {
		add(st.Params)
	}
	return out
}

// ReporterConfiguration is a reporter's (or a send_report step's params')
// messaging.configuration; nil when it has none.
func ReporterConfiguration(holder any) map[string]any {
	r, _ := holder.(map[string]any)
	msg, _ := r["messaging"].(map[string]any)
	cfg, _ := msg["configuration"].(map[string]any)
	return cfg
}

// ScenarioParams is a scenario's params: the steps of a step-based one.
type ScenarioParams struct {
	Steps []ScenarioStep `json:"steps,omitempty"`
	Extra Extra          `json:"-"`
}

func (d *ScenarioParams) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ScenarioParams) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ScenarioTrigger is one trigger. Its params are free-form: DSS's trigger
// types each have their own.
type ScenarioTrigger struct {
	ID     string `json:"id,omitempty"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
	Params Object `json:"params" dss:"nonnull"`
	Extra  Extra  `json:"-"`
}

func (d *ScenarioTrigger) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ScenarioTrigger) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ScenarioStep is one step of a step-based scenario.
type ScenarioStep struct {
	ID               string `json:"id,omitempty"`
	Type             string `json:"type"`
	Name             string `json:"name"`
	Params           Object `json:"params" dss:"nonnull"`
	RunConditionType string `json:"runConditionType,omitempty"`
	Extra            Extra  `json:"-"`
}

func (d *ScenarioStep) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ScenarioStep) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ScenarioDoc is a scenario's settings document.
func ScenarioDoc(projectKey, id string) Document[Scenario] {
	return DocumentAt[Scenario](Path("projects", projectKey, "scenarios", id))
}

// ScenarioLight is the light settings document, GET/PUT …/light: DSS
// changes only active, checklists, description, shortDesc and tags from
// it; the GET adds the status (running, nextRun).
type ScenarioLight struct {
	Active bool  `json:"active"`
	Extra  Extra `json:"-"`
}

func (d *ScenarioLight) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ScenarioLight) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ScenarioLightDoc is a scenario's light settings document.
func ScenarioLightDoc(projectKey, id string) Document[ScenarioLight] {
	return DocumentAt[ScenarioLight](Path("projects", projectKey, "scenarios", id, "light"))
}

// SetScenarioActive toggles a scenario through the light settings: a
// read-modify-write that sends no PUT when it already is as wanted.
func (c *Client) SetScenarioActive(ctx context.Context, projectKey, id string, active bool) error {
	_, _, err := ScenarioLightDoc(projectKey, id).Update(ctx, c, func(l *ScenarioLight) error {
		l.Active = active
		return nil
	})
	return err
}

// scenarioPayload is the script of a custom-python scenario. Scripts can
// hold credentials by mistake: it is a secretHolder, so a reply that does
// not decode is not quoted in errors, and only its length is logged.
type scenarioPayload struct {
	Script string `json:"script"`
}

func (scenarioPayload) holdsSecrets() {}

// ScenarioScript reads a custom-python scenario's script.
func (c *Client) ScenarioScript(ctx context.Context, projectKey, id string) (string, error) {
	var out scenarioPayload
	if err := c.Get(ctx, Path("projects", projectKey, "scenarios", id, "payload"), nil, &out); err != nil {
		return "", err
	}
	tflog.Trace(ctx, "read a scenario script", map[string]any{"project": projectKey, "scenario": id, "script_length": len(out.Script)})
	return out.Script, nil
}

// SetScenarioScript writes a custom-python scenario's script as DSS's own
// client saves it: a body of {script} only.
func (c *Client) SetScenarioScript(ctx context.Context, projectKey, id, script string) error {
	tflog.Trace(ctx, "writing a scenario script", map[string]any{"project": projectKey, "scenario": id, "script_length": len(script)})
	return c.Put(ctx, Path("projects", projectKey, "scenarios", id, "payload"), nil, scenarioPayload{Script: script}, nil)
}

// ListScenarios lists a project's scenarios (DSS's list items: id, name,
// type, active, tags…; read the id from id, not name).
func (c *Client) ListScenarios(ctx context.Context, projectKey string) ([]Scenario, error) {
	return getAs[[]Scenario](ctx, c, Path("projects", projectKey, "scenarios")+"/", nil)
}

// CreateScenario creates a scenario as DSS's own client does, {params:
// {}, name, type}, and returns the id DSS derived from the name.
func (c *Client) CreateScenario(ctx context.Context, projectKey, name, scenarioType string) (string, error) {
	body := map[string]any{"params": map[string]any{}, "name": name, "type": scenarioType}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "scenarios")+"/", nil, body, "created the scenario")
}

// DeleteScenario deletes a scenario.
func (c *Client) DeleteScenario(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "scenarios", id), nil, nil)
}
