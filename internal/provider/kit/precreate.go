package kit

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Checks before the first write of a create (issue 26 point 3). Some
// mistakes only the apply can judge, because the object they name may be
// created by the same apply: a dataset's connection, a recipe's inputs, a
// project's owner. DSS judges them too, but only after a first write has
// made an object that a later write then fails on, so Terraform records a
// tainted resource (a managed dataset on a connection of another type) or
// leaves a sibling behind. Checking them right before the POST, with read
// calls only, refuses such a create while nothing exists.
//
// A check never refuses what DSS would accept: when the key may not read
// what the check needs (a 403), or the read fails at all, the check is
// skipped and DSS judges at the POST as before.

// kindWithPreCreate is a kind with checks to run before its POST. They add
// diagnostics; an error stops the create before anything is written.
type kindWithPreCreate[M any] interface {
	CheckBeforeCreate(ctx context.Context, c CheckReader, m *M, diags *diag.Diagnostics)
}

// SkipCheck logs why a pre-create check was skipped: DSS judges instead.
func SkipCheck(ctx context.Context, what string, err error) {
	tflog.Debug(ctx, "pre-create check skipped, DSS judges at the POST", map[string]any{"check": what, "error": err.Error()})
}

// CheckDatasetConnection checks that connection conn may hold a dataset of
// type typ. missingIsError: a connection the key cannot use is an error
// (before the POST); at plan time it is not (the same apply may create
// it), and only a connection that exists with another type is.
func CheckDatasetConnection(ctx context.Context, c CheckReader, typ, conn, summary string, missingIsError bool, diags *diag.Diagnostics) {
	want, checked := names.ConnectionTypeFor(typ)
	if !checked {
		return // a plugin type, UploadedFiles...: DSS judges the connection
	}
	fitting, err := c.connectionNames(ctx, want, conn)
	if err != nil {
		SkipCheck(ctx, "dataset connection type", err)
		return
	}
	if slices.Contains(fitting, conn) {
		return
	}
	usable, err := c.connectionNames(ctx, "all", conn)
	if err != nil {
		SkipCheck(ctx, "dataset connection", err)
		return
	}
	if !slices.Contains(usable, conn) {
		if !missingIsError {
			return
		}
		// An administrator may use every connection, so for one the list
		// is DSS's whole list; for another key a connection may exist
		// that its user is not allowed to use.
		cause := fmt.Sprintf("DSS has no connection %q that this API key may use", conn)
		if c.caller != nil && !c.caller.Admin {
			cause += fmt.Sprintf(": either it does not exist, or its usable_by/allowed_groups do not include the key's user %q", c.caller.AssociatedDSSUser)
		}
		diags.AddAttributeError(path.Root("connection_name"), summary, fmt.Sprintf(
			"connection_name: %s (GET /connections/get-names lists %s). Nothing was created. Create the connection first or fix the name.",
			cause, QuotedOrNone(usable)))
		return
	}
	diags.AddAttributeError(path.Root("connection_name"), summary, fmt.Sprintf(
		"connection_name: connection %q is not a %s connection, which a %s dataset needs (DSS's %s connections this key may use: %s). "+
			"Nothing was created. Use a %s connection, or set type to the dataset type of connection %q.",
		conn, want, typ, want, QuotedOrNone(fitting), want, conn))
}

func QuotedOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return quotedList(list)
}

// CheckCache holds, for one configured provider (one terraform command),
// the lists the checks read. Only a list that holds the name looked for
// is reused: a name missing from a cached list is looked up afresh, since
// the same apply may just have created it. A cached hit can be stale only
// if the same apply removed that object, and then DSS judges at the POST
// as it did before these checks, so the cache never adds a false error.
type CheckCache struct {
	mu    sync.Mutex
	lists map[string][]string // by what was listed, e.g. "connections PostgreSQL"
	// plannedConnections are the DSS types of the connections this plan
	// creates, replaces or changes, by name. Terraform plans a connection
	// before the datasets that refer to it, so a dataset's plan check sees
	// the type the apply will give the connection, not the one DSS holds.
	plannedConnections map[string]string
	// plannedInfraStages are the stages of the infrastructures this plan
	// creates or changes, by id (deployment_stage_check.go).
	plannedInfraStages map[string]plannedStage
}

// NotePlannedConnection records the type a connection is planned with.
func (r CheckReader) NotePlannedConnection(name, typ string) {
	if r.cache == nil {
		return
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	if r.cache.plannedConnections == nil {
		r.cache.plannedConnections = map[string]string{}
	}
	r.cache.plannedConnections[name] = typ
}

// PlannedConnectionType is the type this plan gives connection name, if
// it plans that connection.
func (r CheckReader) PlannedConnectionType(name string) (string, bool) {
	if r.cache == nil {
		return "", false
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	typ, ok := r.cache.plannedConnections[name]
	return typ, ok
}

// CheckReader is the client with the command's CheckCache (nil-safe).
type CheckReader struct {
	Client *dss.Client
	cache  *CheckCache
	caller *dss.AuthInfo // nil when not known
}

// List returns the names fetch reads, the cached ones when they hold
// want. The lock is held across the read so that creates running in
// parallel share one read instead of each sending its own.
func (r CheckReader) List(what, want string, fetch func() ([]string, error)) ([]string, error) {
	if r.cache == nil {
		return fetch()
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	if cached, ok := r.cache.lists[what]; ok && slices.Contains(cached, want) {
		return cached, nil
	}
	names, err := fetch()
	if err != nil {
		return nil, err
	}
	if r.cache.lists == nil {
		r.cache.lists = map[string][]string{}
	}
	r.cache.lists[what] = names
	return names, nil
}

// connectionNames lists the connections of type typ ("all": every type)
// the key may use.
func (r CheckReader) connectionNames(ctx context.Context, typ, want string) ([]string, error) {
	return r.List("connections "+typ, want, func() ([]string, error) { return r.Client.ConnectionNames(ctx, typ) })
}

// UserLogins lists the logins of DSS's users (GET /users/, which DSS
// answers for any key).
func (r CheckReader) UserLogins(ctx context.Context, want string) ([]string, error) {
	return r.List("users", want, func() ([]string, error) {
		users, err := r.Client.ListUserSummaries(ctx)
		logins := make([]string, 0, len(users))
		for _, u := range users {
			logins = append(logins, u.Login)
		}
		return logins, err
	})
}

// NotePlannedInfraStage records the stage an infrastructure is planned
// with; known is false while the stage is unknown.
func (r CheckReader) NotePlannedInfraStage(id, stage string, known bool) {
	if r.cache == nil {
		return
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	if r.cache.plannedInfraStages == nil {
		r.cache.plannedInfraStages = map[string]plannedStage{}
	}
	r.cache.plannedInfraStages[id] = plannedStage{stage, known}
}

// plannedStage is an infrastructure's stage as this plan gives it.
type plannedStage struct {
	Stage string
	Known bool
}

func (r CheckReader) PlannedInfraStage(id string) (plannedStage, bool) {
	if r.cache == nil {
		return plannedStage{}, false
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	st, ok := r.cache.plannedInfraStages[id]
	return st, ok
}

// DeployerStageIDs lists the Project Deployer's stages.
func (r CheckReader) DeployerStageIDs(ctx context.Context, want string) ([]string, error) {
	return r.List("deployer stages", want, func() ([]string, error) {
		stages, err := r.Client.ListDeployerStages(ctx)
		ids := make([]string, 0, len(stages))
		for _, st := range stages {
			ids = append(ids, st.ID)
		}
		return ids, err
	})
}
