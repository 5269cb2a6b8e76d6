// Command bench measures the provider against two floors.
//
// It builds the provider, the framework floor (scripts/bench/floorprovider:
// a no-op provider on the same terraform-plugin-framework version whose
// floor_project and floor_dataset have the schemas of dataiku_project and
// dataiku_dataset) and the DSS emulator, generates the same graph of N
// resources (projects holding datasets, each dataset referring to its
// project's key) three times: from terraform_data resources (no provider
// at all: Terraform's own floor), from the framework floor's resources (what
// any framework provider of that shape costs) and from the provider's, and
// times with the real terraform: a create apply, a no-change plan (full
// refresh), an apply that changes 10% of the datasets, and a destroy. For
// each phase it prints the three wall times, the provider's ratios to both
// floors, the API requests counted by the emulator, the provider process's
// peak memory and the emulator's CPU time.
//
// Each phase runs terraform_data, the framework floor and the provider back
// to back, so that load from other processes on the machine affects all
// three alike; the no-change plan is repeated (-plans, the three in turn)
// and its median kept.
//
// Usage: go run ./scripts/bench [-n 1000] [-latency 20ms] [-state] [-plans 3] [-phases create,plan,change10,destroy]
// [-configs terraform_data,framework,provider] [-dir .bench]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const (
	adminKey = "bench-admin-key"
	// datasetsPerProject shapes N as projects of this many datasets plus
	// the project itself: N = 1000 gives 20 projects of 49 datasets.
	datasetsPerProject = 49

	routeAuthInfo   = "GET /public/api/auth/info"
	routeGetDataset = "GET /public/api/projects/{projectKey}/datasets/{datasetName}"
	// With refresh_mode = "list" (the default) a refresh reads each
	// project's datasets from one list request instead of one GET each.
	routeListDatasets = "GET /public/api/projects/{projectKey}/datasets"
	routePutDataset   = "PUT /public/api/projects/{projectKey}/datasets/{datasetName}"

	// clockTicks is Linux's USER_HZ, the unit of /proc/PID/stat's CPU
	// times (100 on every architecture Go supports there).
	clockTicks = 100
)

// The three configurations of a phase, in the order they run.
const (
	kindData     = "terraform_data" // Terraform's own floor: no provider
	kindFloor    = "framework"      // the no-op framework provider
	kindProvider = "provider"       // terraform-provider-dataiku
)

// allKinds are the three configurations; kinds is the subset -configs
// selected (the provider is always measured).
var (
	allKinds = []string{kindData, kindFloor, kindProvider}
	kinds    = allKinds
)

// phaseNames are the phases in the order they run; create is always run,
// since the others need its resources.
var phaseNames = []string{"create", "plan", "change10", "destroy"}

// cleanups run on every exit path, log.Fatal included, so that no emulator
// is left behind.
var (
	cleanupMu sync.Mutex
	cleanups  []func()
)

func atExit(f func()) {
	cleanupMu.Lock()
	cleanups = append(cleanups, f)
	cleanupMu.Unlock()
}

func runCleanups() {
	cleanupMu.Lock()
	fs := cleanups
	cleanups = nil
	cleanupMu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}

func fatalf(format string, args ...any) {
	runCleanups()
	log.Fatalf(format, args...)
}

func check(err error) {
	if err != nil {
		fatalf("bench: %v", err)
	}
}

// run is one configuration's measurement of one phase.
type run struct {
	seconds  float64 // median wall time
	samples  []float64
	requests stats   // requests the phase sent (first run)
	peakRSS  int64   // KiB, largest VmHWM of a provider process in the phase
	emuCPU   float64 // seconds of the emulator's CPU (user + system), median run
	// persistSeconds is what the emulator spent persisting writes (its
	// stats' persist.seconds: the writes under its lock and the journal's
	// fsyncs) in the first run; zero without -state.
	persistSeconds float64
}

// phaseResult is one phase, for the three configurations.
type phaseResult struct {
	name string
	runs map[string]run
}

