// Package emulator is an in-process emulator of the Dataiku DSS public REST
// API (see /work/shared/reference/dss-api.md). It serves /public/api and
// /dip/publicapi identically, keeps all objects in one JSON-serialisable
// State, optionally persisted (journal.go) before every acknowledged write is answered, and
// offers /_emulator/ control endpoints (stats, reset, faults, state).
package emulator

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

const (
	// DefaultDSSVersion is reported in the DSS-Version header.
	DefaultDSSVersion = "14.3.0"
	// APIVersion is reported in the DSS-API-Version header.
	APIVersion = "1"
	// MaxBodyBytes limits request bodies; larger ones get 413.
	MaxBodyBytes = 10 << 20
	// AdminLogin is the login of the admin key.
	AdminLogin = "admin"
	// BasePath is the canonical base; LegacyBasePath is rewritten to it.
	BasePath       = "/public/api"
	LegacyBasePath = "/dip/publicapi"
	// ControlPrefix hosts the emulator's own endpoints.
	ControlPrefix = "/_emulator"

	contentTypeJSON = "application/json;charset=utf-8"
)

// Options configures a Server.
type Options struct {
	AdminKey   string
	UserKeys   []UserKey
	GlobalKeys []GlobalKey // instance-wide admin keys (see GlobalKey)
	StatePath  string
	DSSVersion string        // default DefaultDSSVersion
	Latency    time.Duration // slept before each API request
	// CodeEnvBuildTime is how long a code-env build takes (default
	// DefaultCodeEnvBuildTime; negative: instant).
	CodeEnvBuildTime time.Duration
	// Connections are ensured present in the state. When nil and the state
	// has no connections, DefaultConnections are used.
	Connections []Connection
	// UnauthorizedStatus is the status for UnauthorizedException (default 403). [I]
	UnauthorizedStatus int
	// CreateKeepsOnlyPrototype makes a dataset or managed folder create
	// (POST /projects/{k}/datasets/ and .../managedfolders/) keep only the
	// fields DSS's own client sends there and drop the rest of a whole
	// definition (schema, descriptions, tags, partitioning...), as a DSS
	// that does not honour them at creation would. Off by default: the
	// emulator stores the definition as posted. [I] dss-api.md §4.2.
	CreateKeepsOnlyPrototype bool
	// PackageSummaryWithoutReleaseNotes makes an API service package's
	// summary answer without its releaseNotes key. [I] dataikuapi
	// documents the summary only as a dict: a DSS may omit the key.
	PackageSummaryWithoutReleaseNotes bool
	// FaultSeed seeds the RNG used by probabilistic fault rules (default 1).
	FaultSeed int64
	// ErrorLog receives the HTTP server's own errors, such as TLS handshakes
	// refused by a client that does not trust the certificate, and the
	// warnings of loading StatePath (a torn last journal entry ignored).
	// Nil discards the server's errors (tests provoke such errors on
	// purpose) and sends the warnings to the standard logger.
	ErrorLog *log.Logger
	// SeedProjects are projects to load at start as DSS writes them: a
	// git folder, an export zip or its project_config/ folder, each
	// optionally "PATH=KEY" (seed_project.go). A project DSS would refuse
	// makes New fail.
	SeedProjects []string
	// SeedLog receives what seeding says (placeholders created, files
	// skipped); nil: the standard logger.
	SeedLog *log.Logger

	// NodeType is NodeDesign (the default: projects, bundle export and
	// the Project Deployer) or NodeAutomation (projects, bundle import
	// and activation), as GET /instance-info reports it.
	NodeType string
	// DeploymentUpdateTime is how long a deployment's update future
	// runs before it reports its result (0: done at once).
	DeploymentUpdateTime time.Duration

	// checkTracking makes every write verify that it touched (s.touch)
	// each project it changed, panicking otherwise (the tests set it).
	checkTracking bool
	// noSync skips the journal's fsync: for tests that count bytes, not
	// durability.
	noSync bool
}

// UserKey is a non-admin personal key.
type UserKey struct {
	Login  string
	Key    string
	Groups []string
}

// Connection is an instance connection to seed into the state.
type Connection struct {
	Name         string
	Type         string
	AllowManaged bool
}

