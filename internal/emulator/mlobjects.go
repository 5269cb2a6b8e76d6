package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The ML and LLM objects of a Flow: saved models, model evaluation stores
// (MES), knowledge banks and labeling tasks. The emulator holds them as
// documents so that recipes can read and write them, zones can hold them
// and the provider can look them up; it trains nothing and stores no
// model versions, evaluations or vectors. Each is a docKind keyed by a
// generated id, with a name inside, served at the paths Dataiku's Python
// client calls (dataikuapi 14.3):
//
//	saved models      /projects/{k}/savedmodels/         dss/savedmodel.py, project.py
//	evaluation stores /projects/{k}/evaluationstores/    dss/evaluationstore.py, project.py
//	knowledge banks   /projects/{k}/knowledge-banks      dss/knowledgebank.py, project.py
//
// The client has no route for labeling tasks (DSSLabelingTask only holds
// an id), so the emulator serves none: they exist in the state, are
// inserted by a loader (InsertProjectObject) and are checked as zone items.

// mlObjectIDLength is the length of a generated id [I: the managed
// folder's 8 characters; real Flows show ids of that form for these
// objects too].
const mlObjectIDLength = 8

// newProjectObjectID returns a fresh random id, unused by any id-keyed
// collection of p: recipe refs resolve an id across kinds, so two kinds
// must not share one.
func newProjectObjectID(p *Project) string {
	for {
		if id := randomID(mlObjectIDLength); !idUsed(p, id) {
			return id
		}
	}
}

// idUsed reports whether any collection a ref resolves in holds id (it
// names the maps, not the kinds, which refer to newProjectObjectID).
func idUsed(p *Project, id string) bool {
	for _, m := range []map[string]map[string]any{p.Datasets, p.ManagedFolders, p.SavedModels, p.EvaluationStores, p.KnowledgeBanks, p.LabelingTasks, p.StreamingEndpoints} {
		if _, ok := m[id]; ok {
			return true
		}
	}
	return false
}

// checkObjectName: a new object needs a non-blank name [I: every create
// call of the client sends one]. Names may repeat: DSS does not say they
// are unique, and being stricter than DSS would refuse real projects.
func checkObjectName(noun string) func(p *Project, name string) *APIError {
	return func(_ *Project, name string) *APIError {
		if strings.TrimSpace(name) == "" {
			return errIllegalArgument(fmt.Sprintf("The %s name cannot be blank", noun))
		}
		return nil
	}
}

// checkObjectPut keeps the name of a PUT that sends none and refuses a
// non-string one; the rest of the settings are kept as sent [I].
func checkObjectPut(_ *docCall, doc, old map[string]any) *APIError {
	if old == nil {
		return nil
	}
	return keepStringIfAbsent(doc, old, "name", "name must be a string")
}

// keepStringIfAbsent keeps old's field in a PUT's doc that sends none (or
// null), and refuses a value that is not a string with notString.
func keepStringIfAbsent(doc, old map[string]any, field, notString string) *APIError {
	switch doc[field].(type) {
	case nil:
		doc[field] = old[field]
	case string:
	default:
		return errIllegalArgument(notString)
	}
	return nil
}

// fillObjectDefaults fills the fields every taggable DSS object carries
// [I, as for managed folders] and sorts its tags: all an ML object gets
// (DSS fills the rest of its settings from training or indexing, which the
// emulator does not do), and the common part of every other kind's fill.
func fillObjectDefaults(doc map[string]any) {
	fillMissing(doc, map[string]any{
		"tags":         []any{},
		"description":  "",
		"shortDesc":    "",
		"customFields": map[string]any{},
		"checklists":   map[string]any{"checklists": []any{}},
	})
	doc["tags"] = sortTags(doc["tags"])
}

func notFoundAs(noun string) func(key, id string) *APIError {
	return func(key, id string) *APIError {
		return errNotFound(fmt.Sprintf("%s does not exist: %s.%s", noun, key, id))
	}
}