// ratio is the provider's time over another configuration's, NaN when
// that configuration was not measured (-configs).
func (p phaseResult) ratio(to string) float64 {
	other, ok := p.runs[to]
	if !ok {
		return math.NaN()
	}
	return p.runs[kindProvider].seconds / other.seconds
}

// seconds is a configuration's time in the phase, NaN when it was not
// measured.
func (p phaseResult) seconds(kind string) float64 {
	r, ok := p.runs[kind]
	if !ok {
		return math.NaN()
	}
	return r.seconds
}

// secs formats a time in seconds, sep between the figure and its unit, or
// "-" for a configuration that was not measured.
func secs(v float64, sep string) string {
	if math.IsNaN(v) {
		return "-"
	}
	return num(v) + sep + "s"
}

// num formats v with two decimals, or "-" for a configuration that was not
// measured.
func num(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

type stats struct {
	Requests int64            `json:"requests"`
	ByRoute  map[string]int64 `json:"byRoute"`
	// Persist is present when the emulator runs with --state.
	Persist *struct {
		Seconds float64 `json:"seconds"`
	} `json:"persist,omitempty"`
}

func (s stats) persistSeconds() float64 {
	if s.Persist == nil {
		return 0
	}
	return s.Persist.Seconds
}

func (s stats) minus(before stats) stats {
	out := stats{Requests: s.Requests - before.Requests, ByRoute: map[string]int64{}}
	for k, v := range s.ByRoute {
		if d := v - before.ByRoute[k]; d != 0 {
			out.ByRoute[k] = d
		}
	}
	return out
}

// apiRequests excludes GET /auth/info, which the provider sends once per
// terraform command (Configure checks the credentials), not per resource.
func (s stats) apiRequests() int64 { return s.Requests - s.ByRoute[routeAuthInfo] }

// emulator is the running DSS emulator.
type emulator struct {
	url string
	pid int
}

// cpuSeconds is the emulator's CPU time so far (user + system), from
// /proc/PID/stat: fields 14 and 15, counted after the command name, which
// may itself hold spaces and parentheses.
func (e emulator) cpuSeconds() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", e.pid))
	check(err)
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		fatalf("bench: unexpected /proc/%d/stat: %q", e.pid, b)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	check(errors.Join(err1, err2))
	return float64(utime+stime) / clockTicks
}

// config is one of the three configurations: where it lives and which
// provider binary (none for terraform_data) its processes run.
type config struct {
	kind, dir, bin string
}

