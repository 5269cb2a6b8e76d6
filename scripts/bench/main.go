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
// Usage: go run ./scripts/bench [-n 1000] [-latency 20ms] [-dir .bench]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	adminKey = "bench-admin-key"
	// datasetsPerProject shapes N as projects of this many datasets plus
	// the project itself: N = 1000 gives 20 projects of 49 datasets.
	datasetsPerProject = 49
)

type phaseResult struct {
	name     string
	seconds  float64
	requests int64
	peakRSS  int64 // KiB
}

func main() {
	n := flag.Int("n", 1000, "number of resources (projects + datasets)")
	latency := flag.Duration("latency", 0, "latency the emulator adds to each request")
	dir := flag.String("dir", ".bench", "working directory (recreated)")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism")
	flag.Parse()
	log.SetFlags(0)

	root, err := os.Getwd()
	check(err)
	work, err := filepath.Abs(*dir)
	check(err)
	check(os.RemoveAll(work))
	bin := filepath.Join(work, "bin")
	check(os.MkdirAll(bin, 0o755))

	log.Printf("bench: building the provider and the emulator")
	run(root, nil, "go", "build", "-o", filepath.Join(bin, "terraform-provider-dataiku"), ".")
	run(root, nil, "go", "build", "-o", filepath.Join(bin, "dss-emulator"), "./cmd/dss-emulator")

	url, stop := startEmulator(filepath.Join(bin, "dss-emulator"), *latency, work)
	defer stop()

	rc := filepath.Join(work, "terraformrc")
	check(os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tf-dataiku/dataiku\" = %q\n  }\n  direct {}\n}\n", bin)), 0o644))
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "DATAIKU_HOST="+url, "DATAIKU_API_KEY="+adminKey, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	projects, perProject := shape(*n)
	total := projects * (perProject + 1)
	log.Printf("bench: %d resources = %d projects x (1 + %d datasets), latency %s, parallelism %d", total, projects, perProject, *latency, *parallelism)

	provDir := filepath.Join(work, "provider")
	floorDir := filepath.Join(work, "floor")
	check(os.MkdirAll(provDir, 0o755))
	check(os.MkdirAll(floorDir, 0o755))

	par := "-parallelism=" + strconv.Itoa(*parallelism)
	phases := []struct {
		name    string
		change  bool
		args    []string
		planned bool
	}{
		{"create", false, []string{"apply", "-auto-approve", "-input=false", par}, false},
		{"plan", false, []string{"plan", "-input=false", "-detailed-exitcode", par}, true},
		{"change10", true, []string{"apply", "-auto-approve", "-input=false", par}, false},
		{"destroy", true, []string{"destroy", "-auto-approve", "-input=false", par}, false},
	}
	var prov, floor []phaseResult
	for _, kind := range []string{"floor", "provider"} {
		d := floorDir
		if kind == "provider" {
			d = provDir
		}
		for _, ph := range phases {
			writeConfig(d, kind, projects, perProject, ph.change)
			before := stats(url)
			res := timeTerraform(d, env, ph.args, ph.planned)
			res.name = ph.name
			if kind == "provider" {
				res.requests = stats(url) - before
				prov = append(prov, res)
			} else {
				floor = append(floor, res)
			}
			log.Printf("bench: %-8s %-8s %7.2fs requests=%d peak_rss_mb=%.1f", kind, ph.name, res.seconds, res.requests, float64(res.peakRSS)/1024)
		}
	}

	fmt.Printf("\n%-9s %9s %9s %7s %9s %10s %12s\n", "phase", "provider", "floor", "ratio", "requests", "req/res", "peak_rss_mb")
	var peak int64
	for i := range prov {
		p, f := prov[i], floor[i]
		if p.peakRSS > peak {
			peak = p.peakRSS
		}
		fmt.Printf("%-9s %8.2fs %8.2fs %7.2f %9d %10.2f %12.1f\n", p.name, p.seconds, f.seconds, p.seconds/f.seconds, p.requests, float64(p.requests)/float64(total), float64(p.peakRSS)/1024)
	}
	fmt.Printf("bench: resources=%d plan_s=%.2f plan_floor_s=%.2f plan_ratio=%.2f apply_s=%.2f apply_floor_s=%.2f apply_ratio=%.2f refresh_requests_per_resource=%.2f peak_rss_mb=%.1f\n",
		total, prov[1].seconds, floor[1].seconds, prov[1].seconds/floor[1].seconds,
		prov[0].seconds, floor[0].seconds, prov[0].seconds/floor[0].seconds,
		float64(prov[1].requests)/float64(total), float64(peak)/1024)
}

