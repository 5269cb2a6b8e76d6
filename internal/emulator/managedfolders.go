package emulator

import (
	"fmt"
	"slices"
	"strings"
)

// Managed folders (dss-api.md §5.1, dss-api-more.md §6): documents keyed
// by an 8-character random id, with a name unique in the project. The
// emulator stores no files: contents is always empty.

// ManagedFolderIDLength is the length of a generated folder id [V].
const ManagedFolderIDLength = 8

// DefaultFolderConnection is the connection dataikuapi's
// create_managed_folder names when given none [V].
const DefaultFolderConnection = "filesystem_folders"

// DefaultFolderPath is the params.path dataikuapi sends on create [V].
// DSS keeps the variables unexpanded in the definition; the emulator
// stores it as sent, and uses it when the body has no path [I].
const DefaultFolderPath = "/${projectKey}/${odbId}"

// newManagedFolderID returns a fresh random id, unused in p.
func newManagedFolderID(p *Project) string {
	for {
		if id := randomID(ManagedFolderIDLength); p.ManagedFolders[id] == nil {
			return id
		}
	}
}

// managedFolderNotFound follows the dataset message's form. [I]
func managedFolderNotFound(key, id string) *APIError {
	return errNotFound(fmt.Sprintf("managed folder does not exist: %s.%s", key, id))
}

// checkManagedFolderName: non-blank [V rename docstring] and unique in
// the project [I: DSS keeps folder names unique per project, which also
// lets a client recover a lost create by listing and matching the name].
func checkManagedFolderName(p *Project, name string) *APIError {
	if strings.TrimSpace(name) == "" {
		return errIllegalArgument("Managed folder name cannot be blank")
	}
	for _, f := range p.ManagedFolders {
		if n, _ := f["name"].(string); n == name {
			return newError(StatusDuplicate, ErrTypeIllegalArgument,
				fmt.Sprintf("Managed folder %s already exists in project %s", name, p.ProjectKey))
		}
	}
	return nil
}

// folderTypesFor is the folder types a connection type can hold; the
// first is the one a null type becomes (set_connection_and_path: EC2
// gives S3, SSH gives SCP unless SFTP; otherwise the connection's type) [V
// mapping, I as a rule on the server].
func folderTypesFor(connType string) []string {
	switch connType {
	case "EC2":
		return []string{"S3"}
	case "SSH":
		return []string{"SCP", "SFTP"}
	}
	return []string{connType}
}

// checkManagedFolder validates a definition on create and PUT. A PUT
// that changes the name is refused, pointing at the rename action [I:
// DSS may instead ignore it; refusing keeps a client from relying on
// either]. A null type is derived from the connection; an unknown
// connection is refused as for datasets, and so is, on a creation through
// the API, one that does not allow managed folders [I].
func checkManagedFolder(x *docCall, doc, old map[string]any) *APIError {
	st, key := x.st, x.key
	id, _ := doc["id"].(string)
	if old != nil {
		oldName, _ := old["name"].(string)
		switch n := doc["name"].(type) {
		case nil:
			doc["name"] = oldName // [I] a PUT without a name keeps it
		case string:
			if n != oldName {
				return errIllegalArgument(fmt.Sprintf(
					"Cannot change the name of managed folder %s.%s with a PUT (got %s); use actions/renameManagedFolder", key, id, n))
			}
		default:
			return errIllegalArgument("name must be a string")
		}
	}
	if err := checkOptional[string](doc, "a string", "type"); err != nil {
		return err
	}
	if err := checkOptional[map[string]any](doc, "an object", "params"); err != nil {
		return err
	}
	creating := old == nil && x.r != nil
	params, _ := doc["params"].(map[string]any)
	if creating {
		// What dataikuapi sends anyway; a client that sends less gets the
		// client's defaults. [I]
		params = objectField(doc, "params")
		fillMissing(params, map[string]any{"connection": DefaultFolderConnection, "path": DefaultFolderPath})
	}
	connName, _ := params["connection"].(string)
	if connName == "" {
		// A folder DSS already holds without a connection (seeded from a
		// project: a plugin-provided folder type's params hold no
		// connection, and a definition written through the API may lack
		// it) is kept as it is, and so is a PUT of it; a creation, or a
		// PUT that drops the stored connection, is refused.
		oldParams, _ := old["params"].(map[string]any)
		if oldConn, _ := oldParams["connection"].(string); creating || oldConn != "" {
			return errIllegalArgument("Managed folder connection is missing")
		}
		return nil
	}
	conn, ok := st.Connections[connName]
	if !ok {
		return errConnectionMissing(connName)
	}
	// Only a creation through the API is refused there, as for managed
	// datasets: a folder DSS already holds, saved again or seeded from a
	// project, stays on its connection whatever the connection allows now.
	if old == nil && x.r != nil && conn["allowManagedFolders"] != true {
		return errIllegalArgument(fmt.Sprintf("Connection '%s' does not allow managed folders", connName))
	}
	ct, _ := conn["type"].(string)
	types := folderTypesFor(ct)
	typ, _ := doc["type"].(string)
	if typ == "" {
		doc["type"] = types[0]
		return nil
	}
	if slices.Contains(types, typ) {
		return nil
	}
	return errIllegalArgument(fmt.Sprintf("Connection '%s' is of type %s and cannot hold a %s managed folder", connName, ct, typ))
}

// fillManagedFolderDefaults fills what DSS's folder object carries [I,
// modelled on the dataset's, dss-api.md §5.1 lists the fields].
func fillManagedFolderDefaults(doc map[string]any) {
	fillObjectDefaults(doc)
	fillMissing(doc, map[string]any{
		"flowOptions":   map[string]any{"virtualizable": false, "rebuildBehavior": "NORMAL", "crossProjectBuildBehavior": "DEFAULT"},
		"metrics":       map[string]any{"probes": []any{}, "engineConfig": map[string]any{}, "displayedState": map[string]any{"columns": []any{}, "metrics": []any{}}},
		"metricsChecks": map[string]any{"checks": []any{}, "monitor": false},
	})
	fillMissing(objectField(doc, "partitioning"), map[string]any{"dimensions": []any{}})
}

// managedFolderKind: /projects/{k}/managedfolders/ and
// actions/renameManagedFolder {id, newName}.
var managedFolderKind = &docKind{
	noun:          "managed folder",
	path:          "managedfolders",
	param:         "folderId",
	keyField:      "id",
	docs:          func(p *Project) map[string]map[string]any { return p.ManagedFolders },
	notFound:      managedFolderNotFound,
	checkName:     checkManagedFolderName,
	newID:         newManagedFolderID,
	check:         checkManagedFolder,
	fill:          fillManagedFolderDefaults,
	renameAction:  "renameManagedFolder",
	renameIDField: "id",

	// create_managed_folder's body [V PY:dss/project.py].
	createFields: []string{"projectKey", "name", "type", "params"},
}

// managedFolderRoutes serves the folder kind and its contents listing
// (always empty: the emulator holds no files).
func (s *Server) managedFolderRoutes() {
	k := managedFolderKind
	s.kindRoutes(k)
	s.handle("GET /projects/{projectKey}/managedfolders/{folderId}/contents", s.handleReadPart(k,
		func(map[string]any) map[string]any { return map[string]any{"items": []any{}} }))
}
