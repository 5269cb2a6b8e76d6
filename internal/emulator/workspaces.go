package emulator

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Workspaces (DSS 11+): dataikuapi's DSSClient.list_workspaces and
// create_workspace and dss/workspace.py [V] give the routes and bodies.
// What they do not say is [I]:
//   - administrators and members of a group with mayCreateWorkspaces
//     create workspaces (the flag is in group definitions [T]); others get
//     a SecurityException, as for projects;
//   - the creator gets an admin entry of its own at creation, when the
//     creation names none for it (the UI adds its user as the workspace's
//     admin; a key that creates a workspace and could not administer it
//     would lose it at once);
//   - a user with any flag on the workspace, through an entry for the user
//     or one of the user's groups, may read it; one with admin may change
//     and delete it; DSS's administrators may do everything;
//   - the settings' permissions read as null for a caller who is not an
//     administrator of the workspace (dataikuapi: "redacted to None");
//   - the list answers each visible workspace's settings without its
//     permissions;
//   - a missing workspace is a NotFoundException, and one the caller may
//     not read an UnauthorizedException.
var workspaceKind = &docKind{
	noun:     "workspace",
	path:     "workspaces",
	param:    "workspaceKey",
	keyField: "workspaceKey",
	instance: func(st *State) map[string]map[string]any { return st.Workspaces },
	notFound: func(_, key string) *APIError { return errNotFound("Workspace " + key + " not found") },
	listFilter: func(x *docCall) func(map[string]any) bool {
		return func(doc map[string]any) bool { return workspaceRight(x.c, doc, false) }
	},
	listItem: func(_ *docCall, doc map[string]any) map[string]any {
		d := copyDoc(doc)
		delete(d, "permissions")
		return d
	},
	forget:  func(x *docCall, key string) { delete(x.st.WorkspaceObjects, key) },
	deleted: func(_ *docCall, key string) any { return message("Deleted workspace " + key) },
}

func (s *Server) workspaceRoutes() {
	k := workspaceKind
	s.handle("GET /workspaces", s.handleListDocs(k))
	s.handle("POST /workspaces", s.serveCollection(k, AccessWrite, true, createWorkspace))
	s.handle("GET /workspaces/{workspaceKey}", s.serveDoc(k, AccessRead, false, getWorkspace))
	s.handle("PUT /workspaces/{workspaceKey}", s.serveDoc(k, AccessWrite, true, putWorkspace))
	s.handle("DELETE /workspaces/{workspaceKey}", s.workspaceAdminOnly(s.handleDeleteKindDoc(k)))
	s.handle("GET /workspaces/{workspaceKey}/objects", s.serveDoc(k, AccessRead, false, listWorkspaceObjects))
	s.handle("POST /workspaces/{workspaceKey}/objects", s.serveDoc(k, AccessWrite, true, addWorkspaceObject))
	s.handle("DELETE /workspaces/{workspaceKey}/objects/{objectId}", s.serveDoc(k, AccessWrite, false, removeWorkspaceObject))
}

// workspaceRight reports whether c may read the workspace (any flag), or
// administer it (admin).
func workspaceRight(c *Caller, doc map[string]any, admin bool) bool {
	if c.IsAdmin || workspaceEntryFlag(c, doc, "admin") {
		return true
	}
	return !admin && (workspaceEntryFlag(c, doc, "write") || workspaceEntryFlag(c, doc, "read"))
}

// workspaceEntryFlag reports whether an entry for c (its login or one of
// its groups) has flag.
func workspaceEntryFlag(c *Caller, doc map[string]any, flag string) bool {
	perms, _ := doc["permissions"].([]any)
	for _, p := range perms {
		e, _ := p.(map[string]any)
		if e == nil || e[flag] != true {
			continue
		}
		user, _ := e["user"].(string)
		group, _ := e["group"].(string)
		if (user != "" && user == c.Login) || (group != "" && slices.Contains(c.Groups, group)) {
			return true
		}
	}
	return false
}

