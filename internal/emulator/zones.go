package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Flow zones (dss-api-more.md §2): per project, zones with a generated id,
// a name and a color, and the objects explicitly placed in them. The
// default zone (id "default") always exists: its content is every object
// no other zone lists, computed on each read, and only its name and color
// are stored (once changed).

// DefaultZoneID is the default zone's literal id [V get_default_zone].
const DefaultZoneID = "default"

// DefaultZoneColor is the color dataikuapi's create_zone sends when given
// none [V]; the emulator also gives it to a create without a color and to
// the default zone [I].
const DefaultZoneColor = "#2ab1ac"

// DefaultZoneName is the default zone's name [I].
const DefaultZoneName = "Default"

// zoneIDLength is the length of a generated zone id [I: "a short random
// alphanumeric string is typical"].
const zoneIDLength = 7

// zoneObjectTypes are the objectType values a zone item may have [V
// _to_smart_ref].
var zoneObjectTypes = map[string]bool{
	"DATASET": true, "MANAGED_FOLDER": true, "SAVED_MODEL": true, "MODEL_EVALUATION_STORE": true,
	"RECIPE": true, "STREAMING_ENDPOINT": true, "LABELING_TASK": true, "RETRIEVABLE_KNOWLEDGE": true,
}

// ZoneItem is an object reference in a zone. Its fields are in the order
// dataikuapi builds them (projectKey only for a foreign object), because
// get_zone_of_object compares the JSON text of refs [V].
type ZoneItem struct {
	ProjectKey string `json:"projectKey,omitempty"`
	ObjectID   string `json:"objectId"`
	ObjectType string `json:"objectType"`
}

// FlowZone is one zone as stored. Other fields a PUT sends are kept in
// Extra and returned as sent [I].
type FlowZone struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Color  string         `json:"color"`
	Items  []ZoneItem     `json:"items"`
	Shared []ZoneItem     `json:"shared"`
	Extra  map[string]any `json:"extra,omitempty"`
}

func (z *FlowZone) clone() *FlowZone {
	c := *z
	c.Items = append([]ZoneItem{}, z.Items...)
	c.Shared = append([]ZoneItem{}, z.Shared...)
	c.Extra = copyDoc(z.Extra)
	return &c
}

// copyZones deep-copies a project's zones (for copyProject).
func copyZones(zs map[string]*FlowZone) map[string]*FlowZone {
	if zs == nil {
		return nil
	}
	out := make(map[string]*FlowZone, len(zs))
	for id, z := range zs {
		out[id] = z.clone()
	}
	return out
}

// wire is the zone as DSS answers it: {id, name, color, items, shared}
// plus the extra fields.
func (z *FlowZone) wire() map[string]any {
	out := copyDoc(z.Extra)
	ensureMap(&out)
	items, shared := make([]any, 0, len(z.Items)), make([]any, 0, len(z.Shared))
	for _, it := range z.Items {
		items = append(items, it)
	}
	for _, it := range z.Shared {
		shared = append(shared, it)
	}
	out["id"], out["name"], out["color"], out["items"], out["shared"] = z.ID, z.Name, z.Color, items, shared
	return out
}

// zoneOf returns the project's zone id as stored, the default zone built
// from its stored settings (or DSS's defaults) with its computed content.
func zoneOf(p *Project, id string) (*FlowZone, bool) {
	if id == DefaultZoneID {
		return defaultZone(p), true
	}
	z, ok := p.Zones[id]
	if !ok {
		return nil, false
	}
	return z.clone(), true
}

// defaultZone is the default zone with its content: the objects of the
// project that no other zone lists, by type (in the order below) then id.
func defaultZone(p *Project) *FlowZone {
	z := &FlowZone{ID: DefaultZoneID, Name: DefaultZoneName, Color: DefaultZoneColor, Items: []ZoneItem{}, Shared: []ZoneItem{}}
	if stored, ok := p.Zones[DefaultZoneID]; ok {
		z = stored.clone()
		z.Items = []ZoneItem{}
	}
	placed := map[ZoneItem]bool{}
	for id, oz := range p.Zones {
		if id == DefaultZoneID {
			continue
		}
		for _, it := range oz.Items {
			placed[it] = true
		}
	}
	add := func(typ string, ids []string) { // sorted
		for _, id := range ids {
			if it := (ZoneItem{ObjectID: id, ObjectType: typ}); !placed[it] {
				z.Items = append(z.Items, it)
			}
		}
	}
	add("DATASET", sortedKeys(p.Datasets))
	add("MANAGED_FOLDER", sortedKeys(p.ManagedFolders))
	add("RECIPE", sortedKeys(p.Recipes))
	add("SAVED_MODEL", sortedKeys(p.SavedModels))
	add("MODEL_EVALUATION_STORE", sortedKeys(p.EvaluationStores))
	add("RETRIEVABLE_KNOWLEDGE", sortedKeys(p.KnowledgeBanks))
	add("LABELING_TASK", sortedKeys(p.LabelingTasks))
	add("STREAMING_ENDPOINT", sortedKeys(p.StreamingEndpoints))
	return z
}

