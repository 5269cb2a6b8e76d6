package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// serve sends one request to s in process (no socket) and returns the
// status and body.
func serve(s *Server, method, path string, body any) (int, []byte) {
	req := httptest.NewRequest(method, path, bodyReader(body))
	req.SetBasicAuth(testAdmin, "")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// stateJSON is s's state as the control endpoint serves it.
func stateJSON(t *testing.T, s *Server) []byte {
	t.Helper()
	code, b := serve(s, "GET", ControlPrefix+"/state", nil)
	if code != http.StatusOK {
		t.Fatalf("state: %d %s", code, b)
	}
	return b
}

// snapshotSeq reads the journalSeq of the snapshot at path (0 if none).
func snapshotSeq(path string) uint64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var h struct {
		JournalSeq uint64 `json:"journalSeq"`
	}
	_ = json.Unmarshal(b, &h)
	return h.JournalSeq
}

// The real command, killed with SIGKILL while writes are under way, keeps
// every write it acknowledged, dataset creates, updates and deletes alike,
// whether they were in the journal or already compacted into the
// snapshot; and again after a restart (which compacts) and a second kill.
func TestCommandKill9KeepsJournaledWrites(t *testing.T) {
	bin := commandBinary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"--listen", "127.0.0.1:0", "--admin-key", testAdmin, "--state", state}
	// Large descriptions fill the journal past its bound within a few
	// dozen writes, so compactions happen during the run.
	pad := strings.Repeat("x", 32<<10)
	client := &http.Client{Timeout: 10 * time.Second}
	send := func(base, method, path string, body any) bool {
		js, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(js))
		req.SetBasicAuth(testAdmin, "")
		res, err := client.Do(req)
		if err != nil {
			return false // killed
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}

	replayed := 0 // rounds killed with a journal to replay
	for round := range 2 {
		cmd, base := startCommand(t, bin, args...)
		base += BasePath
		startSeq := snapshotSeq(state) // the startup compaction's
		key := fmt.Sprintf("KILL%d", round)
		if !send(base, "POST", "/projects/", map[string]any{"projectKey": key, "name": "n"}) {
			t.Fatal("project create refused")
		}
		var (
			mu      sync.Mutex
			present = map[string]string{} // dataset -> description acknowledged last
			deleted = map[string]bool{}
			// inflight: the update ("v2") or deletion ("gone") sent and not
			// answered yet, which the kill may have caught after it was
			// persisted.
			inflight = map[string]string{}
			wg       sync.WaitGroup
			stop     = make(chan struct{})
		)
		for w := range 4 {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					name := fmt.Sprintf("w%d_%d", w, i)
					doc := map[string]any{"projectKey": key, "name": name, "type": "Filesystem",
						"params": map[string]any{"connection": "filesystem_root", "path": "/k/" + name}, "description": "v1 " + pad}
					if !send(base, "POST", "/projects/"+key+"/datasets/", doc) {
						return
					}
					mu.Lock()
					present[name] = "v1"
					mu.Unlock()
					// An update or deletion of name: marked in flight until
					// answered, then recorded as acknowledged.
					change := func(mark, method string, body any, record func()) bool {
						mu.Lock()
						inflight[name] = mark
						mu.Unlock()
						if !send(base, method, "/projects/"+key+"/datasets/"+name, body) {
							return false
						}
						mu.Lock()
						delete(inflight, name)
						record()
						mu.Unlock()
						return true
					}
					ok := true
					switch i % 3 {
					case 1:
						doc["description"] = "v2 " + pad
						ok = change("v2", "PUT", doc, func() { present[name] = "v2" })
					case 2:
						ok = change("gone", "DELETE", nil, func() { delete(present, name); deleted[name] = true })
					}
					if !ok {
						return
					}
				}
			})
		}
		// Kill once a compaction has happened and more writes followed,
		// into a journal.
		deadline := time.Now().Add(30 * time.Second)
		var compactedAt uint64
		for time.Now().Before(deadline) {
			if seq := snapshotSeq(state); compactedAt == 0 && seq > startSeq {
				compactedAt = seq
			}
			mu.Lock()
			n := len(present) + len(deleted)
			mu.Unlock()
			_, err := os.Stat(state + journalSuffix)
			if compactedAt > 0 && int(compactedAt-startSeq) < n && err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		close(stop)
		wg.Wait()
		_ = cmd.Wait()
		if compactedAt == 0 {
			t.Fatal("no compaction happened before the kill")
		}
		// A compaction between the last look and the kill removes the
		// journal (the snapshot then holds every write): a legitimate
		// state, checked like any other, but one that replays nothing.
		// The rounds together must replay a journal.
		if _, err := os.Stat(state + journalSuffix); err == nil {
			replayed++
		} else {
			t.Logf("round %d: a compaction just before the kill left no journal: %v", round, err)
		}

		_, base2 := startCommand(t, bin, args...)
		got := call(t, base2, "GET", "/_emulator/state", testAdmin, nil).obj()
		proj, _ := got["projects"].(map[string]any)[key].(map[string]any)
		if proj == nil {
			t.Fatalf("round %d: project %s lost", round, key)
		}
		datasets := proj["datasets"].(map[string]any)
		mu.Lock()
		for name, version := range present {
			d, _ := datasets[name].(map[string]any)
			if d == nil {
				if inflight[name] == "gone" {
					continue
				}
				t.Fatalf("round %d: acknowledged dataset %s lost (%d acknowledged, %d present)", round, name, len(present), len(datasets))
			}
			desc, _ := d["description"].(string)
			if !strings.HasPrefix(desc, version+" ") && !strings.HasPrefix(desc, inflight[name]+" ") {
				t.Fatalf("round %d: dataset %s has %.10q, acknowledged %s", round, name, desc, version)
			}
		}
		for name := range deleted {
			if _, ok := datasets[name]; ok {
				t.Fatalf("round %d: acknowledged deletion of %s lost", round, name)
			}
		}
		t.Logf("round %d: %d datasets acknowledged, %d deletions; snapshot compacted at write %d before the kill",
			round, len(present), len(deleted), compactedAt)
		mu.Unlock()
		if round == 0 {
			// The restarted process compacted at startup and leaves no journal.
			if _, err := os.Stat(state + journalSuffix); err == nil {
				t.Fatal("the restart left a journal")
			}
		}
		// The next round starts a new process on the same file; this one
		// is killed by startCommand's cleanup.
	}
	if replayed == 0 {
		t.Fatal("no round was killed with a journal to replay: every kill followed a compaction")
	}
}

