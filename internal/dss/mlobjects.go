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
	out, err := postCreate[createdID](ctx, c, Path("projects", projectKey, "savedmodels")+"/", body, "created the saved model")
	if err != nil {
		return "", err
	}
	return out.ID, nil
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
// /projects/{key}/knowledge-banks/{id}.
type KnowledgeBank struct {
	ID              string   `json:"id"`
	ProjectKey      string   `json:"projectKey"`
	Name            string   `json:"name"`
	VectorStoreType string   `json:"vectorStoreType,omitempty"`
	EmbeddingLLMID  string   `json:"embeddingLLMId,omitempty"`
	Description     string   `json:"description,omitempty"`
	ShortDesc       string   `json:"shortDesc,omitempty"`
	Tags            []string `json:"tags,omitempty"`
	Extra           Extra    `json:"-"`
}

func (d *KnowledgeBank) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d KnowledgeBank) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ListKnowledgeBanks lists a project's knowledge banks [V project.py
// list_knowledge_banks: no trailing slash].
func (c *Client) ListKnowledgeBanks(ctx context.Context, projectKey string) ([]KnowledgeBank, error) {
	return getAs[[]KnowledgeBank](ctx, c, Path("projects", projectKey, "knowledge-banks"), nil)
}
