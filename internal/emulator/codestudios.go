package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// A project's code studios: containerized IDEs made from the instance's
// code studio templates (containerexec.go). Paths and fields are
// dataikuapi's [V] (project.py list_code_studios, create_code_studio;
// dss/codestudio.py). There is no PUT: a studio's name and template are
// fixed at creation. What the client does not say is [I]:
//   - a create names a template the instance holds: another is refused as
//     a recipe naming a missing input is (IllegalArgumentException);
//   - the owner is the creator, so a global key that acts as no user is
//     refused, as a template's build is (MsgNoUserForKey);
//   - a new studio is STOPPED; restart makes it RUNNING and stop STOPPED
//     again, each answering a future (the state changes when the call is
//     accepted; the future ends after the code env build time);
//   - reads need the project's read access, every other call its write
//     access (dataikuapi: "Administrators of the project can merely
//     stop/start code studios"); change-owner is for an admin or the
//     owner [V docstring], to a user the instance holds;
//   - libName is the studio's id.
//
// The status lives in the stored document under codeStudioStatusField,
// which no answer shows but the status call's.

// codeStudioStatusField holds a studio's {state, lastStateChange}.
const codeStudioStatusField = "__emulatorStatus"

// Messages of the code studio calls [I].
const (
	msgCodeStudioTemplateMissing = "Code studio template %s does not exist"
	msgCodeStudioOwnerOnly       = "Only an administrator or the owner of code studio %s may change its owner"
	msgCodeStudioNeedsTemplate   = "A code studio needs a templateId"
)

var codeStudioKind = &docKind{
	noun:      "code studio",
	path:      "code-studios",
	param:     "codeStudioId",
	keyField:  "id",
	docs:      codeStudiosOf,
	notFound:  notFoundAs("Code studio"),
	checkName: checkObjectName("code studio"),
	newID:     unusedID(func(*Project) string { return randomID(mlObjectIDLength) }, codeStudiosOf),
	check:     checkCodeStudio,
	fill:      func(map[string]any) {},
	view:      codeStudioView,
	listItem:  codeStudioListItem,
}

// checkCodeStudio checks a create: a template the instance holds and a
// caller acting as a user, who owns the studio.
func checkCodeStudio(x *docCall, doc, _ map[string]any) *APIError {
	tid, _ := doc["templateId"].(string)
	if strings.TrimSpace(tid) == "" {
		return errIllegalArgument(msgCodeStudioNeedsTemplate)
	}
	if x.st.CodeStudioTemplates[tid] == nil {
		return errIllegalArgument(fmt.Sprintf(msgCodeStudioTemplateMissing, tid))
	}
	if !x.c.HasUser {
		return errIllegalArgument(MsgNoUserForKey)
	}
	id, _ := doc["id"].(string)
	doc["owner"] = x.c.Login
	doc["libName"] = id
	doc[codeStudioStatusField] = map[string]any{"state": "STOPPED", "lastStateChange": int64(0)}
	return nil
}

// codeStudioView is a studio's settings without the emulator's status.
func codeStudioView(d map[string]any) map[string]any {
	out := copyDoc(d)
	delete(out, codeStudioStatusField)
	return out
}

// codeStudioListItem is one item of the list [V
// DSSCodeStudioObjectListItem: id, name, owner, templateId, and the
// template's label and description, read by the client from desc].
func codeStudioListItem(x *docCall, d map[string]any) map[string]any {
	item := map[string]any{"id": d["id"], "name": d["name"], "owner": d["owner"], "templateId": d["templateId"]}
	tid, _ := d["templateId"].(string)
	if t := x.st.CodeStudioTemplates[tid]; t != nil {
		desc, _ := t["desc"].(map[string]any)
		item["templateLabel"] = t["label"]
		item["templateDescription"] = desc["shortDesc"]
		item["desc"] = map[string]any{"label": t["label"], "shortDesc": desc["shortDesc"]}
	}
	return item
}

