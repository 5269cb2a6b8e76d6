package provider

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
	checkBeforeCreate(ctx context.Context, c checkReader, m *M, diags *diag.Diagnostics)
}

// skipCheck logs why a pre-create check was skipped: DSS judges instead.
func skipCheck(ctx context.Context, what string, err error) {
	tflog.Debug(ctx, "pre-create check skipped, DSS judges at the POST", map[string]any{"check": what, "error": err.Error()})
}

// checkBeforeCreate refuses a dataset whose connection the key cannot use
// or whose connection's type cannot hold the dataset's type (the mapping
// of internal/dss/names ConnectionTypeFor, which the emulator applies
// too). Its cost is one GET /connections/get-names?type=T per connection
// type per command (checkCache), readable with any key (it lists the
// connections the caller may use); on a miss the list is read afresh, and
// a second one (type=all) tells a missing connection from one of another
// type.
func (datasetKind) checkBeforeCreate(ctx context.Context, c checkReader, m *datasetResourceModel, diags *diag.Diagnostics) {
	if !known(m.Connection) || !known(m.Type) {
		return
	}
	checkDatasetConnection(ctx, c, m.Type.ValueString(), m.Connection.ValueString(), "Cannot create "+datasetAddress.label(m), true, diags)
}

// checkDatasetConnection checks that connection conn may hold a dataset of
// type typ. missingIsError: a connection the key cannot use is an error
// (before the POST); at plan time it is not (the same apply may create
// it), and only a connection that exists with another type is.
func checkDatasetConnection(ctx context.Context, c checkReader, typ, conn, summary string, missingIsError bool, diags *diag.Diagnostics) {
	want, checked := names.ConnectionTypeFor(typ)
	if !checked {
		return // a plugin type, UploadedFiles...: DSS judges the connection
	}
	fitting, err := c.connectionNames(ctx, want, conn)
	if err != nil {
		skipCheck(ctx, "dataset connection type", err)
		return
	}
	if slices.Contains(fitting, conn) {
		return
	}
	usable, err := c.connectionNames(ctx, "all", conn)
	if err != nil {
		skipCheck(ctx, "dataset connection", err)
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
			cause, quotedOrNone(usable)))
		return
	}
	diags.AddAttributeError(path.Root("connection_name"), summary, fmt.Sprintf(
		"connection_name: connection %q is not a %s connection, which a %s dataset needs (DSS's %s connections this key may use: %s). "+
			"Nothing was created. Use a %s connection, or set type to the dataset type of connection %q.",
		conn, want, typ, want, quotedOrNone(fitting), want, conn))
}

func quotedOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return quotedList(list)
}

// checkCache holds, for one configured provider (one terraform command),
// the lists the checks read. Only a list that holds the name looked for
// is reused: a name missing from a cached list is looked up afresh, since
// the same apply may just have created it. A cached hit can be stale only
// if the same apply removed that object, and then DSS judges at the POST
// as it did before these checks, so the cache never adds a false error.
type checkCache struct {
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

// notePlannedConnection records the type a connection is planned with.
func (r checkReader) notePlannedConnection(name, typ string) {
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

// plannedConnectionType is the type this plan gives connection name, if
// it plans that connection.
func (r checkReader) plannedConnectionType(name string) (string, bool) {
	if r.cache == nil {
		return "", false
	}
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	typ, ok := r.cache.plannedConnections[name]
	return typ, ok
}

// checkReader is the client with the command's checkCache (nil-safe).
type checkReader struct {
	client *dss.Client
	cache  *checkCache
	caller *dss.AuthInfo // nil when not known
}

// list returns the names fetch reads, the cached ones when they hold
// want. The lock is held across the read so that creates running in
// parallel share one read instead of each sending its own.
func (r checkReader) list(what, want string, fetch func() ([]string, error)) ([]string, error) {
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
func (r checkReader) connectionNames(ctx context.Context, typ, want string) ([]string, error) {
	return r.list("connections "+typ, want, func() ([]string, error) { return r.client.ConnectionNames(ctx, typ) })
}

// userLogins lists the logins of DSS's users (GET /users/, which DSS
// answers for any key).
func (r checkReader) userLogins(ctx context.Context, want string) ([]string, error) {
	return r.list("users", want, func() ([]string, error) {
		users, err := r.client.ListUserSummaries(ctx)
		logins := make([]string, 0, len(users))
		for _, u := range users {
			logins = append(logins, u.Login)
		}
		return logins, err
	})
}

// checkBeforeCreate refuses an owner DSS has no user for: DSS accepts it
// and then holds a project whose permissions name a user it does not have
// (issue 26). One GET /users/ per command; skipped when refused.
func (projectKind) checkBeforeCreate(ctx context.Context, c checkReader, m *projectResourceModel, diags *diag.Diagnostics) {
	if !known(m.Owner) || m.Owner.ValueString() == "" {
		return // the key's own user, which exists
	}
	owner := m.Owner.ValueString()
	logins, err := c.userLogins(ctx, owner)
	if err != nil {
		skipCheck(ctx, "project owner", err)
		return
	}
	if !slices.Contains(logins, owner) {
		diags.AddAttributeError(path.Root("owner"), "Cannot create "+projectAddress.label(m), fmt.Sprintf(
			"owner: DSS has no user %q (GET /users/ lists %d users). Nothing was created. Create the user first (dataiku_user), or fix the login.",
			owner, len(logins)))
	}
}
