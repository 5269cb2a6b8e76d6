package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// RootFolderID is the id of the root project folder.
const RootFolderID = "ROOT"

// State is everything the emulator stores. It is JSON-serialisable and is
// the on-disk format of the state file. Guarded by Server.mu.
type State struct {
	Projects map[string]*Project `json:"projects"`
	// Folders, keyed by id. Children and project membership are derived
	// from ParentID / Project.FolderID so they can never disagree.
	Folders map[string]*ProjectFolder `json:"folders"`
	// Connections: raw connection definitions keyed by name.
	Connections map[string]map[string]any `json:"connections"`
	// Users keyed by login, groups (raw definitions) keyed by name, API
	// keys keyed by id. Secrets only as SHA-256 (see people.go).
	Users           map[string]*User                 `json:"users"`
	Groups          map[string]map[string]any        `json:"groups"`
	GlobalAPIKeys   map[string]*GlobalAPIKeyRecord   `json:"globalApiKeys"`
	PersonalAPIKeys map[string]*PersonalAPIKeyRecord `json:"personalApiKeys"`
	// ConnectionSecrets: per connection, the AES-GCM ciphertext of each
	// secret param (by its dotted path in params) under InstanceSecret,
	// the instance's own key (as DSS keeps one in its data directory).
	ConnectionSecrets map[string]map[string]string `json:"connectionSecrets"`
	InstanceSecret    string                       `json:"instanceSecret"`
	// CodeEnvs: raw definitions keyed by "LANG/name".
	CodeEnvs map[string]map[string]any `json:"codeEnvs"`
	// GeneralSettings and InstanceVariables: whole documents.
	GeneralSettings   map[string]any `json:"generalSettings"`
	InstanceVariables map[string]any `json:"instanceVariables"`
	// Plugins: installed plugins keyed by id, each with its settings
	// document; PluginStore the emulated store's catalog; PluginUsages the
	// usages seeded per plugin (plugins.go). Clusters keyed by id
	// (clusters.go).
	Plugins      map[string]map[string]any   `json:"plugins,omitempty"`
	PluginStore  map[string]PluginStoreEntry `json:"pluginStore,omitempty"`
	PluginUsages map[string][]any            `json:"pluginUsages,omitempty"`
	Clusters     map[string]map[string]any   `json:"clusters,omitempty"`
	// DataCollections: raw settings documents keyed by id
	// (datacollections.go).
	DataCollections map[string]map[string]any `json:"dataCollections,omitempty"`
	// DataCollectionItems: each collection's objects ({type, projectKey,
	// id}), by collection id.
	DataCollectionItems map[string][]map[string]any `json:"dataCollectionItems,omitempty"`
	// MessagingChannels: {id, type, family, configuration, permissions}
	// keyed by id (messagingchannels.go); ChannelSecrets: per channel, the
	// AES-GCM ciphertext of each secret key of its configuration, as
	// ConnectionSecrets.
	MessagingChannels map[string]map[string]any    `json:"messagingChannels,omitempty"`
	ChannelSecrets    map[string]map[string]string `json:"channelSecrets,omitempty"`
	// IAMSecrets: the AES-GCM ciphertext of each identity-provider
	// settings document's secret, keyed by the document's route
	// ("ldap-settings", iam.go).
	IAMSecrets map[string]string `json:"iamSecrets,omitempty"`
	// Meanings: user-defined meanings' definitions keyed by id
	// (meanings.go).
	Meanings map[string]map[string]any `json:"meanings,omitempty"`
	// Deployer: the Project Deployer's infrastructures, published
	// projects and deployments (deployer.go); nil until first used.
	Deployer *DeployerState `json:"deployer,omitempty"`
	// Workspaces: raw settings documents keyed by workspace key
	// (workspaces.go).
	Workspaces map[string]map[string]any `json:"workspaces,omitempty"`
	// WorkspaceObjects: each workspace's objects, in the order added.
	WorkspaceObjects map[string][]map[string]any `json:"workspaceObjects,omitempty"`
	// CodeStudioTemplates: settings documents keyed by id, each with the
	// emulator's record of its last build (containerexec.go).
	CodeStudioTemplates map[string]map[string]any `json:"codeStudioTemplates,omitempty"`
	// ProjectStandards: checks and scopes (projectstandards.go); nil until
	// first written.
	ProjectStandards *ProjectStandardsState `json:"projectStandards,omitempty"`
	// SanityCheckFindings: what the instance sanity check reports, as
	// SetSanityCheckFindings gave them (sanitycheck.go).
	SanityCheckFindings []map[string]any `json:"sanityCheckFindings,omitempty"`
	// SupplierGroups: what the users' external suppliers (LDAP, Azure AD,
	// SSO) report, the supplier's group names by login, as
	// SetSupplierGroups gave them; UserResyncs: how many times each login
	// was resynced from its supplier (users_resync.go).
	SupplierGroups map[string][]string `json:"supplierGroups,omitempty"`
	UserResyncs    map[string]int      `json:"userResyncs,omitempty"`
}