func (s *Server) codeStudioRoutes() {
	k := codeStudioKind
	one := "/projects/{projectKey}/code-studios/{codeStudioId}"
	s.handle("GET /projects/{projectKey}/code-studios", s.handleListDocs(k))
	s.handle("POST /projects/{projectKey}/code-studios", s.handleCreateCodeStudio)
	s.handle("GET "+one, s.handleReadPart(k, codeStudioView))
	s.handle("DELETE "+one, s.handleDeleteKindDoc(k))
	s.handle("GET "+one+"/status", s.handleReadPart(k, func(d map[string]any) map[string]any {
		status, _ := deepCopy(d[codeStudioStatusField]).(map[string]any)
		if status == nil {
			status = map[string]any{"state": "STOPPED"}
		}
		if status["state"] != "RUNNING" {
			// [V get_raw: zones and ports only while running].
			status["syncedZones"], status["exposed"] = []any{}, []any{}
		}
		return status
	}))
	s.handle("POST "+one+"/restart", s.handleCodeStudioState("RUNNING", "Code studio %s.%s started"))
	s.handle("POST "+one+"/stop", s.handleCodeStudioState("STOPPED", "Code studio %s.%s stopped"))
	s.handle("POST "+one+"/change-owner", s.handleChangeCodeStudioOwner)
}

// handleCreateCodeStudio creates a studio from {name, templateId} and
// answers {"codeStudio": settings} [V create_code_studio reads
// res['codeStudio']['id']].
func (s *Server) handleCreateCodeStudio(w http.ResponseWriter, r *http.Request) {
	k := codeStudioKind
	s.serveCollection(k, AccessWrite, true, func(x *docCall, body map[string]any) (any, *APIError) {
		name, _ := body["name"].(string)
		if err := k.checkName(x.p, name); err != nil {
			return nil, err
		}
		doc := map[string]any{"name": name, "templateId": body["templateId"], "projectKey": x.key}
		id := k.newID(x.p)
		doc["id"] = id
		if err := k.check(x, doc, nil); err != nil {
			return nil, err
		}
		ensureDocs(&x.p.CodeStudios)
		return map[string]any{"codeStudio": codeStudioView(k.insertDoc(x.p, id, doc, x.c.Login))}, nil
	})(w, r)
}

// handleCodeStudioState serves restart and stop: the studio takes state
// and the answer is a future ending with done's message.
func (s *Server) handleCodeStudioState(state, done string) http.HandlerFunc {
	return s.serveDoc(codeStudioKind, AccessWrite, false, func(x *docCall, id string, d, _ map[string]any) (any, *APIError) {
		nd := copyDoc(d)
		nd[codeStudioStatusField] = map[string]any{"state": state, "lastStateChange": nowMillis()}
		codeStudioKind.docs(x.p)[id] = nd
		result := taskResult(fmt.Sprintf(done, x.key, id), fmt.Sprintf(done, x.key, id), false)
		return afterCommit(func(w http.ResponseWriter) { s.startTask(w, result) }), nil
	})
}

// handleChangeCodeStudioOwner gives the studio to newOwner: an admin or
// the owner (who may read the project) may, to a user the instance holds.
// It answers the studio's settings.
func (s *Server) handleChangeCodeStudioOwner(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key, id, login := r.PathValue("projectKey"), r.PathValue("codeStudioId"), r.URL.Query().Get("newOwner")
	var out map[string]any
	err := s.mutate(func(st *State) error {
		p, d, err := s.docFor(codeStudioKind, st, c, key, id, AccessRead)
		if err != nil {
			return err
		}
		if owner, _ := d["owner"].(string); !c.IsAdmin && (!c.HasUser || c.Login != owner) {
			return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, fmt.Sprintf(msgCodeStudioOwnerOnly, key+"."+id))
		}
		if st.Users[login] == nil {
			return errIllegalArgument(fmt.Sprintf(msgUserMissing, login))
		}
		nd := copyDoc(d)
		nd["owner"] = login
		bumpVersionTag(nd, d, c.Login)
		p.CodeStudios[id] = nd
		out = codeStudioView(nd)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// codeStudiosOf are the project's CodeStudios, by id.
func codeStudiosOf(p *Project) map[string]map[string]any { return p.CodeStudios }