// DefaultConnections are used when none are configured.
var DefaultConnections = []Connection{
	{Name: "filesystem_managed", Type: "Filesystem", AllowManaged: true},
	{Name: "filesystem_root", Type: "Filesystem", AllowManaged: false},
	{Name: "uploads", Type: "UploadedFiles", AllowManaged: true},
	// dataikuapi's create_managed_folder defaults to this one.
	{Name: "filesystem_folders", Type: "Filesystem", AllowManaged: true},
}

// Server is the emulator. It implements http.Handler.
type Server struct {
	opts       Options
	mu         sync.RWMutex
	state      *State
	mux        *http.ServeMux
	stats      *statsTracker
	faults     *faultSet
	instanceID string
	// deletions records the dropData flag of each dataset deletion.
	deletions deletionLog
	// futures: the long-running tasks (code-env builds) of this process.
	futures futureTable
	// ops: the jobs and scenario runs of this process (jobs.go, runs.go).
	ops operations
	// keyIndex maps the SHA-256 hex of every API key to where it is
	// stored; clearKeys holds the clear secrets (by SHA-256) of keys
	// created or seeded by this process, never persisted. Both guarded
	// by mu.
	keyIndex  map[string]keyRef
	clearKeys map[string]string
	// journal persists the writes (journal.go); nil without a state
	// file (unless checking). persisted counts what persistence cost.
	// Both guarded by mu.
	journal   *journal
	persisted persistStats
}

// New creates a server, loading opts.StatePath when it exists.
func New(opts Options) (*Server, error) {
	opts.DSSVersion = cmp.Or(opts.DSSVersion, DefaultDSSVersion)
	if opts.UnauthorizedStatus == 0 {
		opts.UnauthorizedStatus = http.StatusForbidden
	}
	// Any other status would make every refused request panic in net/http
	// (outside 100-999) or read as a success.
	if opts.UnauthorizedStatus < 400 || opts.UnauthorizedStatus > 599 {
		return nil, fmt.Errorf("emulator: UnauthorizedStatus %d is not an HTTP error status (400 to 599)", opts.UnauthorizedStatus)
	}
	switch {
	case opts.CodeEnvBuildTime == 0:
		opts.CodeEnvBuildTime = DefaultCodeEnvBuildTime
	case opts.CodeEnvBuildTime < 0:
		opts.CodeEnvBuildTime = 0
	}
	if opts.FaultSeed == 0 {
		opts.FaultSeed = 1
	}
	switch opts.NodeType {
	case "", NodeDesign, NodeAutomation:
	default:
		return nil, fmt.Errorf("emulator: NodeType %q is neither %s nor %s", opts.NodeType, NodeDesign, NodeAutomation)
	}
	if opts.AdminKey == "" {
		return nil, errors.New("emulator: AdminKey is required")
	}
	for _, u := range opts.UserKeys {
		if u.Login == "" || u.Key == "" {
			return nil, fmt.Errorf("emulator: user key needs login and key: %+v", u.Login)
		}
	}
	secrets := map[string]bool{opts.AdminKey: true}
	for _, k := range opts.UserKeys {
		if secrets[k.Key] {
			return nil, fmt.Errorf("emulator: key of user %s is used twice", k.Login)
		}
		secrets[k.Key] = true
	}
	for _, k := range opts.GlobalKeys {
		if k.Key == "" || secrets[k.Key] {
			return nil, fmt.Errorf("emulator: global key %q is empty or used twice", k.Label)
		}
		secrets[k.Key] = true
	}
	st, seq, warnings, err := loadState(opts.StatePath)
	if err != nil {
		return nil, err
	}
	// The warnings go where the caller's logs go (the command's carry its
	// "dss-emulator: " prefix), not to a standard logger beside them.
	warnLog := opts.ErrorLog
	if warnLog == nil {
		warnLog = log.Default()
	}
	for _, w := range warnings {
		warnLog.Print(w)
	}
	conns := opts.Connections
	if conns == nil && len(st.Connections) != 0 {
		conns = []Connection{} // a state file's connections stand as saved
	}
	if conns == nil {
		conns = DefaultConnections
	}
	for _, c := range conns {
		if _, ok := st.Connections[c.Name]; !ok || opts.Connections != nil {
			st.Connections[c.Name] = ConnectionDoc(c)
		}
	}
	s := &Server{
		opts:       opts,
		state:      st,
		mux:        http.NewServeMux(),
		stats:      newStatsTracker(),
		faults:     newFaultSet(opts.FaultSeed),
		instanceID: "dss-emulator",
		clearKeys:  map[string]string{},
	}
	if err := s.seed(st); err != nil {
		return nil, err
	}
	// Before the journal starts: a refused project leaves nothing behind.
	if err := s.seedProjects(st); err != nil {
		return nil, err
	}
	s.reindex(st)
	if opts.StatePath != "" || opts.checkTracking {
		s.journal = &journal{path: opts.StatePath, check: opts.checkTracking, noSync: opts.noSync, seq: seq, warnings: warnings}
		if err := s.journal.prime(st); err != nil {
			return nil, err
		}
	}
	if opts.StatePath != "" {
		// Start from a compacted state: a snapshot with every write
		// loaded, no journal.
		if err := s.journal.compact(st, &persistStats{}, time.Now()); err != nil {
			return nil, err
		}
	}
	s.routes()
	return s, nil
}

