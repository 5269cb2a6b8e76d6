package dss

import (
	"context"
	"net/url"
)

// The ML and LLM objects of a Flow: saved models, model evaluation stores
// and knowledge banks, at the paths Dataiku's Python client calls
// (dataikuapi 14.3: dss/savedmodel.py, dss/evaluationstore.py,
// dss/knowledgebank.py, dss/project.py). Each has an id DSS generates and
// a name. The provider reads them (data sources) and names them in recipe
// refs; it does not train, evaluate or index.

// SavedModel is a saved model's settings, GET/PUT
// /projects/{key}/savedmodels/{id}. DSS fills much more (the ML task, the
// versions' settings), kept in Extra.
type SavedModel struct {
	ID             string `json:"id"`
	ProjectKey     string `json:"projectKey"`
	Name           string `json:"name"`
	SavedModelType string `json:"savedModelType,omitempty"`
	// MiniTask is the ML task the model was trained by; the client reads
	// the prediction type from it [V savedmodel.py prediction_type].
	MiniTask    Object   `json:"miniTask,omitempty"`
	Description string   `json:"description,omitempty"`
	ShortDesc   string   `json:"shortDesc,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Extra       Extra    `json:"-"`
}

func (d *SavedModel) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d SavedModel) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// PredictionType is miniTask.predictionType ("" when absent, as for a
// clustering model or a fine-tuned LLM).
func (d *SavedModel) PredictionType() string {
	s, _ := d.MiniTask["predictionType"].(string)
	return s
}

// SavedModelDoc is a saved model's settings document.
func SavedModelDoc(projectKey, id string) Document[SavedModel] {
	return DocumentAt[SavedModel](Path("projects", projectKey, "savedmodels", id))
}

// ListSavedModels lists a project's saved models [V project.py
// list_saved_models: GET /projects/{key}/savedmodels/].
func (c *Client) ListSavedModels(ctx context.Context, projectKey string) ([]SavedModel, error) {
	return getAs[[]SavedModel](ctx, c, Path("projects", projectKey, "savedmodels")+"/", nil)
}

// CreateSavedModel creates an empty saved model as the client's
// create_mlflow_pyfunc_model, create_finetuned_llm_saved_model and
// create_external_model do: {savedModelType, predictionType, name} (an
// empty predictionType is sent as null). It returns the id DSS generated.
func (c *Client) CreateSavedModel(ctx context.Context, projectKey, name, savedModelType, predictionType string) (string, error) {
	body := map[string]any{"savedModelType": savedModelType, "predictionType": nil, "name": name}
	if predictionType != "" {
		body["predictionType"] = predictionType
	}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "savedmodels")+"/", nil, body, "created the saved model")
}

// DeleteSavedModel deletes a saved model [V savedmodel.py delete].
func (c *Client) DeleteSavedModel(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "savedmodels", id), nil, nil)
}

// EvaluationStore is a (model) evaluation store's settings, GET/PUT
// /projects/{key}/evaluationstores/{id}.
type EvaluationStore struct {
	ID         string `json:"id"`
	ProjectKey string `json:"projectKey"`
	Name       string `json:"name"`
	// Flavor is TABULAR (a model evaluation store), LLM or AGENT [V
	// project.py list_model_evaluation_stores reads mesFlavor].
	Flavor      string   `json:"mesFlavor,omitempty"`
	Description string   `json:"description,omitempty"`
	ShortDesc   string   `json:"shortDesc,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Extra       Extra    `json:"-"`
}

func (d *EvaluationStore) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d EvaluationStore) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// The flavors of an evaluation store [V project.py
// create_evaluation_store: "TABULAR", "AGENT" or "LLM"]; TABULAR is a
// model evaluation store, the flavor create_model_evaluation_store sends.
const (
	EvaluationStoreTabular = "TABULAR"
	EvaluationStoreAgent   = "AGENT"
	EvaluationStoreLLM     = "LLM"
)

// EvaluationStoreFlavors are the known flavors.
var EvaluationStoreFlavors = []string{EvaluationStoreTabular, EvaluationStoreAgent, EvaluationStoreLLM}

// FlavorOrTabular is the store's flavor, TABULAR when DSS holds none [I:
// model evaluation stores, the only flavor before LLM and agent ones
// came, are TABULAR].
func (d *EvaluationStore) FlavorOrTabular() string {
	if d.Flavor == "" {
		return EvaluationStoreTabular
	}
	return d.Flavor
}

// EvaluationStoreDoc is an evaluation store's settings document [V
// evaluationstore.py get_settings, DSSEvaluationStoreSettings.save: GET
// and PUT /projects/{key}/evaluationstores/{id}].
func EvaluationStoreDoc(projectKey, id string) Document[EvaluationStore] {
	return DocumentAt[EvaluationStore](Path("projects", projectKey, "evaluationstores", id))
}

// CreateEvaluationStore creates an evaluation store as
// _create_evaluation_store does [V project.py: POST
// /projects/{key}/evaluationstores/?flavor=F with {projectKey, name}; the
// answer holds the id]. It returns the id DSS generated.
func (c *Client) CreateEvaluationStore(ctx context.Context, projectKey, name, flavor string) (string, error) {
	body := map[string]any{"projectKey": projectKey, "name": name}
	return postCreatedKey[createdID](ctx, c, Path("projects", projectKey, "evaluationstores")+"/", url.Values{"flavor": {flavor}}, body, "created the evaluation store")
}