// Project holds a project's documents, each stored raw so unknown fields
// round-trip.
type Project struct {
	ProjectKey  string         `json:"projectKey"`
	FolderID    string         `json:"folderId"`
	CreatedOn   int64          `json:"createdOn"` // ms since epoch
	CreatedBy   string         `json:"createdBy"`
	Metadata    map[string]any `json:"metadata"`
	Permissions map[string]any `json:"permissions"`
	Variables   map[string]any `json:"variables"`
	Settings    map[string]any `json:"settings"`
	TagRegistry map[string]any `json:"tagRegistry"` // GET/PUT /projects/{k}/tags
	// Datasets: raw dataset definitions keyed by name.
	Datasets map[string]map[string]any `json:"datasets"`
	// ManagedFolders: raw managed-folder definitions keyed by id (absent
	// from state files written before managed folders: loaded as empty).
	ManagedFolders map[string]map[string]any `json:"managedFolders"`
	// The ML and LLM objects of the Flow (mlobjects.go): raw documents
	// keyed by id.
	SavedModels      map[string]map[string]any `json:"savedModels,omitempty"`
	EvaluationStores map[string]map[string]any `json:"evaluationStores,omitempty"`
	KnowledgeBanks   map[string]map[string]any `json:"knowledgeBanks,omitempty"`
	LabelingTasks    map[string]map[string]any `json:"labelingTasks,omitempty"`
	// StreamingEndpoints: raw streaming endpoint definitions keyed by id,
	// the name their creator chose (streamingendpoints.go).
	StreamingEndpoints map[string]map[string]any `json:"streamingEndpoints,omitempty"`
	// RetrievalAugmentedLLMs: raw retrieval-augmented LLM settings keyed
	// by id (ragllms.go).
	RetrievalAugmentedLLMs map[string]map[string]any `json:"retrievalAugmentedLLMs,omitempty"`
	// Agents: raw agent settings keyed by id (agents.go).
	Agents map[string]map[string]any `json:"agents,omitempty"`
	// AgentTools: raw agent tool settings keyed by id (agent_tools.go).
	AgentTools map[string]map[string]any `json:"agentTools,omitempty"`
	// CodeStudios: code studios keyed by the id DSS generated, each its
	// settings and the emulator's record of its state (codestudios.go).
	CodeStudios map[string]map[string]any `json:"codeStudios,omitempty"`
	// Zones: flow zones keyed by id; "default" only once its settings changed (nil until a zone is created).
	Zones map[string]*FlowZone `json:"flowZones,omitempty"`
	// Wiki: the project's wiki, its settings and articles (wiki.go); nil until first used.
	Wiki *Wiki `json:"wiki,omitempty"`

	// DataQuality: data quality rules and outcomes by dataset name (dataquality.go).
	DataQuality map[string]*DatasetQuality `json:"dataQuality,omitempty"`
	Recipes     map[string]map[string]any  `json:"recipes"` // {recipe, payload} documents keyed by name (recipes.go)
	// Scenarios: raw scenario settings keyed by id (see scenarios.go).
	Scenarios map[string]map[string]any `json:"scenarios,omitempty"`
	// DatasetObservations: seeded partitions and metric values keyed by dataset name (see metrics.go).
	DatasetObservations map[string]*DatasetObservations `json:"datasetObservations,omitempty"`
	// ExportedBundles (design node) and ImportedBundles (automation
	// node): bundles keyed by id, each with its project snapshot
	// (bundles.go).
	ExportedBundles map[string]map[string]any `json:"exportedBundles,omitempty"`
	ImportedBundles map[string]map[string]any `json:"importedBundles,omitempty"`
	// APIServices (design node): the API Designer's services keyed by id,
	// each its settings document; APIPackages: their packages keyed by
	// "serviceId/packageId" (apiservices.go).
	APIServices map[string]map[string]any `json:"apiServices,omitempty"`
	APIPackages map[string]map[string]any `json:"apiPackages,omitempty"`
	// ExternalLibraries: the project's external-libraries document (Git
	// references, Python path); GitLibraryState: per Git reference's path,
	// what the emulator knows of its directory (gitlibraries.go).
	ExternalLibraries map[string]any            `json:"externalLibraries,omitempty"`
	GitLibraryState   map[string]map[string]any `json:"gitLibraryState,omitempty"`
	// Git: the project's own repository (projectgit.go); nil until used.
	Git *ProjectGit `json:"git,omitempty"`
	// Library: the project's library tree (projectlibrary.go), a folder a
	// map of its children, a file the base64 of its bytes; nil until
	// changed (the folders DSS makes). Not omitempty: an emptied library
	// stays empty after a reload.
	Library map[string]any `json:"library"`
	// JupyterNotebooks: each notebook's content, the .ipynb document with
	// DSS's metadata stamps, keyed by its name (jupyternotebooks.go).
	JupyterNotebooks map[string]map[string]any `json:"jupyterNotebooks,omitempty"`
}