// shape splits n resources into projects of (1 + datasetsPerProject)
// resources; below one full project it uses a single project.
func shape(n int) (projects, perProject int) {
	projects = n / (datasetsPerProject + 1)
	if projects == 0 {
		return 1, max(n-1, 0)
	}
	return projects, datasetsPerProject
}

// writeConfig writes main.tf for the provider or the floor. With changed,
// every tenth dataset gets a new description.
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
				fmt.Fprintf(&b, "resource \"dataiku_dataset\" \"p%d_d%d\" {\n  project_key = dataiku_project.p%d.project_key\n  name        = %q\n  type        = \"Filesystem\"\n  connection  = \"filesystem_root\"\n  params      = jsonencode({ path = \"/bench/%s/%s\" })\n  format_type = \"csv\"\n  description = %q\n  tags        = [\"bench\"]\n}\n\n", p, d, p, name, key, name, desc)
			} else {
				fmt.Fprintf(&b, "resource \"terraform_data\" \"p%d_d%d\" {\n  input = {\n    project_key = terraform_data.p%d.output.project_key\n    name        = %q\n    type        = \"Filesystem\"\n    connection  = \"filesystem_root\"\n    params      = jsonencode({ path = \"/bench/%s/%s\" })\n    format_type = \"csv\"\n    description = %q\n    tags        = [\"bench\"]\n  }\n}\n\n", p, d, p, name, key, name, desc)
			}
		}
	}
	check(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644))
}

// timeTerraform runs one terraform command and samples the provider's peak
// resident memory (VmHWM) while it runs.
func timeTerraform(dir string, env, args []string, planOnly bool) phaseResult {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peak int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if v := providerPeakRSS(); v > peak {
				peak = v
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
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
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		// -detailed-exitcode: 2 means the plan has changes, which a
		// no-change plan must not have.
		log.Fatalf("bench: terraform %s in %s failed (exit %d, plan-only=%v):\n%s", strings.Join(args, " "), dir, code, planOnly, tail(out.String(), 60))
	}
	return phaseResult{seconds: elapsed, peakRSS: peak}
}

// providerPeakRSS is the largest VmHWM (KiB) of running provider processes.
func providerPeakRSS() int64 {
	entries, _ := os.ReadDir("/proc")
	var best int64
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err != nil || !strings.HasPrefix(string(comm), "terraform-provi") {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				f := strings.Fields(line)
				if len(f) >= 2 {
					if v, err := strconv.ParseInt(f[1], 10, 64); err == nil && v > best {
						best = v
					}
				}
			}
		}
	}
	return best
}

func startEmulator(bin string, latency time.Duration, work string) (string, func()) {
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0", "--admin-key", adminKey, "--latency", latency.String())
	logFile, err := os.Create(filepath.Join(work, "emulator.log"))
	check(err)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on ") {
		log.Fatalf("bench: the emulator did not start: %q %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
}

// stats is the emulator's count of API requests so far.
func stats(url string) int64 {
	req, err := http.NewRequest(http.MethodGet, url+"/_emulator/stats", nil)
	check(err)
	req.SetBasicAuth(adminKey, "")
	resp, err := http.DefaultClient.Do(req)
	check(err)
	defer resp.Body.Close()
	var s struct {
		Requests int64 `json:"requests"`
	}
	check(json.NewDecoder(resp.Body).Decode(&s))
	return s.Requests
}

func run(dir string, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("bench: %s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func tail(s string, lines int) string {
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
