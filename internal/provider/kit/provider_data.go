package kit

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	Client   *dss.Client
	AuthInfo *dss.AuthInfo
	// Lists is the list cache of this configuration (list_refresh.go);
	// nil with refresh_mode = "object".
	Lists *listRefresh
	// SettingsLocks serialises read-modify-writes of each project's
	// settings document (exposed_object_resource.go).
	SettingsLocks *ProjectLocks
	// PermissionsLocks serialises read-modify-writes of each project's
	// permissions document (dataiku_project's owner and permissions,
	// dataiku_project_grant). Its own locks, not SettingsLocks: the two
	// documents are written by different requests, and a grant need not
	// wait for an exposed object's write.
	PermissionsLocks *ProjectLocks
	// Checks caches the reads of the checks made before a create and at
	// plan time (precreate.go); nil-safe.
	Checks *CheckCache
}

// ClientFromProviderData extracts the client in a resource's or data
// source's Configure. It returns nil without error when the provider is not
// configured yet (validation, or a provider configuration that depends on
// values unknown until apply).
func ClientFromProviderData(raw any, diags *diag.Diagnostics) *dss.Client {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *provider.providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data.Client
}

// callerFromProviderData is who DSS said the API key is when the provider
// was configured; nil when it is not configured yet.
func callerFromProviderData(raw any) *dss.AuthInfo {
	if data, ok := raw.(*ProviderData); ok {
		return data.AuthInfo
	}
	return nil
}

// listsFromProviderData is the configuration's list cache, nil when
// refresh_mode is "object" or the provider is not configured yet.
func listsFromProviderData(raw any) *listRefresh {
	if data, ok := raw.(*ProviderData); ok {
		return data.Lists
	}
	return nil
}

// ErrNotConfigured is reported when an operation needs DSS while the
// provider's host or key was still unknown.
var ErrNotConfigured = errors.New("the Dataiku provider is not configured: its host or api_key depends on values that are not known yet. " +
	"Apply the resources they depend on first (for example with -target), then apply again")

// RequireClient adds an error and returns false when client is nil.
func RequireClient(client *dss.Client, diags *diag.Diagnostics, summary string) bool {
	if client == nil {
		diags.AddError(summary, ErrNotConfigured.Error())
		return false
	}
	return true
}

// AddDSSError reports a failed DSS call as a diagnostic. summary names the
// action and the object, e.g. `Cannot create dataiku_project "SALES"`; the
// detail quotes DSS's errorType and message and, for a rights problem or a
// rejected key, says what to check.
func AddDSSError(diags *diag.Diagnostics, summary string, err error) {
	detail := "DSS answered: " + DSSErrorText(err)
	switch {
	case dss.IsKeyRejected(err):
		detail += "\n\nDSS no longer accepts the provider's API key."
	case dss.IsUnauthorized(err):
		detail += "\n\n" + rightsHint(err)
	case dss.IsOutcomeUnknown(err):
		detail += "\n\nThe request may have taken effect. Run terraform apply again: the provider checks what exists before acting."
	}
	diags.AddError(summary, detail)
}

// DSSErrorText renders an error for a diagnostic: for DSS's answers the
// request, status, errorType and message; for anything else the error itself.
func DSSErrorText(err error) string {
	// Both halves of an unknown outcome: the check's answer says what to do.
	var unknown *outcomeStillUnknownError
	if errors.As(err, &unknown) {
		return DSSErrorText(unknown.post) + "; checking whether it took effect also failed: " + DSSErrorText(unknown.check)
	}
	var apiErr *dss.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Error()
	}
	return err.Error()
}

// connectionUseRefused matches DSS's refusal to let the key's user use a
// connection (for a dataset, folder or recipe output on it), capturing the
// connection's name.
var connectionUseRefused = regexp.MustCompile(`not allowed to use\s+connection\s+(\S+)`)

// adminKinds names, by their path under /admin/, the kinds only an
// administrator's key may read or write.
var adminKinds = map[string]string{
	"users":             "users",
	"groups":            "groups",
	"global-api-keys":   "global API keys",
	"personal-api-keys": "other users' personal API keys",
	"connections":       "connections",
	"code-envs":         "code environments",
	"general-settings":  "instance settings",
	"variables":         "instance variables",
}