// savedModelKind: /projects/{k}/savedmodels/. The client creates MLflow,
// fine-tuned LLM and external (proxy) models with {savedModelType,
// predictionType, name, proxyModelConfiguration} and reads the prediction
// type back from miniTask.predictionType [V savedmodel.py
// DSSSavedModelSettings.prediction_type]: a create that names one and has
// no miniTask gets {predictionType} there [I].
var savedModelKind = &docKind{
	noun:      "saved model",
	path:      "savedmodels",
	param:     "savedModelId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.SavedModels },
	notFound:  notFoundAs("Saved model"),
	checkName: checkObjectName("saved model"),
	newID:     newProjectObjectID,
	check: func(x *docCall, doc, old map[string]any) *APIError {
		if old == nil {
			if pt, ok := doc["predictionType"].(string); ok && pt != "" {
				if _, has := doc["miniTask"]; !has {
					doc["miniTask"] = map[string]any{"predictionType": pt}
				}
			}
		}
		return checkObjectPut(x, doc, old)
	},
	fill: fillObjectDefaults,
	// create_mlflow_pyfunc_model, create_finetuned_llm_saved_model and
	// create_external_model's bodies [V project.py].
	createFields: []string{"projectKey", "name", "savedModelType", "predictionType", "proxyModelConfiguration"},
}

// evaluationStoreKind: /projects/{k}/evaluationstores/. The create's
// ?flavor= (TABULAR, LLM or AGENT [V project.py create_evaluation_store])
// is kept as mesFlavor, the field list_model_evaluation_stores reads [V];
// the list's ?flavor= filters on it, and without it lists TABULAR and LLM
// stores only, as the client's docstring says [V list_evaluation_stores].
var evaluationStoreKind = &docKind{
	noun:      "model evaluation store",
	path:      "evaluationstores",
	param:     "mesId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.EvaluationStores },
	notFound:  notFoundAs("Model evaluation store"),
	checkName: checkObjectName("model evaluation store"),
	newID:     newProjectObjectID,
	check:     checkEvaluationStorePut,
	fill:      fillObjectDefaults,
	fromRequest: func(r *http.Request, doc map[string]any) {
		if f := r.URL.Query().Get("flavor"); f != "" {
			doc["mesFlavor"] = f
		} else if _, ok := doc["mesFlavor"]; !ok {
			doc["mesFlavor"] = "TABULAR" // [I] the flavor of create_model_evaluation_store
		}
	},
	listFilter: func(x *docCall) func(map[string]any) bool {
		want := x.r.URL.Query().Get("flavor")
		return func(d map[string]any) bool {
			f, _ := d["mesFlavor"].(string)
			if want != "" {
				return f == want
			}
			return f != "AGENT"
		}
	},
	createFields: []string{"projectKey", "name"}, // _create_evaluation_store [V]
}

// checkEvaluationStorePut keeps, in a PUT of the settings, the name when
// none is sent, and the flavor the store was created with, whatever the
// PUT sends: the flavor is chosen by the create's ?flavor= [V] and no
// call of the client changes it [I: DSS's screens cannot either].
func checkEvaluationStorePut(x *docCall, doc, old map[string]any) *APIError {
	if err := checkObjectPut(x, doc, old); err != nil {
		return err
	}
	if old != nil {
		if f, ok := old["mesFlavor"]; ok {
			doc["mesFlavor"] = f
		} else {
			delete(doc, "mesFlavor")
		}
	}
	return nil
}

// knowledgeBankKind: /projects/{k}/knowledge-banks (no trailing slash on
// the list [V list_knowledge_banks], one on the create [V
// create_knowledge_bank], both served). The create sends the whole
// settings with name, vectorStoreType and embeddingLLMId: all are kept,
// and DSS's defaults are filled (fillKnowledgeBankDefaults). Names may
// repeat [V: "This does not need to be unique"]. Writes need the
// project's write rights (docstore.go), as for every Flow object.
var knowledgeBankKind = &docKind{
	noun:      "knowledge bank",
	path:      "knowledge-banks",
	param:     "kbId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.KnowledgeBanks },
	notFound:  notFoundAs("Knowledge bank"),
	checkName: checkObjectName("knowledge bank"),
	newID:     newProjectObjectID,
	check:     checkKnowledgeBank,
	fill:      fillKnowledgeBankDefaults,
}

