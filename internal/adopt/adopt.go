// Package adopt is the dss-adopt command: it lists what a DSS API key can
// see and writes the Terraform import blocks that adopt it, then lets
// Terraform generate the matching configuration and rewrites its literal
// names into references. It must not import the provider (whose tests
// import this package); it shares the provider's credential resolution
// through internal/credentials and talks to DSS through internal/dss.
package adopt

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adoptinfo"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Version is shown in the User-Agent; the command sets it from its build.
var Version = "dev"

const usage = `dss-adopt: adopt an existing Dataiku DSS instance into Terraform.

Usage:
  dss-adopt --out DIR [options]
  dss-adopt references --out DIR

The first form lists what the API key can see and writes DIR/imports.tf (one
import block per object, and a comment with the reason for each object it
does not adopt) and DIR/providers.tf, then runs terraform init (unless
dev_overrides make it needless) and terraform plan
-generate-config-out=generated.tf in DIR, then rewrites generated.tf into a
configuration to keep: literal names become references, values equal to
DSS's defaults (and nulls) are left out, and instance-level objects get
lifecycle { prevent_destroy = true } (and, with --deletion-protection, every
object that has it deletion_protection = true). "references" does only
that last step, for a directory where you ran Terraform yourself.

The connection is found as the provider finds it: DATAIKU_HOST and
DATAIKU_API_KEY, then DKU_DSS_URL and DKU_API_KEY, then ~/.dataiku/config.json
(its default_instance, or --instance). No secret is ever written to DIR.

Options:
  --out DIR             the directory to write (created if absent; required)
  --projects GLOBS      comma-separated project keys or globs (path.Match:
                        *, ?, [a-z]); default every project the key can see.
                        Instance-level kinds are chosen with --kinds only.
  --kinds K1,K2         kinds to adopt, without the dataiku_ prefix; default all:
                        %s
  --exclude PATTERNS    comma-separated globs matched against an object's
                        import id (SALES.tmp_*) or KIND:ID (user:svc_*);
                        excluded objects are listed as comments
  --force               overwrite an existing imports.tf and update
                        providers.tf's dataiku settings, keeping its other
                        blocks (a backend); generated.tf and a changed
                        providers.tf are kept as .bak files; refused
                        where a Terraform state already holds resources
                        (a backend's or workspace's: terraform state list)
  --references=BOOL     rewrite literal names into references (default true)
  --include-builtin     also adopt DSS's built-in connections (filesystem_managed,
                        filesystem_root, filesystem_folders) and other users'
                        personal API keys, left out by default
  --no-prevent-destroy  do not add lifecycle { prevent_destroy = true } to
                        instance-level objects (users, groups, connections,
                        code envs, global API keys, instance settings and
                        variables, LDAP, SSO and Azure AD settings, project
                        folders)
  --deletion-protection  write deletion_protection = true for every adopted
                        object whose resource has it (projects, datasets,
                        managed folders, connections, code envs,
                        deployments): kept in the state, it refuses a destroy
                        even once the block is removed; the first apply sets
                        it without a request to DSS
  --grants              adopt each project's grants as dataiku_project_grant
                        resources, one per group or user, and leave
                        permissions out of dataiku_project (which then leaves
                        the grants alone), for configurations that grant
                        access from the modules of the teams they serve;
                        default: the project's authoritative permissions
  --layout LAYOUT       single (default): one root module in DIR; per-project:
                        DIR/instance for instance-level objects and
                        DIR/projects/KEY for each project, each its own root
                        module that plans alone (references across modules
                        stay literal names)
  --parallel N          root modules finished at once (default: the CPUs)
  --generate=BOOL       run terraform to write generated.tf (default true)
  --terraform PATH      the terraform binary (default: terraform on PATH)
  --instance NAME       the instance of ~/.dataiku/config.json to use
  --ca-cert-file FILE   PEM bundle of extra certificate authorities (also
                        written into providers.tf)
  --insecure-skip-verify  do not verify DSS's TLS certificate (also written
                        into providers.tf)

Exit status: 0 on success, 1 on failure, 2 on bad usage.
`

type options struct {
	out, projects, kinds, exclude, terraform, instance, caCert string
	force, references, generate, insecure                      bool
	includeBuiltin, noPreventDestroy, deletionProtection       bool
	grants                                                     bool
	layout                                                     string
	parallel                                                   int
}

