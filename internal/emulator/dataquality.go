package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Data quality rules of a dataset (dss-api-more.md §1.1, §1.2, §5):
// /projects/{k}/datasets/{d}/data-quality/…. DSS computes rules on data the
// emulator does not have, so the outcomes come from a control endpoint
// (POST /_emulator/data-quality/{k}/{d}, admin key only) and computing
// returns them.
//
// Where the rules live: in the dataset's definition, in
// metricsChecks.checks, beside any legacy checks (real documents hold them
// there, dss-real-shapes.md [T]; which entries are rules:
// names.IsDataQualityRuleEntry [I]). So the rules endpoints and the
// definition agree: a rule created here shows in GET …/datasets/{d}, a
// project seeded with rules in its documents lists them, and a PUT of the
// definition is what DSS's save of it would be (its rules included). The
// ruleset GET …/data-quality/rules answers is metricsChecks with only the
// rules in `checks` (the client reads only `checks` [V]).

// DataQualityRuleTypes are the rule config types the emulator knows, and
// DataQualityPluginTypePrefix starts the type of a rule a plugin provides:
// DSS's vocabulary, stated once in internal/dss/names. The list is not
// closed (a newer DSS adds types): the emulator accepts any non-blank type
// and applies its type-specific checks only to the types it knows.
var DataQualityRuleTypes = names.DataQualityRuleTypes

const DataQualityPluginTypePrefix = names.DataQualityPluginTypePrefix

// DataQualityOutcomes are the outcomes of a rule and the statuses of a
// dataset, from best to worst ("EMPTY": nothing computed).
var DataQualityOutcomes = []string{"EMPTY", "OK", "WARNING", "ERROR"}

// DatasetQuality is one dataset's seeded outcomes and last results, kept
// in Project.DataQuality under the dataset's name (its rules are in its
// definition: see datasetRules).
type DatasetQuality struct {
	// LegacyRules: where states written by earlier emulators kept the
	// rules; loadState moves them into the definition
	// (migrateDataQualityRules) and it is empty afterwards.
	LegacyRules []map[string]any `json:"rules,omitempty"`
	// Seeded: outcomes set through the control endpoint, by rule id or
	// displayName; SeededStatus overrides the derived dataset status.
	Seeded       map[string]SeededOutcome `json:"seeded,omitempty"`
	SeededStatus string                   `json:"seededStatus,omitempty"`
	// LastResults: the last result of each rule, by rule id.
	LastResults map[string]map[string]any `json:"lastResults,omitempty"`
}

// SeededOutcome is what computing a rule gives.
type SeededOutcome struct {
	Outcome string `json:"outcome"`
	Message string `json:"message"`
}

// copyDataQuality deep-copies a project's data quality (copyProject).
func copyDataQuality(in map[string]*DatasetQuality) map[string]*DatasetQuality {
	if in == nil {
		return nil
	}
	b, _ := json.Marshal(in)
	var out map[string]*DatasetQuality
	_ = json.Unmarshal(b, &out)
	return out
}

// renameDatasetInDataQuality moves a renamed dataset's rules and outcomes
// (called from the generic rename path: only datasets have rules).
func renameDatasetInDataQuality(p *Project, oldName, newName string) {
	if p.DataQuality == nil || p.DataQuality[oldName] == nil {
		return
	}
	p.DataQuality[newName] = p.DataQuality[oldName]
	delete(p.DataQuality, oldName)
}

// deleteDatasetDataQuality drops a deleted dataset's rules and outcomes.
func deleteDatasetDataQuality(p *Project, name string) {
	if p.DataQuality != nil {
		delete(p.DataQuality, name)
	}
}

func (s *Server) dataQualityRoutes() {
	const dq = "/projects/{projectKey}/datasets/{datasetName}/data-quality"
	s.handle("GET "+dq+"/rules", s.handleListRules)
	s.handle("POST "+dq+"/rules", s.handleCreateRule)
	s.handle("GET "+dq+"/rules/{ruleId}", s.handleGetRule)
	s.handle("PUT "+dq+"/rules/{ruleId}", s.handlePutRule)
	s.handle("DELETE "+dq+"/rules/{ruleId}", s.handleDeleteRule)
	s.handle("GET "+dq+"/status", s.handleQualityStatus)
	s.handle("GET "+dq+"/last-rules-result", s.handleLastRulesResult)
	s.handle("POST "+dq+"/actions/compute-rules", s.handleComputeRules)
}

