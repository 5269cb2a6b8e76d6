package kit_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// fakeList returns a fetch answering defs (or err) and counting calls.
func fakeList(calls *atomic.Int32, defs map[string]string, err error) fetchFunc {
	return func(context.Context) (*dss.Definitions, error) {
		calls.Add(1)
		time.Sleep(10 * time.Millisecond) // long enough for concurrent lookups to pile up
		if err != nil {
			return nil, err
		}
		items := map[string]json.RawMessage{}
		for k, v := range defs {
			items[k] = json.RawMessage(v)
		}
		return &dss.Definitions{Path: "/public/api/projects/P/datasets/", Items: items}, nil
	}
}

// fetchFunc is a list request, as Lookup takes it.
type fetchFunc = func(context.Context) (*dss.Definitions, error)

// lookuper is what kit.NewListRefresh returns, as far as expectAnswer
// needs it.
type lookuper interface {
	Lookup(ctx context.Context, kind, project, id string, fetch fetchFunc) (kit.ListAnswer, json.RawMessage, string)
}

// expectAnswer fails the test unless l answers want for the object id
// of kind in project; when says at which point of the test.
func expectAnswer(t *testing.T, l lookuper, kind, project, id string, fetch fetchFunc, want kit.ListAnswer, when string) {
	t.Helper()
	if ans, _, _ := l.Lookup(context.Background(), kind, project, id, fetch); ans != want {
		t.Fatalf("%s.%s (%s) %s: answer %s, want %s", project, id, kind, when, answerNames[ans], answerNames[want])
	}
}

var answerNames = map[kit.ListAnswer]string{kit.ListNotUsed: "ListNotUsed", kit.ListFound: "ListFound", kit.ListAbsent: "ListAbsent"}

// Each item is handed out once; the list is released (held bytes back to
// zero, later lookups sent to the object's GET) once every listed object
// was read; an object missing from the list is absent.
func TestListRefresh_takeAndRelease(t *testing.T) {
	ctx := context.Background()
	l := kit.NewListRefresh(1 << 20)
	var calls atomic.Int32
	fetch := fakeList(&calls, map[string]string{"a": `{"name":"a"}`, "b": `{"name":"bb"}`}, nil)

	if ans, item, _ := l.Lookup(ctx, "dataiku_dataset", "P", "a", fetch); ans != kit.ListFound || string(item) != `{"name":"a"}` {
		t.Fatalf("a: %v %s", ans, item)
	}
	if got, want := l.HeldBytes(), int64(len(`{"name":"bb"}`)); got != want {
		t.Fatalf("held %d bytes after reading a, want %d (b only)", got, want)
	}
	if ans, _, path := l.Lookup(ctx, "dataiku_dataset", "P", "gone", fetch); ans != kit.ListAbsent || path != "/public/api/projects/P/datasets/" {
		t.Fatalf("gone: %v %q", ans, path)
	}
	// A second read of a: the object's own GET, never "absent".
	expectAnswer(t, l, "dataiku_dataset", "P", "a", fetch, kit.ListNotUsed, "read again")
	expectAnswer(t, l, "dataiku_dataset", "P", "b", fetch, kit.ListFound, "read first")
	if l.HeldBytes() != 0 {
		t.Fatalf("held %d bytes once every listed object was read", l.HeldBytes())
	}
	// Released: every later lookup goes to the object's GET, with no new
	// list request (a gone object's GET then says 404).
	for _, id := range []string{"a", "b", "gone"} {
		expectAnswer(t, l, "dataiku_dataset", "P", id, fetch, kit.ListNotUsed, "after release")
	}
	if calls.Load() != 1 {
		t.Fatalf("%d list requests, want 1", calls.Load())
	}
	// Another kind in the same project, or the same kind in another
	// project, is another list.
	l.Lookup(ctx, "dataiku_managed_folder", "P", "x", fetch)
	l.Lookup(ctx, "dataiku_dataset", "Q", "x", fetch)
	if calls.Load() != 3 {
		t.Fatalf("%d list requests, want 3", calls.Load())
	}
}