func main() {
	n := flag.Int("n", 1000, "number of resources (projects + datasets)")
	latency := flag.Duration("latency", 0, "latency the emulator adds to each request")
	persist := flag.Bool("state", false, "run the emulator with --state (a file in -dir), so the cost of its persistence is measured")
	dir := flag.String("dir", ".bench", "working directory (recreated)")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism (10 is terraform's default)")
	plans := flag.Int("plans", 3, "how many times the no-change plan is run (the median is kept)")
	only := flag.String("phases", strings.Join(phaseNames, ","),
		"phases to run, among "+strings.Join(phaseNames, ",")+", always in that order; create is always run, as the others need its resources "+
			"(Terraform's own create and destroy grow faster than linearly: at N=5000 they take tens of minutes)")
	onlyConfigs := flag.String("configs", strings.Join(allKinds, ","),
		"configurations to measure, among "+strings.Join(allKinds, ",")+"; the provider is always measured. Leaving out the floors "+
			"saves most of a create's time at N=5000 (Terraform's own create is the slowest part) when only the provider's figures are wanted, "+
			"e.g. the emulator's share of create time with -state; the report prints - for what was not measured")
	flag.Parse()
	log.SetFlags(0)
	kinds = selectConfigs(*onlyConfigs)
	if *n < 2 || *plans < 1 {
		fatalf("bench: -n must be at least 2 and -plans at least 1")
	}
	wanted := parseSubset("-phases", *only, phaseNames, "create")

	root, err := os.Getwd()
	check(err)
	work, err := filepath.Abs(*dir)
	check(err)
	check(os.RemoveAll(work))
	bin := filepath.Join(work, "bin")
	check(os.MkdirAll(bin, 0o755))
	tf, err := exec.LookPath("terraform")
	check(err)

	log.Printf("bench: building the provider, the framework floor and the emulator")
	providerBin := filepath.Join(bin, "terraform-provider-dataiku")
	floorBin := filepath.Join(bin, "terraform-provider-floor")
	runCmd(root, "go", "build", "-o", providerBin, ".")
	runCmd(root, "go", "build", "-o", floorBin, "./scripts/bench/floorprovider")
	runCmd(root, "go", "build", "-o", filepath.Join(bin, "dss-emulator"), "./cmd/dss-emulator")

	statePath := ""
	if *persist {
		statePath = filepath.Join(work, "emulator-state.json")
	}
	emu := startEmulator(filepath.Join(bin, "dss-emulator"), *latency, statePath, work)
	defer runCleanups()

	rc := filepath.Join(work, "terraformrc")
	check(os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tf-dataiku/dataiku\" = %q\n    \"tf-dataiku/floor\" = %q\n  }\n  direct {}\n}\n", bin, bin)), 0o644))
	env := cleanEnv("TF_CLI_CONFIG_FILE="+rc, "DATAIKU_HOST="+emu.url, "DATAIKU_API_KEY="+adminKey,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	projects, perProject := shape(*n)
	total := projects * (perProject + 1)
	datasets := projects * perProject
	changed := projects * ((perProject + 9) / 10)
	stateNote := "no --state"
	if *persist {
		stateNote = "--state " + statePath
	}
	log.Printf("bench: %d resources = %d projects x (1 + %d datasets), latency %s, emulator %s, parallelism %d, %s",
		total, projects, perProject, *latency, stateNote, *parallelism, machine(tf))

	configs := map[string]config{
		kindData:     {kindData, filepath.Join(work, "terraform_data"), ""},
		kindFloor:    {kindFloor, filepath.Join(work, "framework"), floorBin},
		kindProvider: {kindProvider, filepath.Join(work, "provider"), providerBin},
	}
	for _, c := range configs {
		check(os.MkdirAll(c.dir, 0o755))
	}

	par := "-parallelism=" + strconv.Itoa(*parallelism)
	apply := []string{"apply", "-auto-approve", "-input=false", "-no-color", par}
	plan := []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", par}
	phases := []struct {
		name   string
		change bool
		args   []string
		repeat int
	}{
		{"create", false, apply, 1},
		{"plan", false, plan, *plans},
		{"change10", true, apply, 1},
		{"destroy", true, []string{"destroy", "-auto-approve", "-input=false", "-no-color", par}, 1},
	}
	var results []phaseResult
	for _, ph := range phases {
		if !wanted[ph.name] {
			continue
		}
		if ph.name == "destroy" {
			// Not timed: the state must match its configuration (after
			// change10, the changed descriptions were all applied).
			for _, k := range kinds {
				timeTerraform(configs[k], env, plan)
			}
		}
		// The runs of a repeated phase alternate between the three
		// configurations, so that a change in the machine's load during
		// the phase affects them alike.
		runs := map[string]*run{}
		cpu := map[string][]float64{}
		for _, k := range kinds {
			writeConfig(configs[k].dir, k, projects, perProject, ph.change)
			runs[k] = &run{}
		}
		for i := 0; i < ph.repeat; i++ {
			for _, k := range kinds {
				r := runs[k]
				before, cpuBefore := getStats(emu.url), emu.cpuSeconds()
				t := timeTerraform(configs[k], env, ph.args)
				cpu[k] = append(cpu[k], emu.cpuSeconds()-cpuBefore)
				after := getStats(emu.url)
				reqs := after.minus(before)
				r.samples = append(r.samples, t.seconds)
				r.peakRSS = max(r.peakRSS, t.peakRSS)
				if i == 0 {
					r.requests = reqs
					r.persistSeconds = after.persistSeconds() - before.persistSeconds()
				} else if reqs.Requests != r.requests.Requests {
					log.Printf("bench: note: %s %s run %d sent %d requests, run 1 sent %d", k, ph.name, i+1, reqs.Requests, r.requests.Requests)
				}
			}
		}
		res := phaseResult{name: ph.name, runs: map[string]run{}}
		for _, k := range kinds {
			r := runs[k]
			r.seconds, r.emuCPU = median(r.samples), median(cpu[k])
			if k != kindProvider && r.requests.Requests != 0 {
				log.Printf("bench: WARNING: %s %s sent %d requests to the emulator, expected none", k, ph.name, r.requests.Requests)
			}
			res.runs[k] = *r
			log.Printf("bench: %-14s %-8s %7.2fs (runs %s) requests=%d auth_info=%d peak_rss_mb=%.1f emulator_cpu_s=%.2f", k, ph.name, r.seconds,
				fmtSamples(r.samples), r.requests.Requests, r.requests.ByRoute[routeAuthInfo], float64(r.peakRSS)/1024, r.emuCPU)
		}
		results = append(results, res)
	}
	report(results, reportInfo{total: total, projects: projects, perProject: perProject, datasets: datasets, changed: changed,
		latency: *latency, parallelism: *parallelism, persist: *persist})
}