// datasetRules is a dataset's rules: the stored definition's
// metricsChecks.checks, of which rules are the entries
// names.IsDataQualityRuleEntry says are; the other entries (legacy
// checks) are never touched here.
type datasetRules struct {
	doc   map[string]any // the stored definition: read it, never change it
	p     *Project       // where setChecks stores the changed copy
	name  string
	login string
}

// checks is the whole metricsChecks.checks list (rules and legacy checks).
func (d datasetRules) checks() []any {
	mc, _ := d.doc["metricsChecks"].(map[string]any)
	l, _ := mc["checks"].([]any)
	return l
}

// setChecks stores a copy of the definition whose metricsChecks.checks is
// l (the section made when the definition has none), as a save of the
// dataset would: stored documents are replaced, never changed in place.
func (d *datasetRules) setChecks(l []any) {
	doc := copyDoc(d.doc)
	mc, ok := doc["metricsChecks"].(map[string]any)
	if !ok {
		mc = map[string]any{"displayedState": map[string]any{"checks": []any{}}}
		doc["metricsChecks"] = mc
	}
	mc["checks"] = deepCopy(l)
	if d.login != "" { // a caller's write, not a migration
		bumpVersionTag(doc, d.doc, d.login)
	}
	d.p.Datasets[d.name] = doc
	d.doc = doc
}

// list is the rules, in the list's order (the stored maps: copy them
// before answering).
func (d datasetRules) list() []map[string]any {
	var out []map[string]any
	for _, e := range d.checks() {
		if m, ok := e.(map[string]any); ok && names.IsDataQualityRuleEntry(m) {
			out = append(out, m)
		}
	}
	return out
}

// index is the position in checks of the rule with this id, or -1.
func (d datasetRules) index(id string) int {
	return slices.IndexFunc(d.checks(), func(e any) bool {
		m, ok := e.(map[string]any)
		return ok && names.IsDataQualityRuleEntry(m) && m["id"] == id
	})
}

// qualityFor finds the dataset's rules and data quality for the caller
// inside s.read or s.mutate; create makes the data quality when missing
// (write paths only).
func (s *Server) qualityFor(st *State, r *http.Request, need Access, create bool) (*DatasetQuality, datasetRules, *APIError) {
	key, name := r.PathValue("projectKey"), r.PathValue("datasetName")
	p, doc, err := s.docFor(datasetKind, st, callerFrom(r.Context()), key, name, need)
	if err != nil {
		return nil, datasetRules{}, err
	}
	q := p.DataQuality[name]
	if q == nil {
		q = &DatasetQuality{}
		if create {
			ensureMap(&p.DataQuality)
			p.DataQuality[name] = q
		}
	}
	return q, datasetRules{doc: doc, p: p, name: name, login: callerFrom(r.Context()).Login}, nil
}

func ruleNotFound(r *http.Request, id string) *APIError {
	return errNotFound(fmt.Sprintf("Data quality rule %s does not exist on dataset %s.%s", id, r.PathValue("projectKey"), r.PathValue("datasetName")))
}

// numberOf reads a JSON number (json.Number or float64).
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// checkRule validates a rule document as DSS would: a type (any
// non-blank one: a real DSS holds types the known list misses [I]), and,
// for a known range type, range bounds in order when both are enabled.
func checkRule(rule map[string]any) *APIError {
	typ, _ := rule["type"].(string)
	if strings.TrimSpace(typ) == "" {
		return errIllegalArgument("Data quality rule has no type")
	}
	if !names.IsDataQualityRuleEntry(rule) {
		// Stored in metricsChecks.checks, it would read as a legacy check.
		return errIllegalArgument(fmt.Sprintf("Invalid rule %v: type %s is not a data quality rule type", rule["displayName"], typ))
	}
	if !slices.Contains(DataQualityRuleTypes, typ) || !strings.HasSuffix(typ, "InRangeRule") {
		return nil
	}
	for _, pair := range [][2]string{{"minimum", "maximum"}, {"softMinimum", "softMaximum"}} {
		lo, okLo := numberOf(rule[pair[0]])
		hi, okHi := numberOf(rule[pair[1]])
		if okLo && okHi && rule[pair[0]+"Enabled"] != false && rule[pair[1]+"Enabled"] != false && lo > hi {
			return errIllegalArgument(fmt.Sprintf("Invalid rule %v: %s (%v) is greater than %s (%v)", rule["displayName"], pair[0], rule[pair[0]], pair[1], rule[pair[1]]))
		}
	}
	return nil
}

