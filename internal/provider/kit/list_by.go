package kit

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The List functions of the kinds whose objects come from one list
// request: a kind gives the request and how one element is shown (its
// key, its display name, whether the filters keep it); the kit derives
// the loop, the stop when Terraform has enough, and the error that names
// the list.

// ListFunc is a ListKind's List for filters F.
type ListFunc[F any] func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error

// ListBy is the List of a kind whose objects all come from one list
// request: what names that list in errors ("users (GET /admin/users/,
// admin only)"), request sends it (a client's method, hence the receiver
// first), and listed turns one element into what the list emits, or
// leaves it out with ok false (the key's own user, a filter).
func ListBy[T, F any](what string, request func(c *dss.Client, ctx context.Context) ([]T, error),
	listed func(l *Lister, f *F, x T) (item Listed, ok bool),
) ListFunc[F] {
	return func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error {
		elements, err := request(l.C, ctx)
		if err != nil {
			return Listing(what, err)
		}
		for _, x := range elements {
			if item, ok := listed(l, f, x); ok && !emit(item) {
				return nil
			}
		}
		return nil
	}
}

// ParentWalk is the List of a kind listed parent by parent (a plugin's
// presets, a workspace's objects, a project's library files): the parent
// the filters name, or else every parent the parents' list request
// answers; then each parent's children, from one request a parent.
type ParentWalk[F, P, C any] struct {
	// Given is the filter naming one parent; null or empty walks them all.
	Given func(f *F) types.String
	// Parents names the parents' list request in errors ("plugins (GET
	// /plugins/)"); ListParents sends it and Key gives a parent's key.
	Parents     string
	ListParents func(c *dss.Client, ctx context.Context) ([]P, error)
	Key         func(P) string
	// Children names a parent's request in errors; ListChildren sends it.
	Children     func(key string) string
	ListChildren func(c *dss.Client, ctx context.Context, key string) ([]C, error)
	// Show is the Listed of one child of the parent key; keep false leaves
	// it out.
	Show func(key string, x C) (listed Listed, keep bool)
}

// List is the walk's ListFunc.
func (w ParentWalk[F, P, C]) List() ListFunc[F] {
	return func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error {
		keys := []string{Optional(w.Given(f))}
		if keys[0] == "" {
			parents, err := w.ListParents(l.C, ctx)
			if err != nil {
				return Listing(w.Parents, err)
			}
			keys = keys[:0]
			for _, p := range parents {
				keys = append(keys, w.Key(p))
			}
		}
		for _, key := range keys {
			children, err := w.ListChildren(l.C, ctx, key)
			if err != nil {
				return Listing(w.Children(key), err)
			}
			for _, x := range children {
				if listed, keep := w.Show(key, x); keep && !emit(listed) {
					return nil
				}
			}
		}
		return nil
	}
}

// InProjectFilters are the filters of a list inside one project: a
// struct that is, or embeds, InProjectListFilters.
type InProjectFilters interface{ Project() string }

// Project is the key of the project whose objects are listed.
func (f InProjectListFilters) Project() string { return f.ProjectKey.ValueString() }

// ListInProject is the List of a kind listed from one summary list of the
// filters' project (recipes, scenarios, flow zones), in DSS's order:
// request sends it (a client's method), and show gives one element's id
// in the project (its key is then the project's and this id), its display
// name, and keep false to leave it out (a filter, DSS's default zone).
// what names the objects in errors ("recipes").
func ListInProject[T any, F InProjectFilters](what string, request func(c *dss.Client, ctx context.Context, projectKey string) ([]T, error),
	show func(key string, f *F, x T) (id, display string, keep bool),
) ListFunc[F] {
	return func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error {
		key := (*f).Project()
		inProject := func(c *dss.Client, ctx context.Context) ([]T, error) { return request(c, ctx, key) }
		return ListBy(what+" of project "+key, inProject, func(_ *Lister, f *F, x T) (Listed, bool) {
			id, display, keep := show(key, f, x)
			return Listed{Key: []string{key, id}, Display: display}, keep
		})(ctx, l, f, emit)
	}
}

// ListEntriesInProject is the List of a kind whose objects are entries of
// one document of the filters' project (grants in its permissions, exposed
// objects in its settings): entries reads them with one request, and show
// gives an entry's key parts after the project key (nil: not an object
// the kind manages) and how it is displayed. An object DSS lists twice is
// emitted once, as the provider reads one resource for it.
func ListEntriesInProject[T any, F InProjectFilters](what string, entries func(ctx context.Context, c *dss.Client, projectKey string) ([]T, error),
	show func(x T) (parts []string, display string),
) ListFunc[F] {
	return func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error {
		key := (*f).Project()
		all, err := entries(ctx, l.C, key)
		if err != nil {
			return Listing(what+" of project "+key, err)
		}
		seen := map[string]bool{}
		for _, x := range all {
			parts, display := show(x)
			id := strings.Join(parts, "\x00")
			if parts == nil || seen[id] {
				continue
			}
			seen[id] = true
			if !emit(Listed{Key: append([]string{key}, parts...), Display: key + " / " + display}) {
				return nil
			}
		}
		return nil
	}
}

// ListDefinitions is the List of a kind whose project list holds whole
// definitions (datasets, managed folders): one request for the filters'
// project, the objects in the order of their ids, each emitted with its
// raw item so that its resource object costs no request of its own, as
// the kind's list refresh reads it. what names the objects in errors
// ("datasets"); show returns how one decoded object is displayed, and
// false to leave it out (the kind's filters). An item that cannot be
// decoded is emitted as Unreadable, whatever the filters.
func ListDefinitions[D any, F InProjectFilters](what string,
	list func(c *dss.Client, ctx context.Context, projectKey string) (*dss.Definitions, error),
	doc func(key, id string) dss.Document[D],
	show func(key string, f *F, id string, d *D) (display string, keep bool),
) ListFunc[F] {
	return func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error {
		key := (*f).Project()
		defs, err := list(l.C, ctx, key)
		if err != nil {
			return Listing(what+" of project "+key, err)
		}
		for _, id := range SortedKeys(defs.Items) {
			d, err := doc(key, id).Decode(defs.Items[id])
			if err != nil {
				if !emit(Listed{Key: []string{key, id}, Display: key + " / " + id, Unreadable: err}) {
					return nil
				}
				continue
			}
			if display, keep := show(key, f, id, d); keep && !emit(Listed{Key: []string{key, id}, Display: display, Item: defs.Items[id]}) {
				return nil
			}
		}
		return nil
	}
}