// startFile starts an in-process server on state file path.
func startFile(t *testing.T, path string) *Server {
	t.Helper()
	o := testOpts()
	o.StatePath = path
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.closeJournal)
	return s
}

// A journal whose last line was cut short, or fails its checksum, loses
// only that write (never acknowledged), with a warning; damage before the
// last line is refused; entries a snapshot already holds are skipped.
func TestJournalTornTail(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s := startFile(t, path)
	must := func(code int, b []byte) {
		t.Helper()
		if code != http.StatusOK {
			t.Fatalf("%d %s", code, b)
		}
	}
	must(serve(s, "POST", "/public/api/projects/", map[string]any{"projectKey": "TORN", "name": "n"}))
	for _, n := range []string{"a", "b", "c"} {
		must(serve(s, "POST", "/public/api/projects/TORN/datasets/", map[string]any{"projectKey": "TORN", "name": n, "type": "Filesystem",
			"params": map[string]any{"connection": "filesystem_root", "path": "/" + n}}))
	}
	want := stateJSON(t, s)
	s.closeJournal()
	journal, err := os.ReadFile(path + journalSuffix)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(journal, []byte("\n"))
	if len(lines) != 6 || len(lines[5]) != 0 { // header, 4 writes, ""
		t.Fatalf("journal lines: %q", lines)
	}
	snapshot, _ := os.ReadFile(path)
	reset := func(j []byte) {
		t.Helper()
		if err := os.WriteFile(path, snapshot, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+journalSuffix, j, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The next write's line, as the process would have appended it.
	next := encodeEntry(5, []change{{[]string{"projects", "TORN", "datasets", "d"}, []byte(`{"name":"d"}`)}})
	badSum := bytes.Replace(next, []byte(`"sum":"`), []byte(`"sum":"0`), 1)
	for _, tc := range []struct {
		name string
		tail []byte
	}{
		{"cut in the middle", next[:len(next)/2]},
		{"no end of line", next[:len(next)-1]},
		{"bad checksum", badSum},
		{"zeros", make([]byte, 300)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reset(append(bytes.Clone(journal), tc.tail...))
			s2 := startFile(t, path)
			if len(s2.journal.warnings) != 1 || !strings.Contains(s2.journal.warnings[0], "torn last entry") {
				t.Fatalf("warnings: %q", s2.journal.warnings)
			}
			if got := stateJSON(t, s2); !bytes.Equal(got, want) {
				t.Fatalf("state after a torn tail:\n%s\nwant\n%s", got, want)
			}
			s2.closeJournal()
		})
	}
	t.Run("damage before the last line", func(t *testing.T) {
		damaged := bytes.Join([][]byte{lines[0], lines[1], lines[2][:10], []byte("\n"), lines[3], lines[4]}, nil)
		reset(damaged)
		o := testOpts()
		o.StatePath = path
		if _, err := New(o); err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Fatalf("damage in the middle: %v", err)
		}
	})
	t.Run("a header cut short", func(t *testing.T) {
		reset(lines[0][:5])
		s2 := startFile(t, path)
		if len(s2.journal.warnings) != 1 {
			t.Fatalf("warnings: %q", s2.journal.warnings)
		}
		s2.closeJournal()
	})
	t.Run("entries the snapshot holds", func(t *testing.T) {
		reset(journal)
		s2 := startFile(t, path) // compacts: the snapshot now holds writes 1-4
		s2.closeJournal()
		if seq := snapshotSeq(path); seq != 4 {
			t.Fatalf("snapshot seq %d", seq)
		}
		// A crash between the snapshot's rename and the journal's removal
		// leaves the old journal beside the new snapshot.
		if err := os.WriteFile(path+journalSuffix, journal, 0o600); err != nil {
			t.Fatal(err)
		}
		s3 := startFile(t, path)
		if got := stateJSON(t, s3); !bytes.Equal(got, want) || len(s3.journal.warnings) != 0 {
			t.Fatalf("state with a stale journal (warnings %q):\n%s", s3.journal.warnings, got)
		}
	})
	t.Run("a plain snapshot of format 1", func(t *testing.T) {
		compacted, err := os.ReadFile(path) // holds project TORN
		if err != nil {
			t.Fatal(err)
		}
		var st map[string]any
		if err := json.Unmarshal(compacted, &st); err != nil {
			t.Fatal(err)
		}
		delete(st, "stateFormat")
		delete(st, "journalSeq")
		old, _ := json.Marshal(st)
		if err := os.WriteFile(path, old, 0o600); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(path + journalSuffix)
		s2 := startFile(t, path)
		if got := stateJSON(t, s2); !bytes.Contains(got, []byte(`"TORN"`)) {
			t.Fatalf("format 1 state: %s", got)
		}
	})
}