// fillRule sets the defaults DSS's rule objects carry [I].
func fillRule(rule map[string]any) {
	fillMissing(rule, map[string]any{"displayName": rule["type"], "enabled": true, "autoRun": true})
}

// GET …/data-quality/rules: the ruleset; the client reads only `checks`.
// answerQuality answers a read of the dataset's data quality with what
// part returns (called under the read lock, on the stored data: copy).
func (s *Server) answerQuality(w http.ResponseWriter, r *http.Request, part func(q *DatasetQuality, rules datasetRules) (any, *APIError)) {
	s.answerRead(w, func(st *State) (any, error) {
		q, rules, err := s.qualityFor(st, r, AccessRead, false)
		if err != nil {
			return nil, err
		}
		out, perr := part(q, rules)
		if perr != nil {
			return nil, perr
		}
		return out, nil
	})
}

// The ruleset is the definition's metricsChecks with only the rules in
// checks; monitor is the document's, else whether there are rules.
func (s *Server) handleListRules(w http.ResponseWriter, r *http.Request) {
	s.answerQuality(w, r, func(_ *DatasetQuality, d datasetRules) (any, *APIError) {
		list := d.list()
		rules := make([]any, 0, len(list))
		for _, rule := range list {
			rules = append(rules, copyDoc(rule))
		}
		mc, _ := d.doc["metricsChecks"].(map[string]any)
		out := copyDoc(mc)
		if out == nil {
			out = map[string]any{}
		}
		out["checks"] = rules
		if _, ok := out["monitor"].(bool); !ok {
			out["monitor"] = len(rules) > 0
		}
		return out, nil
	})
}

// POST …/data-quality/rules: a rule config; DSS mints the id.
func (s *Server) handleCreateRule(w http.ResponseWriter, r *http.Request) {
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		_, d, err := s.qualityFor(st, r, AccessWrite, false)
		if err != nil {
			return nil, err
		}
		rule := copyDoc(body)
		fillRule(rule)
		if err := checkRule(rule); err != nil {
			return nil, err
		}
		id := randomToken(8)
		for d.index(id) >= 0 {
			id = randomToken(8)
		}
		rule["id"] = id
		d.setChecks(append(slices.Clone(d.checks()), rule))
		return copyDoc(rule), nil
	})
}

// GET …/data-quality/rules/{id} (the client lists instead; DSS serves it).
func (s *Server) handleGetRule(w http.ResponseWriter, r *http.Request) {
	s.answerQuality(w, r, func(_ *DatasetQuality, d datasetRules) (any, *APIError) {
		i := d.index(r.PathValue("ruleId"))
		if i < 0 {
			return nil, ruleNotFound(r, r.PathValue("ruleId"))
		}
		rule, _ := d.checks()[i].(map[string]any) // index found a map
		return copyDoc(rule), nil
	})
}

// changeRule runs change, under the write lock, on the rule the path
// names (at index i of d's checks), or fails with DSS's not-found for it.
func (s *Server) changeRule(r *http.Request, change func(q *DatasetQuality, d datasetRules, i int, id string) *APIError) error {
	id := r.PathValue("ruleId")
	return s.mutate(func(st *State) error {
		q, d, err := s.qualityFor(st, r, AccessWrite, false)
		if err != nil {
			return err
		}
		i := d.index(id)
		if i < 0 {
			return ruleNotFound(r, id)
		}
		if err := change(q, d, i, id); err != nil {
			return err
		}
		return nil
	})
}

// PUT …/data-quality/rules/{id}: the whole rule; the id cannot change.
func (s *Server) handlePutRule(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	err := s.changeRule(r, func(_ *DatasetQuality, d datasetRules, i int, id string) *APIError {
		if bid, ok := body["id"]; ok && bid != id {
			return errIllegalArgument(fmt.Sprintf("Cannot change the id of rule %s to %v", id, bid))
		}
		rule := copyDoc(body)
		rule["id"] = id
		fillRule(rule)
		if err := checkRule(rule); err != nil {
			return err
		}
		l := slices.Clone(d.checks())
		l[i] = rule
		d.setChecks(l)
		return nil
	})
	answer(w, err, message("Rule saved"))
}