// selectConfigs parses -configs into the configurations to run, in their
// usual order, the provider always included.
func selectConfigs(list string) []string {
	wanted := parseSubset("-configs", list, allKinds, kindProvider)
	var out []string
	for _, k := range allKinds {
		if wanted[k] {
			out = append(out, k)
		}
	}
	return out
}

// parseSubset reads flagName's comma-separated list of names among
// allowed, failing on any other; always is in the subset whatever the list.
func parseSubset(flagName, list string, allowed []string, always string) map[string]bool {
	wanted := map[string]bool{always: true}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(allowed, name) {
			fatalf("bench: unknown name %q in %s (want some of %s)", name, flagName, strings.Join(allowed, ","))
		}
		wanted[name] = true
	}
	return wanted
}

type reportInfo struct {
	total, projects, perProject, datasets, changed int
	latency                                        time.Duration
	parallelism                                    int
	persist                                        bool
}

func find(results []phaseResult, name string) (phaseResult, bool) {
	for _, r := range results {
		if r.name == name {
			return r, true
		}
	}
	return phaseResult{}, false
}

// report prints the table, the requests of the no-change plan by route, a
// Markdown block for BENCHMARKS.md and the bench: summary line.
func report(results []phaseResult, in reportInfo) {
	// Sanity checks on what the provider sent: a wrong count means the
	// benchmark measured something else than it claims.
	planRes, havePlan := find(results, "plan")
	if havePlan {
		byRoute := planRes.runs[kindProvider].requests.ByRoute
		if lists, gets := byRoute[routeListDatasets], byRoute[routeGetDataset]; lists+gets == 0 || (lists != int64(in.projects) && gets != int64(in.datasets)) {
			log.Printf("bench: WARNING: the no-change plan read %d datasets with %d dataset lists and %d dataset GETs, expected one list per project (%d) or one GET per dataset",
				in.datasets, lists, gets, in.projects)
		}
	}
	if ch, ok := find(results, "change10"); ok && ch.runs[kindProvider].requests.ByRoute[routePutDataset] != int64(in.changed) {
		log.Printf("bench: WARNING: change10 updated %d datasets, expected %d", ch.runs[kindProvider].requests.ByRoute[routePutDataset], in.changed)
	}

	perRes := func(r run) float64 { return float64(r.requests.apiRequests()) / float64(in.total) }
	mb := func(kib int64) float64 { return float64(kib) / 1024 }
	share := func(r run) float64 { return r.emuCPU / r.seconds }

	fmt.Printf("\nresources=%d (%d projects x (1 project + %d datasets)), latency=%s, emulator_state=%t, parallelism=%d\n",
		in.total, in.projects, in.perProject, in.latency, in.persist, in.parallelism)
	fmt.Printf("%-9s %9s %9s %9s %8s %8s %9s %8s %9s %8s %8s %8s %7s\n", "phase", "tf_data", "framework", "provider", "ratio_tf", "ratio_fw",
		"requests", "req/res", "auth_info", "rss_mb", "fw_rss", "emu_cpu", "emu_%")
	var peak int64
	for _, p := range results {
		f, pr := p.runs[kindFloor], p.runs[kindProvider]
		peak = max(peak, pr.peakRSS)
		fmt.Printf("%-9s %9s %9s %8.2fs %8s %8s %9d %8.2f %9d %8.1f %8.1f %7.2fs %6.1f%%\n", p.name, secs(p.seconds(kindData), ""), secs(p.seconds(kindFloor), ""), pr.seconds,
			num(p.ratio(kindData)), num(p.ratio(kindFloor)), pr.requests.apiRequests(), perRes(pr), pr.requests.ByRoute[routeAuthInfo],
			mb(pr.peakRSS), mb(f.peakRSS), pr.emuCPU, 100*share(pr))
	}
	if in.persist {
		for _, p := range results {
			pr := p.runs[kindProvider]
			fmt.Printf("emulator persistence (--state) during the provider's %s: %.2f s, %.1f%% of its wall time\n",
				p.name, pr.persistSeconds, 100*pr.persistSeconds/pr.seconds)
		}
	}
	refresh := planRes.runs[kindProvider].requests
	if havePlan {
		fmt.Printf("\nno-change plan requests by route (auth_info is once per terraform command, not per resource):\n")
		for _, k := range sortedKeys(refresh.ByRoute) {
			fmt.Printf("  %-75s %6d\n", k, refresh.ByRoute[k])
		}
		datasetReads := refresh.ByRoute[routeGetDataset] + refresh.ByRoute[routeListDatasets]
		projRequests := refresh.apiRequests() - datasetReads
		fmt.Printf("refresh: %.2f dataset reads (GETs and lists) per dataset, %.2f other requests per project, %d auth_info\n",
			float64(datasetReads)/float64(in.datasets), float64(projRequests)/float64(in.projects), refresh.ByRoute[routeAuthInfo])
	}

	// Rows to paste into BENCHMARKS.md's results tables.
	labels := map[string]string{"create": "create", "plan": "no-change plan",
		"change10": fmt.Sprintf("change 10%% (%d datasets)", in.changed), "destroy": "destroy"}
	fmt.Printf("\nMarkdown (N = %s, latency %s, emulator --state %t):\n\n", thousands(int64(in.total)), in.latency, in.persist)
	fmt.Println("| phase | terraform_data | framework floor | provider | ratio to floor | ratio to framework | requests | requests/resource | peak RSS | emulator CPU |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range results {
		pr := p.runs[kindProvider]
		fmt.Printf("| %s | %s | %s | %.2f s | %s | %s | %s | %.2f | %.1f MB | %.2f s (%.0f%%) |\n", labels[p.name],
			secs(p.seconds(kindData), " "), secs(p.seconds(kindFloor), " "), pr.seconds, num(p.ratio(kindData)), num(p.ratio(kindFloor)),
			thousands(pr.requests.apiRequests()), perRes(pr), mb(pr.peakRSS), pr.emuCPU, 100*share(pr))
	}

	// The summary line: the plan's fields when the plan ran, then create's.
	var b strings.Builder
	fmt.Fprintf(&b, "bench: resources=%d", in.total)
	if havePlan {
		fmt.Fprintf(&b, " plan_s=%.2f plan_floor_s=%s plan_ratio=%s", planRes.runs[kindProvider].seconds, num(planRes.seconds(kindData)), num(planRes.ratio(kindData)))
	}
	create, _ := find(results, "create")
	fmt.Fprintf(&b, " apply_s=%.2f apply_floor_s=%s apply_ratio=%s", create.runs[kindProvider].seconds, num(create.seconds(kindData)), num(create.ratio(kindData)))
	if havePlan {
		fmt.Fprintf(&b, " refresh_requests_per_resource=%.2f", float64(refresh.apiRequests())/float64(in.total))
	}
	fmt.Fprintf(&b, " peak_rss_mb=%.1f", mb(peak))
	if havePlan {
		pr := planRes.runs[kindProvider]
		fmt.Fprintf(&b, " framework_floor_s=%s framework_ratio=%s emulator_cpu_s=%.2f emulator_share=%.2f",
			num(planRes.seconds(kindFloor)), num(planRes.ratio(kindFloor)), pr.emuCPU, share(pr))
	}
	cr := create.runs[kindProvider]
	fmt.Fprintf(&b, " apply_framework_floor_s=%s apply_framework_ratio=%s apply_emulator_cpu_s=%.2f apply_emulator_share=%.2f",
		num(create.seconds(kindFloor)), num(create.ratio(kindFloor)), cr.emuCPU, share(cr))
	if in.persist {
		fmt.Fprintf(&b, " apply_persist_s=%.2f apply_persist_share=%.3f", cr.persistSeconds, cr.persistSeconds/cr.seconds)
	}
	fmt.Printf("\n```\n%s\n```\n\n%s\n", b.String(), b.String())
}

