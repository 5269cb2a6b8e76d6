package adopt

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// gitLister is a lister of kinds through key, on the DSS at host.
func gitLister(t *testing.T, host, key string, kinds ...string) *lister {
	t.Helper()
	c, err := dss.NewClient(dss.Config{Host: host, APIKey: key, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	l := &lister{c: c, apiKey: key, kinds: map[string]bool{}, inFlight: make(chan struct{}, maxInFlight)}
	for _, k := range kinds {
		l.kinds[k] = true
	}
	return l
}

// TestAdoptNamesGitURLsWithPasswords: a Git remote or a library reference
// whose URL holds a password is adopted as DSS holds it (the generated
// configuration must plan empty), and the summary names the attribute
// that carries it, without the password; SSH and credential-less URLs are
// not named.
func TestAdoptNamesGitURLsWithPasswords(t *testing.T) {
	const admin = "git-urls-admin-key"
	ctx := context.Background()
	run, err := emulator.Start(emulator.Options{AdminKey: admin})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(run.Close)
	l := gitLister(t, run.URL(), admin, names.KindProjectGitRemote, names.KindProjectGitLibrary)
	if err := l.c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: "SALES", Name: "Sales", Owner: "admin"}, ""); err != nil {
		t.Fatal(err)
	}
	remotes := map[string]string{
		"origin": "https://bot:remote-token-1@git.example.com/org/sales.git",
		"mirror": "git@git.example.com:org/sales.git",
		"public": "https://bot@git.example.com/org/sales.git",
		"hub":    "https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/org/sales.git",
	}
	for name, u := range remotes {
		if err := l.c.SetProjectGitRemote(ctx, "SALES", name, u); err != nil {
			t.Fatal(err)
		}
	}
	for path, u := range map[string]string{"shared": "https://ci:library-token-2@git.example.com/org/lib.git", "plain": "https://git.example.com/org/lib.git"} {
		f, err := l.c.AddGitLibrary(ctx, "SALES", dss.GitLibraryWrite{GitLibrary: dss.GitLibrary{Path: path, Repository: u, Checkout: "main"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := l.c.WaitGitLibrary(ctx, f, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.listGitRemotes(ctx, "SALES"); err != nil {
		t.Fatal(err)
	}
	if err := l.listGitLibraries(ctx, "SALES"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, o := range l.objects {
		got[o.Kind+" "+o.ID] = o.InClear
	}
	want := map[string]string{
		names.KindProjectGitRemote + " SALES.origin": "url", names.KindProjectGitRemote + " SALES.mirror": "", names.KindProjectGitRemote + " SALES.public": "",
		names.KindProjectGitRemote + " SALES.hub":     "url",
		names.KindProjectGitLibrary + " SALES.shared": "repository", names.KindProjectGitLibrary + " SALES.plain": "",
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s: in clear %q (listed %v), want %q", k, g, ok, w)
		}
	}

	assignNames(l.objects)
	var out bytes.Buffer
	summarize(&out, t.TempDir(), nil, l, 0)
	text := out.String()
	for _, secret := range []string{"remote-token-1", "library-token-2", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"} {
		if strings.Contains(text, secret) {
			t.Errorf("the summary quotes a password:\n%s", text)
		}
	}
	_, section, found := strings.Cut(text, "Passwords written in clear to "+generatedFile)
	if !found {
		t.Fatalf("the summary does not say which URLs hold passwords:\n%s", text)
	}
	section, _, _ = strings.Cut(section, "\n"+"Listing:")
	var named []string
	for _, line := range strings.Split(section, "\n")[1:] {
		if strings.HasPrefix(line, "  ") {
			named = append(named, strings.TrimSpace(line))
		}
	}
	slices.Sort(named)
	if len(named) != 3 || !strings.HasPrefix(named[0], "dataiku_project_git_library.") || !strings.HasSuffix(named[0], ".repository") ||
		!strings.HasPrefix(named[1], "dataiku_project_git_remote.") || !strings.HasSuffix(named[1], ".url") ||
		!strings.HasPrefix(named[2], "dataiku_project_git_remote.") || !strings.HasSuffix(named[2], ".url") {
		t.Errorf("the URLs named: %q, want the shared library's repository, the origin and hub remotes' url", named)
	}
}

// TestAdoptNamesPluginGitURLWithPassword: a plugin installed from a Git
// URL that holds a password is named too (its import reads the URL into
// git_url). The emulator installs Git plugins from local directories only,
// so DSS's plugin list is served here as DSS answers it [I].
func TestAdoptNamesPluginGitURLWithPassword(t *testing.T) {
	dssList := `[{"id":"geo","version":"1.0.0","isDev":false,"installedFrom":{"kind":"GIT","gitRepositoryUrl":"https://bot:plugin-token-3@git.example.com/geo.git","gitCheckout":"main"}},` +
		`{"id":"maps","version":"2.0.0","isDev":false,"installedFrom":{"kind":"GIT","gitRepositoryUrl":"git@git.example.com:maps.git"}},` +
		`{"id":"store","version":"3.0.0","isDev":false,"installedFrom":{"kind":"STORE"}}]`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != dss.APIPrefix+"/plugins/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(dssList))
	}))
	t.Cleanup(srv.Close)
	l := gitLister(t, srv.URL, "plugins-key", names.KindPlugin)
	if err := l.listPlugins(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, o := range l.objects {
		got[o.ID] = o.InClear
	}
	if len(got) != 3 || got["geo"] != "git_url" || got["maps"] != "" || got["store"] != "" {
		t.Errorf("plugins in clear: %v, want geo's git_url only", got)
	}
}
