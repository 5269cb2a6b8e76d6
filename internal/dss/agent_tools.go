package dss

import (
	"context"
	"net/url"
)

// Agent tools: the tools of DSS's LLM Mesh that visual agents use, at the
// paths Dataiku's Python client calls (dataikuapi dss/agent_tool.py,
// dss/project.py new_agent_tool, list_agent_tools, get_agent_tool). The
// create call takes an id of the caller's choosing or generates one [V
// new_agent_tool's docstring: "An id will be automatically assigned if not
// specified"]; names need not be unique (the client defaults one to the
// type [V]).

// AgentToolTypeVectorStoreSearch is the one tool type the client names [V
// new_agent_tool, get_settings]: a search of a knowledge bank.
const AgentToolTypeVectorStoreSearch = "VectorStoreSearch"

// AgentToolTypes are the tool types the evidence names. DSS knows more
// (its plugins add their own): they are examples, not a rule.
var AgentToolTypes = []string{AgentToolTypeVectorStoreSearch}

// AgentToolSettings is an agent tool's settings, GET/PUT
// /projects/{key}/agents/tools/{id} [V DSSAgentToolSettings: a taggable
// object's settings whose params hold the type's settings; get_settings
// reads type]. Name and id are read as the list item names them [I: the
// settings class reads neither]. What DSS holds besides is kept in Extra.
type AgentToolSettings struct {
	ID          string           `json:"id"`
	ProjectKey  string           `json:"projectKey"`
	Name        string           `json:"name"`
	Type        string           `json:"type,omitempty"`
	Params      *AgentToolParams `json:"params,omitempty"`
	Description string           `json:"description,omitempty"`
	ShortDesc   string           `json:"shortDesc,omitempty"`
	Tags        []string         `json:"tags,omitempty"`
	Extra       Extra            `json:"-"`
}

func (d *AgentToolSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d AgentToolSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// AgentToolParams is a tool's params, its type's settings [V params]. A
// VectorStoreSearch tool names its knowledge bank in knowledgeBankRef,
// the bank's id for one of the tool's project or PROJECT.id for
// another's [V set_knowledge_bank, _kb_to_loc, AnyLoc.to_ref].
type AgentToolParams struct {
	KnowledgeBankRef string `json:"knowledgeBankRef,omitempty"`
	Extra            Extra  `json:"-"`
}

func (d *AgentToolParams) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d AgentToolParams) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// AgentToolListItem is one item of a project's list of agent tools [V
// DSSAgentToolListItem: id, type, name; a taggable object's tags].
type AgentToolListItem struct {
	ID   string   `json:"id"`
	Type string   `json:"type"`
	Name string   `json:"name"`
	Tags []string `json:"tags,omitempty"`
}

// AgentToolDoc is an agent tool's settings document.
func AgentToolDoc(projectKey, id string) Document[AgentToolSettings] {
	return DocumentAt[AgentToolSettings](Path("projects", projectKey, "agents", "tools", id))
}

// ListAgentTools lists a project's own agent tools as list_agent_tools
// does by default [V project.py: GET /projects/{key}/agents/tools with
// includeDescriptions=false and foreign=false; the answer's tools].
func (c *Client) ListAgentTools(ctx context.Context, projectKey string) ([]AgentToolListItem, error) {
	out, err := getAs[struct {
		Tools []AgentToolListItem `json:"tools"`
	}](ctx, c, Path("projects", projectKey, "agents", "tools"), url.Values{"includeDescriptions": {"false"}, "foreign": {"false"}})
	return out.Tools, err
}

// CreateAgentTool creates an agent tool as DSSAgentToolCreator.create does
// [V: POST /projects/{key}/agents/tools with {type, name, id,
// creationParams}; the answer holds the id]. id "" is sent as null, for
// DSS to generate one; a VectorStoreSearch tool's knowledge bank goes in
// creationParams.knowledgeBankRef [V with_knowledge_bank] ("": none). It
// returns the tool's id.
func (c *Client) CreateAgentTool(ctx context.Context, projectKey, toolType, name, id, knowledgeBankRef string) (string, error) {
	var chosen any
	if id != "" {
		chosen = id
	}
	creation := map[string]any{}
	if knowledgeBankRef != "" {
		creation["knowledgeBankRef"] = knowledgeBankRef
	}
	body := map[string]any{"type": toolType, "name": name, "id": chosen, "creationParams": creation}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "agents", "tools"), nil, body, "created the agent tool")
}

// DeleteAgentTool deletes an agent tool [V agent_tool.py delete].
func (c *Client) DeleteAgentTool(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "agents", "tools", id), nil, nil)
}
