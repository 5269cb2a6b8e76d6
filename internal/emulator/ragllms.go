package emulator

import (
	"fmt"
	"strings"
)

// Retrieval-augmented LLMs: DSS's GenAI objects that answer with an LLM
// over a knowledge bank, served at the paths Dataiku's Python client
// calls (dataikuapi 14.3 dss/project.py, dss/retrieval_augmented_llm.py):
//
//	GET    /projects/{k}/retrieval-augmented-llms        list
//	POST   /projects/{k}/retrieval-augmented-llms        create {name, knowledgeBankRef, llmId} → {id, ...}
//	GET    /projects/{k}/retrieval-augmented-llms/{id}   settings {projectKey, id, name, versions, activeVersion, ...}
//	PUT    /projects/{k}/retrieval-augmented-llms/{id}   save (whole document)
//	DELETE /projects/{k}/retrieval-augmented-llms/{id}
//
// The emulator answers no query (as_llm): it holds the settings only.
// They are not Flow objects of the emulator: no zone holds them and no
// recipe names them.

// ragLLMFirstVersion is the versionId of the version a create makes [I:
// DSS's shape of a new object's first version is not documented].
const ragLLMFirstVersion = "v1"

// retrievalAugmentedLLMKind: keyed by a generated id; names may repeat [V
// "This does not need to be unique"]. Writes need the project's write
// rights (docstore.go), as for every object of a project.
var retrievalAugmentedLLMKind = &docKind{
	noun:      "retrieval-augmented LLM",
	path:      "retrieval-augmented-llms",
	param:     "ragllmId",
	keyField:  "id",
	docs:      retrievalAugmentedLLMsOf,
	notFound:  notFoundAs("Retrieval-augmented LLM"),
	checkName: checkObjectName("retrieval-augmented LLM"),
	newID:     unusedID(newProjectObjectID, retrievalAugmentedLLMsOf),
	check:     checkRetrievalAugmentedLLM,
	fill:      fillObjectDefaults,
	// create_retrieval_augmented_llm's body [V].
	createFields: []string{"projectKey", "name", "knowledgeBankRef", "llmId"},
}

// checkRetrievalAugmentedLLM: a create (old nil) turns the client's
// {name, knowledgeBankRef, llmId} into DSS's versioned settings, one
// active version holding both (newRAGLLMVersions); a save keeps the
// stored name and versions when it sends none, and refuses malformed
// versions or an active version it does not hold.
func checkRetrievalAugmentedLLM(x *docCall, doc, old map[string]any) *APIError {
	if old == nil {
		if err := newRAGLLMVersions(x, doc); err != nil {
			return err
		}
	} else {
		if err := checkObjectPut(x, doc, old); err != nil {
			return err
		}
		if doc["versions"] == nil {
			doc["versions"] = deepCopy(old["versions"])
		}
	}
	return checkRAGLLMVersions(doc)
}

// newRAGLLMVersions builds a created LLM's first version from the
// create's knowledgeBankRef and llmId (a body that already holds versions
// keeps them). The knowledge bank must exist [I: DSS's answer to a
// missing one is not documented; the emulator refuses it as an illegal
// argument, 400, never as a missing LLM]; a ref is a bare id of the
// project or PROJECT.id [V utils.py AnyLoc].
func newRAGLLMVersions(x *docCall, doc map[string]any) *APIError {
	if doc["versions"] != nil {
		return nil
	}
	ref, _ := doc["knowledgeBankRef"].(string)
	llm, _ := doc["llmId"].(string)
	if strings.TrimSpace(ref) == "" || strings.TrimSpace(llm) == "" {
		return errIllegalArgument("A retrieval-augmented LLM needs a knowledgeBankRef and an llmId")
	}
	bankKey, bankID := x.key, ref
	if k, id, ok := strings.Cut(ref, "."); ok {
		bankKey, bankID = k, id
	}
	if bp := x.st.Projects[bankKey]; bp == nil || bp.KnowledgeBanks[bankID] == nil {
		return errIllegalArgument(fmt.Sprintf("Knowledge bank does not exist: %s.%s", bankKey, bankID))
	}
	delete(doc, "knowledgeBankRef")
	delete(doc, "llmId")
	doc["versions"] = []any{map[string]any{
		"versionId": ragLLMFirstVersion,
		// The retrieval defaults are [I]: DSS fills search settings the
		// client does not send; these two stand for them, so that a
		// client meets keys it did not write.
		"ragllmSettings": map[string]any{"knowledgeBankRef": ref, "llmId": llm, "maxDocuments": 4.0, "searchType": "SIMILARITY"},
	}}
	doc["activeVersion"] = ragLLMFirstVersion
	return nil
}

// checkRAGLLMVersions: the versions of a retrieval-augmented LLM
// (checkVersions), whose ragllmSettings' llmId and knowledgeBankRef, when
// present, are strings.
func checkRAGLLMVersions(doc map[string]any) *APIError {
	return checkVersions(doc, "ragllmSettings", "llmId", "knowledgeBankRef")
}

// checkVersions checks a versioned object's settings (retrieval-augmented
// LLMs, agents): versions is a list of objects, each with a distinct
// non-blank versionId and, when present, settingsKey an object whose
// stringKeys are strings; activeVersion, when set, names one of them (the
// client reads it as such [V get_version_settings(active_version)]).
func checkVersions(doc map[string]any, settingsKey string, stringKeys ...string) *APIError {
	versions, ok := doc["versions"].([]any)
	if !ok {
		return errIllegalArgument("versions must be a list")
	}
	seen := map[string]bool{}
	for i, v := range versions {
		version, ok := v.(map[string]any)
		if !ok {
			return errIllegalArgument(fmt.Sprintf("versions[%d] must be an object {versionId, %s}", i, settingsKey))
		}
		id, _ := version["versionId"].(string)
		if strings.TrimSpace(id) == "" {
			return errIllegalArgument(fmt.Sprintf("versions[%d] has no versionId", i))
		}
		if seen[id] {
			return errIllegalArgument("Two versions have the versionId " + id)
		}
		seen[id] = true
		if err := checkOptional[map[string]any](version, "an object", settingsKey); err != nil {
			return err
		}
		if s, ok := version[settingsKey].(map[string]any); ok {
			if err := checkOptional[string](s, "a string", stringKeys...); err != nil {
				return err
			}
		}
	}
	switch active := doc["activeVersion"].(type) {
	case nil:
	case string:
		if !seen[active] {
			return errIllegalArgument("The active version " + active + " is not one of the versions")
		}
	default:
		return errIllegalArgument("activeVersion must be a string")
	}
	return nil
}

// retrievalAugmentedLLMsOf are the project's RetrievalAugmentedLLMs, by id.
func retrievalAugmentedLLMsOf(p *Project) map[string]map[string]any { return p.RetrievalAugmentedLLMs }
