package dss

import "context"

// Agents: DSS's LLM Mesh agents, at the paths Dataiku's Python client
// calls (dataikuapi dss/agent.py, dss/project.py). Each has an id DSS
// generates and a name that need not be unique [V create_agent's
// docstring]. Its settings are versions, one of them active, as a
// retrieval-augmented LLM's are.

// Agent types create_agent's docstring names [V]: a code agent, a plugin
// component's agent, and a visual agent (an LLM using tools).
const (
	AgentTypePython     = "PYTHON_AGENT"
	AgentTypePlugin     = "PLUGIN_AGENT"
	AgentTypeToolsUsing = "TOOLS_USING_AGENT"
)

// AgentTypes are the known agent types.
var AgentTypes = []string{AgentTypePython, AgentTypePlugin, AgentTypeToolsUsing}

// Agent is an agent's settings, GET/PUT /projects/{key}/agents/{id} [V
// DSSAgentSettings: projectKey, id, type, versions, activeVersion; a
// taggable object's tags and descriptions]. PluginAgentType sits at the
// top as in create_agent's body [I: the settings class does not read
// it]. What DSS holds besides is kept in Extra.
type Agent struct {
	ID              string `json:"id"`
	ProjectKey      string `json:"projectKey"`
	Name            string `json:"name"`
	Type            string `json:"type,omitempty"`
	PluginAgentType string `json:"pluginAgentType,omitempty"`
	// Versions are kept whole: a save rewrites only the version it
	// changes.
	Versions []AgentVersion `json:"versions,omitempty"`
	// ActiveVersion is a version's versionId; DSS may declare none [V
	// active_version: "May return None"].
	ActiveVersion string   `json:"activeVersion,omitempty"`
	Description   string   `json:"description,omitempty"`
	ShortDesc     string   `json:"shortDesc,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Extra         Extra    `json:"-"`
}

func (d *Agent) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Agent) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// AgentVersion is one version of an agent [V get_version_settings:
// {versionId, ...}; a visual agent's LLM and tools in
// toolsUsingAgentSettings]. ToolsUsing is a pointer: a version without
// toolsUsingAgentSettings (a code or plugin agent's) is written back
// without one.
type AgentVersion struct {
	VersionID  string                   `json:"versionId"`
	ToolsUsing *ToolsUsingAgentSettings `json:"toolsUsingAgentSettings,omitempty"`
	Extra      Extra                    `json:"-"`
}

func (d *AgentVersion) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d AgentVersion) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ToolsUsingAgentSettings is a visual agent version's LLM and tools [V
// agent.py llm_id: toolsUsingAgentSettings.llmId; tools:
// toolsUsingAgentSettings.tools]. Tools is a pointer so that a version
// without tools is written back without them, and an empty list is
// written as [] (the client appends to it).
type ToolsUsingAgentSettings struct {
	LLMID string       `json:"llmId,omitempty"`
	Tools *[]AgentTool `json:"tools,omitempty"`
	Extra Extra        `json:"-"`
}

func (d *ToolsUsingAgentSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ToolsUsingAgentSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// AgentTool is one tool of a visual agent [V agent.py tools: "a dict,
// containing at least toolRef ... may also contain
// additionalDescription"]: toolRef is the tool's id for a tool of the
// agent's project, PROJECT.id for another's [V add_tool].
type AgentTool struct {
	ToolRef               string `json:"toolRef"`
	AdditionalDescription string `json:"additionalDescription,omitempty"`
	Extra                 Extra  `json:"-"`
}

func (d *AgentTool) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d AgentTool) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Version is the version of id ("" or absent: nil).
func (d *Agent) Version(id string) *AgentVersion {
	return VersionWithID(d.Versions, id, func(v *AgentVersion) string { return v.VersionID })
}

// ActiveVersionSettings is the active version, nil when DSS declares no
// active version or names one it does not hold.
func (d *Agent) ActiveVersionSettings() *AgentVersion { return d.Version(d.ActiveVersion) }

// AgentDoc is an agent's settings document.
func AgentDoc(projectKey, id string) Document[Agent] {
	return DocumentAt[Agent](Path("projects", projectKey, "agents", id))
}

// ListAgents lists a project's agents [V project.py list_agents: GET
// /projects/{key}/agents, list items with projectKey, id, name and tags].
func (c *Client) ListAgents(ctx context.Context, projectKey string) ([]Agent, error) {
	return getAs[[]Agent](ctx, c, Path("projects", projectKey, "agents"), nil)
}

// CreateAgent creates an agent as create_agent does [V project.py: POST
// /projects/{key}/agents with {name, type, pluginAgentType}; the answer
// holds the id]. pluginAgentType "" is sent as null, as the client sends
// its default None. It returns the id DSS generated.
func (c *Client) CreateAgent(ctx context.Context, projectKey, name, agentType, pluginAgentType string) (string, error) {
	var plugin any
	if pluginAgentType != "" {
		plugin = pluginAgentType
	}
	body := map[string]any{"name": name, "type": agentType, "pluginAgentType": plugin}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "agents"), nil, body, "created the agent")
}

// DeleteAgent deletes an agent [V agent.py delete].
func (c *Client) DeleteAgent(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "agents", id), nil, nil)
}
