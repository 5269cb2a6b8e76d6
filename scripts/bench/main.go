// Command bench measures the provider against Terraform's own floor.
//
// It builds the provider and the DSS emulator, generates a configuration of
// N resources (projects holding datasets) and the same shape built from
// terraform_data resources (no provider, no API: the floor), and times with
// the real terraform: a create apply, a no-change plan (full refresh), an
// apply that changes 10% of the datasets, and a destroy. For each phase it
// prints wall seconds, the ratio to the floor, the API requests counted by
// the emulator and the provider process's peak memory.
//
// Each phase runs the floor and then the provider back to back, so that
// load from other processes on the machine affects both alike; the
// no-change plan is repeated (-plans) and its median kept.
//
// Usage: go run ./scripts/bench [-n 1000] [-latency 20ms] [-plans 3] [-dir .bench]
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
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
	routePutDataset = "PUT /public/api/projects/{projectKey}/datasets/{datasetName}"
)

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

type phaseResult struct {
	name     string
	seconds  float64
	requests stats // requests the phase sent (provider only)
	peakRSS  int64 // KiB, largest VmHWM of a provider process in the phase
	samples  []float64
}

type stats struct {
	Requests int64            `json:"requests"`
	ByRoute  map[string]int64 `json:"byRoute"`
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

func main() {
	n := flag.Int("n", 1000, "number of resources (projects + datasets)")
	latency := flag.Duration("latency", 0, "latency the emulator adds to each request")
	dir := flag.String("dir", ".bench", "working directory (recreated)")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism (10 is terraform's default)")
	plans := flag.Int("plans", 3, "how many times the no-change plan is run (the median is kept)")
	only := flag.String("phases", "create,plan,change10,destroy",
		"phases to run, in this order; create and plan are always run (Terraform's own create and destroy grow faster than linearly: at N=5000 they take tens of minutes)")
	flag.Parse()
	log.SetFlags(0)
	if *n < 2 || *plans < 1 {
		fatalf("bench: -n must be at least 2 and -plans at least 1")
	}

	root, err := os.Getwd()
	check(err)
	work, err := filepath.Abs(*dir)
	check(err)
	check(os.RemoveAll(work))
	bin := filepath.Join(work, "bin")
	check(os.MkdirAll(bin, 0o755))
	tf, err := exec.LookPath("terraform")
	check(err)

	log.Printf("bench: building the provider and the emulator")
	providerBin := filepath.Join(bin, "terraform-provider-dataiku")
	run(root, "go", "build", "-o", providerBin, ".")
	run(root, "go", "build", "-o", filepath.Join(bin, "dss-emulator"), "./cmd/dss-emulator")

	url := startEmulator(filepath.Join(bin, "dss-emulator"), *latency, work)
	defer runCleanups()

	rc := filepath.Join(work, "terraformrc")
	check(os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tf-dataiku/dataiku\" = %q\n  }\n  direct {}\n}\n", bin)), 0o644))
	env := cleanEnv("TF_CLI_CONFIG_FILE="+rc, "DATAIKU_HOST="+url, "DATAIKU_API_KEY="+adminKey,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	projects, perProject := shape(*n)
	total := projects * (perProject + 1)
	datasets := projects * perProject
	changed := projects * ((perProject + 9) / 10)
	log.Printf("bench: %d resources = %d projects x (1 + %d datasets), latency %s, parallelism %d, %s",
		total, projects, perProject, *latency, *parallelism, machine(tf))

	provDir := filepath.Join(work, "provider")
	floorDir := filepath.Join(work, "floor")
	check(os.MkdirAll(provDir, 0o755))
	check(os.MkdirAll(floorDir, 0o755))

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
	wanted := map[string]bool{"create": true, "plan": true}
	for _, name := range strings.Split(*only, ",") {
		wanted[strings.TrimSpace(name)] = true
	}
	var prov, floor []phaseResult
	for _, ph := range phases {
		if !wanted[ph.name] {
			continue
		}
		if ph.name == "destroy" {
			// Not timed: the state after change10 must match its
			// configuration (the changed descriptions were all applied).
			for _, d := range []string{floorDir, provDir} {
				timeTerraform(d, env, plan, providerBin)
			}
		}
		for _, kind := range []string{"floor", "provider"} {
			d := floorDir
			if kind == "provider" {
				d = provDir
			}
			writeConfig(d, kind, projects, perProject, ph.change)
			res := phaseResult{name: ph.name}
			for i := 0; i < ph.repeat; i++ {
				before := getStats(url)
				r := timeTerraform(d, env, ph.args, providerBin)
				reqs := getStats(url).minus(before)
				res.samples = append(res.samples, r.seconds)
				res.peakRSS = max(res.peakRSS, r.peakRSS)
				if i == 0 {
					res.requests = reqs
				} else if reqs.Requests != res.requests.Requests {
					log.Printf("bench: note: %s run %d sent %d requests, run 1 sent %d", ph.name, i+1, reqs.Requests, res.requests.Requests)
				}
			}
			res.seconds = median(res.samples)
			if kind == "provider" {
				prov = append(prov, res)
			} else {
				res.requests = stats{}
				floor = append(floor, res)
			}
			log.Printf("bench: %-8s %-8s %7.2fs (runs %s) requests=%d auth_info=%d peak_rss_mb=%.1f", kind, ph.name, res.seconds,
				fmtSamples(res.samples), res.requests.Requests, res.requests.ByRoute[routeAuthInfo], float64(res.peakRSS)/1024)
		}
	}

	// Sanity checks on what the provider sent: a wrong count means the
	// benchmark measured something else than it claims.
	refresh := prov[1].requests
	if got := refresh.ByRoute[routeGetDataset]; got != int64(datasets) {
		log.Printf("bench: WARNING: the no-change plan read %d datasets, expected %d", got, datasets)
	}
	if len(prov) > 2 && prov[2].name == "change10" && prov[2].requests.ByRoute[routePutDataset] != int64(changed) {
		got := prov[2].requests.ByRoute[routePutDataset]
		log.Printf("bench: WARNING: change10 updated %d datasets, expected %d", got, changed)
	}

	fmt.Printf("\nresources=%d (%d projects x (1 project + %d datasets)), latency=%s, parallelism=%d\n", total, projects, perProject, *latency, *parallelism)
	fmt.Printf("%-9s %9s %9s %7s %9s %10s %9s %12s\n", "phase", "provider", "floor", "ratio", "requests", "req/res", "auth_info", "peak_rss_mb")
	var peak int64
	for i := range prov {
		p, f := prov[i], floor[i]
		peak = max(peak, p.peakRSS)
		fmt.Printf("%-9s %8.2fs %8.2fs %7.2f %9d %10.2f %9d %12.1f\n", p.name, p.seconds, f.seconds, p.seconds/f.seconds,
			p.requests.apiRequests(), float64(p.requests.apiRequests())/float64(total), p.requests.ByRoute[routeAuthInfo], float64(p.peakRSS)/1024)
	}
	fmt.Printf("\nno-change plan requests by route (auth_info is once per terraform command, not per resource):\n")
	for _, k := range sortedKeys(refresh.ByRoute) {
		fmt.Printf("  %-75s %6d\n", k, refresh.ByRoute[k])
	}
	projRequests := refresh.apiRequests() - refresh.ByRoute[routeGetDataset]
	fmt.Printf("refresh: %.2f requests per dataset, %.2f per project, %d auth_info\n",
		float64(refresh.ByRoute[routeGetDataset])/float64(datasets), float64(projRequests)/float64(projects), refresh.ByRoute[routeAuthInfo])
	fmt.Printf("bench: resources=%d plan_s=%.2f plan_floor_s=%.2f plan_ratio=%.2f apply_s=%.2f apply_floor_s=%.2f apply_ratio=%.2f refresh_requests_per_resource=%.2f peak_rss_mb=%.1f\n",
		total, prov[1].seconds, floor[1].seconds, prov[1].seconds/floor[1].seconds,
		prov[0].seconds, floor[0].seconds, prov[0].seconds/floor[0].seconds,
		float64(refresh.apiRequests())/float64(total), float64(peak)/1024)
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

// writeConfig writes main.tf for the provider or the floor. Both have the
// same dependency graph: each dataset refers to its project's key. With
// changed, every tenth dataset gets a new description.
func writeConfig(dir, kind string, projects, perProject int, changed bool) {
	var b strings.Builder
	if kind == "provider" {
		b.WriteString("terraform {\n  required_providers {\n    dataiku = { source = \"tf-dataiku/dataiku\" }\n  }\n}\n\n")
	}
	for p := 0; p < projects; p++ {
		key := fmt.Sprintf("BENCH_%03d", p)
		if kind == "provider" {
			fmt.Fprintf(&b, "resource \"dataiku_project\" \"p%d\" {\n  project_key = %q\n  name        = \"Bench project %d\"\n  description = \"benchmark\"\n  tags        = [\"bench\"]\n}\n\n", p, key, p)
		} else {
			fmt.Fprintf(&b, "resource \"terraform_data\" \"p%d\" {\n  input = {\n    project_key = %q\n    name        = \"Bench project %d\"\n    description = \"benchmark\"\n    tags        = [\"bench\"]\n  }\n}\n\n", p, key, p)
		}
		for d := 0; d < perProject; d++ {
			desc := "dataset"
			if changed && d%10 == 0 {
				desc = "dataset, changed"
			}
			name := fmt.Sprintf("ds_%03d", d)
			if kind == "provider" {
				fmt.Fprintf(&b, "resource \"dataiku_dataset\" \"p%d_d%d\" {\n  project_key     = dataiku_project.p%d.project_key\n  name            = %q\n  type            = \"Filesystem\"\n  connection_name = \"filesystem_root\"\n  params          = jsonencode({ path = \"/bench/%s/%s\" })\n  format_type     = \"csv\"\n  description     = %q\n  tags            = [\"bench\"]\n}\n\n", p, d, p, name, key, name, desc)
			} else {
				fmt.Fprintf(&b, "resource \"terraform_data\" \"p%d_d%d\" {\n  input = {\n    project_key     = terraform_data.p%d.output.project_key\n    name            = %q\n    type            = \"Filesystem\"\n    connection_name = \"filesystem_root\"\n    params          = jsonencode({ path = \"/bench/%s/%s\" })\n    format_type     = \"csv\"\n    description     = %q\n    tags            = [\"bench\"]\n  }\n}\n\n", p, d, p, name, key, name, desc)
			}
		}
	}
	check(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644))
}

// timeTerraform runs one terraform command, failing the benchmark on any
// error (with -detailed-exitcode, exit 2 is a plan with changes, which a
// no-change plan must not have), and samples the peak resident memory
// (VmHWM) of the provider processes it starts.
func timeTerraform(dir string, env, args []string, providerBin string) phaseResult {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peak int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			peak = max(peak, providerPeakRSS(providerBin))
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	cmd := exec.Command("terraform", args...)
	cmd.Dir, cmd.Env = dir, env
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
			why = " (the plan has changes: the provider does not converge)"
		}
		fatalf("bench: terraform %s in %s failed with exit %d%s:\n%s", strings.Join(args, " "), dir, code, why, tail(out.String(), 60))
	}
	return phaseResult{seconds: elapsed, peakRSS: peak}
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

func startEmulator(bin string, latency time.Duration, work string) string {
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0", "--admin-key", adminKey, "--latency", latency.String())
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
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
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

func run(dir string, name string, args ...string) {
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
