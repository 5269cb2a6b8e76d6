package dss

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// A project's own Git repository (every DSS project is one): its remotes,
// its status, and the commit, push and pull actions. dataikuapi's
// DSSProjectGit get_status, get_remote, set_remote, remove_remote, commit,
// push and pull [V] give the paths and the bodies.

// ProjectGitRemote is one remote of a project's repository.
type ProjectGitRemote struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// ProjectGitTrackingCount is how far the current branch is from the
// branch it tracks.
type ProjectGitTrackingCount struct {
	Ahead  int64 `json:"ahead"`
	Behind int64 `json:"behind"`
}

// ProjectGitStatus is the part of get_status's answer the provider reads
// [V: the docstring lists currentBranch, remotes, trackingCount, clean,
// hasUncommittedChanges among others].
type ProjectGitStatus struct {
	CurrentBranch         string                   `json:"currentBranch"`
	Remotes               []ProjectGitRemote       `json:"remotes"`
	TrackingCount         *ProjectGitTrackingCount `json:"trackingCount"`
	Clean                 bool                     `json:"clean"`
	HasUncommittedChanges bool                     `json:"hasUncommittedChanges"`
}

// ProjectGitResult is the answer of a push or a pull [V: "a dict containing
// keys 'success', 'logs', 'output'"]. Logs is kept as DSS sends it (its
// shape is not documented [I]).
type ProjectGitResult struct {
	Success bool   `json:"success"`
	Logs    any    `json:"logs"`
	Output  string `json:"output"`
}

// Message is what a failed push or pull says: DSS's output, then its
// logs when they add something.
func (r *ProjectGitResult) Message() string {
	var parts []string
	if s := strings.TrimSpace(r.Output); s != "" {
		parts = append(parts, s)
	}
	switch l := r.Logs.(type) {
	case string:
		if s := strings.TrimSpace(l); s != "" {
			parts = append(parts, s)
		}
	case []any:
		for _, e := range l {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				parts = append(parts, strings.TrimSpace(s))
			}
		}
	}
	if len(parts) == 0 {
		return "DSS gave no output"
	}
	return strings.Join(parts, "\n")
}

// ProjectGitStatusPath is the API path of a project's Git status.
func ProjectGitStatusPath(projectKey string) string {
	return Path("projects", projectKey, "git", "status")
}

// ProjectGitRemotePath is the API path of one remote of a project.
func ProjectGitRemotePath(projectKey, name string) string {
	return Path("projects", projectKey, "git", "remotes", name)
}

func projectGitActionPath(projectKey, action string) string {
	return Path("projects", projectKey, "git", "actions", action)
}

// GetProjectGitStatus reads the project's Git status (GET git/status).
func (c *Client) GetProjectGitStatus(ctx context.Context, projectKey string) (*ProjectGitStatus, error) {
	return callAs[ProjectGitStatus](ctx, c, http.MethodGet, ProjectGitStatusPath(projectKey), nil, nil)
}

// ListProjectGitRemotes lists the project's remotes, from its Git status.
func (c *Client) ListProjectGitRemotes(ctx context.Context, projectKey string) ([]ProjectGitRemote, error) {
	st, err := c.GetProjectGitStatus(ctx, projectKey)
	if err != nil {
		return nil, err
	}
	return st.Remotes, nil
}

// GetProjectGitRemote reads the URL of the project's remote name; nil when
// the remote is not set (DSS answers without a url [V]).
func (c *Client) GetProjectGitRemote(ctx context.Context, projectKey, name string) (*string, error) {
	var reply struct {
		URL *string `json:"url"`
	}
	if err := c.Get(ctx, ProjectGitRemotePath(projectKey, name), nil, &reply); err != nil {
		return nil, err
	}
	return reply.URL, nil
}

// SetProjectGitRemote adds the remote name or changes its URL.
func (c *Client) SetProjectGitRemote(ctx context.Context, projectKey, name, remoteURL string) error {
	return c.Post(ctx, ProjectGitRemotePath(projectKey, name), nil, map[string]any{"url": remoteURL}, nil)
}

// RemoveProjectGitRemote removes the remote name.
func (c *Client) RemoveProjectGitRemote(ctx context.Context, projectKey, name string) error {
	return c.Delete(ctx, ProjectGitRemotePath(projectKey, name), nil, nil)
}

// CommitProjectGit commits the project's pending changes with message.
func (c *Client) CommitProjectGit(ctx context.Context, projectKey, message string) error {
	return c.Post(ctx, projectGitActionPath(projectKey, "commit"), nil, map[string]any{"message": message}, nil)
}

// branchQuery is the branchName parameter; none for "" (dataikuapi sends
// None, which requests leaves out: DSS's current branch [V]).
func branchQuery(branch string) url.Values {
	if branch == "" {
		return nil
	}
	return url.Values{"branchName": {branch}}
}

// PushProjectGit pushes branch ("" the current one) to its remote. A push
// git refused is a nil error with Success false.
func (c *Client) PushProjectGit(ctx context.Context, projectKey, branch string) (*ProjectGitResult, error) {
	return callAs[ProjectGitResult](ctx, c, http.MethodPost, projectGitActionPath(projectKey, "push"), branchQuery(branch), nil)
}

// PullProjectGit pulls branch ("" the current one) from its remote and
// rebases on it (DSS's pullRebase).
func (c *Client) PullProjectGit(ctx context.Context, projectKey, branch string) (*ProjectGitResult, error) {
	return callAs[ProjectGitResult](ctx, c, http.MethodPost, projectGitActionPath(projectKey, "pullRebase"), branchQuery(branch), nil)
}
