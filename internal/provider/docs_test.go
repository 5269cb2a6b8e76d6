package provider_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestDocsUpToDate regenerates the documentation, exactly as make docs does
// (scripts/docs.sh: tfplugindocs with the local terraform, offline), into
// a scratch directory (DOCS_OUT), and fails when the
// committed docs/ differs, so a schema, template or example change cannot
// ship with stale docs. It renders in place rather than in a copy of the
// tree: a copy's build compiled the whole provider again (the build cache
// keys on the source directory), about two minutes of the package's run.
func TestDocsUpToDate(t *testing.T) {
	t.Parallel()
	acctest.RequireTerraformCLITests(t)
	root := acctest.RepoRoot(t)
	// tfplugindocs takes the output directory relative to the provider's.
	scratch := t.TempDir()
	rel, err := filepath.Rel(root, scratch)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(root, "scripts", "docs.sh"), root)
	cmd.Dir = root
	cmd.Env = append(acctest.TerraformEnv(), "DOCS_OUT="+rel, "PATH="+filepath.Dir(acctest.TerraformBinary(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/docs.sh failed: %v\n%s", err, out)
	}

	want := readTree(t, scratch)
	got := readTree(t, filepath.Join(root, "docs"))
	if len(want) == 0 {
		t.Fatal("docs generation produced no files")
	}
	var stale []string
	for name, content := range want {
		if c, ok := got[name]; !ok {
			stale = append(stale, "missing docs/"+name)
		} else if !bytes.Equal(c, content) {
			stale = append(stale, "outdated docs/"+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			stale = append(stale, "extra docs/"+name+" (no longer generated)")
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("docs/ is stale; run make docs and commit the result:\n  %s", strings.Join(stale, "\n  "))
	}
}

// readTree reads every file under dir, keyed by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
