package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// scaleResult is what one scale run measured.
type scaleResult struct {
	Datasets int
	Elapsed  time.Duration
	Persist  persistStats
}

// PerCreate is the wall time per dataset create (its POST and PUT).
func (r scaleResult) PerCreate() time.Duration { return r.Elapsed / time.Duration(r.Datasets) }

// BytesPerWrite is the bytes persisted per acknowledged write.
func (r scaleResult) BytesPerWrite() float64 {
	if r.Persist.Writes == 0 {
		return 0
	}
	return float64(r.Persist.Bytes) / float64(r.Persist.Writes)
}

// Share is the part of the wall time spent persisting. The writes hold
// the state lock while they persist, so this time is serial whatever the
// number of workers.
func (r scaleResult) Share() float64 { return r.Persist.Duration.Seconds() / r.Elapsed.Seconds() }

func (r scaleResult) String() string {
	return fmt.Sprintf("datasets=%d elapsed=%.2fs per_create=%.2fms writes=%d written=%.1fMB bytes_per_write=%.0f persist=%.2fs share=%.0f%% compactions=%d",
		r.Datasets, r.Elapsed.Seconds(), float64(r.PerCreate().Microseconds())/1000, r.Persist.Writes,
		float64(r.Persist.Bytes)/1e6, r.BytesPerWrite(), r.Persist.Duration.Seconds(), 100*r.Share(), r.Persist.Compactions)
}

// scaleRun creates 20 projects and n datasets over HTTP as the provider's
// create phase does (a POST then a PUT of the settings per dataset, 10 at
// a time like Terraform's default parallelism), with the state persisted
// to a file in dir or (dir "") not at all.
func scaleRun(tb testing.TB, n int, dir string) scaleResult {
	tb.Helper()
	opts := testOpts()
	opts.checkTracking = false // it hashes every project on every write: a test-only cost
	if dir != "" {
		opts.StatePath = filepath.Join(dir, "state.json")
	}
	rn, err := Start(opts)
	if err != nil {
		tb.Fatal(err)
	}
	defer rn.Close()
	base := rn.URL() + BasePath
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	send := func(method, path string, body any) error {
		js, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(js))
		req.SetBasicAuth(testAdmin, "")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
		}
		return nil
	}
	const projects, workers = 20, 10
	start := time.Now()
	for p := range projects {
		if err := send("POST", "/projects/", map[string]any{"projectKey": "P" + strconv.Itoa(p), "name": "Bench project"}); err != nil {
			tb.Fatal(err)
		}
	}
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				key, name := "P"+strconv.Itoa(i%projects), "dataset_"+strconv.Itoa(i)
				doc := map[string]any{
					"projectKey": key, "name": name, "type": "Filesystem",
					"params":     map[string]any{"connection": "filesystem_root", "path": "/bench/" + key + "/" + name},
					"formatType": "csv", "formatParams": map[string]any{"separator": ",", "style": "excel", "charset": "utf8"},
					"description": "benchmark dataset " + name, "tags": []string{"bench"},
				}
				err := send("POST", "/projects/"+key+"/datasets/", doc)
				if err == nil {
					doc["shortDesc"] = "set by the settings PUT"
					err = send("PUT", "/projects/"+key+"/datasets/"+name, doc)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for i := range n {
		select {
		case jobs <- i:
			continue
		case err := <-errs:
			close(jobs)
			wg.Wait()
			tb.Fatal(err)
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		tb.Fatal(err)
	default:
	}
	return scaleResult{Datasets: n, Elapsed: time.Since(start), Persist: rn.Server.persistCounters()}
}

// TestScaleMeasure prints the emulator's create-phase figures with and
// without persistence (DSS_EMULATOR_SCALE=500,5000 to run; it takes
// minutes at 5,000 without the journal).
func TestScaleMeasure(t *testing.T) {
	sizes := os.Getenv("DSS_EMULATOR_SCALE")
	if sizes == "" {
		t.Skip("set DSS_EMULATOR_SCALE=500,5000 to measure")
	}
	for _, f := range bytes.Split([]byte(sizes), []byte(",")) {
		n, err := strconv.Atoi(string(f))
		if err != nil {
			t.Fatal(err)
		}
		off := scaleRun(t, n, "")
		on := scaleRun(t, n, t.TempDir())
		t.Logf("persist=off %v", off)
		t.Logf("persist=on  %v", on)
	}
}
