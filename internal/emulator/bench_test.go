package emulator

import (
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
)

// benchServer is an emulator holding project BENCH with one Filesystem
// dataset, "orders", created through the API as the provider creates it.
func benchServer(b *testing.B) *Server {
	b.Helper()
	s, err := New(testOpts())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/public/api/projects/", map[string]any{"projectKey": "BENCH", "name": "Bench"}},
		{"/public/api/projects/BENCH/datasets/", map[string]any{
			"projectKey": "BENCH", "name": "orders", "type": "Filesystem",
			"params":     map[string]any{"connection": "filesystem_root", "path": "/bench/orders"},
			"formatType": "csv", "description": "dataset", "tags": []string{"bench"},
		}},
	} {
		if code, body := serve(s, http.MethodPost, c.path, c.body); code != http.StatusOK {
			b.Fatalf("POST %s: %d %s", c.path, code, body)
		}
	}
	return s
}

// benchDataset is the dataset the benchmarks read, as a refresh does.
const benchDataset = "/public/api/projects/BENCH/datasets/orders"

// BenchmarkGetDataset is the emulator's cost of answering the request a
// refresh sends per dataset (auth, routing, visibility check, copying and
// encoding the definition), without the network.
func BenchmarkGetDataset(b *testing.B) {
	s := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		if code, body := serve(s, http.MethodGet, benchDataset, nil); code != http.StatusOK {
			b.Fatalf("GET: %d %s", code, body)
		}
	}
}

// BenchmarkGetDatasetParallel is the same request from GOMAXPROCS
// goroutines at once, as Terraform's parallel refreshes send them: it
// shows whether the emulator's state lock serialises reads.
func BenchmarkGetDatasetParallel(b *testing.B) {
	s := benchServer(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if code, _ := serve(s, http.MethodGet, benchDataset, nil); code != http.StatusOK {
				b.Errorf("GET: %d", code)
				return
			}
		}
	})
}

// BenchmarkCreateDatasetPersisted is one dataset create with --state on,
// against a state already holding 500 or 5,000 datasets over 20 projects:
// its time and the bytes persisted per create (B-persisted/op) stay flat
// as the state grows, since a write journals only what it changed.
func BenchmarkCreateDatasetPersisted(b *testing.B) {
	for _, n := range []int{500, 5000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			o := testOpts()
			o.checkTracking = false
			o.StatePath = filepath.Join(b.TempDir(), "state.json")
			s, err := New(o)
			if err != nil {
				b.Fatal(err)
			}
			defer s.closeJournal()
			create := func(i int) {
				key := "P" + strconv.Itoa(i%20)
				code, body := serve(s, "POST", "/public/api/projects/"+key+"/datasets/", map[string]any{
					"projectKey": key, "name": "d" + strconv.Itoa(i), "type": "Filesystem",
					"params": map[string]any{"connection": "filesystem_root", "path": "/bench/" + strconv.Itoa(i)}, "tags": []string{"bench"}})
				if code != http.StatusOK {
					b.Fatalf("%d %s", code, body)
				}
			}
			for p := range 20 {
				if code, body := serve(s, "POST", "/public/api/projects/", map[string]any{"projectKey": "P" + strconv.Itoa(p), "name": "n"}); code != http.StatusOK {
					b.Fatalf("%d %s", code, body)
				}
			}
			for i := range n {
				create(i)
			}
			before := s.persistCounters()
			i := n
			for b.Loop() {
				create(i)
				i++
			}
			after := s.persistCounters()
			b.ReportMetric(float64(after.Bytes-before.Bytes)/float64(after.Writes-before.Writes), "B-persisted/op")
		})
	}
}