// zoneNotFound follows the dataset message's form [I].
func zoneNotFound(key, id string) *APIError {
	return errNotFound(fmt.Sprintf("flow zone does not exist: %s.%s", key, id))
}

func newZoneID(p *Project) string {
	for {
		if id := randomID(zoneIDLength); p.Zones[id] == nil && id != DefaultZoneID {
			return id
		}
	}
}

// checkZoneSettings checks a name (non-blank) and a color (#RRGGBB, or
// empty: a zone DSS holds may have "" [names.ZoneColorPattern]) [I:
// DSS's UI refuses both; names may repeat, as DSS does not say they are
// unique].
func checkZoneSettings(name, color string) *APIError {
	if strings.TrimSpace(name) == "" {
		return errIllegalArgument("Flow zone name cannot be blank")
	}
	if !names.ZoneColorPattern.MatchString(color) {
		return errIllegalArgument(fmt.Sprintf("Invalid flow zone color %q: expected #RRGGBB or empty", color))
	}
	return nil
}

// zoneRef decodes and checks an object reference: a known objectType, an
// objectId, and an object that exists (in the foreign project when
// projectKey names another one), for every type the emulator holds:
// datasets, managed folders, recipes, saved models, evaluation stores,
// knowledge banks, labeling tasks and streaming endpoints (zoneKinds). Real DSS refuses an add-items batch
// naming a missing recipe (issue 23); the emulator applies the same check
// to every kind it holds. A projectKey equal to the
// zone's project is dropped, as dataikuapi never sends it [V _to_smart_ref].
func (s *Server) zoneRef(st *State, c *Caller, p *Project, raw any) (ZoneItem, *APIError) {
	m, ok := raw.(map[string]any)
	if !ok {
		return ZoneItem{}, errIllegalArgument("An object reference must be a JSON object {objectType, objectId}")
	}
	var it ZoneItem
	it.ObjectID, _ = m["objectId"].(string)
	it.ObjectType, _ = m["objectType"].(string)
	it.ProjectKey, _ = m["projectKey"].(string)
	if it.ProjectKey == p.ProjectKey {
		it.ProjectKey = ""
	}
	if !zoneObjectTypes[it.ObjectType] {
		return ZoneItem{}, errIllegalArgument(fmt.Sprintf("Unknown object type %q", it.ObjectType))
	}
	if it.ObjectID == "" {
		return ZoneItem{}, errIllegalArgument("objectId is missing")
	}
	owner := p
	if it.ProjectKey != "" {
		fp, err := s.projectForCaller(st, c, it.ProjectKey, AccessRead)
		if err != nil {
			return ZoneItem{}, err
		}
		owner = fp
	}
	if kind := zoneKinds[it.ObjectType]; kind != nil {
		if _, ok := kind.docs(owner)[it.ObjectID]; !ok {
			return ZoneItem{}, kind.notFound(owner.ProjectKey, it.ObjectID)
		}
	}
	return it, nil
}

// moveToZone puts it in zone id (DefaultZoneID: in no explicit zone),
// taking it out of every other zone: an object is in exactly one zone [V
// add_item docstring].
func moveToZone(p *Project, id string, it ZoneItem) {
	for zid, z := range p.Zones {
		if zid == DefaultZoneID {
			continue
		}
		kept := z.Items[:0:0]
		for _, x := range z.Items {
			if x != it {
				kept = append(kept, x)
			}
		}
		z.Items = kept
	}
	if z, ok := p.Zones[id]; ok && id != DefaultZoneID {
		z.Items = append(z.Items, it)
	}
}

// renameDatasetInZones follows a dataset rename: the zone that listed the
// old name lists the new one, in the same place.
func renameDatasetInZones(p *Project, oldName, newName string) {
	for _, z := range p.Zones {
		for i, it := range z.Items {
			if it.ProjectKey == "" && it.ObjectType == "DATASET" && it.ObjectID == oldName {
				z.Items[i].ObjectID = newName
			}
		}
		for i, it := range z.Shared {
			if it.ProjectKey == "" && it.ObjectType == "DATASET" && it.ObjectID == oldName {
				z.Shared[i].ObjectID = newName
			}
		}
	}
}

// forgetInZones removes a deleted object from the zones listing it (k
// names the kind).
func forgetInZones(p *Project, k *docKind, id string) {
	forgetZoneItem(p, zoneTypeOf(k), id)
}

