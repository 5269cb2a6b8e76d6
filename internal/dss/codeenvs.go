package dss

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Code environments (dss-api.md §2.6, dss-api-more.md §7.5, the wire
// contract of issue 13). An env is named by its language and its name;
// creating, rebuilding and deleting one are long-running: this client
// always calls them with wait=false and hands back DSS's future, for the
// caller to wait on with WaitFuture under its own deadline.

// CodeEnvLangs are the languages DSS builds environments for.
var CodeEnvLangs = []string{"PYTHON", "R"}

// CodeEnvNamePattern is what DSS documents for an env's name: letters,
// digits, hyphens (and underscores, which DSS accepts); stated once in
// internal/dss/names.
var CodeEnvNamePattern = names.CodeEnvNamePattern

// CodeEnvPermission is one group's rights on an env (desc.permissions).
type CodeEnvPermission struct {
	Group       string `json:"group"`
	Use         bool   `json:"use"`
	Update      bool   `json:"update"`
	ManageUsers bool   `json:"manageUsers"`
	Extra       Extra  `json:"-"`
}

func (d *CodeEnvPermission) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeEnvPermission) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// CodeEnvDesc is the env's desc: how it is built and who may use it.
type CodeEnvDesc struct {
	DeploymentMode        string `json:"deploymentMode,omitempty"`
	PythonInterpreter     string `json:"pythonInterpreter,omitempty"`
	Conda                 bool   `json:"conda"`
	InstallCorePackages   bool   `json:"installCorePackages"`
	InstallJupyterSupport bool   `json:"installJupyterSupport"`
	Owner                 string `json:"owner,omitempty"`
	Extra                 Extra  `json:"-"`
}

func (d *CodeEnvDesc) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeEnvDesc) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// CodeEnv is an env's whole definition, GET/PUT
// /admin/code-envs/{lang}/{name}. The requirement lists are DSS's
// newline-joined text.
type CodeEnv struct {
	EnvName              string      `json:"envName"`
	EnvLang              string      `json:"envLang"`
	DeploymentMode       string      `json:"deploymentMode,omitempty"`
	Desc                 CodeEnvDesc `json:"desc"`
	SpecPackageList      string      `json:"specPackageList"`
	SpecCondaEnvironment string      `json:"specCondaEnvironment"`
	// UsableByAll and Permissions sit at the top of a design node's env,
	// as dataikuapi's DSSCodeEnv.set_definition docstring lists them
	// (env.permissions, env.usableByAll, env.desc.owner).
	UsableByAll bool                `json:"usableByAll"`
	Permissions []CodeEnvPermission `json:"permissions" dss:"nonnull"`
	Extra       Extra               `json:"-"`
}

func (d *CodeEnv) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeEnv) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Mode is the env's deployment mode, wherever this DSS keeps it.
func (d *CodeEnv) Mode() string {
	if d.Desc.DeploymentMode != "" {
		return d.Desc.DeploymentMode
	}
	return d.DeploymentMode
}

// CodeEnvDoc is the definition of the env lang/name.
func CodeEnvDoc(lang, name string) Document[CodeEnv] {
	return DocumentAt[CodeEnv](CodeEnvPath(lang, name))
}

// CodeEnvPath is the API path of the env lang/name; DSS stores the
// language upper-case.
func CodeEnvPath(lang, name string) string {
	return Path("admin", "code-envs", strings.ToUpper(lang), name)
}

// CodeEnvCreate is the creation body: how DSS builds the env.
type CodeEnvCreate struct {
	DeploymentMode        string `json:"deploymentMode"`
	PythonInterpreter     string `json:"pythonInterpreter,omitempty"`
	Conda                 bool   `json:"conda"`
	InstallCorePackages   bool   `json:"installCorePackages"`
	InstallJupyterSupport bool   `json:"installJupyterSupport"`
}

var noWait = url.Values{"wait": {"false"}}

// CreateCodeEnv starts creating the env (wait=false) and returns DSS's
// future. The env exists as soon as DSS accepted the call, even if its
// build later fails.
func (c *Client) CreateCodeEnv(ctx context.Context, lang, name string, body CodeEnvCreate) (*Future, error) {
	return c.futureCall(ctx, "POST", CodeEnvPath(lang, name), noWait, body)
}

// UpdateCodeEnvPackages starts a rebuild of the env from its stored
// requirement lists (wait=false) and returns DSS's future.
func (c *Client) UpdateCodeEnvPackages(ctx context.Context, lang, name string, forceRebuild bool) (*Future, error) {
	q := url.Values{"wait": {"false"}}
	if forceRebuild {
		q.Set("forceRebuildEnv", "true")
	}
	return c.futureCall(ctx, "POST", CodeEnvPath(lang, name)+"/packages", q, nil)
}

// DeleteCodeEnv starts deleting the env (wait=false) and returns DSS's
// future.
func (c *Client) DeleteCodeEnv(ctx context.Context, lang, name string) (*Future, error) {
	return c.futureCall(ctx, "DELETE", CodeEnvPath(lang, name), noWait, nil)
}

// CodeEnvSummary is one item of the env list. DSS's list names an env by
// envName/envLang, and by name/language in the form its docs promise;
// both are read.
type CodeEnvSummary struct {
	EnvName        string `json:"envName"`
	EnvLang        string `json:"envLang"`
	Name           string `json:"name"`
	Language       string `json:"language"`
	DeploymentMode string `json:"deploymentMode"`
}

// Lang is the env's language, upper-case.
func (s CodeEnvSummary) Lang() string {
	if s.EnvLang != "" {
		return strings.ToUpper(s.EnvLang)
	}
	return strings.ToUpper(s.Language)
}

// EnvNameOrName is the env's name.
func (s CodeEnvSummary) EnvNameOrName() string {
	if s.EnvName != "" {
		return s.EnvName
	}
	return s.Name
}

// ListCodeEnvs lists every env of the instance.
func (c *Client) ListCodeEnvs(ctx context.Context) ([]CodeEnvSummary, error) {
	return getAs[[]CodeEnvSummary](ctx, c, Path("admin", "code-envs"), nil)
}

// codeEnvMissing is how DSS says an env does not exist: a 500
// CodedIOException "<LANG> env <name> doesn't exist" (dss-api.md §1.7).
var codeEnvMissing = regexp.MustCompile(`^([A-Za-z]+) env (\S+) doesn't exist$`)

// IsCodeEnvMissing reports whether err is DSS saying that the env whose
// path was called does not exist. DSS answers that with a 500, which
// IsNotFound never reads as not-found (a server error must not drop a
// resource from state), so this is its own, narrow rule: the exception
// class, the message, and the path of that very env all have to match.
func IsCodeEnvMissing(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 ||
		apiErr.ErrorType != "com.dataiku.dip.exceptions.CodedIOException" {
		return false
	}
	m := codeEnvMissing.FindStringSubmatch(strings.TrimSpace(apiErr.Message))
	if m == nil {
		m = codeEnvMissing.FindStringSubmatch(strings.TrimSpace(apiErr.DetailedMessage))
	}
	if m == nil {
		return false
	}
	rest, ok := strings.CutPrefix(apiErr.Path, APIPrefix+"/admin/code-envs/")
	lang, name, ok2 := strings.Cut(rest, "/")
	return ok && ok2 && strings.EqualFold(lang, m[1]) && name == url.PathEscape(m[2])
}