// thousands formats n with commas, as BENCHMARKS.md writes counts.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// shape splits n resources into projects of (1 + datasetsPerProject)
// resources; below one full project it uses a single project.
func shape(n int) (projects, perProject int) {
	projects = n / (datasetsPerProject + 1)
	if projects == 0 {
		return 1, max(n-1, 1)
	}
	return projects, datasetsPerProject
}

// writeConfig writes main.tf for one of the three configurations. All
// have the same dependency graph: each dataset refers to its project's key;
// the framework floor's resources have the provider's attributes and
// values. With changed, every tenth dataset gets a new description.
func writeConfig(dir, kind string, projects, perProject int, changed bool) {
	var b strings.Builder
	prefix := "dataiku"
	switch kind {
	case kindProvider:
		b.WriteString("terraform {\n  required_providers {\n    dataiku = { source = \"tf-dataiku/dataiku\" }\n  }\n}\n\n")
	case kindFloor:
		prefix = "floor"
		b.WriteString("terraform {\n  required_providers {\n    floor = { source = \"tf-dataiku/floor\" }\n  }\n}\n\n")
	}
	for p := 0; p < projects; p++ {
		key := fmt.Sprintf("BENCH_%03d", p)
		if kind == kindData {
			fmt.Fprintf(&b, "resource \"terraform_data\" \"p%d\" {\n  input = {\n    project_key = %q\n    name        = \"Bench project %d\"\n    description = \"benchmark\"\n    tags        = [\"bench\"]\n  }\n}\n\n", p, key, p)
		} else {
			fmt.Fprintf(&b, "resource \"%s_project\" \"p%d\" {\n  project_key = %q\n  name        = \"Bench project %d\"\n  description = \"benchmark\"\n  tags        = [\"bench\"]\n}\n\n", prefix, p, key, p)
		}
		for d := 0; d < perProject; d++ {
			desc := "dataset"
			if changed && d%10 == 0 {
				desc = "dataset, changed"
			}
			name := fmt.Sprintf("ds_%03d", d)
			if kind == kindData {
				fmt.Fprintf(&b, "resource \"terraform_data\" \"p%d_d%d\" {\n  input = {\n    project_key     = terraform_data.p%d.output.project_key\n    name            = %q\n    type            = \"Filesystem\"\n    connection_name = \"filesystem_root\"\n    params          = jsonencode({ path = \"/bench/%s/%s\" })\n    format_type     = \"csv\"\n    description     = %q\n    tags            = [\"bench\"]\n  }\n}\n\n", p, d, p, name, key, name, desc)
			} else {
				fmt.Fprintf(&b, "resource \"%s_dataset\" \"p%d_d%d\" {\n  project_key     = %s_project.p%d.project_key\n  name            = %q\n  type            = \"Filesystem\"\n  connection_name = \"filesystem_root\"\n  params          = jsonencode({ path = \"/bench/%s/%s\" })\n  format_type     = \"csv\"\n  description     = %q\n  tags            = [\"bench\"]\n}\n\n", prefix, p, d, prefix, p, name, key, name, desc)
			}
		}
	}
	check(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644))
}