// sharedSpaces names, by their path, the instance's objects that DSS's
// users create with a group capability and share through their own
// permission entries.
var sharedSpaces = map[string]string{"workspaces": "workspace", "data-collections": "data collection"}

// rightsHint says what to check after DSS refused the key's user an
// operation. The same 403 has different causes, so the hint is chosen from
// DSS's message and the request's path: one generic hint sent users looking
// for an admin key when a connection's groups were the cause.
func rightsHint(err error) string {
	var apiErr *dss.APIError
	if !errors.As(err, &apiErr) {
		return "The API key lacks the rights for this operation."
	}
	if m := connectionUseRefused.FindStringSubmatch(apiErr.Text()); m != nil {
		return fmt.Sprintf("The key's user may not use the connection %q. On the connection (dataiku_connection), "+
			"set usable_by = \"ALL\", or keep usable_by = \"ALLOWED\" and add one of the user's groups to allowed_groups; "+
			"or put the object on a connection the user may use.", m[1])
	}
	path := strings.TrimPrefix(apiErr.Path, dss.APIPrefix)
	segments := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(segments) >= 2 && segments[0] == "admin":
		kind, ok := adminKinds[segments[1]]
		if !ok {
			kind = "instance-level objects (" + segments[1] + ")"
		}
		return fmt.Sprintf("DSS lets only an administrator manage %s: the provider needs an admin key for them "+
			"(a global API key with admin rights, or the personal key of a user in a group with admin = true).", kind)
	case len(segments) == 5 && segments[0] == "projects" && segments[2] == "scenarios" && (segments[4] == "run" || segments[4] == "abort"):
		return fmt.Sprintf("The key's user may not run the scenarios of project %q: grant the user or one of its groups the project's run_scenarios "+
			"permission (dataiku_project's permissions; write_project_content implies it), or use an admin key.", segments[1])
	case len(segments) >= 3 && segments[0] == "projects" && segments[2] == "jobs" && apiErr.Method == "POST":
		return fmt.Sprintf("The key's user may not build in project %q: building needs write access to the project's content "+
			"(dataiku_project's permissions, write_project_content), or an admin key.", segments[1])
	case len(segments) >= 2 && segments[0] == "projects" && segments[1] != "":
		return fmt.Sprintf("The key's user lacks a project permission on %q for this operation. DSS gives this answer too when the user "+
			"cannot see the project at all, whether or not it exists. Grant the user or one of its groups the needed project permission "+
			"(dataiku_project's permissions, e.g. write_project_content), or use an admin key.", segments[1])
	case len(segments) >= 1 && segments[0] == "projects" && apiErr.Method == "POST":
		return "The key's user may not create projects: one of its groups needs DSS's \"may create projects\" permission " +
			"(dataiku_group's may_create_projects), or use an admin key."
	case len(segments) >= 1 && sharedSpaces[segments[0]] != "":
		what := sharedSpaces[segments[0]]
		if len(segments) == 1 && apiErr.Method == "POST" {
			return fmt.Sprintf("The key's user may not create %ss: one of its groups needs dataiku_group's may_create_%ss, or use an admin key.",
				what, strings.ReplaceAll(what, " ", "_"))
		}
		return fmt.Sprintf("The key's user lacks a permission on the %s %q for this operation: an entry for the user or one of its groups in the %s's "+
			"permissions (admin to change or delete it, write to change what it holds, read to see it), or an admin key.", what, segments[1], what)
	}
	return "The API key lacks the rights for this operation. Objects outside projects (users, groups, connections, code environments, " +
		"instance settings) need an admin key; a project's objects need a permission on that project."
}

// ProjectLocks serialises the read-modify-writes of one document of each
// project (its settings: SettingsLocks; its permissions:
// PermissionsLocks) within this provider: Terraform applies resources in
// parallel, and two writers that both read the document before either
// writes would each write back the other's entry as it was, losing one
// change. Every writer of that document takes the project's lock around
// its read-modify-write.
type ProjectLocks struct{ m sync.Map }

// Lock takes the project's lock and returns its release. A nil
// ProjectLocks (a provider not configured) locks nothing.
func (l *ProjectLocks) Lock(key string) func() {
	if l == nil {
		return func() {}
	}
	v, _ := l.m.LoadOrStore(key, &sync.Mutex{})
	mu, _ := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
