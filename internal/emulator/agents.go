package emulator

import (
	"fmt"
	"slices"
	"strings"
)

// Agents: DSS's LLM Mesh agents, served at the paths Dataiku's Python
// client calls (dataikuapi dss/project.py, dss/agent.py):
//
//	GET    /projects/{k}/agents        list
//	POST   /projects/{k}/agents        create {name, type, pluginAgentType} → {id, ...}
//	GET    /projects/{k}/agents/{id}   settings {projectKey, id, name, type, versions, activeVersion, ...}
//	PUT    /projects/{k}/agents/{id}   save (whole document)
//	DELETE /projects/{k}/agents/{id}
//
// The emulator answers no query (as_llm) and runs no agent: it holds the
// settings only, versioned as retrieval-augmented LLMs are (ragllms.go).

// agentTypes are the types create_agent's docstring names [V]. DSS's
// answer to another is not documented [I]: the emulator refuses it as an
// illegal argument.
var agentTypes = []string{"PYTHON_AGENT", "PLUGIN_AGENT", "TOOLS_USING_AGENT"}

// agentKind: keyed by a generated id; names may repeat [V "This does not
// need to be unique"]. Writes need the project's write rights
// (docstore.go), as for every object of a project.
var agentKind = &docKind{
	noun:      "agent",
	path:      "agents",
	param:     "agentId",
	keyField:  "id",
	docs:      agentsOf,
	notFound:  notFoundAs("Agent"),
	checkName: checkObjectName("agent"),
	newID:     unusedID(newProjectObjectID, agentsOf),
	check:     checkAgent,
	fill:      fillObjectDefaults,
	// create_agent's body [V].
	createFields: []string{"projectKey", "name", "type", "pluginAgentType"},
}

// checkAgent: a create (old nil) checks the type and makes the first
// version (newAgentVersions); a save keeps the stored name, type, plugin
// type and versions when it sends none, refuses a change of type [I: the
// client offers no way to change it], and refuses malformed versions or
// an active version it does not hold.
func checkAgent(x *docCall, doc, old map[string]any) *APIError {
	if old == nil {
		if err := newAgentVersions(doc); err != nil {
			return err
		}
	} else {
		if err := checkObjectPut(x, doc, old); err != nil {
			return err
		}
		for _, f := range []string{"type", "pluginAgentType", "versions"} {
			if doc[f] == nil && old[f] != nil {
				doc[f] = deepCopy(old[f])
			}
		}
		if doc["type"] != old["type"] {
			return errIllegalArgument(fmt.Sprintf("The type of an agent cannot be changed (from %v to %v)", old["type"], doc["type"]))
		}
	}
	if err := checkVersions(doc, "toolsUsingAgentSettings", "llmId"); err != nil {
		return err
	}
	return checkAgentTools(doc)
}

// newAgentVersions checks a created agent's type and makes its first
// version, v1, active (a body that already holds versions keeps them).
// The first version's shape is [I]: a visual agent's holds
// toolsUsingAgentSettings with no LLM and no tool yet, as the client's
// llm_id setter and add_tool expect to find them [V agent.py]; the other
// types' hold only their versionId. PLUGIN_AGENT needs its
// pluginAgentType [I: the docstring says it is only for that type].
func newAgentVersions(doc map[string]any) *APIError {
	typ, _ := doc["type"].(string)
	if !slices.Contains(agentTypes, typ) {
		return errIllegalArgument(fmt.Sprintf("Unknown agent type %q (expected one of %s)", typ, strings.Join(agentTypes, ", ")))
	}
	plugin, _ := doc["pluginAgentType"].(string)
	switch {
	case typ == "PLUGIN_AGENT" && strings.TrimSpace(plugin) == "":
		return errIllegalArgument("A PLUGIN_AGENT agent needs a pluginAgentType")
	case typ != "PLUGIN_AGENT":
		delete(doc, "pluginAgentType") // the client sends null
	}
	if doc["versions"] != nil {
		return nil
	}
	first := map[string]any{"versionId": agentFirstVersion}
	if typ == "TOOLS_USING_AGENT" {
		first["toolsUsingAgentSettings"] = map[string]any{"tools": []any{}}
	}
	doc["versions"] = []any{first}
	doc["activeVersion"] = agentFirstVersion
	return nil
}

// agentFirstVersion is the versionId of the version a create makes [I,
// as for retrieval-augmented LLMs].
const agentFirstVersion = ragLLMFirstVersion

// checkAgentTools: a version's toolsUsingAgentSettings.tools, when
// present, is a list of objects each with a non-blank toolRef [V agent.py
// tools: "Each tool is a dict, containing at least toolRef"].
func checkAgentTools(doc map[string]any) *APIError {
	versions, _ := doc["versions"].([]any)
	for i, v := range versions {
		settings, _ := v.(map[string]any)["toolsUsingAgentSettings"].(map[string]any)
		if settings == nil || settings["tools"] == nil {
			continue
		}
		tools, ok := settings["tools"].([]any)
		if !ok {
			return errIllegalArgument(fmt.Sprintf("versions[%d].toolsUsingAgentSettings.tools must be a list", i))
		}
		for j, t := range tools {
			tool, ok := t.(map[string]any)
			ref, _ := tool["toolRef"].(string)
			if !ok || strings.TrimSpace(ref) == "" {
				return errIllegalArgument(fmt.Sprintf("versions[%d].toolsUsingAgentSettings.tools[%d] must be an object with a toolRef", i, j))
			}
			if err := checkOptional[string](tool, "a string", "additionalDescription"); err != nil {
				return err
			}
		}
	}
	return nil
}

// agentsOf are the project's Agents, by id.
func agentsOf(p *Project) map[string]map[string]any { return p.Agents }