// timed is one terraform command's wall time and the peak memory of the
// provider processes it ran.
type timed struct {
	seconds float64
	peakRSS int64 // KiB
}

// timeTerraform runs one terraform command in c's directory, failing the
// benchmark on any error (with -detailed-exitcode, exit 2 is a plan with
// changes, which a no-change plan must not have), and samples the peak
// resident memory (VmHWM) of the processes of c's provider binary.
func timeTerraform(c config, env, args []string) timed {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peak int64
	if c.bin != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				peak = max(peak, providerPeakRSS(c.bin))
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
	}
	cmd := exec.Command("terraform", args...)
	cmd.Dir, cmd.Env = c.dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start).Seconds()
	close(done)
	wg.Wait()
	if err != nil {
		code := -1
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		}
		why := ""
		if code == 2 && args[0] == "plan" {
			why = " (the plan has changes: the " + c.kind + " configuration does not converge)"
		}
		fatalf("bench: terraform %s in %s failed with exit %d%s:\n%s", strings.Join(args, " "), c.dir, code, why, tail(out.String(), 60))
	}
	return timed{seconds: elapsed, peakRSS: peak}
}

// providerPeakRSS is the largest VmHWM (KiB) of running processes of our
// provider binary; other provider processes on the machine (another
// engineer's tests) are not counted.
func providerPeakRSS(providerBin string) int64 {
	entries, _ := os.ReadDir("/proc")
	var best int64
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != providerBin {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				if v, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					best = max(best, v)
				}
			}
		}
	}
	return best
}

