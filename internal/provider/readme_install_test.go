package provider_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// readmeSection returns the fenced code blocks (language, body) of the
// README section with the given "## " heading, in order.
func readmeSection(t *testing.T, heading string) [][2]string {
	t.Helper()
	return docSectionBlocks(t, "README.md", "## "+heading)
}

// fenceRE is a fenced code block, its fences indented alike (as inside a
// list item): the indentation, the language and the body.
var fenceRE = regexp.MustCompile("(?ms)^( *)```([a-z]*)\n(.*?)^ *```$")

// docSectionBlocks returns the fenced code blocks (language, body) of the
// section of the repository's file doc under heading (a whole heading
// line, "## Steps"), up to the next heading of its level or above, in
// order. A block's body loses its fence's indentation.
func docSectionBlocks(t *testing.T, doc, heading string) [][2]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), doc))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s has no section headed %q", doc, heading)
	}
	// The section ends at a heading of its level or above, outside the
	// code blocks (a shell comment is not a heading).
	level := len(heading) - len(strings.TrimLeft(heading, "#"))
	nextHeading := regexp.MustCompile(`^#{1,` + strconv.Itoa(level) + `} `)
	inFence, end := false, 0
	for _, line := range strings.SplitAfter(section, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			inFence = !inFence
		} else if !inFence && nextHeading.MatchString(line) {
			break
		}
		end += len(line)
	}
	section = section[:end]
	var blocks [][2]string
	for _, m := range fenceRE.FindAllStringSubmatch(section, -1) {
		lines := strings.Split(m[3], "\n")
		for i := range lines {
			lines[i] = strings.TrimPrefix(lines[i], m[1])
		}
		blocks = append(blocks, [2]string{m[2], strings.Join(lines, "\n")})
	}
	return blocks
}

// TestReadmeOwnConfiguration runs the README's "Use it with your own
// configuration" steps as written: make build install, the emulator from
// ./bin, then terraform init and apply of the README's configuration with
// a version constraint. HOME is a fresh directory, no CLI configuration is
// set (so no dev_overrides) and every proxy points at a closed port, so the
// init only succeeds if `make install` put the provider where Terraform's
// implied local mirror finds it, under the version CHANGELOG.md names.
func TestReadmeOwnConfiguration(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs make and the terraform CLI: set TF_ACC=1")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not on PATH")
	}
	blocks := readmeSection(t, "Use it with your own configuration")
	// The first four blocks are the steps; the release-zip block after
	// them needs a published release and is not run.
	if len(blocks) < 4 || blocks[0][0] != "shell" || blocks[1][0] != "shell" || blocks[2][0] != "terraform" || blocks[3][0] != "shell" {
		t.Fatalf("the section's first blocks are not shell, shell, terraform, shell: %q", blocks)
	}
	build, emulatorStep, config, apply := blocks[0][1], blocks[1][1], blocks[2][1], blocks[3][1]

	// Another process (a demo, a parallel test) may hold the README's port.
	const readmePort = "127.0.0.1:11200"
	if !strings.Contains(emulatorStep, readmePort) {
		t.Fatalf("the emulator step no longer listens on %s:\n%s", readmePort, emulatorStep)
	}
	home := t.TempDir()
	work := t.TempDir()
	if err := os.Mkdir(filepath.Join(work, "my-config"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "my-config", "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	root := acctest.RepoRoot(t)
	// The steps run from the clone; the configuration directory is the
	// user's own, so `cd my-config` is taken relative to work.
	// The build runs first, on its own: the free port is chosen just
	// before the emulator starts, not a build's minute earlier, when
	// another test could take it meanwhile.
	buildScript := "set -euo pipefail\ncd " + shellQuote(root) + "\n" + build

	// Go keeps its caches under HOME by default: pin them to the real ones
	// so the fresh HOME costs no rebuild and no download.
	goEnv := map[string]string{}
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatal(err)
		}
		goEnv[k] = strings.TrimSpace(string(out))
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "HOME", k == "TF_CLI_CONFIG_FILE", k == "TF_PLUGIN_CACHE_DIR", k == "DATAIKU_HOST", k == "DATAIKU_API_KEY",
			k == "DKU_DSS_URL", k == "DKU_API_KEY", strings.HasPrefix(k, "GO"),
			strings.EqualFold(k, "HTTP_PROXY"), strings.EqualFold(k, "HTTPS_PROXY"), strings.EqualFold(k, "NO_PROXY"):
			continue
		}
		env = append(env, kv)
	}
	closed := "http://127.0.0.1:9"
	env = append(env, "HOME="+home, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"TF_CLI_ARGS_apply=-auto-approve", "TERRAFORM="+acctest.TerraformBinary(t),
		"PATH="+filepath.Dir(acctest.TerraformBinary(t))+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HTTP_PROXY="+closed, "HTTPS_PROXY="+closed, "http_proxy="+closed, "https_proxy="+closed, "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1",
		"GOCACHE="+goEnv["GOCACHE"], "GOMODCACHE="+goEnv["GOMODCACHE"], "GOPATH="+goEnv["GOPATH"], "GOFLAGS=-buildvcs=false", "GOPROXY=off", "GOTOOLCHAIN=local")

	run := func(script string) string {
		cmd := exec.Command("bash", "-c", script)
		cmd.Env = env
		cmd.WaitDelay = 10 * time.Second
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the README's steps failed: %v\n%s", err, acctest.Tail(string(out), 8000))
		}
		return string(out)
	}
	built := run(buildScript)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	free := l.Addr().String()
	_ = l.Close()
	emulatorStep = strings.ReplaceAll(emulatorStep, readmePort, free)
	out := built + run("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"+
		"cd "+shellQuote(root)+"\n"+emulatorStep+"cd "+shellQuote(work)+"\n"+apply)
	if !strings.Contains(out, "Apply complete! Resources: 1 added, 0 changed, 0 destroyed.") {
		t.Errorf("the README's configuration did not apply one resource:\n%s", acctest.Tail(out, 4000))
	}

	version := changelogVersion(t)
	mirrored := filepath.Join(home, ".terraform.d", "plugins", "registry.terraform.io", "tf-dataiku", "dataiku", version)
	if _, err := os.Stat(mirrored); err != nil {
		t.Errorf("make install did not install version %s in the implied mirror: %v", version, err)
	}
	lock, err := os.ReadFile(filepath.Join(work, "my-config", ".terraform.lock.hcl"))
	if err != nil {
		t.Fatalf("terraform init left no lock file: %v", err)
	}
	if !regexp.MustCompile(`provider "registry.terraform.io/tf-dataiku/dataiku" \{\s*version\s*=\s*"` + regexp.QuoteMeta(version) + `"`).Match(lock) {
		t.Errorf("the lock file does not pin tf-dataiku/dataiku %s:\n%s", version, lock)
	}
}