// ProjectFolder is a node of the project-folder tree.
type ProjectFolder struct {
	ID       string         `json:"id"`
	Name     *string        `json:"name"`     // nil for ROOT
	ParentID *string        `json:"parentId"` // nil for ROOT
	Settings map[string]any `json:"settings"` // owner, permissions, ...
}

// NewState returns an empty state with the ROOT folder.
func NewState() *State {
	st := &State{
		Projects:    map[string]*Project{},
		Folders:     map[string]*ProjectFolder{},
		Connections: map[string]map[string]any{},
	}
	st.ensureRoot()
	return st
}

func (st *State) ensureRoot() {
	ensureMap(&st.Projects)
	ensureMap(&st.Folders)
	ensureMap(&st.Connections)
	ensureMap(&st.ConnectionSecrets)
	// The instance key exists from the start, so that reads (under the
	// read lock) never have to create it.
	st.instanceKey()
	ensureMap(&st.CodeEnvs)
	if st.GeneralSettings == nil {
		st.GeneralSettings = defaultGeneralSettings()
	}
	ensureMap(&st.InstanceVariables)
	ensureMap(&st.Users)
	ensureMap(&st.Plugins)
	ensureMap(&st.PluginStore)
	ensureMap(&st.PluginUsages)
	ensureMap(&st.Clusters)
	ensureMap(&st.DataCollections)
	ensureMap(&st.DataCollectionItems)
	ensureMap(&st.MessagingChannels)
	ensureMap(&st.ChannelSecrets)
	ensureMap(&st.IAMSecrets)
	ensureMap(&st.Meanings)
	ensureMap(&st.Groups)
	ensureMap(&st.GlobalAPIKeys)
	ensureMap(&st.PersonalAPIKeys)
	ensureMap(&st.Workspaces)
	ensureMap(&st.CodeStudioTemplates)
	if _, ok := st.Folders[RootFolderID]; !ok {
		st.Folders[RootFolderID] = &ProjectFolder{ID: RootFolderID, Settings: map[string]any{"owner": AdminLogin, "permissions": []any{}}}
	}
	for _, p := range st.Projects {
		ensureCollections(p)
		if _, ok := st.Folders[p.FolderID]; !ok {
			p.FolderID = RootFolderID
		}
	}
}

// ConnectionDoc builds the stored definition of a configured connection.
func ConnectionDoc(c Connection) map[string]any {
	return map[string]any{
		"name":                 c.Name,
		"type":                 c.Type,
		"params":               map[string]any{},
		"description":          "",
		"allowWrite":           true,
		"allowManagedDatasets": c.AllowManaged,
		"allowManagedFolders":  c.AllowManaged,
		"usableBy":             "ALL",
		"allowedGroups":        []any{},
		"detailsReadability":   map[string]any{"readableBy": "NONE", "allowedGroups": []any{}},
		"credentialsMode":      "GLOBAL",
		"maxActivities":        0,
		"useGlobalProxy":       false,
		"indexingSettings":     map[string]any{},
	}
}

