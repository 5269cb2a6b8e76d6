package adopt

import (
	"context"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// listGitLibraries lists the Git references of a project's libraries, one
// request. A reference with a login may have a password, which DSS does
// not give back: the note says to add password_wo. A repository URL
// that holds a password itself is named in the summary.
func (l *lister) listGitLibraries(ctx context.Context, key string) error {
	libs, err := call(l, func() ([]dss.GitLibrary, error) { return l.c.ListGitLibraries(ctx, key) })
	if err != nil {
		return l.cannotSee("Git references of project "+key, err)
	}
	for _, lib := range libs {
		o := &object{Kind: names.KindProjectGitLibrary, ID: key + "." + lib.Path, nameParts: []string{key, "lib", lib.Path}, Project: key}
		if lib.Login != nil && *lib.Login != "" {
			o.WriteOnly = writeOnlyNote(o.Type(), "a reference with a login may have a password, which DSS never returns")
		}
		if names.URLHoldsCredential(lib.Repository) {
			o.InClear = "repository"
		}
		l.add(o)
	}
	return nil
}

// listGitRemotes lists the remotes of a project's own repository, one
// request (its Git status). A remote's URL may hold a password, which the
// generated configuration then holds in clear: the summary names it.
func (l *lister) listGitRemotes(ctx context.Context, key string) error {
	st, err := call(l, func() (*dss.ProjectGitStatus, error) { return l.c.GetProjectGitStatus(ctx, key) })
	if err != nil {
		return l.cannotSee("Git remotes of project "+key, err)
	}
	for _, r := range st.Remotes {
		o := &object{Kind: names.KindProjectGitRemote, ID: key + "." + r.Name, nameParts: []string{key, "remote", r.Name}, Project: key}
		if names.URLHoldsCredential(r.URL) {
			o.InClear = "url"
		}
		l.add(o)
	}
	return nil
}