// seedConnections are the connections the options configure: a reset
// brings them back.
func (s *Server) seedConnections() []Connection {
	if s.opts.Connections != nil {
		return s.opts.Connections
	}
	return DefaultConnections
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s }

// Options returns the effective options.
func (s *Server) Options() Options { return s.opts }

// handle registers an API route. pattern is "METHOD /path" relative to
// BasePath, e.g. "GET /projects/{projectKey}". The stats key is the full
// pattern, e.g. "GET /public/api/projects/{projectKey}".
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	method, p, ok := strings.Cut(pattern, " ")
	if !ok {
		panic("emulator: pattern needs a method: " + pattern)
	}
	full := method + " " + BasePath + p
	s.mux.HandleFunc(full, func(w http.ResponseWriter, r *http.Request) {
		s.stats.route(full)
		h(w, r)
	})
}

// normalizePath rewrites the legacy base path, folds runs of slashes
// into one and strips one trailing slash. DSS's web layer matches a path
// with its slashes folded [I: Spring's sanitized path], and dataikuapi
// sends double slashes: a library item's path starts with "/", which
// projectlibrary.py puts after ".../contents/".
func normalizePath(p string) string {
	if p == LegacyBasePath || strings.HasPrefix(p, LegacyBasePath+"/") {
		p = BasePath + p[len(LegacyBasePath):]
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	return p
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("DSS-Version", s.opts.DSSVersion)
	h.Set("DSS-API-Version", APIVersion)
	h.Set("Content-Type", contentTypeJSON)

	p := normalizePath(r.URL.Path)
	if p != r.URL.Path {
		r2 := new(http.Request)
		*r2 = *r
		u := *r.URL
		u.Path = p
		u.RawPath = ""
		r2.URL = &u
		r = r2
	}
	if p == ControlPrefix || strings.HasPrefix(p, ControlPrefix+"/") {
		s.serveControl(w, r)
		return
	}
	s.stats.request()
	if s.opts.Latency > 0 {
		if !sleepCtx(r.Context(), s.opts.Latency) {
			return
		}
	}
	if rule := s.faults.match(r.Method, p); rule != nil {
		s.applyFault(w, r, rule)
		return
	}
	s.serveAPI(w, r)
}

// serveAPI authenticates and routes.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	caller, msg := s.authenticate(r)
	if msg != "" {
		writeError(w, http.StatusUnauthorized, ErrTypeNotAuthenticated, msg)
		return
	}
	r = r.WithContext(withCaller(r.Context(), caller))
	if path.Clean(r.URL.Path) != r.URL.Path || r.Method == http.MethodConnect {
		notFound(w, "No such API endpoint: "+r.Method+" "+r.URL.Path)
		return
	}
	if _, pat := s.mux.Handler(r); pat == "" {
		notFound(w, "No such API endpoint: "+r.Method+" "+r.URL.Path)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	s.mux.ServeHTTP(w, r)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// decodeBody parses the request body as JSON into v whatever the
// Content-Type. On failure it writes a DSS error (400 parse error, 413 too
// large) and returns false.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := readJSON(r, v); err != nil {
		writeErr(w, err)
		return false
	}
	return true
}

