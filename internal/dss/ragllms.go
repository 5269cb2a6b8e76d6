package dss

import (
	"context"
	"strings"
)

// Retrieval-augmented LLMs: DSS's GenAI objects that answer with an LLM
// over a knowledge bank, at the paths Dataiku's Python client calls
// (dataikuapi 14.3: dss/retrieval_augmented_llm.py, dss/project.py).
// Each has an id DSS generates and a name that need not be unique [V
// create_retrieval_augmented_llm's docstring]. Its settings are versions,
// one of them active.

// RetrievalAugmentedLLM is a retrieval-augmented LLM's settings, GET/PUT
// /projects/{key}/retrieval-augmented-llms/{id} [V
// DSSRetrievalAugmentedLLMSettings: projectKey, id, versions,
// activeVersion; a taggable object's tags and descriptions]. What DSS
// holds besides is kept in Extra.
type RetrievalAugmentedLLM struct {
	ID         string `json:"id"`
	ProjectKey string `json:"projectKey"`
	Name       string `json:"name"`
	// Versions are kept whole: a save rewrites only the version it
	// changes.
	Versions []RAGLLMVersion `json:"versions,omitempty"`
	// ActiveVersion is a version's versionId; DSS may declare none [V
	// active_version: "May return None"].
	ActiveVersion string   `json:"activeVersion,omitempty"`
	Description   string   `json:"description,omitempty"`
	ShortDesc     string   `json:"shortDesc,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Extra         Extra    `json:"-"`
}

func (d *RetrievalAugmentedLLM) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d RetrievalAugmentedLLM) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// RAGLLMVersion is one version of a retrieval-augmented LLM [V
// get_version_settings: {versionId, ragllmSettings}]. Settings is a
// pointer: a version without ragllmSettings (the client calls it "Not a
// retrieval-augmented-llm?") is written back without one.
type RAGLLMVersion struct {
	VersionID string          `json:"versionId"`
	Settings  *RAGLLMSettings `json:"ragllmSettings,omitempty"`
	Extra     Extra           `json:"-"`
}

func (d *RAGLLMVersion) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d RAGLLMVersion) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// RAGLLMSettings is a version's ragllmSettings: the LLM that answers [V
// llm_id: ragllmSettings.llmId] and the knowledge bank it searches.
// Where the bank sits is [I]: the create sends knowledgeBankRef beside
// llmId [V create_retrieval_augmented_llm], and the version holds llmId
// in ragllmSettings, so the bank is read as ragllmSettings.knowledgeBankRef
// (RAGLLMKnowledgeBankField, the one place that names it). Its form is a
// ref: a bare id for a bank of the LLM's project, or PROJECT.id [V
// utils.py AnyLoc.to_ref, as agent tools write knowledgeBankRef].
type RAGLLMSettings struct {
	LLMID            string `json:"llmId,omitempty"`
	KnowledgeBankRef string `json:"knowledgeBankRef,omitempty"`
	Extra            Extra  `json:"-"`
}

func (d *RAGLLMSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d RAGLLMSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// RAGLLMKnowledgeBankField is the key of ragllmSettings that holds the
// knowledge bank (see RAGLLMSettings: [I]).
const RAGLLMKnowledgeBankField = "knowledgeBankRef"

// ActiveVersionSettings is the active version's ragllmSettings, nil when
// DSS declares no active version, names one it does not hold, or that
// version has no ragllmSettings.
func (d *RetrievalAugmentedLLM) ActiveVersionSettings() *RAGLLMSettings {
	if v := d.Version(d.ActiveVersion); v != nil {
		return v.Settings
	}
	return nil
}

// Version is the version of id ("" or absent: nil).
func (d *RetrievalAugmentedLLM) Version(id string) *RAGLLMVersion {
	return VersionWithID(d.Versions, id, func(v *RAGLLMVersion) string { return v.VersionID })
}

// VersionWithID is the element of versions (the versions of a versioned
// object: retrieval-augmented LLMs, agents) whose versionId, given by of,
// is id; nil when id is "" or absent.
func VersionWithID[V any](versions []V, id string, of func(*V) string) *V {
	if id == "" {
		return nil
	}
	for i := range versions {
		if of(&versions[i]) == id {
			return &versions[i]
		}
	}
	return nil
}

// SameProjectRef reports whether refs a and b name the same object for an
// object of project projectKey: a bare id is one of that project, as
// dataikuapi's AnyLoc.from_ref reads it [V utils.py].
func SameProjectRef(projectKey, a, b string) bool {
	full := func(ref string) string {
		if strings.Contains(ref, ".") {
			return ref
		}
		return projectKey + "." + ref
	}
	return a == b || (a != "" && b != "" && full(a) == full(b))
}

// RetrievalAugmentedLLMDoc is a retrieval-augmented LLM's settings
// document.
func RetrievalAugmentedLLMDoc(projectKey, id string) Document[RetrievalAugmentedLLM] {
	return DocumentAt[RetrievalAugmentedLLM](Path("projects", projectKey, "retrieval-augmented-llms", id))
}

// ListRetrievalAugmentedLLMs lists a project's retrieval-augmented LLMs
// [V project.py list_retrieval_augmented_llms: GET
// /projects/{key}/retrieval-augmented-llms, list items with projectKey,
// id, name and tags].
func (c *Client) ListRetrievalAugmentedLLMs(ctx context.Context, projectKey string) ([]RetrievalAugmentedLLM, error) {
	return getAs[[]RetrievalAugmentedLLM](ctx, c, Path("projects", projectKey, "retrieval-augmented-llms"), nil)
}

// CreateRetrievalAugmentedLLM creates a retrieval-augmented LLM as
// create_retrieval_augmented_llm does [V project.py: POST
// /projects/{key}/retrieval-augmented-llms with {name, knowledgeBankRef,
// llmId}; the answer holds the id]. It returns the id DSS generated.
func (c *Client) CreateRetrievalAugmentedLLM(ctx context.Context, projectKey, name, knowledgeBankRef, llmID string) (string, error) {
	body := map[string]any{"name": name, "knowledgeBankRef": knowledgeBankRef, "llmId": llmID}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "retrieval-augmented-llms"), nil, body, "created the retrieval-augmented LLM")
}

// DeleteRetrievalAugmentedLLM deletes a retrieval-augmented LLM [V
// retrieval_augmented_llm.py delete].
func (c *Client) DeleteRetrievalAugmentedLLM(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "retrieval-augmented-llms", id), nil, nil)
}