func (s *Server) errWorkspaceForbidden(key, what string) *APIError {
	return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, fmt.Sprintf("Action forbidden: you may not %s workspace %s", what, key))
}

// workspaceAdminOnly lets through a caller who administers the workspace
// the path names (a missing one goes on to the handler's not-found).
func (s *Server) workspaceAdminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, key := callerFrom(r.Context()), r.PathValue("workspaceKey")
		var forbidden *APIError
		_ = s.read(func(st *State) error {
			if d := st.Workspaces[key]; d != nil && !workspaceRight(c, d, true) {
				forbidden = s.errWorkspaceForbidden(key, "administer")
			}
			return nil
		})
		if forbidden != nil {
			writeErr(w, forbidden)
			return
		}
		h(w, r)
	}
}

// checkWorkspaceKey refuses what DSS cannot hold in a path segment
// (names.WorkspaceKeyPattern).
func checkWorkspaceKey(key string) *APIError {
	if !names.WorkspaceKeyPattern.MatchString(key) {
		return errIllegalArgument(fmt.Sprintf("Invalid workspace key: '%s'", key))
	}
	return nil
}

// checkWorkspaceDoc validates the fields the emulator interprets.
func checkWorkspaceDoc(doc map[string]any) *APIError {
	if err := checkOptional[string](doc, "a string", "displayName", "color", "description"); err != nil {
		return err
	}
	if p, ok := doc["permissions"]; ok && p != nil {
		list, ok := p.([]any)
		if !ok {
			return errIllegalArgument("permissions must be a list")
		}
		for _, e := range list {
			if _, ok := e.(map[string]any); !ok {
				return errIllegalArgument("each permission must be an object")
			}
		}
	}
	return nil
}

// createWorkspace is POST /workspaces/ with dataikuapi's body; DSS
// answers text.
func createWorkspace(x *docCall, body map[string]any) (any, *APIError) {
	if !groupsGrant(x.st, x.c, "mayCreateWorkspaces") {
		return nil, newError(http.StatusForbidden, ErrTypeSecurity, MsgMayNotCreateWorkspaces)
	}
	key, _ := body["workspaceKey"].(string)
	if err := checkWorkspaceKey(key); err != nil {
		return nil, err
	}
	if x.st.Workspaces[key] != nil {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Workspace %s already exists", key))
	}
	doc := copyDoc(body)
	if err := checkWorkspaceDoc(doc); err != nil {
		return nil, err
	}
	if doc["color"] == nil {
		doc["color"] = randomColor()
	}
	if doc["description"] == nil {
		delete(doc, "description") // [I] absent, as real shapes may show
	}
	perms, _ := doc["permissions"].([]any)
	perms = append([]any{}, perms...)
	if x.c.Login != "" && !workspaceNamesUser(perms, x.c.Login) {
		perms = append(perms, map[string]any{"user": x.c.Login, "admin": true, "write": true, "read": true})
	}
	doc["permissions"] = perms
	doc["creationTag"] = versionTag(x.c.Login)
	doc["versionTag"] = versionTag(x.c.Login)
	x.st.Workspaces[key] = doc
	return afterCommit(func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte(key))
	}), nil
}

func workspaceNamesUser(perms []any, login string) bool {
	for _, p := range perms {
		if e, _ := p.(map[string]any); e != nil && e["user"] == login {
			return true
		}
	}
	return false
}

// randomColor is a color DSS picks for a workspace created without one.
func randomColor() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("#%x", b)
}

// getWorkspace is GET /workspaces/{key}: a member's read, without the
// permissions unless the caller administers the workspace.
func getWorkspace(x *docCall, key string, d, _ map[string]any) (any, *APIError) {
	if !workspaceRight(x.c, d, false) {
		return nil, x.s.errWorkspaceForbidden(key, "read")
	}
	out := copyDoc(d)
	if !workspaceRight(x.c, d, true) {
		out["permissions"] = nil
	}
	return out, nil
}

