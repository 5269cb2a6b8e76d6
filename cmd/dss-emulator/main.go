// Command dss-emulator serves an emulated Dataiku DSS public REST API.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

const usage = `dss-emulator: a local emulator of the Dataiku DSS public REST API (DSS 14.3),
for trying the Dataiku Terraform provider and testing Terraform configurations in CI.

Usage:
  dss-emulator --admin-key KEY [options]

Options:
  --listen ADDR            address to listen on (default 127.0.0.1:0 = a free port)
  --admin-key KEY          the admin API key: a personal key of user "admin",
                           member of group "administrators" (admin: true), both
                           created if absent; or the environment variable
                           DSS_EMULATOR_ADMIN_KEY
  --user-key LOGIN:KEY[:GROUP,GROUP...]
                           a non-admin personal key of user LOGIN in the given
                           groups (repeatable). The user is created if absent
                           (enabled, profile DATA_SCIENTIST) and added to the
                           groups; each group is created if absent, with
                           mayCreateProjects and mayWriteSafeCode. The key sees
                           only projects it owns or on which it or one of its
                           groups has a grant
  --connection NAME:TYPE[:managed]
                           an instance connection, added to the defaults
                           (repeatable; "managed" allows managed datasets and
                           managed folders on it).
                           Defaults: filesystem_managed:Filesystem:managed,
                           filesystem_root:Filesystem, uploads:UploadedFiles:managed,
                           filesystem_folders:Filesystem:managed
  --no-default-connections start with only the --connection ones
  --state FILE             persist the state to FILE: loaded at start; every
                           acknowledged write is appended to FILE.journal and
                           fsync'ed before the answer, and compacted into FILE
                           (atomically) at start and as the journal grows.
                           Without it the state lives in memory only.
  --dss-version V          value of the DSS-Version header (default 14.3.0)
  --code-env-build-time DURATION
                           how long a code-env build takes (default 200ms; 0 =
                           instant). A requirement line naming a package whose
                           name starts with "unavailable-" makes the build fail
                           with pip's message, as DSS reports it.
  --latency DURATION       sleep before handling each API request (e.g. 50ms),
                           to make a local run behave like a remote DSS
  --unauthorized-status N  HTTP status of UnauthorizedException (default 403)
  --create-keeps-only-prototype
                           a dataset or managed folder create keeps only the
                           fields DSS's own client sends (type, params, format)
                           and drops the rest of a posted definition, as a DSS
                           that does not honour them at creation would
  --node-type design|automation
                           the node this emulator plays (default design): a
                           design node exports bundles and runs the Project
                           Deployer; an automation node imports and activates
                           bundles. Run one process per node, each with its
                           own state, keys and connections; an infrastructure
                           on the design node points at the automation one
  --seed-project PATH[=KEY]
                           load a project as DSS writes it (repeatable): its git
                           folder (params.json, datasets/, recipes/, scenarios/,
                           managed_folders/, saved_models/,
                           model_evaluation_stores/, knowledge-banks/,
                           labeling_tasks/, zones/, variables.json), an export
                           zip (export-manifest.json + project_config/), or an
                           export's project_config/ folder. The key is KEY when
                           given, else the export manifest's, else the git
                           folder's name. Every document gets the checks the API
                           applies: one DSS would refuse stops the start, with
                           DSS's error and the file named. Connections, users and
                           groups it names but the emulator lacks are created as
                           placeholders (logged); apikeys.json is never read. A
                           project already in --state is kept as it is; with
                           PATH=KEY its PATH is then not read (it may be gone)
  --deployer-stages ID,ID...
                           the stages an infrastructure of the Project and of
                           the API Deployer may have (default
                           Development,Test,Production), as an administrator
                           configures each list in DSS; replaces those a
                           --state file holds
  --tls-cert FILE          serve HTTPS with this PEM certificate (or chain)...
  --tls-key FILE           ...and this PEM private key (both or neither)

When ready it prints exactly one line to stdout:
  listening on http://HOST:PORT     (https://HOST:PORT with --tls-cert)
Logs go to stderr. SIGINT/SIGTERM shut it down gracefully.

API: both http://HOST:PORT/public/api/... and /dip/publicapi/... are served.
Authenticate with the key as Basic username (empty password), as Basic
password (empty username), or as "Authorization: Bearer KEY". A wrong key gets
401 com.dataiku.dip.exceptions.NotAuthenticatedException "Unknown API Key".

Users, groups and API keys are served too (/users, /groups, /admin/users,
/admin/groups, /admin/global-api-keys, /personal-api-keys, /current-user).
A key created through the API authenticates at once with its rights; deleting
it, or disabling or deleting its user, revokes it at once. Creating a project
needs an admin key or a group with mayCreateProjects. Key secrets and passwords
are stored only as SHA-256: after a restart with --state, reads of keys created
by an earlier process return "key": "". See the emulator guide.

Connections (/admin/connections, /connections/NAME/info, /connections/get-names):
an admin key creates, replaces (whole document) and deletes them. Secret params
(password, secretKey, token, privateKey, clientSecret, sessionToken, passphrase,
accountKey, sasToken, refreshToken, at any depth) are returned only as a stable
"e:AES:..." form; sending that form back keeps the secret; /info's
resolvedParams show them in clear. The state file holds them encrypted under a
key of the emulator's own, kept in the same file. With usableBy ALLOWED only
members of allowedGroups (and admins) may put a dataset or folder on one.

Code envs (/admin/code-envs/LANG/NAME, .../packages, .../jupyter) build for
--code-env-build-time; with wait=false they answer a future: poll
GET /futures/JOBID?peek=false until hasResult, abort with DELETE /futures/JOBID.
A requirement line whose package starts with "unavailable-" (e.g.
unavailable-pkg==1.0) fails the build: messages.error true, "Could not find a
version that satisfies the requirement unavailable-pkg==1.0". Creating one
needs an admin key or a group with mayCreateCodeEnvs or mayManageCodeEnvs.

General settings and instance variables (/admin/general-settings,
/admin/variables): whole documents, admin only, unknown keys kept; stored,
not acted on. Nothing is installed or connected to: connection tests, package
installation, LDAP/SSO and per-user credentials are not emulated.

Typical CI use, with the Terraform provider:
  out=$(mktemp)
  dss-emulator --admin-key secret --state dss-state.json >"$out" 2>emulator.log &
  pid=$!
  for _ in $(seq 100); do   # 10 s at most; stop if it exits (port taken...)
    grep -q '^listening on ' "$out" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^listening on ' "$out" || { cat emulator.log >&2; exit 1; }
  export DATAIKU_HOST=$(sed -n 's/^listening on //p' "$out") DATAIKU_API_KEY=secret
  terraform apply -auto-approve && terraform plan -detailed-exitcode

Against a copy of a real project (its git folder, checked out in CI):
  dss-emulator --admin-key secret --seed-project ./dss/SALES >"$out" 2>emulator.log &

Control endpoints (admin key only; not counted, never faulted):
  GET    /_emulator/stats   {"requests":N,"byRoute":{"GET /public/api/projects/{projectKey}":n,...}}
  POST   /_emulator/reset   delete all objects (the configured connections and the
                            users, groups and keys of --admin-key/--user-key
                            kept, the --seed-project projects seeded again from
                            their paths; settings and variables back to
                            defaults), zero counters
  GET    /_emulator/state   the whole state as JSON
  GET    /_emulator/faults  active fault rules
  POST   /_emulator/faults  set rules: [rule,...], one rule, or {"seed":N,"rules":[rule,...]}
  DELETE /_emulator/faults  clear rules
A fault rule:
  {"method":"POST","pathRegex":"^/public/api/projects$","status":503,
   "errorType":"...","message":"...","count":2,"skip":0,"delayMs":0,
   "retryAfterSeconds":1,"dropConnection":false,"probability":0,
   "afterHandler":false,"echoBody":false}
  It applies to the next "count" matching requests (0 = unlimited), after
  letting the first "skip" matching requests through. "status"
  answers a DSS error (Retry-After when retryAfterSeconds > 0); "delayMs"
  sleeps first; "dropConnection" closes the socket without a response;
  "afterHandler" runs the real handler (the write happens) before failing,
  simulating a lost response; "echoBody" ends the error's message with the
  request's body (needs "status"); "probability" (0..1, seeded RNG) fires at random.
  An unknown field, or a rule with none of "status", "delayMs" and
  "dropConnection", is refused (400) and the rules set before stay.
  Paths are matched after /dip/publicapi is rewritten to /public/api and one
  trailing slash is stripped.

Example:
  curl -u secret: -X POST http://HOST:PORT/public/api/projects/ \
       -d '{"projectKey":"DEMO","name":"Demo","owner":"admin"}'
  curl -u secret: -X POST http://HOST:PORT/_emulator/faults \
       -d '[{"method":"GET","pathRegex":"^/public/api/projects/DEMO$","status":503,"count":2}]'
  curl -u secret: http://HOST:PORT/_emulator/stats
`

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dss-emulator", flag.ContinueOnError)
	// The flag package prints a bad flag's error followed by the whole
	// usage, which buries the error under 150 lines of help at the end of
	// a CI log: run prints the error itself, and the help only when asked.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	listen := fs.String("listen", "127.0.0.1:0", "")
	adminKey := fs.String("admin-key", "", "")
	state := fs.String("state", "", "")
	version := fs.String("dss-version", emulator.DefaultDSSVersion, "")
	latency := fs.Duration("latency", 0, "")
	buildTime := fs.Duration("code-env-build-time", emulator.DefaultCodeEnvBuildTime, "")
	unauth := fs.Int("unauthorized-status", 403, "")
	tlsCert := fs.String("tls-cert", "", "")
	tlsKey := fs.String("tls-key", "", "")
	noDefaultConns := fs.Bool("no-default-connections", false, "")
	protoOnly := fs.Bool("create-keeps-only-prototype", false, "")
	nodeType := fs.String("node-type", "design", "")
	stages := fs.String("deployer-stages", "", "")
	var userKeys, conns, seeds multi
	fs.Var(&seeds, "seed-project", "")
	fs.Var(&userKeys, "user-key", "")
	fs.Var(&conns, "connection", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stderr, usage)
			return 0
		}
		fmt.Fprintf(stderr, "dss-emulator: %v; see --help\n", err)
		return 2
	}
	// Parsing stops at the first argument that is not an option, so
	// "--seed-project A B --listen ADDR" would seed A and silently drop B
	// and every option after it.
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dss-emulator: unexpected argument %q: each option takes one value "+
			"(repeat --seed-project, --user-key or --connection to give several); see --help\n", fs.Arg(0))
		return 2
	}
	// net/http panics on a status outside 100-999, and a status that is
	// not an error would read as a success: only an HTTP error will do.
	if *unauth < 400 || *unauth > 599 {
		fmt.Fprintf(stderr, "dss-emulator: bad --unauthorized-status %d (want an HTTP error status, 400 to 599)\n", *unauth)
		return 2
	}
	logger := log.New(stderr, "dss-emulator: ", log.LstdFlags)
	if *adminKey == "" {
		*adminKey = os.Getenv("DSS_EMULATOR_ADMIN_KEY")
	}
	if *adminKey == "" {
		fmt.Fprintln(stderr, "dss-emulator: --admin-key (or DSS_EMULATOR_ADMIN_KEY) is required; see --help")
		return 2
	}
	var tlsConfig *tls.Config
	if (*tlsCert == "") != (*tlsKey == "") {
		fmt.Fprintln(stderr, "dss-emulator: --tls-cert and --tls-key go together; see --help")
		return 2
	}
	if *tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			fmt.Fprintf(stderr, "dss-emulator: loading the TLS certificate (--tls-cert, --tls-key): %v\n", err)
			return 2
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if *state != "" {
		// Checked here: the emulator would name the temporary file it
		// writes beside the state, which the user never gave.
		if dir := filepath.Dir(*state); !isDir(dir) {
			fmt.Fprintf(stderr, "dss-emulator: --state %s: the directory %s does not exist\n", *state, dir)
			return 2
		}
	}
	opts := emulator.Options{
		AdminKey: *adminKey, StatePath: *state, DSSVersion: *version,
		Latency: *latency, CodeEnvBuildTime: instantIfZero(*buildTime), UnauthorizedStatus: *unauth, ErrorLog: logger,
	}
	opts.CreateKeepsOnlyPrototype = *protoOnly
	switch strings.ToLower(*nodeType) {
	case "design":
		opts.NodeType = emulator.NodeDesign
	case "automation":
		opts.NodeType = emulator.NodeAutomation
	default:
		fmt.Fprintf(stderr, "dss-emulator: bad --node-type %q (want design or automation)\n", *nodeType)
		return 2
	}
	opts.SeedProjects, opts.SeedLog = seeds, logger
	for _, u := range userKeys {
		parts := strings.SplitN(u, ":", 3)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			fmt.Fprintf(stderr, "dss-emulator: bad --user-key %q (want LOGIN:KEY[:GROUP,...])\n", u)
			return 2
		}
		uk := emulator.UserKey{Login: parts[0], Key: parts[1]}
		if len(parts) == 3 && parts[2] != "" {
			uk.Groups = strings.Split(parts[2], ",")
		}
		opts.UserKeys = append(opts.UserKeys, uk)
	}
	// --connection adds to DSS's usual connections, as a fresh DSS has them,
	// unless asked otherwise; a given name replaces the default of that name.
	if *noDefaultConns {
		opts.Connections = []emulator.Connection{}
	} else {
		for _, d := range emulator.DefaultConnections {
			if !connectionNamed(conns, d.Name) {
				opts.Connections = append(opts.Connections, d)
			}
		}
	}
	for _, c := range conns {
		parts := strings.Split(c, ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" || (len(parts) == 3 && parts[2] != "managed") {
			fmt.Fprintf(stderr, "dss-emulator: bad --connection %q (want NAME:TYPE[:managed])\n", c)
			return 2
		}
		opts.Connections = append(opts.Connections, emulator.Connection{Name: parts[0], Type: parts[1], AllowManaged: len(parts) == 3})
	}
	var stageIDs []string
	if *stages != "" {
		stageIDs = strings.Split(*stages, ",")
		for _, id := range stageIDs {
			if strings.TrimSpace(id) == "" || strings.TrimSpace(id) != id {
				fmt.Fprintf(stderr, "dss-emulator: bad --deployer-stages %q (want ID,ID,... without blanks)\n", *stages)
				return 2
			}
		}
	}
	// Catch the signals before announcing readiness: a supervisor may send
	// SIGTERM as soon as it reads the ready line.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	rn, err := emulator.ListenTLS(opts, *listen, tlsConfig)
	if err != nil {
		logger.Print(err)
		return 1
	}
	if stageIDs != nil {
		// Both deployers': DSS keeps a list for each, and a CI run wants
		// the same stages on both.
		if err := errors.Join(rn.Server.SetDeployerStages(stageIDs), rn.Server.SetAPIDeployerStages(stageIDs)); err != nil {
			logger.Printf("setting the deployer's stages: %v", err)
			_ = rn.Shutdown(context.Background())
			return 1
		}
	}
	fmt.Fprintf(stdout, "listening on %s\n", rn.URL())
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	logger.Printf("serving DSS %s API at %s/public/api (state: %q)", opts.DSSVersion, rn.URL(), *state)

	s := <-sig
	logger.Printf("received %v, shutting down", s)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := rn.Shutdown(ctx); err != nil {
		logger.Printf("shutdown: %v", err)
		return 1
	}
	return 0
}

// connectionNamed reports whether one of the --connection values is named name.
func connectionNamed(conns []string, name string) bool {
	for _, c := range conns {
		if strings.SplitN(c, ":", 2)[0] == name {
			return true
		}
	}
	return false
}

// instantIfZero maps the flag's 0 ("instant") to the option's negative
// value (the option's 0 means the default).
func instantIfZero(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// isDir reports whether p is an existing directory.
func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
