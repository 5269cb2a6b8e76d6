package dss

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// A project's Git libraries (DSS: Project > Libraries > Git references):
// dataikuapi's DSSProjectGit list_libraries, add_library, set_library,
// remove_library and reset_library [V] give the paths and the bodies. The
// add and the reset answer a future (the pull) that the caller waits on.
// The password is a secret: no reply type keeps one, and the errors of the
// calls that send it never quote it (withPassword).

// GitLibrary is one Git reference of a project's libraries, as the
// provider reads it. Path is DSS's localTargetPath (relative to the
// project's library root), which names the reference.
type GitLibrary struct {
	Path             string
	Repository       string
	Checkout         string
	PathInRepository string
	AddToPythonPath  bool
	// Login is nil when the list does not show it [I].
	Login *string
}

// GitLibraryWrite is what an add or a set sends: the reference and its
// password, nil for none (dataikuapi sends null, as it does for an empty
// login).
type GitLibraryWrite struct {
	GitLibrary
	Password *string
}

// GitLibrariesPath is the API path of a project's Git references.
func GitLibrariesPath(projectKey string) string {
	return Path("projects", projectKey, "git", "lib-git-refs") + "/"
}

// GitLibraryPath is the API path of one reference. Its path keeps its
// slashes, each segment escaped: dataikuapi appends the path as it is
// ("/git/lib-git-refs/" + path) [V], and a %2F is refused by many servers
// in front of DSS.
func GitLibraryPath(projectKey, path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return Path("projects", projectKey, "git", "lib-git-refs") + "/" + strings.Join(segments, "/")
}

// gitLibrariesReply is the list's raw answer. It is a secretHolder: DSS
// may hold a reference's password in it, so a decoding error never quotes
// the body.
type gitLibrariesReply struct{ raw json.RawMessage }

func (gitLibrariesReply) holdsSecrets() {}

func (r *gitLibrariesReply) UnmarshalJSON(b []byte) error {
	r.raw = append(json.RawMessage(nil), b...)
	return nil
}

// ListGitLibraries lists a project's Git references (GET lib-git-refs/).
func (c *Client) ListGitLibraries(ctx context.Context, projectKey string) ([]GitLibrary, error) {
	var reply gitLibrariesReply
	if err := c.Get(ctx, GitLibrariesPath(projectKey), nil, &reply); err != nil {
		return nil, err
	}
	libs, err := ParseGitLibraries(reply.raw)
	if err != nil {
		return nil, fmt.Errorf("GET %s%s: %w", APIPrefix, GitLibrariesPath(projectKey), err)
	}
	return libs, nil
}

// ParseGitLibraries reads the list's answer. [I] dataikuapi does not show
// its shape. A project's external-libraries.json holds
// gitReferences: {<localTargetPath>: {remote, remotePath, checkout,
// isPythonPath}} beside pythonPath, rsrcPath and
// importLibrariesFromProjects, and dss-provisioner [T] reads the answer as
// that document (gitReferences keyed by path); the fields may also carry
// the names of the add's body (repository, pathInGitRepository,
// addToPythonPath). The safest reading accepts all of these, and a list of
// references (each naming its localTargetPath) at the top or under
// gitReferences. A reference without isPythonPath or addToPythonPath is on
// the Python path when pythonPath lists its path. The password is never
// read. This function is the one place that knows the shape.
func ParseGitLibraries(raw []byte) ([]GitLibrary, error) {
	var top any
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, errors.New("decoding the Git references: not JSON (the body is not quoted: it may hold a password)")
	}
	var refs any
	var pythonPath []string
	switch t := top.(type) {
	case map[string]any:
		refs = t["gitReferences"]
		if list, ok := t["pythonPath"].([]any); ok {
			for _, p := range list {
				if s, ok := p.(string); ok {
					pythonPath = append(pythonPath, s)
				}
			}
		}
	case []any:
		refs = t
	case nil:
	default:
		return nil, errors.New("decoding the Git references: neither an object nor a list")
	}
	var out []GitLibrary
	add := func(path string, e map[string]any) {
		if path == "" {
			path = firstString(e, "localTargetPath", "path", "gitReferencePath")
		}
		if path == "" {
			return
		}
		l := GitLibrary{Path: path, Repository: firstString(e, "remote", "repository"), Checkout: firstString(e, "checkout"),
			PathInRepository: firstString(e, "remotePath", "pathInGitRepository")}
		if login, ok := e["login"].(string); ok {
			l.Login = &login
		}
		switch {
		case isBool(e["isPythonPath"]):
			l.AddToPythonPath = e["isPythonPath"] == true
		case isBool(e["addToPythonPath"]):
			l.AddToPythonPath = e["addToPythonPath"] == true
		default:
			l.AddToPythonPath = slices.Contains(pythonPath, path)
		}
		out = append(out, l)
	}
	switch r := refs.(type) {
	case map[string]any:
		for path, e := range r {
			if m, ok := e.(map[string]any); ok {
				add(path, m)
			}
		}
	case []any:
		for _, e := range r {
			if m, ok := e.(map[string]any); ok {
				add("", m)
			}
		}
	}
	slices.SortFunc(out, func(a, b GitLibrary) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

func firstString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := m[k].(string); ok {
			return s
		}
	}
	return ""
}

