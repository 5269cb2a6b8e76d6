package emulator

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestStatePersistence(t *testing.T) {
	o := persistentOpts(t)
	path := o.StatePath
	rn := startTest(t, o)
	u := rn.URL()
	expectOK(t, createProject(t, u, "KEEP", testAdmin, map[string]any{"tags": []string{"b", "a"}}))
	expectOK(t, call(t, u, "PUT", "/public/api/projects/KEEP/variables", testAdmin, map[string]any{"standard": map[string]any{"x": 1}, "local": map[string]any{}, "extra": "y"}))
	folder := call(t, u, "POST", "/public/api/project-folders/ROOT/children?name=F", testAdmin, nil).obj()["id"].(string)
	before := call(t, u, "GET", "/_emulator/state", testAdmin, nil).body
	rn.Close()

	rn2 := startTest(t, o)
	after := call(t, rn2.URL(), "GET", "/_emulator/state", testAdmin, nil).body
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("state differs:\n%v\n%v", before, after)
	}
	expectOK(t, call(t, rn2.URL(), "GET", "/public/api/project-folders/"+folder, testAdmin, nil))
	// Corrupt file is an error, not silent data loss.
	if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(o); err == nil {
		t.Fatal("expected error for corrupt state")
	}
	// No temp files left behind.
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Fatalf("leftover files: %v", ents)
	}
}

// buildCommand builds cmd/dss-emulator once per test binary.
var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
)

func commandBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dss-emulator-bin") //nolint:usetesting // one build shared by every test, so not a per-test TempDir
		if err != nil {
			buildErr = err
			return
		}
		buildPath = filepath.Join(dir, "dss-emulator")
		out, err := exec.Command("go", "build", "-o", buildPath, "../../cmd/dss-emulator").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("%w: %s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildPath
}

func startCommand(t *testing.T, bin string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-line:
		if !strings.HasPrefix(l, "listening on http://") && !strings.HasPrefix(l, "listening on https://") {
			t.Fatalf("ready line %q", l)
		}
		return cmd, strings.TrimPrefix(l, "listening on ")
	case <-time.After(10 * time.Second):
		t.Fatal("no ready line")
	}
	return nil, ""
}

func TestCommandKill9KeepsAcknowledgedWrites(t *testing.T) {
	bin := commandBinary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"--listen", "127.0.0.1:0", "--admin-key", testAdmin, "--state", state,
		"--user-key", "bob:" + testBob + ":team", "--connection", "fs:Filesystem:managed"}
	cmd, base := startCommand(t, bin, args...)

	var (
		mu    sync.Mutex
		acked []string
		wg    sync.WaitGroup
	)
	client := &http.Client{Timeout: 5 * time.Second}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				key := fmt.Sprintf("W%d_%d", w, i)
				req, _ := http.NewRequest("POST", base+"/public/api/projects/", strings.NewReader(`{"projectKey":"`+key+`","name":"n"}`))
				req.SetBasicAuth(testAdmin, "")
				res, err := client.Do(req)
				if err != nil {
					return // server killed
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					mu.Lock()
					acked = append(acked, key)
					mu.Unlock()
				}
			}
		}(w)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 40 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	_ = cmd.Wait()
	mu.Lock()
	got := append([]string(nil), acked...)
	mu.Unlock()
	if len(got) == 0 {
		t.Fatal("no acknowledged writes before kill")
	}

	_, base2 := startCommand(t, bin, args...)
	r := call(t, base2, "GET", "/_emulator/state", testAdmin, nil)
	projects := r.obj()["projects"].(map[string]any)
	for _, k := range got {
		if _, ok := projects[k]; !ok {
			t.Fatalf("acknowledged project %s lost (acked %d, present %d)", k, len(got), len(projects))
		}
	}
	if _, ok := r.obj()["connections"].(map[string]any)["fs"]; !ok {
		t.Fatalf("connection flag ignored: %s", r.raw)
	}
	t.Logf("acked %d, present after restart %d", len(got), len(projects))
}

func TestCommandHelpAndBadFlags(t *testing.T) {
	bin := commandBinary(t)
	out, err := exec.Command(bin, "--help").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "/_emulator/faults") || !strings.Contains(string(out), "--state") {
		t.Fatalf("help: %v %s", err, out)
	}
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "DSS_EMULATOR_ADMIN_KEY=")
	if err := cmd.Run(); err == nil {
		t.Fatal("missing admin key should fail")
	}
	if err := exec.Command(bin, "--admin-key", "k", "--user-key", "nokey").Run(); err == nil {
		t.Fatal("bad user key should fail")
	}
	// env admin key + SIGTERM graceful exit
	c := exec.Command(bin)
	c.Env = append(os.Environ(), "DSS_EMULATOR_ADMIN_KEY=envkey")
	stdout, _ := c.StdoutPipe()
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		t.Fatal("no ready line")
	}
	base := strings.TrimPrefix(sc.Text(), "listening on ")
	expectOK(t, call(t, base, "GET", "/public/api/auth/info", "envkey", nil))
	_ = c.Process.Signal(syscall.SIGTERM)
	if err := c.Wait(); err != nil {
		t.Fatalf("graceful exit: %v", err)
	}
}