// DELETE …/data-quality/rules/{id}?ruleId=…: its last result goes too.
func (s *Server) handleDeleteRule(w http.ResponseWriter, r *http.Request) {
	err := s.changeRule(r, func(q *DatasetQuality, d datasetRules, i int, id string) *APIError {
		d.setChecks(slices.Delete(slices.Clone(d.checks()), i, i+1))
		delete(q.LastResults, id)
		return nil
	})
	answer(w, err, message("Rule deleted"))
}

// status is the seeded status, else the worst last result of a rule that
// still exists, else EMPTY.
func (q *DatasetQuality) status(d datasetRules) string {
	if q.SeededStatus != "" {
		return q.SeededStatus
	}
	worst := 0
	for _, rule := range d.list() {
		res := q.LastResults[fmt.Sprint(rule["id"])]
		if o, _ := res["outcome"].(string); slices.Index(DataQualityOutcomes, o) > worst {
			worst = slices.Index(DataQualityOutcomes, o)
		}
	}
	return DataQualityOutcomes[worst]
}

// GET …/data-quality/status: a JSON string (the client documents a str).
func (s *Server) handleQualityStatus(w http.ResponseWriter, r *http.Request) {
	s.answerQuality(w, r, func(q *DatasetQuality, d datasetRules) (any, *APIError) { return q.status(d), nil })
}

// lastResults lists the last results of the rules that exist (one rule
// when ruleID is set), in rule order.
func (q *DatasetQuality) lastResults(d datasetRules, ruleID string) []any {
	out := []any{}
	for _, rule := range d.list() {
		id := fmt.Sprint(rule["id"])
		if res, ok := q.LastResults[id]; ok && (ruleID == "" || ruleID == id) {
			out = append(out, copyDoc(res))
		}
	}
	return out
}

// GET …/data-quality/last-rules-result?partition=NP&ruleId=: [] until a
// compute (or a seed) happened.
func (s *Server) handleLastRulesResult(w http.ResponseWriter, r *http.Request) {
	s.answerQuality(w, r, func(q *DatasetQuality, d datasetRules) (any, *APIError) {
		return q.lastResults(d, r.URL.Query().Get("ruleId")), nil
	})
}

// record stores the result of computing the rules (one when ruleID is
// set; otherwise every enabled rule): the seeded outcome for the rule's id
// or name, else OK.
func (q *DatasetQuality) record(d datasetRules, ruleID, partition, origin string) {
	ensureMap(&q.LastResults)
	for _, rule := range d.list() {
		id, name := fmt.Sprint(rule["id"]), fmt.Sprint(rule["displayName"])
		if ruleID != "" && id != ruleID || ruleID == "" && rule["enabled"] == false {
			continue
		}
		seed, ok := q.Seeded[id]
		if !ok {
			seed, ok = q.Seeded[name]
		}
		if !ok {
			seed = SeededOutcome{Outcome: "OK", Message: "No outcome seeded in the emulator"}
		}
		q.LastResults[id] = map[string]any{"id": id, "name": name, "outcome": seed.Outcome, "message": seed.Message,
			"computeDate": nowMillis(), "runOrigin": origin, "partition": partition, "ruleType": rule["type"]}
	}
}