// A random sequence of creates, updates, renames and deletes across
// projects and instance-level kinds: at every checkpoint the state loaded
// from the snapshot and journal equals the one in memory.
func TestJournalReplayEqualsMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := startFile(t, path)
	rng := rand.New(rand.NewSource(16))
	keys := []string{"RA", "RB", "RC"}
	pick := func(xs []string) string { return xs[rng.Intn(len(xs))] }
	names := []string{"d1", "d2", "d3", "d4"}
	ops := []func() (string, string, any){
		func() (string, string, any) {
			return "POST", "/public/api/projects/", map[string]any{"projectKey": pick(keys), "name": "p"}
		},
		func() (string, string, any) { return "DELETE", "/public/api/projects/" + pick(keys), nil },
		func() (string, string, any) {
			k := pick(keys)
			return "PUT", "/public/api/projects/" + k + "/metadata", map[string]any{"label": "L", "tags": []string{pick(names)}}
		},
		func() (string, string, any) {
			k := pick(keys)
			return "PUT", "/public/api/projects/" + k + "/variables", map[string]any{"standard": map[string]any{"v": rng.Intn(9)}, "local": map[string]any{}}
		},
		func() (string, string, any) {
			k, n := pick(keys), pick(names)
			return "POST", "/public/api/projects/" + k + "/datasets/", map[string]any{"projectKey": k, "name": n, "type": "Filesystem",
				"params": map[string]any{"connection": "filesystem_root", "path": "/" + n}}
		},
		func() (string, string, any) {
			k, n := pick(keys), pick(names)
			return "PUT", "/public/api/projects/" + k + "/datasets/" + n, map[string]any{"projectKey": k, "name": n, "type": "Filesystem",
				"params": map[string]any{"connection": "filesystem_root", "path": "/" + n}, "description": fmt.Sprint(rng.Intn(99))}
		},
		func() (string, string, any) {
			return "POST", "/public/api/projects/" + pick(keys) + "/actions/renameDataset", map[string]any{"oldName": pick(names), "newName": pick(names)}
		},
		func() (string, string, any) {
			return "DELETE", "/public/api/projects/" + pick(keys) + "/datasets/" + pick(names), nil
		},
		func() (string, string, any) {
			// Exposing a dataset to every project, so that the recipes
			// below may read it across projects.
			k, n := pick(keys), pick(names)
			var rules []any
			for _, target := range keys {
				rules = append(rules, map[string]any{"targetProject": target})
			}
			return "PUT", "/public/api/projects/" + k + "/settings", map[string]any{"exposedObjects": map[string]any{
				"objects": []any{map[string]any{"type": "DATASET", "localName": n, "rules": rules}}}}
		},
		func() (string, string, any) {
			// A recipe reading a dataset of another project: renaming that
			// dataset changes this project too.
			k, other := pick(keys), pick(keys)
			body := recipeBody("r"+pick(names), other+"."+pick(names), pick(names))
			body["recipePrototype"].(map[string]any)["projectKey"] = k
			return "POST", "/public/api/projects/" + k + "/recipes", body
		},
		func() (string, string, any) {
			k := pick(keys)
			body := createFolderBody(pick(names))
			body["projectKey"] = k
			return "POST", "/public/api/projects/" + k + "/managedfolders/", body
		},
		func() (string, string, any) {
			return "POST", "/public/api/admin/connections", map[string]any{"name": "c" + pick(names), "type": "PostgreSQL",
				"params": map[string]any{"password": "p" + pick(names)}}
		},
		func() (string, string, any) { return "DELETE", "/public/api/admin/connections/c" + pick(names), nil },
		func() (string, string, any) {
			return "POST", "/public/api/admin/groups/", map[string]any{"name": "g" + pick(names), "sourceType": "LOCAL"}
		},
		func() (string, string, any) { return "DELETE", "/public/api/admin/groups/g" + pick(names), nil },
		func() (string, string, any) {
			return "POST", "/public/api/admin/users/", map[string]any{"login": "u" + pick(names), "password": "pw", "sourceType": "LOCAL", "groups": []string{}}
		},
		func() (string, string, any) { return "DELETE", "/public/api/admin/users/u" + pick(names), nil },
		func() (string, string, any) {
			return "PUT", "/public/api/admin/variables", map[string]any{"v": rng.Intn(9)}
		},
		func() (string, string, any) {
			return "POST", "/public/api/project-folders/ROOT/children?name=" + pick(names), nil
		},
		func() (string, string, any) {
			return "POST", "/public/api/project-folders/ROOT/projects/" + pick(keys) + "/move?destination=ROOT", nil
		},
	}
	applied, failed := 0, 0
	for i := 1; i <= 600; i++ {
		method, p, body := ops[rng.Intn(len(ops))]()
		if code, _ := serve(s, method, p, body); code == http.StatusOK {
			applied++
		} else {
			failed++
		}
		if i%25 != 0 {
			continue
		}
		loaded, _, warnings, err := loadState(path)
		if err != nil || len(warnings) != 0 {
			t.Fatalf("after %d requests: load: %v %q", i, err, warnings)
		}
		got, _ := json.Marshal(loaded)
		want, _ := json.Marshal(s.Snapshot())
		if !bytes.Equal(got, want) {
			t.Fatalf("after %d requests the state loaded from disk differs from memory:\n%s\nwant\n%s", i, got, want)
		}
	}
	if applied < 200 {
		t.Fatalf("only %d of the random writes were accepted (%d refused)", applied, failed)
	}
	if p := s.Stats().Persist; p == nil || p.Writes == 0 || p.Writes > applied || p.Bytes == 0 {
		t.Fatalf("persist stats: %+v for %d writes accepted", p, applied)
	}
	s.closeJournal()
	before := stateJSON(t, s)
	s2 := startFile(t, path)
	if after := stateJSON(t, s2); !reflect.DeepEqual(before, after) {
		t.Fatalf("after a restart:\n%s\nwant\n%s", after, before)
	}
	t.Logf("%d writes accepted, %d refused, %d compactions", applied, failed, s.persisted.Compactions)
}

