package kit

import (
	"context"
	"encoding/json"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Refresh from lists. A plan refreshes every resource with one Read each;
// against a real DSS the round trips dominate its time (issue 16). DSS's
// dataset and managed folder lists return whole definitions, so the first
// Read of such an object in a project fetches the project's list once and
// the other Reads of that project and kind take their object from it.
//
// The cache lives as long as one provider configuration: Terraform
// configures the provider once per command (per graph walk), so a list is
// never older than the command reading it. It is used only where it is as
// good as the object's own GET:
//   - never after a write (create, update, delete) to the project in this
//     process: the list may predate it (writes to objects outside any
//     project stop it everywhere);
//   - never for the Read that follows an import (the kit reads those with
//     the object's GET);
//   - never when the list request fails, whatever the reason (a non-admin
//     key without rights on the project, a network error): the failure is
//     handed to no Read; each Read sends its object's own GET, so the user
//     sees DSS's answer for that object. Only "use GETs for this project"
//     is remembered;
//   - memory is bounded: an item is held as raw bytes until its object is
//     read once, a project's list is released when every listed object has
//     been read, and the bytes held at once are capped (a list that does
//     not fit leaves its project to per-object GETs).
//
// Recipes and scenarios do not use it: their list items are summaries
// (no payload, no triggers or steps; dss-api.md §5.2, §5.3), so each keeps
// its own GET.

// refreshMode values of the provider's refresh_mode attribute.
const (
	RefreshModeList   = "list"
	RefreshModeObject = "object"
)

// DefaultListRefreshMaxBytes caps the list items held at once.
const DefaultListRefreshMaxBytes = 64 << 20

// listRefresh is one provider configuration's cache of project lists.
type listRefresh struct {
	maxBytes int64
	flight   singleflight.Group

	mu    sync.Mutex
	held  int64                  // bytes of the items held, all lists
	lists map[listKey]*listState // one per project and kind asked
	// written are the projects written to in this process; writtenAll is
	// a write outside any project.
	written    map[string]bool
	writtenAll bool
}

func NewListRefresh(maxBytes int64) *listRefresh {
	return &listRefresh{maxBytes: maxBytes, lists: map[listKey]*listState{}, written: map[string]bool{}}
}

// listKey names one list: a kind (its resource type) in a project.
type listKey struct{ kind, project string }

// listState is what is known of one list.
type listState struct {
	// perObject: the list is not to be used (its request failed, it did
	// not fit, or every item was read): Reads send their object's GET.
	perObject bool
	path      string                     // the list's API path, for messages
	items     map[string]json.RawMessage // listed objects not read yet
	read      map[string]bool            // listed objects read already
}

// ListAnswer is what the list says of one object.
type ListAnswer int

const (
	// ListNotUsed: ask the object's own GET.
	ListNotUsed ListAnswer = iota
	// ListFound: the item is the object's definition.
	ListFound
	// ListAbsent: a successful list does not hold the object: it is gone.
	ListAbsent
)

// Lookup answers for object id of the kind in project, fetching the
// project's list with fetch when no Read has yet. Concurrent lookups of the
// same list wait for one fetch. The item returned is handed out once:
// the list keeps no copy.
func (l *listRefresh) Lookup(ctx context.Context, kind, project, id string, fetch func(context.Context) (*dss.Definitions, error)) (ListAnswer, json.RawMessage, string) {
	key := listKey{kind, project}
	if answer, item, path, known := l.take(key, id); known {
		return answer, item, path
	}
	// The first lookup of the list fetches it; the others wait for it.
	// The result is stored by the fetch itself, so that a lookup arriving
	// after it finds the list stored rather than fetching again.
	_, _, _ = l.flight.Do(key.kind+"\x00"+key.project, func() (any, error) {
		if l.stored(key) {
			return nil, nil // stored between take and Do
		}
		defs, err := fetch(ctx)
		l.store(key, defs, err)
		return nil, nil
	})
	answer, item, path, _ := l.take(key, id)
	return answer, item, path
}

// take answers from the stored state of the list, if any.
func (l *listRefresh) take(key listKey, id string) (answer ListAnswer, item json.RawMessage, path string, known bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.writtenAll || l.written[key.project] {
		return ListNotUsed, nil, "", true
	}
	st, ok := l.lists[key]
	if !ok {
		return ListNotUsed, nil, "", false
	}
	if st.perObject || st.read[id] {
		// A second Read of the same object (not one Terraform makes in a
		// command) asks DSS again.
		return ListNotUsed, nil, "", true
	}
	item, ok = st.items[id]
	if !ok {
		return ListAbsent, nil, st.path, true
	}
	path = st.path
	delete(st.items, id)
	st.read[id] = true
	l.held -= int64(len(item))
	if len(st.items) == 0 {
		// Every listed object was read: release the list. Later Reads of
		// the project's objects (none in a normal command) send GETs.
		*st = listState{perObject: true}
	}
	return ListFound, item, path, true
}

func (l *listRefresh) stored(key listKey) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.lists[key]
	return ok
}

// store records the outcome of a list request.
func (l *listRefresh) store(key listKey, defs *dss.Definitions, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.writtenAll || l.written[key.project] {
		return // written while the list was in flight: it may predate the write
	}
	if err != nil || defs == nil {
		l.lists[key] = &listState{perObject: true}
		return
	}
	var size int64
	for _, item := range defs.Items {
		size += int64(len(item))
	}
	if l.held+size > l.maxBytes {
		l.lists[key] = &listState{perObject: true}
		return
	}
	l.held += size
	l.lists[key] = &listState{path: defs.Path, items: defs.Items, read: make(map[string]bool, len(defs.Items))}
}

// Wrote records a write to project ("" for a write outside any project)
// and drops the lists it may have made stale.
func (l *listRefresh) Wrote(project string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if project == "" {
		l.writtenAll = true
	} else {
		l.written[project] = true
	}
	for key, st := range l.lists {
		if project == "" || key.project == project {
			for _, item := range st.items {
				l.held -= int64(len(item))
			}
			delete(l.lists, key)
		}
	}
}

// HeldBytes is the size of the items held, for tests.
func (l *listRefresh) HeldBytes() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held
}
