package emulator

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Data collections (DSS 12 and later), on the instance. Paths, bodies and
// the list item's fields are dataikuapi's [V] (dssclient.py
// list_data_collections, create_data_collection; dss/data_collection.py).
// Who may create one: administrators and members of a group with
// mayCreateDataCollections (the flag is in group definitions [T]); others
// get a SecurityException, as for projects. [I] the rest: the
// rights (an instance admin may do anything; otherwise the entries naming
// the caller's login or one of their groups: read to GET, admin to PUT and
// DELETE, as the client's docstrings say), DSS's messages and statuses,
// and that the creator's entry is a user entry with the three rights (the
// client: "current user will always be added as admin").

// dataCollectionKind: /data-collections, keyed by id. The list, GET and
// DELETE are the store's; create and PUT are below.
var dataCollectionKind = &docKind{
	noun:     "data collection",
	path:     "data-collections",
	param:    "id",
	keyField: "id",
	instance: func(st *State) map[string]map[string]any { return st.DataCollections },
	notFound: func(_, id string) *APIError {
		return errNotFound(fmt.Sprintf("Data collection %s does not exist", id))
	},
	// A GET needs read rights, a change of the objects write rights
	// (dataikuapi: "Contributor rights"), every other call admin rights.
	mayManage: func(x *docCall, id string, doc map[string]any) *APIError {
		need, what := "admin", "administer"
		switch {
		case x.r != nil && x.r.Method == http.MethodGet:
			need, what = "read", "read"
		case x.r != nil && strings.Contains(x.r.URL.Path, "/objects"):
			need, what = "write", "change the objects of"
		}
		if dataCollectionRight(x.c, doc, need) {
			return nil
		}
		return newError(x.s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
			fmt.Sprintf("You may not %s data collection %s", what, id))
	},
	listFilter: func(x *docCall) func(map[string]any) bool {
		return func(doc map[string]any) bool { return dataCollectionRight(x.c, doc, "read") }
	},
	listItem: func(x *docCall, doc map[string]any) map[string]any {
		id, _ := doc["id"].(string)
		item := map[string]any{"id": doc["id"], "displayName": doc["displayName"], "description": doc["description"],
			"color": doc["color"], "tags": deepCopy(doc["tags"]), "itemCount": len(x.st.DataCollectionItems[id])}
		if vt, ok := doc["versionTag"].(map[string]any); ok {
			item["lastModifiedOn"] = vt["lastModifiedOn"]
		}
		return item
	},
	forget:  func(x *docCall, id string) { delete(x.st.DataCollectionItems, id) },
	deleted: func(_ *docCall, id string) any { return message("Deleted data collection " + id) },
}

func (s *Server) dataCollectionRoutes() {
	k := dataCollectionKind
	s.handle("GET /data-collections", s.handleListDocs(k))
	s.handle("POST /data-collections", s.serveCollection(k, AccessWrite, true, createDataCollection))
	s.handle("GET /data-collections/{id}", s.serveDoc(k, AccessRead, false, func(x *docCall, _ string, d, _ map[string]any) (any, *APIError) {
		// dataikuapi [V]: the permissions are redacted as None for a
		// caller who does not administer the collection.
		out := copyDoc(d)
		if !dataCollectionRight(x.c, d, "admin") {
			out["permissions"] = nil
		}
		return out, nil
	}))
	s.handle("PUT /data-collections/{id}", s.serveDoc(k, AccessWrite, true, putDataCollection))
	s.handle("DELETE /data-collections/{id}", s.handleDeleteKindDoc(k))
	s.handle("GET /data-collections/{id}/objects", s.serveDoc(k, AccessRead, false, func(x *docCall, id string, _, _ map[string]any) (any, *APIError) {
		out := []any{}
		for _, o := range x.st.DataCollectionItems[id] {
			out = append(out, copyDoc(o))
		}
		return out, nil
	}))
	s.handle("POST /data-collections/{id}/objects", s.serveDoc(k, AccessWrite, true, addDataCollectionObject))
	s.handle("DELETE /data-collections/{id}/objects/dataset/{projectKey}/{name}", s.serveDoc(k, AccessWrite, false, removeDataCollectionDataset))
}

// dataCollectionObjectIndex is the index of the dataset key.name in the
// collection's objects, -1 when absent.
func dataCollectionObjectIndex(items []map[string]any, key, name string) int {
	return slices.IndexFunc(items, func(o map[string]any) bool {
		return o["type"] == "DATASET" && o["projectKey"] == key && o["id"] == name
	})
}

// addDataCollectionObject is POST /data-collections/{id}/objects with
// {type, projectKey, id}: only datasets, which must exist [I]; a dataset
// already there is refused [I].
func addDataCollectionObject(x *docCall, id string, _, body map[string]any) (any, *APIError) {
	typ, _ := body["type"].(string)
	key, _ := body["projectKey"].(string)
	name, _ := body["id"].(string)
	if typ != "DATASET" {
		return nil, errIllegalArgument(fmt.Sprintf("Unsupported object type in a data collection: %v", body["type"]))
	}
	if p := x.st.Projects[key]; p == nil || p.Datasets[name] == nil {
		return nil, errNotFound(fmt.Sprintf("Dataset %s.%s does not exist", key, name))
	}
	items := x.st.DataCollectionItems[id]
	if dataCollectionObjectIndex(items, key, name) >= 0 {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Dataset %s.%s is already in data collection %s", key, name, id))
	}
	x.st.DataCollectionItems[id] = append(items, map[string]any{"type": typ, "projectKey": key, "id": name, "addedOn": nowMillis()})
	return map[string]any{}, nil
}