func isBool(v any) bool { _, ok := v.(bool); return ok }

// loginOrNull is the login to send: null for none, as dataikuapi sends.
func loginOrNull(login *string) any {
	if login == nil {
		return nil
	}
	return nullIfEmpty(*login)
}

// AddGitLibrary adds the reference and starts its pull (add_library [V]):
// the caller waits on the future.
func (c *Client) AddGitLibrary(ctx context.Context, projectKey string, l GitLibraryWrite) (*Future, error) {
	body := map[string]any{
		"repository": l.Repository, "login": loginOrNull(l.Login), "password": l.Password,
		"pathInGitRepository": l.PathInRepository, "localTargetPath": l.Path,
		"checkout": l.Checkout, "addToPythonPath": l.AddToPythonPath,
	}
	return c.futureCall(withPassword(ctx, l.Password), "POST", GitLibrariesPath(projectKey), nil, body)
}

// SetGitLibrary changes the reference (set_library [V]): its repository,
// path in it, checkout and credentials; DSS takes no addToPythonPath here.
// It pulls nothing: ResetGitLibrary does.
func (c *Client) SetGitLibrary(ctx context.Context, projectKey string, l GitLibraryWrite) error {
	body := map[string]any{
		"repository": l.Repository, "login": loginOrNull(l.Login), "password": l.Password,
		"pathInGitRepository": l.PathInRepository, "checkout": l.Checkout,
	}
	var answer json.RawMessage // the reference's path [V]; unused
	return c.Put(withPassword(ctx, l.Password), GitLibraryPath(projectKey, l.Path), nil, body, &answer)
}

// RemoveGitLibrary removes the reference, and its directory when
// deleteDirectory (remove_library [V]).
func (c *Client) RemoveGitLibrary(ctx context.Context, projectKey, path string, deleteDirectory bool) error {
	q := url.Values{"deleteDirectory": {strconv.FormatBool(deleteDirectory)}}
	return c.Delete(ctx, GitLibraryPath(projectKey, path), q, nil)
}

// ResetGitLibrary starts the reset of the reference's directory to its
// checkout, discarding local changes (reset_library [V]): the caller waits
// on the future.
func (c *Client) ResetGitLibrary(ctx context.Context, projectKey, path string) (*Future, error) {
	return c.futureCall(ctx, "POST", GitLibrariesPath(projectKey)+"action/reset", nil, map[string]any{"gitRef": path})
}

// WaitGitLibrary waits for an add's or a reset's pull; its error never
// quotes password (DSS's git log may echo what it was given).
func (c *Client) WaitGitLibrary(ctx context.Context, f *Future, password *string) error {
	_, err := c.WaitFuture(withPassword(ctx, password), f, true)
	return err
}

// withPassword is ctx with the password, when there is one, among its
// secrets (WithSecrets): the calls that send it never quote it.
func withPassword(ctx context.Context, password *string) context.Context {
	if password == nil {
		return ctx
	}
	return WithSecrets(ctx, *password)
}