// POST …/data-quality/actions/compute-rules?partition=NP&ruleId=: a
// finished future whose result lists the results.
func (s *Server) handleComputeRules(w http.ResponseWriter, r *http.Request) {
	partition := cmp.Or(r.URL.Query().Get("partition"), "NP")
	ruleID := r.URL.Query().Get("ruleId")
	var results []any
	err := s.mutate(func(st *State) error {
		_, d, err := s.qualityFor(st, r, AccessWrite, false)
		if err != nil {
			return err
		}
		if ruleID != "" && d.index(ruleID) < 0 {
			return ruleNotFound(r, ruleID)
		}
		if len(d.list()) == 0 {
			results = []any{}
			return nil
		}
		q, _, _ := s.qualityFor(st, r, AccessWrite, true)
		q.record(d, ruleID, partition, "MANUAL")
		results = q.lastResults(d, ruleID)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	result := map[string]any{"partition": partition, "results": results}
	writeJSON(w, http.StatusOK, s.futures.state(s.futures.add(0, result), true))
}

// DataQualitySeed is the body of POST /_emulator/data-quality/{k}/{d}:
// outcomes by rule id or displayName, and optionally the dataset status.
type DataQualitySeed struct {
	Status   string                   `json:"status"`
	Outcomes map[string]SeededOutcome `json:"outcomes"`
}

// dataQualityControlPrefix is the control path of rule outcomes.
const dataQualityControlPrefix = ControlPrefix + "/data-quality/"

// serveDataQualityControl handles POST (seed: replaces the seeded outcomes
// and records them as the rules' last results, as if DSS had just computed
// them) and DELETE (forget seeds and results) on
// /_emulator/data-quality/{projectKey}/{datasetName}. It reports whether
// the path was its own. The caller has checked the admin key.
func (s *Server) serveDataQualityControl(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, dataQualityControlPrefix)
	if !ok {
		return false
	}
	key, name, ok := strings.Cut(rest, "/")
	if !ok || key == "" || name == "" || strings.Contains(name, "/") {
		notFound(w, "Expected "+dataQualityControlPrefix+"{projectKey}/{datasetName}")
		return true
	}
	var seed DataQualitySeed
	if r.Method == http.MethodPost && !decodeBody(w, r, &seed) {
		return true
	}
	for _, o := range append(sortedOutcomes(seed.Outcomes), seed.Status) {
		if o != "" && !slices.Contains(DataQualityOutcomes, o) {
			illegalArgument(w, fmt.Sprintf("Unknown outcome %q: use one of %s", o, strings.Join(DataQualityOutcomes, ", ")))
			return true
		}
	}
	err := s.mutate(func(st *State) error {
		s.touch(key)
		q, d, err := seedQuality(st, key, name)
		if err != nil {
			return err
		}
		switch r.Method {
		case http.MethodPost:
			q.seed(d, seed)
		case http.MethodDelete:
			q.Seeded, q.SeededStatus, q.LastResults = nil, "", nil
		default:
			return newError(http.StatusMethodNotAllowed, ErrTypeIllegalArgument, "Use POST or DELETE")
		}
		return nil
	})
	answer(w, err, message(fmt.Sprintf("Data quality outcomes of %s.%s set", key, name)))
	return true
}

func sortedOutcomes(m map[string]SeededOutcome) []string {
	out := make([]string, 0, len(m))
	for _, o := range m {
		out = append(out, o.Outcome)
	}
	sort.Strings(out)
	return out
}

// SeedDataQuality does what POST /_emulator/data-quality/{k}/{d} does,
// for tests in this process.
func (s *Server) SeedDataQuality(projectKey, dataset string, seed DataQualitySeed) error {
	return s.mutate(func(st *State) error {
		s.touch(projectKey)
		q, d, err := seedQuality(st, projectKey, dataset)
		if err != nil {
			return err
		}
		q.seed(d, seed)
		return nil
	})
}

// seedQuality finds (or makes) a dataset's data quality for the control
// endpoint, which is not a caller's view: no access check beyond the admin key.
func seedQuality(st *State, key, name string) (*DatasetQuality, datasetRules, *APIError) {
	p := st.Projects[key]
	if p == nil {
		return nil, datasetRules{}, errNotFound("Project not found: " + key)
	}
	doc, ok := p.Datasets[name]
	if !ok {
		return nil, datasetRules{}, datasetNotFound(key, name)
	}
	ensureMap(&p.DataQuality)
	q := p.DataQuality[name]
	if q == nil {
		q = &DatasetQuality{}
		p.DataQuality[name] = q
	}
	return q, datasetRules{doc: doc, p: p, name: name}, nil
}

// seed replaces the seeded outcomes and records them as the last results.
func (q *DatasetQuality) seed(d datasetRules, seed DataQualitySeed) {
	q.Seeded, q.SeededStatus = seed.Outcomes, seed.Status
	q.LastResults = nil
	if len(q.Seeded) > 0 {
		q.record(d, "", "NP", "EMULATOR_SEED")
	}
}

// migrateDataQualityRules moves the rules a state written by an earlier
// emulator kept beside the definition (DatasetQuality.LegacyRules) into
// the dataset's metricsChecks.checks, after the entries already there,
// skipping a rule whose id the list already has. It runs on a loaded
// state, before the server serves it.
func migrateDataQualityRules(st *State) {
	for _, p := range st.Projects {
		for name, q := range p.DataQuality {
			if q == nil || len(q.LegacyRules) == 0 {
				continue
			}
			if doc, ok := p.Datasets[name]; ok {
				d := datasetRules{doc: doc, p: p, name: name}
				l := slices.Clone(d.checks())
				for _, rule := range q.LegacyRules {
					if id, _ := rule["id"].(string); id == "" || d.index(id) < 0 {
						l = append(l, rule)
					}
				}
				d.setChecks(l)
			}
			q.LegacyRules = nil
		}
	}
}