// DeleteEvaluationStore deletes an evaluation store [V evaluationstore.py
// delete].
func (c *Client) DeleteEvaluationStore(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "evaluationstores", id), nil, nil)
}

// ListAllEvaluationStores lists a project's evaluation stores of every
// flavor: DSS's list without a flavor holds the TABULAR and LLM ones only
// [V list_evaluation_stores' docstring], so the AGENT ones are a second
// request. A store both lists hold (a DSS whose default list has every
// flavor) is listed once.
func (c *Client) ListAllEvaluationStores(ctx context.Context, projectKey string) ([]EvaluationStore, error) {
	stores, err := c.ListEvaluationStores(ctx, projectKey, "")
	if err != nil {
		return nil, err
	}
	agents, err := c.ListEvaluationStores(ctx, projectKey, EvaluationStoreAgent)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(stores))
	for _, s := range stores {
		seen[s.ID] = true
	}
	for _, s := range agents {
		if !seen[s.ID] {
			stores = append(stores, s)
		}
	}
	return stores, nil
}

// ListEvaluationStores lists a project's evaluation stores of a flavor
// (TABULAR, LLM or AGENT); with "" DSS answers its default, TABULAR and
// LLM ones [V project.py list_evaluation_stores].
func (c *Client) ListEvaluationStores(ctx context.Context, projectKey, flavor string) ([]EvaluationStore, error) {
	var q url.Values
	if flavor != "" {
		q = url.Values{"flavor": {flavor}}
	}
	return getAs[[]EvaluationStore](ctx, c, Path("projects", projectKey, "evaluationstores")+"/", q)
}

// KnowledgeBank is a knowledge bank's settings, GET/PUT
// /projects/{key}/knowledge-banks/{id} [V knowledgebank.py
// DSSKnowledgeBankSettings]: the vector store, the embedding LLM, where a
// remote store keeps its index, the images folder and the metadata
// schema. DSS holds more (retrieverType, envSelection, ...), kept in Extra.
type KnowledgeBank struct {
	ID              string `json:"id"`
	ProjectKey      string `json:"projectKey"`
	Name            string `json:"name"`
	VectorStoreType string `json:"vectorStoreType,omitempty"`
	EmbeddingLLMID  string `json:"embeddingLLMId,omitempty"`
	// Connection, IndexName and PineconeIndexName are a remote store's
	// [V project.py create_knowledge_bank's docstring].
	Connection        string `json:"connection,omitempty"`
	IndexName         string `json:"indexName,omitempty"`
	PineconeIndexName string `json:"pineconeIndexName,omitempty"`
	// ManagedFolderID is the images folder: PROJECT.id, or a bare id in
	// the bank's project [V set_images_folder, get_images_folder].
	ManagedFolderID string `json:"managedFolderId,omitempty"`
	// MultimodalColumn is set by the client with the images folder [V].
	MultimodalColumn      string                `json:"multimodalColumn,omitempty"`
	MetadataColumnsSchema []KnowledgeBankColumn `json:"metadataColumnsSchema,omitempty"`
	Description           string                `json:"description,omitempty"`
	ShortDesc             string                `json:"shortDesc,omitempty"`
	Tags                  []string              `json:"tags,omitempty"`
	Extra                 Extra                 `json:"-"`
}

// KnowledgeBankColumn is one metadata field of a knowledge bank [V
// set_metadata_schema: {name, type}].
type KnowledgeBankColumn struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Extra Extra  `json:"-"`
}

func (d *KnowledgeBankColumn) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d KnowledgeBankColumn) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// MultimodalColumnForImages is the multimodalColumn the client sets with
// an images folder [V create_knowledge_bank, set_images_folder].
const MultimodalColumnForImages = "DKU_MULTIMODAL_CONTENT"

// KnowledgeBankDoc is a knowledge bank's settings document.
func KnowledgeBankDoc(projectKey, id string) Document[KnowledgeBank] {
	return DocumentAt[KnowledgeBank](Path("projects", projectKey, "knowledge-banks", id))
}

// CreateKnowledgeBank creates a knowledge bank from its settings, as
// create_knowledge_bank does [V project.py: POST
// /projects/{key}/knowledge-banks/ with the settings, name,
// vectorStoreType and embeddingLLMId; the answer holds the id]. It
// returns the id DSS generated.
func (c *Client) CreateKnowledgeBank(ctx context.Context, kb *KnowledgeBank) (string, error) {
	body, err := createBodyWithoutID(kb)
	if err != nil {
		return "", err
	}
	return postCreatedKey[createdID](ctx, c, Path("projects", kb.ProjectKey, "knowledge-banks")+"/", nil, body, "created the knowledge bank")
}

// DeleteKnowledgeBank deletes a knowledge bank [V knowledgebank.py delete].
func (c *Client) DeleteKnowledgeBank(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "knowledge-banks", id), nil, nil)
}

func (d *KnowledgeBank) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d KnowledgeBank) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ListKnowledgeBanks lists a project's knowledge banks [V project.py
// list_knowledge_banks: no trailing slash].
func (c *Client) ListKnowledgeBanks(ctx context.Context, projectKey string) ([]KnowledgeBank, error) {
	return getAs[[]KnowledgeBank](ctx, c, Path("projects", projectKey, "knowledge-banks"), nil)
}
