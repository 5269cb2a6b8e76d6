package emulator

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// fillDatasetDefaults fills what DSS fills when it deserialises a dataset
// definition (dss-api.md §6.5): on create and on every PUT, since DSS's Java
// objects carry these defaults whatever the client sent. [I]
func fillDatasetDefaults(doc map[string]any) {
	fillObjectDefaults(doc)
	fillMissing(doc, map[string]any{
		"managed":      false,
		"featureGroup": false,
		"customMeta":   map[string]any{"kv": map[string]any{}},
		"flowOptions":  map[string]any{"virtualizable": false, "rebuildBehavior": "NORMAL", "crossProjectBuildBehavior": "DEFAULT"},
		"readWriteOptions": map[string]any{
			"preserveOrder": false, "writeBuckets": 1, "forceSingleOutputFile": false,
			"defaultReadOrdering": map[string]any{"enabled": false, "rules": []any{}},
		},
		"metrics": map[string]any{"probes": []any{}, "engineConfig": map[string]any{}, "displayedState": map[string]any{"columns": []any{}, "metrics": []any{}}},
	})
	fillMissing(doc, map[string]any{"metricsChecks": map[string]any{"runOnBuild": false, "checks": []any{}, "displayedState": map[string]any{"checks": []any{}}}})
	fillMissing(objectField(doc, "schema"), map[string]any{"columns": []any{}, "userModified": false})
	fillMissing(objectField(doc, "partitioning"), map[string]any{"dimensions": []any{}, "ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false})
	typ, _ := doc["type"].(string)
	fillMissing(objectField(doc, "params"), names.DatasetParamsDefaults(typ))
	// Only a dataset with a format has formatParams: real SQL datasets
	// have neither formatType nor formatParams (dss-real-shapes.md).
	if ft, _ := doc["formatType"].(string); ft != "" {
		fillMissing(objectField(doc, "formatParams"), names.FormatParamsDefaults(ft))
	}
}

// validateSchemaColumns checks a schema's {columns:[{name,type,...}]}.
func validateSchemaColumns(m map[string]any) *APIError {
	if m["columns"] == nil {
		return nil
	}
	list, ok := m["columns"].([]any)
	if !ok {
		return errIllegalArgument("schema.columns must be an array")
	}
	for i, c := range list {
		col, ok := c.(map[string]any)
		if !ok {
			return errIllegalArgument(fmt.Sprintf("schema column %d must be an object", i))
		}
		name, _ := col["name"].(string)
		typ, _ := col["type"].(string)
		if name == "" {
			return errIllegalArgument(fmt.Sprintf("schema column %d has no name", i))
		}
		if !slices.Contains(names.ColumnTypes, typ) { // DSS's storage types (dss-api.md §4.4)
			return errIllegalArgument(fmt.Sprintf("Invalid type '%s' for column '%s'", typ, name))
		}
	}
	return nil
}

// validateDatasetDoc checks the parts of a definition DSS would refuse:
// the schema types and the connection (it must exist and suit the type).
func validateDatasetDoc(st *State, doc map[string]any) *APIError {
	typ, _ := doc["type"].(string)
	if typ == "" {
		return errIllegalArgument("Dataset type is missing")
	}
	if err := checkOptional[map[string]any](doc, "an object", "schema"); err != nil {
		return err
	}
	schema, _ := doc["schema"].(map[string]any)
	if err := validateSchemaColumns(schema); err != nil {
		return err
	}
	if err := checkOptional[map[string]any](doc, "an object", "params", "formatParams"); err != nil {
		return err
	}
	params, _ := doc["params"].(map[string]any)
	connName, _ := params["connection"].(string)
	if connName == "" {
		return nil
	}
	conn, ok := st.Connections[connName]
	if !ok {
		return errConnectionMissing(connName)
	}
	if want, checked := names.ConnectionTypeFor(typ); checked {
		if ct, _ := conn["type"].(string); ct != want {
			return errIllegalArgument(fmt.Sprintf("Connection '%s' is of type %s and cannot hold a %s dataset", connName, ct, typ))
		}
	}
	return nil
}

func datasetNotFound(key, name string) *APIError {
	return errNotFound(fmt.Sprintf("dataset does not exist: %s.%s", key, name))
}

// deletionLog records the dropData flag of each dataset deletion so tests
// can check what a client asked for; the emulator holds no data.
type deletionLog struct {
	mu  sync.Mutex
	log []string
}

// DatasetDeletions returns "PROJECT.name dropData=<bool>" for every
// dataset deleted since the server started, in order.
func (s *Server) DatasetDeletions() []string {
	s.deletions.mu.Lock()
	defer s.deletions.mu.Unlock()
	return append([]string(nil), s.deletions.log...)
}

func (s *Server) recordDeletion(entry string) {
	s.deletions.mu.Lock()
	s.deletions.log = append(s.deletions.log, entry)
	s.deletions.mu.Unlock()
}

// datasetKind: /projects/{k}/datasets/, keyed by name, and
// actions/renameDataset {oldName, newName} (dss-api.md §3.1, §4). A
// rename keeps the definition, creation stamp and data; a PUT cannot
// change the name or the project [I].
var datasetKind = &docKind{
	noun:     "dataset",
	path:     "datasets",
	param:    "datasetName",
	keyField: "name",
	docs:     func(p *Project) map[string]map[string]any { return p.Datasets },
	notFound: datasetNotFound,
	// The name is the key; no id to generate.
	checkName:     checkNewDatasetName,
	check:         func(x *docCall, doc, _ map[string]any) *APIError { return validateDatasetDoc(x.st, doc) },
	fill:          fillDatasetDefaults,
	keyChangeHint: "; rename it instead",
	tagsParam:     "tags",
	renameAction:  "renameDataset",
	renameIDField: "oldName",
	deleted:       datasetDeleted,
	forget:        forgetDataset,
	renamed:       datasetRenamed,

	// create_dataset's body [V PY:dss/project.py].
	createFields: []string{"projectKey", "name", "type", "params", "formatType", "formatParams"},
}

// datasetRoutes serves the dataset kind (list with ?tags=, create from a
// prototype, get, PUT, DELETE?dropData=, rename), managed creation and the
// schema and metadata views.
func (s *Server) datasetRoutes() {
	k := datasetKind
	s.kindRoutes(k)
	s.handle("POST /projects/{projectKey}/datasets/managed", s.serveCollection(k, AccessWrite, true, createManagedDataset))
	s.handle("GET /projects/{projectKey}/datasets/{datasetName}/schema", s.handleReadPart(k, datasetSchema))
	s.handle("PUT /projects/{projectKey}/datasets/{datasetName}/schema", s.handleWritePart(k, "schema", putDatasetSchema))
	s.handle("GET /projects/{projectKey}/datasets/{datasetName}/metadata", s.handleReadPart(k, datasetMetadata))
	s.handle("PUT /projects/{projectKey}/datasets/{datasetName}/metadata", s.handleWritePart(k, "metadata", putDatasetMetadata))
}

// datasetDeleted answers DELETE /projects/{k}/datasets/{d}?dropData= and
// logs the flag (the emulator holds no data to drop).
func datasetDeleted(x *docCall, name string) any {
	drop := queryBool(x.r, "dropData", false)
	x.s.recordDeletion(fmt.Sprintf("%s.%s dropData=%t", x.key, name, drop))
	return map[string]any{"msg": fmt.Sprintf("Deleted dataset %s.%s", x.key, name), "dropData": drop}
}

// forgetDataset drops a deleted dataset's rules and outcomes and its
// metric observations, which live beside the collection.
func forgetDataset(x *docCall, name string) {
	deleteDatasetDataQuality(x.p, name)
	dropDatasetObservations(x.p, name)
}

// datasetRenamed follows a dataset rename: the refs of recipes in every
// project (which then count as changed), zone items, rules and outcomes,
// observations and exposed objects all name the new name.
func datasetRenamed(x *docCall, oldName, newName string) {
	for _, q := range renameInRecipes(x.st, x.p, oldName, newName) {
		x.s.touch(q)
	}
	renameDatasetInZones(x.p, oldName, newName)
	renameDatasetInDataQuality(x.p, oldName, newName)
	renameDatasetObservations(x.p, oldName, newName)
	renameDatasetInExposed(x.p, oldName, newName) // exposed.go
}

// checkNewDatasetName checks the name of a created or renamed dataset.
func checkNewDatasetName(p *Project, name string) *APIError {
	if name == "" {
		return errIllegalArgument("Dataset name is missing")
	}
	if !names.RefNamePattern.MatchString(name) { // the rule the provider checks too
		return newError(StatusInvalidKey, ErrTypeIllegalArgument,
			fmt.Sprintf("Invalid dataset name: %s (it must %s)", name, names.RefNameRule))
	}
	if _, exists := p.Datasets[name]; exists {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Dataset %s already exists", name))
	}
	return nil
}

// createManagedDataset is POST /projects/{k}/datasets/managed: DSS picks
// type, params and format from the connection (dss-api.md §4.1, §6.5).
func createManagedDataset(x *docCall, body map[string]any) (any, *APIError) {
	name, _ := body["name"].(string)
	if err := checkNewDatasetName(x.p, name); err != nil {
		return nil, err
	}
	cs, _ := body["creationSettings"].(map[string]any)
	connName, _ := cs["connectionId"].(string)
	if connName == "" {
		return nil, errIllegalArgument("creationSettings.connectionId is missing")
	}
	conn, ok := x.st.Connections[connName]
	if !ok {
		return nil, errConnectionMissing(connName)
	}
	if !connectionUsable(conn, x.c) {
		return nil, errConnectionNotUsable(x.s, connName)
	}
	if conn["allowManagedDatasets"] != true {
		return nil, errIllegalArgument(fmt.Sprintf("Connection '%s' does not allow managed datasets", connName))
	}
	ctype, _ := conn["type"].(string)
	doc := map[string]any{"projectKey": x.key, "name": name, "type": ctype, "managed": true}
	params := map[string]any{"connection": connName}
	switch {
	case names.SQLDatasetTypes[ctype]:
		// [I] DSS names managed tables after the project and dataset.
		params["mode"] = "table"
		params["table"] = "${projectKey}_" + name
		params["schema"] = ""
	case names.FileDatasetTypes[ctype] || ctype == "EC2":
		if ctype == "EC2" {
			doc["type"] = "S3"
		}
		params["path"] = "${projectKey}/" + name
		spec, _ := cs["specificSettings"].(map[string]any)
		ft, _ := spec["formatOptionId"].(string)
		doc["formatType"] = cmp.Or(ft, "csv")
		doc["formatParams"] = map[string]any{"style": "unix", "compress": "gz", "separator": "\t"}
	}
	doc["params"] = params
	return datasetKind.insertDoc(x.p, name, doc, x.c.Login), nil
}

// datasetSchema is GET /projects/{k}/datasets/{d}/schema.
func datasetSchema(d map[string]any) map[string]any {
	m, _ := d["schema"].(map[string]any)
	return copyDoc(m)
}

// putDatasetSchema is PUT /projects/{k}/datasets/{d}/schema with {columns:[...]}.
func putDatasetSchema(d, body map[string]any) *APIError {
	if _, ok := body["columns"].([]any); !ok {
		return errIllegalArgument("schema.columns must be an array")
	}
	if err := validateSchemaColumns(body); err != nil {
		return err
	}
	schema := copyDoc(body)
	fillMissing(schema, map[string]any{"userModified": true}) // [I] a schema set through the API is a user's
	d["schema"] = schema
	return nil
}

// datasetMetadataFields maps the fields of a dataset's metadata view
// (dss-api.md §4.1) to the dataset's own; the view adds the label.
var datasetMetadataFields = map[string]string{"description": "description", "shortDesc": "shortDesc", "tags": "tags",
	"checklists": "checklists", "custom": "customMeta", "customFields": "customFields"}

// datasetMetadata is the metadata view of a dataset: label, description,
// tags, checklists, custom, customFields.
func datasetMetadata(d map[string]any) map[string]any {
	out := map[string]any{"label": d["name"]}
	for view, field := range datasetMetadataFields {
		out[view] = deepCopy(d[field])
	}
	return out
}

// putDatasetMetadata is PUT /projects/{k}/datasets/{d}/metadata: the whole
// metadata; a field absent or null takes its default again.
func putDatasetMetadata(d, body map[string]any) *APIError {
	if _, ok := body["tags"].([]any); !ok && body["tags"] != nil {
		return errIllegalArgument("metadata.tags must be an array")
	}
	for view, field := range datasetMetadataFields {
		delete(d, field)
		if v := body[view]; v != nil {
			d[field] = deepCopy(v)
		}
	}
	fillObjectDefaults(d)
	fillMissing(d, map[string]any{"customMeta": map[string]any{"kv": map[string]any{}}})
	return nil
}