// readJSON is decodeBody without writing; it returns an *APIError.
func readJSON(r *http.Request, v any) error {
	if r.Body == nil {
		return newError(http.StatusBadRequest, ErrTypeJSONParse, "No content to map due to end-of-input")
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return newError(http.StatusRequestEntityTooLarge, ErrTypeTooLarge,
				fmt.Sprintf("Request body too large (limit %d bytes)", mbe.Limit))
		}
		return newError(http.StatusBadRequest, ErrTypeRuntime, "Failed to read request body: "+err.Error())
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return newError(http.StatusBadRequest, ErrTypeJSONParse, "No content to map due to end-of-input")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return newError(http.StatusBadRequest, ErrTypeJSONParse, "Failed to parse JSON body: "+err.Error())
	}
	if dec.More() {
		return newError(http.StatusBadRequest, ErrTypeJSONParse, "Unexpected trailing content after JSON body")
	}
	return nil
}

// decodeObject reads a body that must be a JSON object.
func decodeObject(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var m map[string]any
	if !decodeBody(w, r, &m) {
		return nil, false
	}
	if m == nil {
		illegalArgument(w, "Request body must be a JSON object")
		return nil, false
	}
	return m, true
}

// queryBool parses a boolean query parameter case-insensitively
// (true/True/TRUE/1, false/False/0). Missing or unparsable gives def.
func queryBool(r *http.Request, name string, def bool) bool {
	v := r.URL.Query().Get(name)
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "yes":
		return true
	case "false", "0", "no":
		return false
	}
	return def
}

// queryList returns a list parameter given repeated (a=x&a=y) or
// comma-joined (a=x,y), or both. Empty items are dropped.
func queryList(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// Running is a server listening on a real socket.
type Running struct {
	Server   *Server
	listener net.Listener
	http     *http.Server
	done     chan struct{}
	scheme   string
}

// Start serves on 127.0.0.1 with a free port (for tests).
func Start(opts Options) (*Running, error) { return Listen(opts, "127.0.0.1:0") }

// StartTLS serves HTTPS on 127.0.0.1 with a free port, with tlsConfig's
// certificates (for tests of private CAs and certificate errors).
func StartTLS(opts Options, tlsConfig *tls.Config) (*Running, error) {
	return ListenTLS(opts, "127.0.0.1:0", tlsConfig)
}

// Listen serves plain HTTP on addr in a goroutine.
func Listen(opts Options, addr string) (*Running, error) { return ListenTLS(opts, addr, nil) }

// ListenTLS serves on addr in a goroutine: HTTPS when tlsConfig is not nil
// (it must hold a certificate), plain HTTP otherwise.
func ListenTLS(opts Options, addr string, tlsConfig *tls.Config) (*Running, error) {
	if tlsConfig != nil && len(tlsConfig.Certificates) == 0 && tlsConfig.GetCertificate == nil {
		return nil, errors.New("emulator: the TLS configuration has no certificate")
	}
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	errorLog := opts.ErrorLog
	if errorLog == nil {
		errorLog = log.New(io.Discard, "", 0)
	}
	scheme := "http"
	if tlsConfig != nil {
		ln = tls.NewListener(ln, tlsConfig.Clone())
		scheme = "https"
	}
	rn := &Running{
		Server:   s,
		listener: ln,
		http:     &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second, ErrorLog: errorLog},
		done:     make(chan struct{}),
		scheme:   scheme,
	}
	go func() {
		defer close(rn.done)
		_ = rn.http.Serve(ln)
	}()
	return rn, nil
}

// URL is the base URL, e.g. http://127.0.0.1:41234 or https://... (no
// base path).
func (rn *Running) URL() string { return rn.scheme + "://" + rn.listener.Addr().String() }

// Addr is the listening address.
func (rn *Running) Addr() net.Addr { return rn.listener.Addr() }

// Shutdown stops gracefully.
func (rn *Running) Shutdown(ctx context.Context) error {
	err := rn.http.Shutdown(ctx)
	<-rn.done
	rn.Server.closeJournal()
	return err
}

// Close stops immediately.
func (rn *Running) Close() {
	_ = rn.http.Close()
	<-rn.done
	rn.Server.closeJournal()
}

// closeJournal closes the journal file; a later write reopens it.
func (s *Server) closeJournal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journal.close()
}