// loadState reads the snapshot at path and applies its journal. It
// returns the sequence number of the last write loaded and the warnings
// (a torn last journal entry) to log.
func loadState(path string) (*State, uint64, []string, error) {
	if path == "" {
		return NewState(), 0, nil, nil
	}
	st := &State{}
	var seq uint64
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = NewState()
	case err != nil:
		return nil, 0, nil, fmt.Errorf("emulator: read state: %w", err)
	default:
		snap := snapshotFile{State: st}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&snap); err != nil {
			return nil, 0, nil, fmt.Errorf("emulator: parse state %s: %w", path, err)
		}
		if snap.StateFormat > stateFormat {
			return nil, 0, nil, fmt.Errorf("emulator: state %s has format %d; this emulator reads up to %d", path, snap.StateFormat, stateFormat)
		}
		seq = snap.JournalSeq
	}
	seq, warnings, err := replayJournal(path+journalSuffix, st, seq)
	if err != nil {
		return nil, 0, nil, err
	}
	migrateDataQualityRules(st)
	st.ensureRoot()
	return st, seq, warnings, nil
}

// saveState writes a snapshot holding the writes up to seq atomically:
// temp file in the same dir, fsync, rename, fsync dir. After it returns
// the state survives kill -9 and power loss (as far as the filesystem
// honours fsync). It returns the bytes written.
func saveState(path string, st *State, seq uint64) (int, error) {
	b, err := json.Marshal(snapshotFile{State: st, StateFormat: stateFormat, JournalSeq: seq})
	if err != nil {
		return 0, err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(b); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, err
	}
	ok = true
	syncDir(dir)
	return len(b), nil
}

// mutate applies fn under the write lock and persists what it changed
// (journal.go) before returning: an acknowledged write survives kill -9.
// fn must not change the state when it returns an error, must look up
// every project it changes through projectForCaller or s.touch, and must
// replace a stored document it changes by a copy (copyDoc), never change
// it in place: the journal finds what changed that way. The tests run
// with Options.checkTracking, which panics on a write breaking either rule.
func (s *Server) mutate(fn func(st *State) error) error {
	wait, err := s.mutateLocked(fn)
	if err != nil {
		return err
	}
	if wait != 0 {
		// The entry is written; the answer waits for its fsync, shared
		// with the writes made meanwhile.
		if err := s.journal.waitDurable(wait); err != nil {
			return newError(500, ErrTypeRuntime, "Failed to persist state: "+err.Error())
		}
	}
	return nil
}

// mutateLocked is mutate's part under the write lock; it returns the
// journal entry to wait for.
func (s *Server) mutateLocked(fn func(st *State) error) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.journal
	if j != nil {
		j.touched = map[string]bool{}
		defer func() { j.touched = nil }()
	}
	if err := fn(s.state); err != nil {
		return 0, err
	}
	s.reindex(s.state)
	if j == nil {
		return 0, nil
	}
	wait, err := j.commit(s.state, &s.persisted)
	if err != nil {
		return 0, newError(500, ErrTypeRuntime, "Failed to persist state: "+err.Error())
	}
	return wait, nil
}

// read applies fn under the read lock. fn must not modify the state and
// must deep-copy anything it returns.
func (s *Server) read(fn func(st *State) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(s.state)
}

// Snapshot returns a deep copy of the state.
func (s *Server) Snapshot() *State {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, _ := json.Marshal(s.state)
	st := &State{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	_ = dec.Decode(st)
	st.ensureRoot()
	return st
}

// ensureMap makes *m an empty map when it is nil, so that a write can
// insert into it (a nil map reads as empty).
func ensureMap[M ~map[K]V, K comparable, V any](m *M) {
	if *m == nil {
		*m = M{}
	}
}

// deepCopy returns a deep copy of a JSON-like value (maps, slices,
// scalars, json.Number). Other types are round-tripped through JSON.
func deepCopy(v any) any {
	switch x := v.(type) {
	case nil, string, bool, float64, json.Number, int, int64:
		return x
	case map[string]any:
		if x == nil {
			return map[string]any(nil)
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		if x == nil {
			return []any(nil)
		}
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	case []string:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = e
		}
		return s
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return nil
		}
		var out any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		_ = dec.Decode(&out)
		return out
	}
}

// copyDoc deep-copies a document.
func copyDoc(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	c, _ := deepCopy(m).(map[string]any) // a copy of a map is a map
	return c
}

// fillMissing sets the keys of defs that m lacks.
func fillMissing(m, defs map[string]any) {
	for k, v := range defs {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
}

// objectField is doc's object at key, made (and set) when missing or not
// an object.
func objectField(doc map[string]any, key string) map[string]any {
	m, ok := doc[key].(map[string]any)
	if !ok || m == nil {
		m = map[string]any{}
		doc[key] = m
	}
	return m
}

// toInt reads a JSON number as an int64, whatever its Go form.
func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		return int64(x), true
	case interface{ Int64() (int64, error) }:
		n, err := x.Int64()
		return n, err == nil
	}
	return 0, false
}
