package emulator

// Incremental persistence: a snapshot plus a journal of the writes
// acknowledged since (the format is documented for users in
// templates/guides/emulator.md.tmpl, section "State file").
//
// FILE, the snapshot, is the State's JSON with two more fields:
// "stateFormat" (2) and "journalSeq", the sequence number of the last
// write it holds. A file without them (written before the journal) is
// format 1 and sequence 0, and loads as before.
//
// FILE.journal starts with the line {"dssEmulatorJournal":1} and holds one
// line per acknowledged write, appended and fsync'ed before the answer:
//
//	{"seq":N,"sum":"<CRC-32C of the changes array, 8 hex digits>","changes":[{"path":[...],"value":...},...]}
//
// A change replaces one part of the state (value null deletes it):
//
//	["<section>"]                           an instance-level field of State (connections, users, folders, ...)
//	["projects", K]                         project K whole (created, or deleted by null)
//	["projects", K, "@own"]                 project K's own fields, its collections kept
//	["projects", K, "<collection>", ID]     one element of a collection of K (datasets, recipes, ...)
//
// Startup loads the snapshot, applies the journal's writes with a sequence
// number above the snapshot's in order, ignores (with a warning) a last
// line that is incomplete or fails its checksum (a write that was never
// acknowledged), refuses any other damage, then compacts: writes a new
// snapshot (temp file, fsync, rename, fsync of the directory) and removes
// the journal. Compaction also runs once the journal outgrows twice the
// snapshot (and 1 MiB), so the bytes written per write do not grow with
// the state and replay stays bounded.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
)

const (
	stateFormat   = 2
	journalFormat = 1
	journalSuffix = ".journal"
	// compactMin and compactRatio bound the journal: it is compacted once
	// it is larger than compactRatio times the snapshot and compactMin.
	compactMin   = 1 << 20
	compactRatio = 2
	ownPart      = "@own"
)

// projectCollections are the Project fields journaled element by element
// (by their JSON names); the other fields form the project's own part. A
// collection added to Project without being listed here is journaled with
// the own part: correct, only larger.
var projectCollections = []string{"datasets", "managedFolders", "flowZones", "dataQuality", "recipes", "scenarios", "datasetObservations",
	"savedModels", "evaluationStores", "knowledgeBanks", "labelingTasks", "streamingEndpoints", "retrievalAugmentedLLMs", "agents", "agentTools", "exportedBundles", "importedBundles", "codeStudios", "jupyterNotebooks"}

var (
	crcTable   = crc32.MakeTable(crc32.Castagnoli)
	hashSeed   = maphash.MakeSeed()
	stateParts = jsonFields(reflect.TypeFor[State](), func(name string, _ reflect.Type) bool { return name != "projects" })
	collParts  = jsonFields(reflect.TypeFor[Project](), func(name string, t reflect.Type) bool {
		if t.Kind() != reflect.Map || t.Key().Kind() != reflect.String {
			return false
		}
		for _, c := range projectCollections {
			if c == name {
				return true
			}
		}
		return false
	})
)

// field is a struct field by its JSON name.
type field struct {
	name  string
	index int
}

func jsonFields(t reflect.Type, keep func(string, reflect.Type) bool) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := bytes.Cut([]byte(f.Tag.Get("json")), []byte(","))
		if len(name) == 0 || string(name) == "-" || !f.IsExported() || !keep(string(name), f.Type) {
			continue
		}
		out = append(out, field{string(name), i})
	}
	return out
}

