package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while run writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const fixture = "../../testdata/projects/CLASSIC"

// TestSeedProjectFlagRefusesNonProject: a path that is no DSS project
// stops the start before anything listens, naming what is missing.
func TestSeedProjectFlagRefusesNonProject(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--admin-key", "k", "--seed-project", t.TempDir()}, &stdout, &stderr)
	if code != 1 || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q", code, stdout.String())
	}
	if !strings.Contains(stderr.String(), "not a DSS project") || !strings.Contains(stderr.String(), "params.json") {
		t.Errorf("stderr does not say what is missing:\n%s", stderr.String())
	}
}

// TestUsageErrors: a command line run cannot honour whole stops the start
// with exit 2 and a one-line error that names what is wrong, without the
// help itself (a CI log's last lines must be the error); a parse error
// points at --help.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"a second path after --seed-project", []string{"--admin-key", "k", "--seed-project", "A", "B", "--listen", "127.0.0.1:11940"},
			[]string{`unexpected argument "B"`, "repeat --seed-project", "see --help"}},
		{"an argument before any option", []string{"serve", "--admin-key", "k"},
			[]string{`unexpected argument "serve"`, "see --help"}},
		{"an --unauthorized-status that is no HTTP error", []string{"--admin-key", "k", "--unauthorized-status", "42"},
			[]string{"--unauthorized-status 42", "400 to 599"}},
		{"an --unauthorized-status that is a success", []string{"--admin-key", "k", "--unauthorized-status", "200"},
			[]string{"--unauthorized-status 200", "400 to 599"}},
		{"a duration without its unit", []string{"--admin-key", "k", "--latency", "5"},
			[]string{`invalid value "5" for flag -latency`, "see --help"}},
		{"an unknown flag", []string{"--admin-key", "k", "--lissen", ":0"},
			[]string{"flag provided but not defined: -lissen", "see --help"}},
		{"a --state in a directory that does not exist", []string{"--admin-key", "k", "--state", "/nonexistent-dir-for-this-test/s.json"},
			[]string{"--state /nonexistent-dir-for-this-test/s.json: the directory /nonexistent-dir-for-this-test does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != 2 || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q; want exit 2 before listening", code, stdout.String())
			}
			msg := stderr.String()
			for _, want := range append(tc.want, "dss-emulator: ") {
				if !strings.Contains(msg, want) {
					t.Errorf("stderr lacks %q:\n%s", want, msg)
				}
			}
			if n := strings.Count(msg, "\n"); n != 1 || strings.Contains(msg, "Usage:") {
				t.Errorf("stderr holds %d lines, or the help, instead of the error alone:\n%s", n, msg)
			}
		})
	}
	// The help still comes when asked for, on either spelling.
	for _, flag := range []string{"--help", "-h"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{flag}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "Usage:\n  dss-emulator --admin-key KEY") {
			t.Errorf("%s: exit %d, stderr %.200q", flag, code, stderr.String())
		}
	}
}

// startRun runs the command with args and returns the URL it listens on,
// its stderr, and stop, which stops it with SIGTERM as a CI job would and
// checks that it exits 0. stop runs when the test ends, if not before.
func startRun(t *testing.T, args ...string) (url string, stderr *lockedBuffer, stop func()) {
	t.Helper()
	var stdout lockedBuffer
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(args, &stdout, stderr) }()
	for deadline := time.Now().Add(10 * time.Second); url == ""; {
		select {
		case code := <-done:
			t.Fatalf("exit %d before listening:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("not listening after 10s:\n%s", stderr.String())
		}
		if line, ok := strings.CutPrefix(stdout.String(), "listening on "); ok {
			url = strings.TrimSpace(line)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopped := false
	stop = func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		// run has caught SIGTERM since before it listened.
		if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d after SIGTERM", code)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("no shutdown after SIGTERM")
		}
	}
	t.Cleanup(stop)
	return url, stderr, stop
}