// Lists are capped in total: one that does not fit leaves its project to
// per-object GETs (fetched once, not again for each object).
func TestListRefresh_bound(t *testing.T) {
	ctx := context.Background()
	item := `{"name":"0123456789"}` // 21 bytes
	l := kit.NewListRefresh(50)
	var calls atomic.Int32
	two := fakeList(&calls, map[string]string{"a": item, "b": item}, nil)
	expectAnswer(t, l, "k", "P", "a", two, kit.ListFound, "read first")
	if l.HeldBytes() != 21 {
		t.Fatalf("held %d", l.HeldBytes())
	}
	// 21 held + 42 > 50: Q's list is not kept.
	for _, id := range []string{"a", "b", "missing"} {
		expectAnswer(t, l, "k", "Q", id, two, kit.ListNotUsed, "with no room for Q's list (the object's GET)")
	}
	if calls.Load() != 2 || l.HeldBytes() != 21 {
		t.Fatalf("%d list requests, %d bytes held", calls.Load(), l.HeldBytes())
	}
	// Reading P's last item frees room, but Q stays with GETs: its list
	// is not fetched again in this configuration.
	l.Lookup(ctx, "k", "P", "b", two)
	if l.HeldBytes() != 0 {
		t.Fatalf("held %d", l.HeldBytes())
	}
	l.Lookup(ctx, "k", "Q", "a", two)
	if calls.Load() != 2 {
		t.Fatalf("%d list requests", calls.Load())
	}
}

// Concurrent Reads of one project wait for one list request; a failed
// list request sends every Read to its object's GET, none is told the
// object is gone.
func TestListRefresh_concurrentAndFailure(t *testing.T) {
	ctx := context.Background()
	for _, failed := range []bool{false, true} {
		l := kit.NewListRefresh(1 << 20)
		var calls atomic.Int32
		defs := map[string]string{}
		// "unread" is listed but no lookup asks for it, so the list is never
		// released during the test: were it released (every listed object
		// read), a lookup of "missing" arriving after the eight others would
		// rightly be sent to the object's GET (ListNotUsed), and the answer
		// would depend on the goroutines' order.
		for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "unread"} {
			defs[id] = `{"name":"` + id + `"}`
		}
		var err error
		if failed {
			err = errors.New("GET /public/api/projects/P/datasets/: 403 UnauthorizedException")
		}
		fetch := fakeList(&calls, defs, err)
		var wg sync.WaitGroup
		answers := make([]kit.ListAnswer, 0, 9)
		var mu sync.Mutex
		for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "missing"} {
			wg.Go(func() {
				ans, _, _ := l.Lookup(ctx, "k", "P", id, fetch)
				mu.Lock()
				answers = append(answers, ans)
				mu.Unlock()
			})
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Fatalf("failed=%v: %d list requests for 9 concurrent Reads", failed, calls.Load())
		}
		count := map[kit.ListAnswer]int{}
		for _, a := range answers {
			count[a]++
		}
		want := map[kit.ListAnswer]int{kit.ListFound: 8, kit.ListAbsent: 1}
		if failed {
			want = map[kit.ListAnswer]int{kit.ListNotUsed: 9}
		}
		if len(count) != len(want) || count[kit.ListFound] != want[kit.ListFound] || count[kit.ListAbsent] != want[kit.ListAbsent] || count[kit.ListNotUsed] != want[kit.ListNotUsed] {
			t.Fatalf("failed=%v: answers %v, want %v", failed, count, want)
		}
	}
}

// After a write to a project its lists are dropped and never used again
// in this configuration; a write outside any project stops them all; a
// list in flight during a write is not kept.
func TestListRefresh_writes(t *testing.T) {
	ctx := context.Background()
	l := kit.NewListRefresh(1 << 20)
	var calls atomic.Int32
	fetch := fakeList(&calls, map[string]string{"a": `{"name":"a"}`, "b": `{"name":"b"}`}, nil)
	l.Lookup(ctx, "k", "P", "a", fetch)
	l.Lookup(ctx, "k", "Q", "a", fetch)
	l.Wrote("P")
	if l.HeldBytes() != int64(len(`{"name":"b"}`)) {
		t.Fatalf("held %d after dropping P's list", l.HeldBytes())
	}
	expectAnswer(t, l, "k", "P", "b", fetch, kit.ListNotUsed, "after a write to P")
	expectAnswer(t, l, "k", "Q", "b", fetch, kit.ListFound, "after a write to P")
	l.Wrote("")
	expectAnswer(t, l, "k", "R", "a", fetch, kit.ListNotUsed, "after a write outside projects")
	if calls.Load() != 2 {
		t.Fatalf("%d list requests", calls.Load())
	}

	// A write while the list request is in flight.
	l = kit.NewListRefresh(1 << 20)
	inFlight := func(context.Context) (*dss.Definitions, error) {
		l.Wrote("P")
		return &dss.Definitions{Items: map[string]json.RawMessage{"a": json.RawMessage(`{}`)}}, nil
	}
	if ans, _, _ := l.Lookup(ctx, "k", "P", "a", inFlight); ans != kit.ListNotUsed || l.HeldBytes() != 0 {
		t.Fatalf("list fetched across a write: %v, %d bytes held", ans, l.HeldBytes())
	}
}