// Run is the command: args without the program name. It returns the exit
// status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "references" {
		return runReferences(args[1:], stdout, stderr)
	}
	var o options
	fs := newFlagSet(&o)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, usage, strings.Join(allKinds, ",")) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dss-adopt: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if o.out == "" {
		fmt.Fprintln(stderr, "dss-adopt: --out DIR is required")
		return 2
	}
	kinds, err := parseKinds(o.kinds)
	if err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 2
	}
	if o.grants {
		// The grants stand in for the permissions of the projects adopted.
		if !kinds[names.KindProject] {
			fmt.Fprintln(stderr, "dss-adopt: --grants adopts the grants of the projects it adopts: --kinds must include project")
			return 2
		}
		kinds[names.KindProjectGrant] = true
	}
	projects, err := parseGlobs("--projects", o.projects)
	if err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 2
	}
	exclude, err := parseExclude(o.exclude)
	if err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 2
	}
	if o.layout != layoutSingle && o.layout != layoutPerProject {
		fmt.Fprintf(stderr, "dss-adopt: --layout %q: want %s or %s\n", o.layout, layoutSingle, layoutPerProject)
		return 2
	}
	if o.parallel < 1 {
		fmt.Fprintln(stderr, "dss-adopt: --parallel must be at least 1")
		return 2
	}
	if err := checkOutDir(ctx, o.out, o.force, o.terraformBinary); err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 1
	}
	if err := checkOtherLayout(o.out, o.layout); err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 1
	}
	if err := adopt(ctx, o, kinds, projects, exclude, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "dss-adopt:", err)
		return 1
	}
	return 0
}