// forgetZoneItem removes the project's object of type typ and id from the
// zones listing it ("" type: nothing).
func forgetZoneItem(p *Project, typ, id string) {
	if typ == "" {
		return
	}
	drop := func(items []ZoneItem) []ZoneItem {
		kept := items[:0:0]
		for _, x := range items {
			if x.ProjectKey != "" || x.ObjectType != typ || x.ObjectID != id {
				kept = append(kept, x)
			}
		}
		return kept
	}
	for _, z := range p.Zones {
		z.Items, z.Shared = drop(z.Items), drop(z.Shared)
	}
}

// zoneRoutes serves /projects/{k}/flow/zones (no trailing slash [V]).
func (s *Server) zoneRoutes() {
	const coll = "/projects/{projectKey}/flow/zones"
	const one = coll + "/{zoneId}"
	s.handle("GET "+coll, s.handleListZones)
	s.handle("POST "+coll, s.handleCreateZone)
	s.handle("GET "+one, s.handleGetZone)
	s.handle("PUT "+one, s.handlePutZone)
	s.handle("DELETE "+one, s.handleDeleteZone)
	s.handle("POST "+one+"/items", s.handleZoneItems(false))
	s.handle("POST "+one+"/add-items", s.handleZoneItems(true))
	s.handle("POST "+one+"/shared", s.handleZoneShare)
	s.handle("DELETE "+one+"/shared/{objectType}/{objectId}", s.handleZoneUnshare)
	s.handle("GET "+one+"/graph", s.handleZoneGraph)
}

// GET …/zones: the default zone first, then the others by id [I].
func (s *Server) handleListZones(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		out := []any{defaultZone(p).wire()}
		for _, id := range sortedKeys(p.Zones) {
			if id != DefaultZoneID {
				out = append(out, p.Zones[id].wire())
			}
		}
		return out, nil
	})
}

// POST …/zones {name, color}: the new zone, empty.
func (s *Server) handleCreateZone(w http.ResponseWriter, r *http.Request) {
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		name, _ := body["name"].(string)
		color, ok := body["color"].(string)
		if !ok {
			color = DefaultZoneColor
		}
		if err := checkZoneSettings(name, color); err != nil {
			return nil, err
		}
		ensureMap(&p.Zones)
		z := &FlowZone{ID: newZoneID(p), Name: name, Color: color, Items: []ZoneItem{}, Shared: []ZoneItem{}}
		p.Zones[z.ID] = z
		return z.wire(), nil
	})
}