// startEmulator starts the emulator, persisting to statePath when it is
// not empty.
func startEmulator(bin string, latency time.Duration, statePath, work string) emulator {
	args := []string{"--listen", "127.0.0.1:0", "--admin-key", adminKey, "--latency", latency.String()}
	if statePath != "" {
		args = append(args, "--state", statePath)
	}
	cmd := exec.Command(bin, args...)
	// The emulator dies with the benchmark, even if it is killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	logFile, err := os.Create(filepath.Join(work, "emulator.log"))
	check(err)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	atExit(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on ") {
		fatalf("bench: the emulator did not start: %q %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return emulator{url: strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), pid: cmd.Process.Pid}
}

// getStats is the emulator's count of API requests so far.
func getStats(url string) stats {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/_emulator/stats", nil)
	check(err)
	req.SetBasicAuth(adminKey, "")
	resp, err := http.DefaultClient.Do(req)
	check(err)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fatalf("bench: /_emulator/stats answered %s", resp.Status)
	}
	var s stats
	check(json.NewDecoder(resp.Body).Decode(&s))
	return s
}

// cleanEnv is the environment without variables that would change what is
// measured (terraform logging, a DSS elsewhere, provider credentials
// files), plus extra.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "DATAIKU_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

func machine(tf string) string {
	out, _ := exec.Command(tf, "version").Output()
	v, _, _ := strings.Cut(string(out), "\n")
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				_, cpu, _ = strings.Cut(line, ":")
				cpu = strings.TrimSpace(cpu)
				break
			}
		}
	}
	return fmt.Sprintf("%s, %s, %d CPUs %s, %s/%s", v, runtime.Version(), runtime.NumCPU(), cpu, runtime.GOOS, runtime.GOARCH)
}

func runCmd(dir string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		fatalf("bench: %s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func fmtSamples(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(parts, ",")
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func tail(s string, lines int) string {
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}