// The bytes persisted per dataset create no longer grow with the number
// of datasets: at 5,000 they stay within twice those at 500 (before the
// journal every write rewrote the whole state: about ten times as many
// bytes per write at 5,000 as at 500).
func TestJournalBytesPerWriteBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 5,500 datasets")
	}
	perWrite := func(n int) float64 {
		o := testOpts()
		o.checkTracking = false // hashes every project on every write
		o.noSync = true         // counts bytes: durability is tested elsewhere
		o.StatePath = filepath.Join(t.TempDir(), "state.json")
		s, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		defer s.closeJournal()
		for p := range 20 {
			if code, b := serve(s, "POST", "/public/api/projects/", map[string]any{"projectKey": fmt.Sprint("P", p), "name": "n"}); code != http.StatusOK {
				t.Fatalf("%d %s", code, b)
			}
		}
		for i := range n {
			key, name := fmt.Sprint("P", i%20), fmt.Sprint("dataset_", i)
			doc := map[string]any{"projectKey": key, "name": name, "type": "Filesystem",
				"params":      map[string]any{"connection": "filesystem_root", "path": "/bench/" + key + "/" + name},
				"description": "benchmark dataset " + name, "tags": []string{"bench"}}
			if code, b := serve(s, "POST", "/public/api/projects/"+key+"/datasets/", doc); code != http.StatusOK {
				t.Fatalf("%d %s", code, b)
			}
			doc["shortDesc"] = "set by the settings PUT"
			if code, b := serve(s, "PUT", "/public/api/projects/"+key+"/datasets/"+name, doc); code != http.StatusOK {
				t.Fatalf("%d %s", code, b)
			}
		}
		st := s.persistCounters()
		t.Logf("N=%d: %d writes, %d bytes, %.0f bytes per write, %d compactions", n, st.Writes, st.Bytes, float64(st.Bytes)/float64(st.Writes), st.Compactions)
		return float64(st.Bytes) / float64(st.Writes)
	}
	small, large := perWrite(500), perWrite(5000)
	if large > 2*small {
		t.Fatalf("bytes per write: %.0f at 5,000 datasets, %.0f at 500: more than twice", large, small)
	}
}