// changelogVersion is the version of CHANGELOG.md's first "## X.Y.Z" heading.
func changelogVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## (\d+\.\d+\.\d+)`).FindSubmatch(b)
	if m == nil {
		t.Fatal("CHANGELOG.md has no ## X.Y.Z heading")
	}
	return string(m[1])
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// TestReadmeReleaseZip runs the README's release-zip steps on a zip laid
// out as .goreleaser.yml builds it (the binary terraform-provider-dataiku_vX.Y.Z
// alone at its root) with a SHA256SUMS beside it, then terraform init
// offline with no CLI configuration. The gpg line is not run: it needs the
// release key's signature. The README's version must be CHANGELOG.md's.
func TestReadmeReleaseZip(t *testing.T) {
	t.Parallel()
	setup := acctest.CliSetup(t)
	for _, tool := range []string{"unzip", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH", tool)
		}
	}
	blocks := readmeSection(t, "Use it with your own configuration")
	var steps string
	for _, b := range blocks {
		if b[0] == "shell" && strings.Contains(b[1], "unzip ") {
			steps = b[1]
		}
	}
	if steps == "" {
		t.Fatal("the README's own-configuration section has no unzip step")
	}
	version := changelogVersion(t)
	platform := runtime.GOOS + "_" + runtime.GOARCH
	m := regexp.MustCompile(`(?m)^v=(\S+) p=(\S+)$`).FindStringSubmatch(steps)
	if m == nil || m[1] != version {
		t.Fatalf("the release-zip step does not set v=%s (CHANGELOG.md's version):\n%s", version, steps)
	}
	steps = strings.Replace(steps, m[0], "v="+version+" p="+platform, 1)
	var kept []string
	for _, line := range strings.Split(steps, "\n") {
		if !strings.HasPrefix(line, "gpg ") {
			kept = append(kept, line)
		}
	}

	// The release assets, as goreleaser names them.
	downloads := t.TempDir()
	bin, err := os.ReadFile(filepath.Join(setup, "bin", "terraform-provider-dataiku"))
	if err != nil {
		t.Fatal(err)
	}
	zipName := "terraform-provider-dataiku_" + version + "_" + platform + ".zip"
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	hdr := &zip.FileHeader{Name: "terraform-provider-dataiku_v" + version, Method: zip.Deflate}
	hdr.SetMode(0o755)
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(bin); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(downloads, zipName), zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(zbuf.Bytes())
	sums := hex.EncodeToString(sum[:]) + "  " + zipName + "\n"
	if err := os.WriteFile(filepath.Join(downloads, "terraform-provider-dataiku_"+version+"_SHA256SUMS"), []byte(sums), 0o644); err != nil {
		t.Fatal(err)
	}

	home := t.TempDir()
	config := acctest.NewTerraformDir(t, map[string]string{"main.tf": `terraform {
  required_providers {
    dataiku = {
      source  = "tf-dataiku/dataiku"
      version = "~> ` + version[:strings.LastIndex(version, ".")] + `"
    }
  }
}
`})
	closed := "http://127.0.0.1:9"
	env := append(acctest.CleanTerraformEnv(), "HOME="+home, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"HTTP_PROXY="+closed, "HTTPS_PROXY="+closed, "http_proxy="+closed, "https_proxy="+closed)
	script := "set -euo pipefail\ncd " + shellQuote(downloads) + "\n" + strings.Join(kept, "\n") + "\n" +
		"cd " + shellQuote(config) + "\n" + shellQuote(acctest.TerraformBinary(t)) + " init -input=false -no-color\n"
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's release-zip steps failed: %v\n%s", err, acctest.Tail(string(out), 6000))
	}
	if !strings.Contains(string(out), "Installed tf-dataiku/dataiku v"+version) {
		t.Errorf("terraform init did not install %s from the unzipped release:\n%s", version, acctest.Tail(string(out), 4000))
	}
}

// TestReadmeNamesWhatTheProviderHas: the README's overview names every
// resource type and gives the number of data sources the provider has (it
// said 42 after the 43rd was added).
func TestReadmeNamesWhatTheProviderHas(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for typ := range acctest.ResourceSchemas(t) {
		if !strings.Contains(readme, "`"+typ+"`") {
			t.Errorf("README.md does not name the resource %s", typ)
		}
	}
	m := regexp.MustCompile(`(\d+) data sources to read them`).FindStringSubmatch(readme)
	if m == nil {
		t.Fatal(`README.md no longer says "N data sources to read them"`)
	}
	if n := len(acctest.DataSourceSchemas(t)); m[1] != strconv.Itoa(n) {
		t.Errorf("README.md says %s data sources; the provider has %d", m[1], n)
	}
}