// TestDeployerStagesFlag: --deployer-stages replaces the stages both
// deployers list and accept for an infrastructure; a blank stage is a
// usage error.
func TestDeployerStagesFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--admin-key", "k", "--deployer-stages", "Dev,,Prod"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "bad --deployer-stages") {
		t.Errorf("a blank stage: exit %d, %s", code, stderr.String())
	}
	url, _, _ := startRun(t, "--admin-key", "stages-key", "--deployer-stages", "Dev,UAT,Prod")
	call := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, url+"/public/api"+path, strings.NewReader(body))
		req.SetBasicAuth("stages-key", "")
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, deployer := range []string{"project-deployer", "api-deployer"} {
		if code, body := call("GET", "/"+deployer+"/stages", ""); code != 200 || !strings.Contains(body, `"UAT"`) || strings.Contains(body, "Production") {
			t.Errorf("%s stages: %d %s", deployer, code, body)
		}
	}
	if code, body := call("POST", "/project-deployer/infras", `{"id":"uat","stage":"UAT"}`); code != 200 {
		t.Errorf("a project infrastructure on UAT: %d %s", code, body)
	}
	if code, body := call("POST", "/api-deployer/infras", `{"id":"uat","stage":"UAT","type":"STATIC"}`); code != 200 {
		t.Errorf("an API infrastructure on UAT: %d %s", code, body)
	}
	if code, body := call("POST", "/api-deployer/infras", `{"id":"prod","stage":"Production","type":"STATIC"}`); code != 400 || !strings.Contains(body, `Unknown stage \"Production\"`) {
		t.Errorf("an API infrastructure on a stage not configured: %d %s", code, body)
	}
}

// TestUsageNamesEveryFlag: --help describes every flag run defines (the
// usage text is written by hand; --tls-cert was once missing from it).
func TestUsageNamesEveryFlag(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	defined := regexp.MustCompile(`fs\.(?:String|Bool|Int|Duration)\("([a-z-]+)"|fs\.Var\(&\w+, "([a-z-]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(defined) < 10 {
		t.Fatalf("found %d flag definitions in main.go; the pattern no longer matches them", len(defined))
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, m := range defined {
		name := m[1] + m[2]
		if !regexp.MustCompile(`(?m)^  --` + regexp.QuoteMeta(name) + `\b`).MatchString(stderr.String()) {
			t.Errorf("--help does not describe --%s", name)
		}
	}
}

// TestSeedProjectFlag starts the command with two --seed-project values
// (the fixture by folder name and again under another key), reads both
// projects over HTTP, then stops it with SIGTERM as a CI job would.
func TestSeedProjectFlag(t *testing.T) {
	abs, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "params.json")); err != nil {
		t.Fatal(err)
	}
	url, stderr, stop := startRun(t, "--admin-key", "flag-test-key", "--code-env-build-time", "0",
		"--seed-project", abs, "--seed-project", abs+"=COPY_OF_CLASSIC")
	for _, key := range []string{"CLASSIC", "COPY_OF_CLASSIC"} {
		req, _ := http.NewRequest("GET", url+"/public/api/projects/"+key+"/datasets/raw_orders", nil)
		req.SetBasicAuth("flag-test-key", "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), `"connection":"fs_landing"`) {
			t.Errorf("%s.raw_orders: %d %s", key, res.StatusCode, body)
		}
	}
	stop()
	log := stderr.String()
	for _, want := range []string{"seeded project CLASSIC from", "seeded project COPY_OF_CLASSIC from", "placeholder connection fs_landing of type Filesystem", "WARNING: skipped apikeys.json"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "FAKEKEY") {
		t.Error("the log shows the project API key")
	}
}

// TestTornJournalWarningPrefixed: the warning about a torn last journal
// entry goes through the command's logger, with its "dss-emulator: "
// prefix, like every other line the command logs.
func TestTornJournalWarningPrefixed(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	// A journal whose only entry was cut short: never acknowledged.
	if err := os.WriteFile(state+".journal", []byte("{\"dssEmulatorJournal\":1}\n{\"seq\":1,\"su"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := startRun(t, "--admin-key", "torn-key", "--state", state)
	var line string
	for l := range strings.Lines(stderr.String()) {
		if strings.Contains(l, "ignoring its torn last entry") {
			line = l
		}
	}
	if !strings.HasPrefix(line, "dss-emulator: ") {
		t.Errorf("the warning %q lacks the command's prefix; stderr:\n%s", line, stderr.String())
	}
}