// removeDataCollectionDataset is DELETE
// /data-collections/{id}/objects/dataset/{projectKey}/{name}: a dataset
// not in the collection is DSS's not-found for that path [I].
func removeDataCollectionDataset(x *docCall, id string, _, _ map[string]any) (any, *APIError) {
	key, name := x.r.PathValue("projectKey"), x.r.PathValue("name")
	items := x.st.DataCollectionItems[id]
	i := dataCollectionObjectIndex(items, key, name)
	if i < 0 {
		return nil, errNotFound(fmt.Sprintf("Dataset %s.%s is not in data collection %s", key, name, id))
	}
	x.st.DataCollectionItems[id] = slices.Delete(items, i, i+1)
	return map[string]any{}, nil
}

// dataCollectionRight says whether c holds right ("read", "write" or
// "admin") on the collection doc: an instance admin holds every right;
// admin implies write, which implies read.
func dataCollectionRight(c *Caller, doc map[string]any, right string) bool {
	if c.IsAdmin {
		return true
	}
	perms, _ := doc["permissions"].([]any)
	for _, p := range perms {
		e, _ := p.(map[string]any)
		if e == nil {
			continue
		}
		user, _ := e["user"].(string)
		group, _ := e["group"].(string)
		if (user == "" || user != c.Login) && (group == "" || !c.InGroup(group)) {
			continue
		}
		switch {
		case e["admin"] == true,
			right != "admin" && e["write"] == true,
			right == "read" && e["read"] == true:
			return true
		}
	}
	return false
}

// checkDataCollection validates the fields the emulator interprets.
func checkDataCollection(doc map[string]any) *APIError {
	if _, ok := doc["displayName"].(string); !ok {
		return errIllegalArgument("displayName must be a string")
	}
	if err := checkOptional[string](doc, "a string", "description", "color"); err != nil {
		return err
	}
	if _, err := bodyStrings(doc["tags"], "tags"); err != nil {
		return err
	}
	if p, ok := doc["permissions"]; ok && p != nil {
		if _, ok := p.([]any); !ok {
			return errIllegalArgument("permissions must be a list")
		}
	}
	return nil
}

// createDataCollection is POST /data-collections/: the id asked for (8
// letters or digits) or a generated one, a random color when none is
// given, no tags or permissions when null, and the creator added as admin.
// A null description stays absent.
func createDataCollection(x *docCall, body map[string]any) (any, *APIError) {
	if !groupsGrant(x.st, x.c, "mayCreateDataCollections") {
		return nil, newError(http.StatusForbidden, ErrTypeSecurity, MsgMayNotCreateDataCollections)
	}
	doc := copyDoc(body)
	for _, f := range []string{"id", "description", "color", "permissions", "tags"} {
		if doc[f] == nil {
			delete(doc, f)
		}
	}
	// An empty id is no id, as dataikuapi's None [I].
	id, isString := doc["id"].(string)
	switch {
	case doc["id"] != nil && !isString,
		id != "" && !names.DataCollectionIDPattern.MatchString(id):
		return nil, errIllegalArgument(fmt.Sprintf("Invalid data collection id '%v': it must be 8 letters or digits", doc["id"]))
	case id == "":
		for id = randomID(8); x.st.DataCollections[id] != nil; id = randomID(8) {
		}
	case x.st.DataCollections[id] != nil:
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Data collection %s already exists", id))
	}
	doc["id"] = id
	if doc["tags"] == nil {
		doc["tags"] = []any{}
	}
	if doc["color"] == nil {
		doc["color"] = fmt.Sprintf("#%06x", rand.IntN(0x1000000))
	}
	if doc["permissions"] == nil {
		doc["permissions"] = []any{}
	}
	if err := checkDataCollection(doc); err != nil {
		return nil, err
	}
	if x.c.Login != "" {
		perms, _ := doc["permissions"].([]any) // checked above
		doc["permissions"] = withCreatorAdmin(perms, x.c.Login)
	}
	doc["creationTag"] = versionTag(callerName(x.c))
	doc["versionTag"] = versionTag(callerName(x.c))
	x.st.DataCollections[id] = doc
	return map[string]any{"id": id}, nil
}

// withCreatorAdmin gives login the three rights: on its entry when the
// permissions hold one, else on a new entry at the end.
func withCreatorAdmin(perms []any, login string) []any {
	for _, p := range perms {
		if e, _ := p.(map[string]any); e != nil && e["user"] == login {
			e["admin"], e["write"], e["read"] = true, true, true
			return perms
		}
	}
	return append(perms, map[string]any{"user": login, "admin": true, "write": true, "read": true})
}

// putDataCollection is PUT /data-collections/{id}: the whole settings,
// under the same id; the creation stamp is the server's. Unknown fields are
// kept as sent.
func putDataCollection(x *docCall, id string, old, body map[string]any) (any, *APIError) {
	doc := copyDoc(body)
	if v, ok := doc["id"]; ok && v != id {
		return nil, errIllegalArgument(fmt.Sprintf("Cannot change the id of data collection %s", id))
	}
	doc["id"] = id
	if err := checkDataCollection(doc); err != nil {
		return nil, err
	}
	doc["creationTag"] = deepCopy(old["creationTag"])
	bumpVersionTag(doc, old, callerName(x.c))
	x.st.DataCollections[id] = doc
	return map[string]any{}, nil
}