// checkKnowledgeBank: a bank has a vector store type (the client always
// sends one [V create_knowledge_bank]; a PUT without one keeps the
// stored one, as for the name), its string settings are strings, and its
// metadata schema is a list of {name, type} with a name [V
// set_metadata_schema]. The values of vectorStoreType are not checked:
// the client's list is a docstring, not necessarily DSS's whole enum [I].
// Only a create through the API needs one: a bank DSS already holds
// (seeded from a project's files, or stored without one) may lack it, as
// real documents lack keys the screens always write, and a PUT of such a
// bank that still sends none keeps it without one. So may it hold an
// empty one (""), which DSS's enum reading takes as none: stored as
// given, as DSS stores what a save gives it; a blank of spaces is still
// refused.
func checkKnowledgeBank(x *docCall, doc, old map[string]any) *APIError {
	if err := checkObjectPut(x, doc, old); err != nil {
		return err
	}
	if _, had := old["vectorStoreType"]; had {
		if err := keepStringIfAbsent(doc, old, "vectorStoreType", "vectorStoreType must be a string"); err != nil {
			return err
		}
	}
	needs := errIllegalArgument("A knowledge bank needs a vectorStoreType (e.g. CHROMA, PINECONE, ELASTICSEARCH, AZURE_AI_SEARCH, VERTEX_AI_GCS_BASED, FAISS, QDRANT_LOCAL)")
	create := old == nil && x.r != nil // a create through the API
	switch vst := doc["vectorStoreType"].(type) {
	case nil:
		if create {
			return needs
		}
	case string:
		if strings.TrimSpace(vst) == "" && (vst != "" || create) {
			return needs
		}
	default:
		return needs
	}
	if err := checkOptional[string](doc, "a string", "embeddingLLMId", "connection", "indexName", "pineconeIndexName", "managedFolderId", "multimodalColumn"); err != nil {
		return err
	}
	if err := checkOptional[[]any](doc, "a list", "metadataColumnsSchema"); err != nil {
		return err
	}
	cols, _ := doc["metadataColumnsSchema"].([]any)
	for i, c := range cols {
		col, ok := c.(map[string]any)
		if !ok {
			return errIllegalArgument(fmt.Sprintf("metadataColumnsSchema[%d] must be an object {name, type}", i))
		}
		if name, _ := col["name"].(string); strings.TrimSpace(name) == "" {
			return errIllegalArgument(fmt.Sprintf("metadataColumnsSchema[%d] has no name", i))
		}
		if err := checkOptional[string](col, "a string", "type"); err != nil {
			return err
		}
	}
	return nil
}

// fillKnowledgeBankDefaults fills what DSS's knowledge bank carries
// besides what the client sends: a vector-store-backed retriever, rebuilt
// explicitly, in the instance's default code env, with no metadata
// columns (the fixture of a real bank in mlobjects_shapes_test.go has
// these keys; their default values are [I]), plus every taggable
// object's fields.
func fillKnowledgeBankDefaults(doc map[string]any) {
	fillMissing(doc, map[string]any{
		"retrieverType":         "VECTOR_STORE_BACKED",
		"rebuildBehavior":       "EXPLICIT",
		"envSelection":          map[string]any{"envMode": "INHERIT"},
		"metadataColumnsSchema": []any{},
	})
	fillObjectDefaults(doc)
}

// labelingTaskKind holds labeling tasks. No routes (see above).
var labelingTaskKind = &docKind{
	noun:      "labeling task",
	path:      "labelingtasks",
	param:     "labelingTaskId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.LabelingTasks },
	notFound:  notFoundAs("Labeling task"),
	checkName: checkObjectName("labeling task"),
	newID:     newProjectObjectID,
	check:     checkObjectPut,
	fill:      fillObjectDefaults,
}

// mlObjectRoutes serves the saved model, evaluation store, knowledge bank
// retrieval-augmented LLM (ragllms.go), agent (agents.go) and agent tool
// (agent_tools.go) kinds. Versions, evaluations,
// search and builds are not served.
func (s *Server) mlObjectRoutes() {
	s.kindRoutes(savedModelKind)
	s.kindRoutes(evaluationStoreKind)
	s.kindRoutes(knowledgeBankKind)
	s.kindRoutes(retrievalAugmentedLLMKind)
	s.kindRoutes(agentKind)
	s.kindRoutesWith(agentToolKind, s.handleCreateAgentTool())
}

// refKinds are the kinds a recipe's input or output may name, in the
// order a ref is resolved: datasets by name, the others by id.
var refKinds = []*docKind{datasetKind, managedFolderKind, savedModelKind, evaluationStoreKind, knowledgeBankKind, streamingEndpointKind}

// projectKinds are every id- or name-keyed kind of a project's Flow.
var projectKinds = append(slices.Clone(refKinds), labelingTaskKind)

// refKindOf is the kind of p's object named name (nil: none). Labeling
// tasks are checked too, for id generation, though no recipe names one.
func refKindOf(p *Project, name string) *docKind {
	for _, kind := range projectKinds {
		if _, ok := kind.docs(p)[name]; ok {
			return kind
		}
	}
	return nil
}