// checkOutDir refuses to overwrite earlier output without --force, and
// with it a directory whose Terraform state already holds resources:
// Terraform generates configuration only for objects not yet in the state,
// so the new generated.tf would lack them and the next apply would destroy
// them.
//
// terraform finds Terraform, which is asked only where the state is not
// the directory's own terraform.tfstate (stateResources).
func checkOutDir(ctx context.Context, dir string, force bool, terraform func() (string, error)) error {
	if force {
		if n, err := stateResources(ctx, dir, terraform); err != nil {
			return err
		} else if n > 0 {
			return fmt.Errorf("%s holds a Terraform state with %d resources: regenerating there would write a %s without them "+
				"(Terraform generates configuration only for objects not in the state), and the next apply would destroy them. "+
				"Adopt into a new directory (--out NEW_DIR) and move what you need, or leave out what is already managed with --exclude",
				dir, n, generatedFile)
		}
	}
	for _, name := range []string{importsFile, generatedFile} {
		p := filepath.Join(dir, name)
		_, err := os.Stat(p)
		if err == nil && !force {
			return fmt.Errorf("%s already exists: pass --force to overwrite %s, %s and %s there", p, importsFile, providersFile, generatedFile)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// checkOtherLayout refuses to write one layout over an adoption in the
// other: the old root module would stay beside the new ones and import the
// same objects again.
func checkOtherLayout(dir, layout string) error {
	other := filepath.Join(dir, "instance", importsFile) // per-project's
	if layout == layoutPerProject {
		other = filepath.Join(dir, importsFile) // single's
	}
	if _, err := os.Stat(other); err == nil {
		return fmt.Errorf("%s holds an adoption in the other layout (%s): a --layout %s run beside it would import the same objects again. "+
			"Adopt into a new directory (--out NEW_DIR)", dir, other, layout)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func connect(ctx context.Context, o options) (*dss.Client, string, *dss.AuthInfo, error) {
	home, _ := os.UserHomeDir()
	creds, err := credentials.Resolve(credentials.Explicit{}, o.instance, home)
	if err != nil {
		return nil, "", nil, err
	}
	if missing := creds.Missing(); len(missing) > 0 {
		return nil, "", nil, fmt.Errorf("could not find %s; looked, in this order, in:\n  - %s\nExport %s and %s (the provider reads them too)",
			strings.Join(missing, " and "), strings.Join(creds.Looked, "\n  - "), credentials.EnvHost, credentials.EnvAPIKey)
	}
	c, err := dss.NewClient(dss.Config{
		Host: creds.Host, APIKey: creds.APIKey, CACertFile: o.caCert,
		InsecureSkipVerify: o.insecure || creds.InsecureFromFile,
		UserAgent:          "dss-adopt/" + Version,
	})
	if err != nil {
		return nil, "", nil, err
	}
	info, err := c.AuthInfo(ctx)
	if err != nil {
		if dss.IsKeyRejected(err) {
			return nil, "", nil, fmt.Errorf("DSS at %s did not accept the API key from %s: %w", c.Host(), creds.APIKeySource, err)
		}
		return nil, "", nil, fmt.Errorf("checking the credentials on %s (from %s): %w", c.Host(), creds.HostSource, err)
	}
	return c, creds.APIKey, info, nil
}

func adopt(ctx context.Context, o options, kinds map[string]bool, projects, exclude []string, stdout, stderr io.Writer) error {
	start := time.Now()
	// Terraform is looked for before anything is listed or written: a run
	// that could not generate would leave imports.tf behind, and the
	// corrected run would need --force.
	bin := ""
	if o.generate {
		var err error
		if bin, err = terraformBinary(o.terraform); err != nil {
			return err
		}
	}
	c, key, info, err := connect(ctx, o)
	if err != nil {
		return err
	}
	l := &lister{c: c, apiKey: key, info: info, kinds: kinds, projects: projects, exclude: exclude, includeBuiltin: o.includeBuiltin, inFlight: make(chan struct{}, maxInFlight)}
	l.requests.Add(1) // the auth/info check
	if err := l.run(ctx); err != nil {
		return err
	}
	for _, n := range l.noDeployer {
		fmt.Fprintln(stderr, "dss-adopt:", n)
	}
	listed := time.Since(start)
	assignNames(l.objects)
	sortObjects(l.objects)
	sort.Strings(l.notVisible)

	modules, err := layoutModules(o.out, o.layout, l.objects, l.notVisible)
	if err != nil {
		return err
	}
	if o.layout != layoutSingle {
		// Every module is checked before any is written: a refusal leaves
		// the whole directory as it was.
		for _, m := range modules {
			if err := checkOutDir(ctx, m.dir, o.force, o.terraformBinary); err != nil {
				return err
			}
		}
	}
	for _, m := range modules {
		if err := writeModule(c.Host(), m, o); err != nil {
			return err
		}
		if err := checkNoSecret(m.dir, key); err != nil {
			return err
		}
	}
	writeOnly := summarize(stdout, o.out, modules, l, listed)
	if len(modules) > 1 {
		fmt.Fprintf(stdout, "Layout %s: %d root modules, each planned on its own: %s\n", o.layout, len(modules), moduleDirs(o.out, modules))
	}
	for _, p := range l.unusedExcludes() {
		fmt.Fprintf(stdout, "--exclude %s matched no object: nothing was left out by it.\n", p)
	}
	if len(projects) > 0 && l.listsProjects() && l.projectsMatched.Load() == 0 {
		fmt.Fprintf(stdout, "--projects %s matched none of the projects this key can see: only instance-level objects were listed.\n", o.projects)
	}

	if !o.generate {
		fmt.Fprintf(stdout, "\nNext, in %s (cd there): terraform init, terraform plan -generate-config-out=%s, dss-adopt references --out ., terraform apply.\n",
			moduleWord(o.out, modules), generatedFile)
		return nil
	}
	results := finishModules(ctx, bin, key, o, modules, stderr)
	// Every module's report, then the first failure: a module that
	// failed does not hide what the others did.
	var failed error
	for i, r := range results {
		if len(modules) > 1 {
			fmt.Fprintf(stdout, "\n%s:\n", modules[i].dir)
		}
		stdout.Write([]byte(r.report)) //nolint:errcheck // best-effort report
		if r.err != nil && failed == nil {
			failed = fmt.Errorf("%s: %w", modules[i].dir, r.err)
		}
	}
	if failed != nil {
		return failed
	}
	applies := "terraform apply (it imports, and changes nothing)"
	if o.deletionProtection {
		applies = "terraform apply (it imports, and sets deletion_protection in the state, without a request to DSS)"
	}
	if writeOnly > 0 {
		fmt.Fprintf(stdout, "Next, in %s: add the write-only values listed above, then %s.\n", moduleWord(o.out, modules), applies)
	} else {
		fmt.Fprintf(stdout, "Next, in %s: %s.\n", moduleWord(o.out, modules), applies)
	}
	fmt.Fprintf(stdout, "Total time: %s.\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// terraformBinary is the terraform the options name (terraformBinary).
func (o options) terraformBinary() (string, error) { return terraformBinary(o.terraform) }

// terraformBinary is the terraform --terraform names, or the one on PATH.
func terraformBinary(flagValue string) (string, error) {
	if flagValue != "" {
		if _, err := exec.LookPath(flagValue); err != nil {
			return "", fmt.Errorf("--terraform %s: %w", flagValue, err)
		}
		return flagValue, nil
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		return "", errors.New("terraform is not on PATH: install Terraform 1.5 or later, pass --terraform PATH, " +
			"or --generate=false to write imports.tf and providers.tf only and run Terraform yourself")
	}
	return bin, nil
}

// writeModule writes a root module's imports.tf and providers.tf.
func writeModule(host string, m module, o options) error {
	if err := os.MkdirAll(m.dir, 0o755); err != nil {
		return err
	}
	if o.force {
		// terraform plan -generate-config-out refuses an existing file.
		// It is kept aside, not deleted: it may hold the user's edits.
		if err := os.Rename(filepath.Join(m.dir, generatedFile), filepath.Join(m.dir, generatedFile+".bak")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := writeFile(filepath.Join(m.dir, importsFile), renderImports(host, m.objects, m.notVisible)); err != nil {
		return err
	}
	if configured, err := dataikuConfiguredElsewhere(m.dir); err != nil {
		return err
	} else if configured != "" {
		// The directory's own configuration requires or configures the
		// provider: a providers.tf beside it would be a duplicate that
		// Terraform refuses.
		return nil
	}
	if _, err := os.Stat(filepath.Join(m.dir, providersFile)); o.force || errors.Is(err, fs.ErrNotExist) {
		ps := providerSettings{instance: o.instance, insecure: o.insecure}
		if o.caCert != "" {
			abs, err := filepath.Abs(o.caCert)
			if err != nil {
				return err
			}
			ps.caCertFile = abs
		}
		content := renderProviders(ps)
		if old, err := os.ReadFile(filepath.Join(m.dir, providersFile)); err == nil {
			if content = refreshProviders(old, ps); bytes.Equal(content, old) {
				return nil
			}
			// Kept aside as generated.tf is: the refreshed file keeps the
			// user's blocks, but not comments inside replaced settings.
			if err := os.WriteFile(filepath.Join(m.dir, providersFile+".bak"), old, 0o600); err != nil {
				return err
			}
		}
		return writeFile(filepath.Join(m.dir, providersFile), content)
	}
	return nil
}

// providerBlock finds a provider "dataiku" block; requiredDataiku the
// dataiku entry of a required_providers block.
var (
	providerBlock   = regexp.MustCompile(`(?m)^\s*provider\s+"dataiku"\s*\{`)
	requiredDataiku = regexp.MustCompile(`(?m)^\s*dataiku\s*=\s*\{`)
)

// dataikuConfiguredElsewhere returns the first .tf file of dir, other
// than the files dss-adopt writes, that has a provider "dataiku" block or
// requires the provider, or "": a directory that already does (adopting
// into an existing configuration) gets no providers.tf.
func dataikuConfiguredElsewhere(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".tf") || name == providersFile || name == importsFile || name == generatedFile {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		if providerBlock.Match(b) || (bytes.Contains(b, []byte("required_providers")) && requiredDataiku.Match(b)) {
			return name, nil
		}
	}
	return "", nil
}

// moduleResult is what finishing one module printed, or why it failed.
type moduleResult struct {
	report string
	err    error
}

// finishModules runs Terraform in each module (generation, then the
// rewrite into a configuration to keep, then validate), a few modules at
// a time: each is its own root module, so they do not wait on each other.
func finishModules(ctx context.Context, bin, key string, o options, modules []module, stderr io.Writer) []moduleResult {
	results := make([]moduleResult, len(modules))
	parallel := max(1, min(o.parallel, len(modules)))
	next := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if modules[i].imports() == 0 {
					// Terraform would generate nothing: there is no
					// configuration to write, nor to plan.
					results[i] = moduleResult{report: "Nothing to adopt here: no object to import, so Terraform was not run.\n"}
					continue
				}
				var report strings.Builder
				err := finishModule(ctx, terraformRunner{bin: bin, dir: modules[i].dir, stderr: stderr}, key, o.keep(), o.references, &report)
				results[i] = moduleResult{report: report.String(), err: err}
			}
		}()
	}
	for i := range modules {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// finishModule is the generation and the rewrite in one module's
// directory, reporting to w.
func finishModule(ctx context.Context, tf terraformRunner, key string, keep keepOptions, references bool, w io.Writer) error {
	out, err := tf.generate(ctx)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, tail(out, 6000))
	}
	if _, err := os.Stat(filepath.Join(tf.dir, generatedFile)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("terraform wrote no %s: every object imports.tf imports already has configuration in %s or is in its state, "+
			"so there was nothing to generate. Adopt into a new directory (--out NEW_DIR)", generatedFile, tf.dir)
	}
	if err := checkNoSecret(tf.dir, key); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nterraform wrote %s: %s\n", filepath.Join(tf.dir, generatedFile), planLine(out))
	if references {
		n, err := rewriteReferences(tf.dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "References: %d literal names in %s now point at the adopted resources.\n", n, generatedFile)
	}
	kept, err := keepable(tf.dir, keep)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Defaults: %d values equal to DSS's defaults left out of %s.\n", kept.defaults, generatedFile)
	if kept.emptied > 0 {
		// The plan above was of Terraform's generation, which wrote them
		// null: the plan of the configuration as written now.
		out, err := tf.run(ctx, "plan", "-input=false", "-no-color")
		if err != nil {
			return fmt.Errorf("%w\n%s", err, tail(out, 6000))
		}
		fmt.Fprintf(w, "Empty values: %d attributes DSS holds as \"\", which Terraform generated as null, written \"\" in %s: %s\n", kept.emptied, generatedFile, planLine(out))
	}
	if kept.grantsApart > 0 {
		fmt.Fprintf(w, "Grants: %d dataiku_project blocks leave out permissions, and so leave the projects' grants to dataiku_project_grant resources.\n", kept.grantsApart)
	}
	if keep.preventDestroy && kept.protected > 0 {
		fmt.Fprintf(w, "prevent_destroy: %d instance-level objects (users, groups, connections, ...) refuse to be destroyed (--no-prevent-destroy to leave it out).\n", kept.protected)
	}
	if keep.deletionProtection {
		fmt.Fprintln(w, deletionProtectionLine(kept))
	}
	if out, err := tf.run(ctx, "validate", "-no-color"); err != nil {
		return fmt.Errorf("the configuration is invalid after dss-adopt rewrote %s: %w\n%s", generatedFile, err, tail(out, 4000))
	}
	return nil
}

// newFlagSet defines the command's flags on o. Run parses them; FlagNames
// lists them for the guides' tests.
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("dss-adopt", flag.ContinueOnError)
	fs.StringVar(&o.out, "out", "", "")
	fs.StringVar(&o.projects, "projects", "", "")
	fs.StringVar(&o.kinds, "kinds", "", "")
	fs.StringVar(&o.exclude, "exclude", "", "")
	fs.StringVar(&o.terraform, "terraform", "", "")
	fs.StringVar(&o.instance, "instance", "", "")
	fs.StringVar(&o.caCert, "ca-cert-file", "", "")
	fs.BoolVar(&o.force, "force", false, "")
	fs.BoolVar(&o.references, "references", true, "")
	fs.BoolVar(&o.generate, "generate", true, "")
	fs.BoolVar(&o.insecure, "insecure-skip-verify", false, "")
	fs.BoolVar(&o.includeBuiltin, "include-builtin", false, "")
	fs.BoolVar(&o.noPreventDestroy, "no-prevent-destroy", false, "")
	fs.BoolVar(&o.deletionProtection, "deletion-protection", false, "")
	fs.BoolVar(&o.grants, "grants", false, "")
	fs.StringVar(&o.layout, "layout", layoutSingle, "")
	fs.IntVar(&o.parallel, "parallel", runtime.NumCPU(), "")
	return fs
}

// newReferencesFlagSet defines the flags of "dss-adopt references".
func newReferencesFlagSet() (fs *flag.FlagSet, out *string, noProtect, deletionProtection *bool) {
	fs = flag.NewFlagSet("dss-adopt references", flag.ContinueOnError)
	out = fs.String("out", "", "the directory holding imports.tf and generated.tf")
	noProtect = fs.Bool("no-prevent-destroy", false, "do not add prevent_destroy to instance-level objects")
	deletionProtection = fs.Bool("deletion-protection", false, "write deletion_protection = true for every object whose resource has it")
	return fs, out, noProtect, deletionProtection
}

// FlagNames lists every flag the command defines, its own and those of
// "dss-adopt references", without the leading dashes, sorted. A test keeps
// the guides from naming a flag that does not exist.
func FlagNames() []string {
	seen := map[string]bool{}
	collect := func(f *flag.Flag) { seen[f.Name] = true }
	newFlagSet(&options{}).VisitAll(collect)
	refs, _, _, _ := newReferencesFlagSet()
	refs.VisitAll(collect)
	return slices.Sorted(maps.Keys(seen))
}

func runReferences(args []string, stdout, stderr io.Writer) int {
	fs, out, noProtect, deletionProtection := newReferencesFlagSet()
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: dss-adopt references --out DIR [--no-prevent-destroy] [--deletion-protection]")
		return 2
	}
	n, err := rewriteReferences(*out)
	if err != nil {
		fmt.Fprintln(stderr, "dss-adopt references:", err)
		return 1
	}
	fmt.Fprintf(stdout, "References: %d literal names in %s now point at the adopted resources.\n", n, filepath.Join(*out, generatedFile))
	// The same finishing as a full run, so that running Terraform yourself
	// gives the same generated.tf.
	keep := keepOptions{preventDestroy: !*noProtect, deletionProtection: *deletionProtection}
	kept, err := keepable(*out, keep)
	if err != nil {
		fmt.Fprintln(stderr, "dss-adopt references:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Defaults: %d values equal to DSS's defaults left out; prevent_destroy on %d instance-level objects.\n", kept.defaults, kept.protected)
	if keep.deletionProtection {
		fmt.Fprintln(stdout, deletionProtectionLine(kept))
	}
	return 0
}

// keep is what the rewrite of generated.tf adds, from the options.
func (o options) keep() keepOptions {
	return keepOptions{preventDestroy: !o.noPreventDestroy, deletionProtection: o.deletionProtection, grants: o.grants}
}

// deletionProtectionLine reports --deletion-protection's count and what
// the next apply does with it.
func deletionProtectionLine(kept keepResult) string {
	return fmt.Sprintf("deletion_protection: %d objects get deletion_protection = true; the apply that imports them sets it in the state "+
		"without a request to DSS, and a destroy is refused until it is set to false and applied.", kept.deletionProtected)
}

func writeFile(p string, b []byte) error { return os.WriteFile(p, b, 0o644) } //nolint:gosec // configuration, no secret

// checkNoSecret makes sure no file of dir holds the API key, whatever
// wrote it: the command never writes one, and this stops the run should
// Terraform's generated configuration ever carry it.
func checkNoSecret(dir, key string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if line := lineHoldingKey(string(b), key); line > 0 {
			return fmt.Errorf("%s holds the API key on line %d: remove the file and report this as a bug "+
				"(unless the key is a short word that the configuration holds by chance, such as a login: then use a longer API key)",
				filepath.Join(dir, e.Name()), line)
		}
	}
	return nil
}

// shortKeyLength is the length below which a key may be a word that a
// configuration holds by chance ("secret", "admin"): DSS's own keys are
// 32 random characters, but the emulator takes any key, and the docs'
// examples use short ones.
const shortKeyLength = 20

// lineHoldingKey returns the first line (from 1) of text that holds key,
// 0 for none. A long key counts anywhere. A short one counts only as a
// whole token outside a comment: dss-adopt's own comments and attribute
// names (secret_params_wo) hold words such as "secret".
func lineHoldingKey(text, key string) int {
	if key == "" {
		return 0
	}
	for i, line := range strings.Split(text, "\n") {
		if len(key) >= shortKeyLength {
			if strings.Contains(line, key) {
				return i + 1
			}
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") {
			continue
		}
		for rest, at := line, 0; ; {
			j := strings.Index(rest, key)
			if j < 0 {
				break
			}
			before, after := at+j-1, at+j+len(key)
			if (before < 0 || !isKeyChar(line[before])) && (after >= len(line) || !isKeyChar(line[after])) {
				return i + 1
			}
			rest, at = rest[j+1:], at+j+1
		}
	}
	return 0
}

// isKeyChar reports whether c may continue a key's token: a key glued to
// these is part of a longer word, not the key.
func isKeyChar(c byte) bool {
	return c == '_' || c == '-' || c == '.' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// summarize prints what was listed and returns how many adopted objects
// need a write-only value added by hand.
func summarize(w io.Writer, dir string, modules []module, l *lister, listed time.Duration) int {
	// Where each object's configuration goes: its module's generated.tf.
	generatedOf := map[*object]string{}
	for _, m := range modules {
		for _, o := range m.objects {
			generatedOf[o] = filepath.Join(m.dir, generatedFile)
		}
	}
	perKind := map[string]int{}
	var skipped, writeOnly, inClear []*object
	total := 0
	for _, o := range l.objects {
		if o.Skip != "" {
			skipped = append(skipped, o)
			continue
		}
		perKind[o.Type()]++
		total++
		if o.WriteOnly != "" {
			writeOnly = append(writeOnly, o)
		}
		if o.InClear != "" {
			inClear = append(inClear, o)
		}
	}
	if len(modules) > 1 {
		fmt.Fprintf(w, "Listed %d objects to adopt, in %d root modules under %s (an %s in each).\n", total, len(modules), dir, importsFile)
	} else {
		fmt.Fprintf(w, "Wrote %s: %d objects to adopt.\n", filepath.Join(dir, importsFile), total)
	}
	for _, k := range allKinds {
		if n := perKind[names.TypePrefix+k]; n > 0 {
			fmt.Fprintf(w, "  %-28s %d\n", names.TypePrefix+k, n)
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "Not adopted (%d, listed as comments in %s):\n", len(skipped), importsFile)
		for _, o := range skipped {
			fmt.Fprintf(w, "  %s (id %q): %s\n", o.Address(), o.ID, o.Skip)
		}
	}
	if len(l.notVisible) > 0 {
		fmt.Fprintf(w, "Not visible to this API key (%d):\n", len(l.notVisible))
		for _, n := range l.notVisible {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	if len(writeOnly) > 0 {
		fmt.Fprintf(w, "Write-only values to add to %s (see the adopt guide):\n", generatedFile)
		for _, o := range writeOnly {
			where := ""
			if len(modules) > 1 {
				where = " (in " + generatedOf[o] + ")"
			}
			fmt.Fprintf(w, "  %s%s: %s\n", o.Address(), where, o.WriteOnly)
		}
	}
	if len(inClear) > 0 {
		fmt.Fprintf(w, "Passwords written in clear to %s, inside Git URLs as DSS holds them (https://user:token@host/... or https://TOKEN@host/...): "+
			"move each URL into a sensitive variable, or switch the remote to an SSH URL or to credentials kept by git on the DSS server:\n", generatedFile)
		for _, o := range inClear {
			fmt.Fprintf(w, "  %s.%s\n", o.Address(), o.InClear)
		}
	}
	for _, typ := range sortedKeys(perKind) {
		for _, a := range adoptinfo.AfterImport()[typ] {
			if !a.WriteOnly {
				fmt.Fprintf(w, "Sensitive, generated as null and left unmanaged until written: %s.%s, for %s.\n", typ, a.Name, a.Applies)
			}
		}
		for _, attr := range adoptinfo.InClear()[typ] {
			fmt.Fprintf(w, "Written in clear to %s: %s.%s, as DSS holds it (DSS has no secret flag there): move any secret in it into a sensitive variable.\n", generatedFile, typ, attr)
		}
		for _, attr := range adoptinfo.Unreadable()[typ] {
			fmt.Fprintf(w, "Null after the import: %s.%s (DSS shows it only when the object is created).\n", typ, attr)
		}
	}
	fmt.Fprintf(w, "Listing: %d requests to DSS in %s.\n", l.requests.Load(), listed.Round(time.Millisecond))
	return len(writeOnly)
}

// planLine is Terraform's "Plan: ..." summary line.
func planLine(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Plan: ") || strings.HasPrefix(line, "No changes.") {
			return strings.TrimSpace(line)
		}
	}
	return "done"
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "...\n" + s[len(s)-n:]
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