// putWorkspace is PUT /workspaces/{key}: the whole settings, under the
// same key; the creation stamp is the server's, unknown fields are kept.
func putWorkspace(x *docCall, key string, old, body map[string]any) (any, *APIError) {
	if !workspaceRight(x.c, old, true) {
		return nil, x.s.errWorkspaceForbidden(key, "administer")
	}
	if sent, ok := body["workspaceKey"]; ok && sent != key {
		return nil, errIllegalArgument(fmt.Sprintf("Cannot change the key of workspace %s", key))
	}
	doc := copyDoc(body)
	doc["workspaceKey"] = key
	if err := checkWorkspaceDoc(doc); err != nil {
		return nil, err
	}
	if doc["permissions"] == nil {
		doc["permissions"] = deepCopy(old["permissions"]) // [I] a redacted document sent back keeps them
	}
	doc["creationTag"] = deepCopy(old["creationTag"])
	bumpVersionTag(doc, old, x.c.Login)
	x.st.Workspaces[key] = doc
	return map[string]any{}, nil
}

// A workspace's objects (dataikuapi's DSSWorkspace.list_objects,
// add_object and DSSWorkspaceObject.remove [V]). [I]: each object is its
// add body with the id DSS generates; the add answers the object; a
// member lists them, a contributor (write) adds and removes them; a
// reference names any project object (DSS's checks of the object and of
// the project's sharing rights are not emulated); a missing object is a
// NotFoundException.

// listWorkspaceObjects is GET /workspaces/{key}/objects.
func listWorkspaceObjects(x *docCall, key string, d, _ map[string]any) (any, *APIError) {
	if !workspaceRight(x.c, d, false) {
		return nil, x.s.errWorkspaceForbidden(key, "read")
	}
	out := []any{}
	for _, o := range x.st.WorkspaceObjects[key] {
		out = append(out, copyDoc(o))
	}
	return out, nil
}

// workspaceContributor: DSS's administrators, or an entry with write or
// admin.
func workspaceContributor(c *Caller, doc map[string]any) bool {
	return workspaceRight(c, doc, true) || workspaceEntryFlag(c, doc, "write")
}

// addWorkspaceObject is POST /workspaces/{key}/objects: one of reference,
// appId and htmlLink.
func addWorkspaceObject(x *docCall, key string, d, body map[string]any) (any, *APIError) {
	if !workspaceContributor(x.c, d) {
		return nil, x.s.errWorkspaceForbidden(key, "add objects to")
	}
	o := copyDoc(body)
	delete(o, "id")
	n := 0
	for _, f := range []string{"reference", "appId", "htmlLink"} {
		if o[f] != nil {
			n++
		}
	}
	if n != 1 {
		return nil, errIllegalArgument("A workspace object is one of a reference, an appId or an htmlLink")
	}
	if ref, ok := o["reference"].(map[string]any); ok {
		for _, f := range []string{"projectKey", "type", "id"} {
			if v, _ := ref[f].(string); v == "" {
				return nil, errIllegalArgument("reference." + f + " is missing")
			}
		}
		ref["workspaceKey"] = key
	} else if o["reference"] != nil {
		return nil, errIllegalArgument("reference must be an object")
	}
	o["id"] = randomID(8)
	ensureMap(&x.st.WorkspaceObjects)
	x.st.WorkspaceObjects[key] = append(x.st.WorkspaceObjects[key], o)
	return copyDoc(o), nil
}

// removeWorkspaceObject is DELETE /workspaces/{key}/objects/{id}.
func removeWorkspaceObject(x *docCall, key string, d, _ map[string]any) (any, *APIError) {
	if !workspaceContributor(x.c, d) {
		return nil, x.s.errWorkspaceForbidden(key, "remove objects from")
	}
	id := x.r.PathValue("objectId")
	objs := x.st.WorkspaceObjects[key]
	for i, o := range objs {
		if o["id"] == id {
			x.st.WorkspaceObjects[key] = slices.Delete(slices.Clone(objs), i, i+1)
			return message("Removed object " + id + " from workspace " + key), nil
		}
	}
	return nil, errNotFound("Object " + id + " not found in workspace " + key)
}