// zoneKinds maps a zone item's objectType to the kind holding it.
var zoneKinds = map[string]*docKind{
	"DATASET":                datasetKind,
	"MANAGED_FOLDER":         managedFolderKind,
	"SAVED_MODEL":            savedModelKind,
	"MODEL_EVALUATION_STORE": evaluationStoreKind,
	"RETRIEVABLE_KNOWLEDGE":  knowledgeBankKind,
	"LABELING_TASK":          labelingTaskKind,
	"STREAMING_ENDPOINT":     streamingEndpointKind,
}

// Recipes are zone items too (their deletion leaves their zone, a zone
// item naming a missing one is refused). The recipe kind joins at init:
// its check reads zoneKinds (through exposedObjectType), so a static
// entry would be an initialization cycle.
func init() { zoneKinds["RECIPE"] = recipeKind }

// zoneTypeOf is the zone objectType of a kind ("" for none).
func zoneTypeOf(kind *docKind) string {
	for t, zk := range zoneKinds {
		if zk == kind {
			return t
		}
	}
	return ""
}

// projectObjectKinds are the kinds InsertProjectObject knows, by the name
// a loader uses (the collection's path).
var projectObjectKinds = map[string]*docKind{
	savedModelKind.path:      savedModelKind,
	evaluationStoreKind.path: evaluationStoreKind,
	knowledgeBankKind.path:   knowledgeBankKind,
	labelingTaskKind.path:    labelingTaskKind,
}

// InsertProjectObject stores a saved model ("savedmodels"), model
// evaluation store ("evaluationstores"), knowledge bank
// ("knowledge-banks") or labeling task ("labelingtasks") under the id a
// project on disk gives it, for a loader. The document is kept as given
// (its creationTag and versionTag too, when it has them), with id and
// projectKey set and no defaults filled, so that it reads back as the
// project held it; the id must be new in the project, across the kinds a
// recipe ref can name.
func (s *Server) InsertProjectObject(projectKey, kindName, id string, doc map[string]any) error {
	kind := projectObjectKinds[kindName]
	if kind == nil {
		return fmt.Errorf("emulator: unknown project object kind %q", kindName)
	}
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("emulator: %s with no id", kind.noun)
	}
	return s.mutate(func(st *State) error {
		p := st.Projects[projectKey]
		if p == nil {
			return errNotFound("Project not found: " + projectKey)
		}
		if other := refKindOf(p, id); other != nil {
			return newError(StatusDuplicate, ErrTypeIllegalArgument,
				fmt.Sprintf("%s %s.%s already exists as a %s", kind.noun, projectKey, id, other.noun))
		}
		s.touch(projectKey)
		d := copyDoc(doc)
		d["id"], d["projectKey"] = id, projectKey
		fillMissing(d, map[string]any{"name": id, "creationTag": versionTag(AdminLogin), "versionTag": versionTag(AdminLogin)})
		kind.docs(p)[id] = d
		return nil
	})
}

// ensureMLObjects makes p's collections of these kinds (and of streaming
// endpoints, the other Flow objects held apart from datasets and folders,
// and of retrieval-augmented LLMs, agents and agent tools, ragllms.go,
// agents.go, agent_tools.go)
// non-nil, so that a create can insert into them (a read of a nil map is
// fine, and reads must not write under the read lock).
func ensureMLObjects(p *Project) {
	ensureDocs(&p.SavedModels, &p.EvaluationStores, &p.KnowledgeBanks, &p.LabelingTasks, &p.StreamingEndpoints, &p.RetrievalAugmentedLLMs, &p.Agents, &p.AgentTools)
}

// ensureCollections makes every collection of p non-nil, for a project
// loaded or imported whole.
func ensureCollections(p *Project) {
	ensureDocs(&p.Datasets, &p.ManagedFolders, &p.Recipes, &p.Scenarios)
	ensureMLObjects(p)
}

// ensureDocs makes each collection non-nil, before a write inserts into it
// (a project created or loaded since may lack one; a nil map reads as
// empty, and reads must not write under the read lock).
func ensureDocs(collections ...*map[string]map[string]any) {
	for _, m := range collections {
		ensureMap(m)
	}
}

// withoutDoc is a copy of docs less id: a collection is replaced, never
// changed in place (see mutate).
func withoutDoc(docs map[string]map[string]any, id string) map[string]map[string]any {
	out := make(map[string]map[string]any, len(docs))
	for docID, d := range docs {
		if docID != id {
			out[docID] = d
		}
	}
	return out
}

// copyDocs deep-copies a collection (nil stays nil).
func copyDocs(m map[string]map[string]any) map[string]map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]map[string]any, len(m))
	for k, v := range m {
		out[k] = copyDoc(v)
	}
	return out
}