func findField(fields []field, name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// snapshotFile is the snapshot's on-disk shape.
type snapshotFile struct {
	*State
	StateFormat int    `json:"stateFormat,omitempty"`
	JournalSeq  uint64 `json:"journalSeq,omitempty"`
}

// change is one part of the state as journaled: value nil deletes it.
type change struct {
	path  []string
	value []byte
}

// projectHashes are the hashes of a project's parts as last persisted.
type projectHashes struct {
	own   uint64
	elems map[string]map[string]elemMark // collection -> id
}

// elemMark is an element as last persisted: the hash of its JSON and, for
// a document stored as a map, the map itself. The handlers replace a
// changed document by a new map (copyDoc) and never change a stored one in
// place, so a document still stored as the same map is unchanged without
// being serialised again: that keeps a write's cost independent of the
// size of its project. Holding the map keeps its address from being
// reused. Check mode verifies the rule on every write.
type elemMark struct {
	hash uint64
	doc  any
}

// sameMap reports whether a and b are the same map.
func sameMap(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Kind() == reflect.Map && vb.Kind() == reflect.Map && va.UnsafePointer() == vb.UnsafePointer()
}

func markOf(v any, b []byte) elemMark {
	m := elemMark{hash: hashBytes(b)}
	if reflect.ValueOf(v).Kind() == reflect.Map {
		m.doc = v
	}
	return m
}

// journal is the persistence of a Server (guarded by Server.mu). With
// path "" it only tracks changes (check mode, for tests).
type journal struct {
	path   string
	check  bool // verify that no untouched project changed (tests)
	noSync bool // tests counting bytes only
	seq    uint64
	file   *os.File
	size   int64 // bytes in the journal file
	snap   int64 // bytes of the last snapshot
	// broken: the last append failed; the next write compacts.
	broken bool

	sections map[string]uint64
	projects map[string]*projectHashes
	// touched: the projects a write looked up (nil outside mutate).
	touched map[string]bool

	// Group commit (waitDurable). written: the last entry written to the
	// file. syncMu guards synced (the last entry fsync'ed) and file's
	// replacement; file is also only replaced under Server.mu.
	written   atomic.Uint64
	syncMu    sync.Mutex
	synced    uint64
	syncNanos atomic.Int64

	warnings []string
}

func hashBytes(b []byte) uint64 { return maphash.Bytes(hashSeed, b) }

// touch records that the write under way may change project key. Every
// path that changes a project inside mutate must go through it (most do
// through projectForCaller); check mode makes the tests prove it.
func (s *Server) touch(key string) {
	if j := s.journal; j != nil && j.touched != nil {
		j.touched[key] = true
	}
}

// ownJSON is a project without its collections.
func ownJSON(p *Project) ([]byte, error) {
	c := *p
	v := reflect.ValueOf(&c).Elem()
	for _, f := range collParts {
		v.Field(f.index).SetZero()
	}
	return json.Marshal(&c)
}

// forElems calls fn for every element of every collection of p.
func forElems(p *Project, fn func(coll, id string, v any) error) error {
	v := reflect.ValueOf(p).Elem()
	for _, f := range collParts {
		m := v.Field(f.index)
		if docs, ok := m.Interface().(map[string]map[string]any); ok {
			// Most collections: no reflection per element.
			for id, d := range docs {
				if err := fn(f.name, id, d); err != nil {
					return err
				}
			}
			continue
		}
		it := m.MapRange()
		for it.Next() {
			if err := fn(f.name, it.Key().String(), it.Value().Interface()); err != nil {
				return err
			}
		}
	}
	return nil
}

// hashProject hashes every part of p.
func hashProject(p *Project) (*projectHashes, error) {
	own, err := ownJSON(p)
	if err != nil {
		return nil, err
	}
	h := &projectHashes{own: hashBytes(own), elems: map[string]map[string]elemMark{}}
	err = forElems(p, func(coll, id string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if h.elems[coll] == nil {
			h.elems[coll] = map[string]elemMark{}
		}
		h.elems[coll][id] = markOf(v, b)
		return nil
	})
	return h, err
}

// prime records st as persisted.
func (j *journal) prime(st *State) error {
	j.sections = map[string]uint64{}
	j.projects = map[string]*projectHashes{}
	v := reflect.ValueOf(st).Elem()
	for _, f := range stateParts {
		b, err := json.Marshal(v.Field(f.index).Interface())
		if err != nil {
			return err
		}
		j.sections[f.name] = hashBytes(b)
	}
	for k, p := range st.Projects {
		h, err := hashProject(p)
		if err != nil {
			return err
		}
		j.projects[k] = h
	}
	return nil
}

// diff returns the parts of st that changed since the last call (or
// prime) and records them as persisted.
func (j *journal) diff(st *State) ([]change, error) {
	var out []change
	v := reflect.ValueOf(st).Elem()
	for _, f := range stateParts {
		b, err := json.Marshal(v.Field(f.index).Interface())
		if err != nil {
			return nil, err
		}
		if h := hashBytes(b); h != j.sections[f.name] {
			j.sections[f.name] = h
			out = append(out, change{[]string{f.name}, b})
		}
	}
	for _, k := range sortedKeys(j.projects) {
		if _, ok := st.Projects[k]; !ok {
			delete(j.projects, k)
			out = append(out, change{path: []string{"projects", k}})
		}
	}
	for _, k := range sortedKeys(st.Projects) {
		p := st.Projects[k]
		old, known := j.projects[k]
		switch {
		case !known:
			b, err := json.Marshal(p)
			if err != nil {
				return nil, err
			}
			if j.projects[k], err = hashProject(p); err != nil {
				return nil, err
			}
			out = append(out, change{[]string{"projects", k}, b})
		case j.touched[k]:
			cs, err := projectDiff(k, p, old, j.check)
			if err != nil {
				return nil, err
			}
			out = append(out, cs...)
		case j.check:
			if cs, err := projectDiff(k, p, old, true); err != nil || len(cs) != 0 {
				panic(fmt.Sprintf("emulator: project %s changed by a write that did not touch it (%v): %v", k, err, cs))
			}
		}
	}
	return out, nil
}

// projectDiff returns the parts of p that differ from h, updating h.
// check serialises every element, even one still stored as the same map,
// and panics if such an element changed.
func projectDiff(key string, p *Project, h *projectHashes, check bool) ([]change, error) {
	var out []change
	own, err := ownJSON(p)
	if err != nil {
		return nil, err
	}
	if x := hashBytes(own); x != h.own {
		h.own = x
		out = append(out, change{[]string{"projects", key, ownPart}, own})
	}
	// An element of the last write that is not found again was deleted;
	// counting the ones found again tells whether to look for any.
	before, found := map[string]int{}, map[string]int{}
	for coll, ids := range h.elems {
		before[coll] = len(ids)
	}
	err = forElems(p, func(coll, id string, v any) error {
		old, ok := h.elems[coll][id]
		if ok {
			found[coll]++
		}
		same := ok && old.doc != nil && sameMap(old.doc, v)
		if same && !check {
			return nil
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		m := markOf(v, b)
		if same && old.hash != m.hash {
			panic(fmt.Sprintf("emulator: %s %s of project %s was changed in place: replace a stored document by a copy", coll, id, key))
		}
		if h.elems[coll] == nil {
			h.elems[coll] = map[string]elemMark{}
		}
		h.elems[coll][id] = m // an equal copy: remember the new map
		if ok && old.hash == m.hash {
			return nil
		}
		out = append(out, change{[]string{"projects", key, coll, id}, b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	pv := reflect.ValueOf(p).Elem()
	for _, coll := range sortedKeys(before) {
		if found[coll] == before[coll] {
			continue
		}
		f, _ := findField(collParts, coll)
		m := pv.Field(f.index)
		for _, id := range sortedKeys(h.elems[coll]) {
			if !m.MapIndex(reflect.ValueOf(id)).IsValid() {
				delete(h.elems[coll], id)
				out = append(out, change{path: []string{"projects", key, coll, id}})
			}
		}
	}
	return out, nil
}

// encodeEntry is one journal line.
func encodeEntry(seq uint64, cs []change) []byte {
	var arr bytes.Buffer
	arr.WriteByte('[')
	for i, c := range cs {
		if i > 0 {
			arr.WriteByte(',')
		}
		path, _ := json.Marshal(c.path) // strings always marshal
		arr.WriteString(`{"path":`)
		arr.Write(path)
		arr.WriteString(`,"value":`)
		if c.value == nil {
			arr.WriteString("null")
		} else {
			arr.Write(c.value)
		}
		arr.WriteByte('}')
	}
	arr.WriteByte(']')
	line := fmt.Appendf(nil, `{"seq":%d,"sum":"%08x","changes":`, seq, crc32.Checksum(arr.Bytes(), crcTable))
	line = append(line, arr.Bytes()...)
	return append(line, '}', '\n')
}

// commit persists what the write under way changed: it appends one
// journal entry, or compacts when the journal is due for one. Called
// under Server.mu. It returns the sequence number the caller must wait
// for (waitDurable) before answering, once it has released the lock; 0
// when the write is already durable or changed nothing.
func (j *journal) commit(st *State, stats *persistStats) (uint64, error) {
	start := time.Now()
	cs, err := j.diff(st)
	if err != nil || j.path == "" || (len(cs) == 0 && !j.broken) {
		return 0, err
	}
	j.seq++
	if j.broken {
		return 0, j.compact(st, stats, start)
	}
	n, err := j.append(encodeEntry(j.seq, cs))
	stats.add(n, time.Since(start))
	if err != nil {
		// The write is in memory: a full snapshot still makes it durable.
		j.broken = true
		return 0, j.compact(st, stats, time.Now())
	}
	if j.size > compactMin && j.size > compactRatio*j.snap {
		return 0, j.compact(st, stats, time.Now())
	}
	j.written.Store(j.seq)
	return j.seq, nil
}

// waitDurable returns once the journal entry seq is fsync'ed (or in a
// snapshot). Called without Server.mu, so that the writes that arrive
// during one fsync share the next one (group commit): with Terraform's
// ten parallel requests, a write costs a fraction of an fsync instead of
// a whole one, and the state lock is never held across an fsync of the
// journal.
func (j *journal) waitDurable(seq uint64) error {
	if j.noSync {
		return nil
	}
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if j.synced >= seq || j.file == nil { // a compaction made it durable
		return nil
	}
	upTo := j.written.Load() // what the file holds now, seq included
	start := time.Now()
	err := j.file.Sync()
	j.syncNanos.Add(int64(time.Since(start)))
	if err == nil {
		j.synced = upTo
	}
	return err
}

// append writes line to the journal (creating it with its header);
// waitDurable fsyncs it.
func (j *journal) append(line []byte) (int, error) {
	if j.file == nil {
		f, err := os.OpenFile(j.path+journalSuffix, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return 0, err
		}
		j.setFile(f)
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		j.size = st.Size()
		if j.size == 0 {
			line = append(fmt.Appendf(nil, "{\"dssEmulatorJournal\":%d}\n", journalFormat), line...)
		}
		defer syncDir(filepath.Dir(j.path)) // the new file's name must survive too
	}
	n, err := j.file.Write(line)
	j.size += int64(n)
	return n, err
}

// setFile replaces the journal file (nil: closed), under syncMu so that
// waitDurable never syncs a closed file.
func (j *journal) setFile(f *os.File) {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if j.file != nil && j.file != f {
		_ = j.file.Close()
	}
	j.file = f
	if f == nil {
		// Closed after a compaction or at shutdown: every entry written
		// is in the snapshot, or was synced by its writer's wait.
		j.synced = max(j.synced, j.written.Load())
	}
}

// compact writes a snapshot holding every write up to j.seq, then
// removes the journal.
func (j *journal) compact(st *State, stats *persistStats, start time.Time) error {
	n, err := saveState(j.path, st, j.seq)
	stats.add(n, time.Since(start))
	stats.Compactions++
	if err != nil {
		j.broken = true
		return err
	}
	j.snap = int64(n)
	j.broken = false
	j.written.Store(j.seq)
	j.setFile(nil)
	j.size = 0
	// A journal left behind holds only writes the snapshot has (their
	// sequence numbers are not above its own): replay skips them.
	if err := os.Remove(j.path + journalSuffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func (j *journal) close() {
	if j != nil {
		if j.file != nil && !j.noSync {
			_ = j.file.Sync()
		}
		j.setFile(nil)
	}
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// replayJournal applies the entries of path's journal above seq to st
// and returns the last sequence number and the warnings (a torn last
// entry).
func replayJournal(path string, st *State, seq uint64) (uint64, []string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return seq, nil, nil
	}
	if err != nil {
		return seq, nil, fmt.Errorf("emulator: read journal: %w", err)
	}
	var warnings []string
	for pos, lineNo := 0, 1; pos < len(b); lineNo++ {
		end, complete := len(b), false
		if i := bytes.IndexByte(b[pos:], '\n'); i >= 0 {
			end, complete = pos+i+1, true
		}
		line, last := b[pos:end], end == len(b)
		pos = end
		var n uint64
		var perr error
		if lineNo == 1 {
			var h struct {
				Journal int `json:"dssEmulatorJournal"`
			}
			switch {
			case !complete:
				perr = errors.New("no end of line")
			case json.Unmarshal(line, &h) != nil || h.Journal != journalFormat:
				return seq, nil, fmt.Errorf("emulator: %s: not a journal of format %d: %.80q", path, journalFormat, line)
			}
			n = seq
		} else {
			n, perr = applyEntry(st, line, complete, seq)
		}
		if perr != nil {
			if last {
				// Never acknowledged: the write was cut short.
				warnings = append(warnings, fmt.Sprintf("emulator: %s: ignoring its torn last entry (line %d, %d bytes): %v", path, lineNo, len(line), perr))
				break
			}
			return seq, nil, fmt.Errorf("emulator: %s line %d: %w", path, lineNo, perr)
		}
		seq = max(seq, n)
	}
	return seq, warnings, nil
}

// applyEntry applies one journal line (complete: it ended with a newline)
// when its sequence number is above seq.
func applyEntry(st *State, line []byte, complete bool, seq uint64) (uint64, error) {
	if !complete {
		return 0, errors.New("no end of line")
	}
	var e struct {
		Seq     uint64          `json:"seq"`
		Sum     string          `json:"sum"`
		Changes json.RawMessage `json:"changes"`
	}
	if err := json.Unmarshal(line, &e); err != nil {
		return 0, err
	}
	if want := fmt.Sprintf("%08x", crc32.Checksum(e.Changes, crcTable)); e.Sum != want {
		return 0, fmt.Errorf("checksum %s, want %s", e.Sum, want)
	}
	if e.Seq <= seq {
		return seq, nil // already in the snapshot
	}
	if e.Seq != seq+1 {
		return 0, fmt.Errorf("sequence %d after %d: writes are missing", e.Seq, seq)
	}
	var cs []struct {
		Path  []string        `json:"path"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(e.Changes, &cs); err != nil {
		return 0, err
	}
	for _, c := range cs {
		if err := applyChange(st, c.Path, c.Value); err != nil {
			return 0, fmt.Errorf("change %v: %w", c.Path, err)
		}
	}
	return e.Seq, nil
}

func decodeNumber(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

func isNull(b []byte) bool { return len(b) == 0 || string(bytes.TrimSpace(b)) == "null" }

// applyChange replaces the part of st at path by value (null deletes).
func applyChange(st *State, path []string, value json.RawMessage) error {
	switch {
	case len(path) == 1:
		f, ok := findField(stateParts, path[0])
		if !ok {
			return errors.New("unknown section")
		}
		fv := reflect.ValueOf(st).Elem().Field(f.index)
		fv.SetZero()
		return decodeNumber(value, fv.Addr().Interface())
	case len(path) < 2 || path[0] != "projects":
		return errors.New("unknown path")
	}
	ensureMap(&st.Projects)
	key := path[1]
	if len(path) == 2 {
		if isNull(value) {
			delete(st.Projects, key)
			return nil
		}
		p := &Project{}
		if err := decodeNumber(value, p); err != nil {
			return err
		}
		st.Projects[key] = p
		return nil
	}
	old := st.Projects[key]
	if old == nil {
		return errors.New("no such project")
	}
	if len(path) == 3 && path[2] == ownPart {
		p := &Project{}
		if err := decodeNumber(value, p); err != nil {
			return err
		}
		nv, ov := reflect.ValueOf(p).Elem(), reflect.ValueOf(old).Elem()
		for _, f := range collParts {
			nv.Field(f.index).Set(ov.Field(f.index))
		}
		st.Projects[key] = p
		return nil
	}
	f, ok := findField(collParts, path[2])
	if len(path) != 4 || !ok {
		return errors.New("unknown path")
	}
	m := reflect.ValueOf(old).Elem().Field(f.index)
	id := reflect.ValueOf(path[3])
	if isNull(value) {
		if !m.IsNil() {
			m.SetMapIndex(id, reflect.Value{})
		}
		return nil
	}
	if m.IsNil() {
		m.Set(reflect.MakeMap(m.Type()))
	}
	elem := reflect.New(m.Type().Elem())
	if err := decodeNumber(value, elem.Interface()); err != nil {
		return err
	}
	m.SetMapIndex(id, elem.Elem())
	return nil
}