// zoneCall serves a request on one zone: fn gets a copy of the zone the
// path names (the default zone with its computed items), inside s.read
// when need is AccessRead and s.mutate otherwise, and returns the JSON
// answer; nil answers a message.
func (s *Server) zoneCall(w http.ResponseWriter, r *http.Request, need Access, fn func(st *State, c *Caller, p *Project, z *FlowZone) (any, *APIError)) {
	c, key, id := callerFrom(r.Context()), r.PathValue("projectKey"), r.PathValue("zoneId")
	run := s.mutate
	if need == AccessRead {
		run = s.read
	}
	var out any
	err := run(func(st *State) error {
		p, err := s.projectForCaller(st, c, key, need)
		if err != nil {
			return err
		}
		z, ok := zoneOf(p, id)
		if !ok {
			return zoneNotFound(key, id)
		}
		if out, err = fn(st, c, p, z); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	if out == nil {
		writeMsg(w, fmt.Sprintf("Updated flow zone %s.%s", key, id))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// storeZone stores z, changed, in p (the default zone without its
// computed items) and returns its answer as read back.
func storeZone(p *Project, z *FlowZone) map[string]any {
	ensureMap(&p.Zones)
	if z.ID == DefaultZoneID {
		z.Items = []ZoneItem{}
	}
	p.Zones[z.ID] = z
	z, _ = zoneOf(p, z.ID)
	return z.wire()
}

func (s *Server) handleGetZone(w http.ResponseWriter, r *http.Request) {
	s.zoneCall(w, r, AccessRead, func(_ *State, _ *Caller, _ *Project, z *FlowZone) (any, *APIError) {
		return z.wire(), nil
	})
}

// PUT …/zones/{id}: the whole zone as read; name and color change, items
// and shared are ignored (the PUT cannot change them [V get_raw
// docstring]), the id cannot change, other fields are kept.
func (s *Server) handlePutZone(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.zoneCall(w, r, AccessWrite, func(_ *State, _ *Caller, p *Project, z *FlowZone) (any, *APIError) {
		if v, ok := body["id"].(string); ok && v != z.ID {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot change the id of flow zone %s with a PUT (got %s)", z.ID, v))
		}
		name, color := z.Name, z.Color
		if v, ok := body["name"].(string); ok {
			name = v
		}
		if v, ok := body["color"].(string); ok {
			color = v
		}
		if err := checkZoneSettings(name, color); err != nil {
			return nil, err
		}
		z.Name, z.Color, z.Extra = name, color, nil
		for k, v := range body {
			switch k {
			case "id", "name", "color", "items", "shared":
			default:
				ensureMap(&z.Extra)
				z.Extra[k] = deepCopy(v)
			}
		}
		storeZone(p, z)
		return nil, nil
	})
}

// DELETE …/zones/{id}: its items go back to the default zone (they are in
// no explicit zone any more). The default zone cannot be deleted [I].
func (s *Server) handleDeleteZone(w http.ResponseWriter, r *http.Request) {
	s.zoneCall(w, r, AccessWrite, func(_ *State, _ *Caller, p *Project, z *FlowZone) (any, *APIError) {
		if z.ID == DefaultZoneID {
			return nil, errIllegalArgument("The default zone cannot be deleted")
		}
		delete(p.Zones, z.ID)
		return map[string]any{"msg": fmt.Sprintf("Deleted flow zone %s.%s", p.ProjectKey, z.ID)}, nil
	})
}

// POST …/zones/{id}/items (one ref) and …/add-items (an array): each
// object moves to this zone; the answer is the updated zone. All refs are
// checked before any moves. DSS "may" also move related objects (the
// producing recipe); the emulator moves only what it is given [I].
func (s *Server) handleZoneItems(many bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var raw []any
		if many {
			if !decodeBody(w, r, &raw) {
				return
			}
		} else {
			one, ok := decodeObject(w, r)
			if !ok {
				return
			}
			raw = []any{one}
		}
		s.zoneCall(w, r, AccessWrite, func(st *State, c *Caller, p *Project, z *FlowZone) (any, *APIError) {
			items := make([]ZoneItem, 0, len(raw))
			for _, x := range raw {
				it, err := s.zoneRef(st, c, p, x)
				if err != nil {
					return nil, err
				}
				items = append(items, it)
			}
			for _, it := range items {
				moveToZone(p, z.ID, it)
			}
			z, _ = zoneOf(p, z.ID)
			return z.wire(), nil
		})
	}
}

// POST …/zones/{id}/shared: shares an object to the zone; sharing never
// unshares elsewhere [V].
func (s *Server) handleZoneShare(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.zoneCall(w, r, AccessWrite, func(st *State, c *Caller, p *Project, z *FlowZone) (any, *APIError) {
		it, err := s.zoneRef(st, c, p, body)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(z.Shared, it) {
			z.Shared = append(z.Shared, it)
		}
		return storeZone(p, z), nil
	})
}

// DELETE …/zones/{id}/shared/{objectType}/{objectId}: the path carries no
// project key, so it names a local object [V].
func (s *Server) handleZoneUnshare(w http.ResponseWriter, r *http.Request) {
	it := ZoneItem{ObjectType: r.PathValue("objectType"), ObjectID: r.PathValue("objectId")}
	s.zoneCall(w, r, AccessWrite, func(_ *State, _ *Caller, p *Project, z *FlowZone) (any, *APIError) {
		z.Shared = slices.DeleteFunc(z.Shared, func(x ZoneItem) bool { return x == it })
		return storeZone(p, z), nil
	})
}

// GET …/zones/{id}/graph: the zone's objects as nodes with no edges (the
// emulator keeps no Flow graph yet) [I].
func (s *Server) handleZoneGraph(w http.ResponseWriter, r *http.Request) {
	// The node types dataikuapi's flow.py maps back to objects [V
	// _get_object_from_graph_node]; the evaluation store's is not among
	// them and follows their pattern [I].
	nodeType := map[string]string{
		"DATASET": "COMPUTABLE_DATASET", "MANAGED_FOLDER": "COMPUTABLE_FOLDER", "RECIPE": "RUNNABLE_RECIPE",
		"SAVED_MODEL": "COMPUTABLE_SAVED_MODEL", "MODEL_EVALUATION_STORE": "COMPUTABLE_MODEL_EVALUATION_STORE",
		"RETRIEVABLE_KNOWLEDGE": "COMPUTABLE_RETRIEVABLE_KNOWLEDGE", "LABELING_TASK": "RUNNABLE_LABELING_TASK",
		"STREAMING_ENDPOINT": "COMPUTABLE_STREAMING_ENDPOINT",
	}
	s.zoneCall(w, r, AccessRead, func(_ *State, _ *Caller, _ *Project, z *FlowZone) (any, *APIError) {
		nodes := map[string]any{}
		for _, it := range z.Items {
			t := cmp.Or(nodeType[it.ObjectType], it.ObjectType)
			nodes[it.ObjectID] = map[string]any{"ref": it.ObjectID, "type": t, "predecessors": []any{}, "successors": []any{}}
		}
		return map[string]any{"nodes": nodes}, nil
	})
}
