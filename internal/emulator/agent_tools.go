package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// Agent tools: the tools of DSS's LLM Mesh that visual agents use, served
// at the paths Dataiku's Python client calls (dataikuapi dss/project.py,
// dss/agent_tool.py):
//
//	GET    /projects/{k}/agents/tools        list {"tools": [{id, type, name, ...}]}
//	POST   /projects/{k}/agents/tools        create {type, name, id, creationParams} → {id, ...}
//	GET    /projects/{k}/agents/tools/{id}   settings {projectKey, id, name, type, params, ...}
//	PUT    /projects/{k}/agents/tools/{id}   save (whole document)
//	DELETE /projects/{k}/agents/tools/{id}
//
// The emulator runs no tool (invocations, descriptor) and lists no tool
// shared from another project (foreign=true): it holds the settings only.

// agentToolTypeVectorStoreSearch is the one type the client names [V].
const agentToolTypeVectorStoreSearch = "VectorStoreSearch"

// agentToolKind: keyed by the id the create names or, without one, a
// generated id [V new_agent_tool: "An id will be automatically assigned
// if not specified"]; names may repeat [I: the client defaults a name to
// the type, so two tools of one type share it]. Writes need the project's
// write rights (docstore.go), as for every object of a project.
var agentToolKind = &docKind{
	noun:      "agent tool",
	path:      "agents/tools",
	param:     "toolId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.AgentTools },
	notFound:  notFoundAs("Agent tool"),
	checkName: checkObjectName("agent tool"),
	check:     checkAgentTool,
	fill:      fillObjectDefaults,
	listUnder: "tools",
	listItem: func(_ *docCall, d map[string]any) map[string]any {
		return keepFields(copyDoc(d), []string{"id", "projectKey", "type", "name", "tags"})
	},
}

// handleCreateAgentTool serves DSSAgentToolCreator.create's POST [V]: the
// tool's type and name, its id or null, and creationParams, which become
// the tool's params (a VectorStoreSearch tool's knowledgeBankRef [V
// with_knowledge_bank]). Any type is accepted [I: DSS's plugins add their
// own; DSS decides]. A VectorStoreSearch tool's params get two search
// defaults [I], so that a client meets keys it did not write. A chosen id
// that is blank, holds a dot or a slash (refs split on the dot), or is
// taken is refused [I].
func (s *Server) handleCreateAgentTool() http.HandlerFunc {
	k := agentToolKind
	return s.serveCollection(k, AccessWrite, true, func(x *docCall, body map[string]any) (any, *APIError) {
		typ, _ := body["type"].(string)
		if strings.TrimSpace(typ) == "" {
			return nil, errIllegalArgument("An agent tool needs a type")
		}
		name, _ := body["name"].(string)
		if err := k.checkName(x.p, name); err != nil {
			return nil, err
		}
		var id string
		switch v := body["id"].(type) {
		case nil:
			for id == "" || x.p.AgentTools[id] != nil {
				id = newProjectObjectID(x.p)
			}
		case string:
			if strings.TrimSpace(v) == "" || strings.ContainsAny(v, "./") {
				return nil, errIllegalArgument(fmt.Sprintf("Invalid agent tool id %q: it must not be blank nor hold a dot or a slash", v))
			}
			if x.p.AgentTools[v] != nil {
				return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Agent tool %s already exists in project %s", v, x.key))
			}
			id = v
		default:
			return nil, errIllegalArgument("id must be a string")
		}
		params := map[string]any{}
		if err := checkOptional[map[string]any](body, "an object", "creationParams"); err != nil {
			return nil, err
		}
		if creation, _ := body["creationParams"].(map[string]any); creation != nil {
			params = copyDoc(creation)
		}
		if typ == agentToolTypeVectorStoreSearch {
			fillMissing(params, map[string]any{"maxDocuments": 4.0, "searchType": "SIMILARITY"})
		}
		doc := map[string]any{"id": id, "projectKey": x.key, "name": name, "type": typ, "params": params}
		if err := k.check(x, doc, nil); err != nil {
			return nil, err
		}
		return k.insertDoc(x.p, id, doc, x.c.Login), nil
	})
}

// checkAgentTool: params is an object whose knowledgeBankRef, when set, is
// a string; a save keeps the stored name, type and params when it sends
// none, and refuses another type [I: the client offers no way to change
// it].
func checkAgentTool(x *docCall, doc, old map[string]any) *APIError {
	if old != nil {
		if err := checkObjectPut(x, doc, old); err != nil {
			return err
		}
		for _, f := range []string{"type", "params"} {
			if doc[f] == nil && old[f] != nil {
				doc[f] = deepCopy(old[f])
			}
		}
		if doc["type"] != old["type"] {
			return errIllegalArgument(fmt.Sprintf("The type of an agent tool cannot be changed (from %v to %v)", old["type"], doc["type"]))
		}
	}
	if err := checkOptional[map[string]any](doc, "an object", "params"); err != nil {
		return err
	}
	if params, _ := doc["params"].(map[string]any); params != nil {
		return checkOptional[string](params, "a string", "knowledgeBankRef")
	}
	return nil
}
