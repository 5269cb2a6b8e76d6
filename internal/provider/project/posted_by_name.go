package project

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// postedByName is the lost-POST lookup of a kind whose ids DSS generates
// and whose names need not be unique (knowledge banks, retrieval-augmented
// LLMs, agents, agent tools, code studios, evaluation stores): a name is no
// key, so a lost answer adopts only an object of the planned name that
// was not there before the POST. Post lists the objects of that name first
// (post); FindPosted lists them again (findNamed).
type postedByName struct {
	// before holds the ids of the project's objects with the planned name
	// just before the create's POST; nil until listed. Not part of a
	// schema: the framework skips unexported fields.
	before map[string]bool
}

// listed reports whether the objects before the POST are known (a second
// POST, after a lost one that did nothing, keeps the first list).
func (p *postedByName) listed() bool { return p.before != nil }

// remember records the ids listed before the POST.
func (p *postedByName) remember(ids []string) {
	p.before = make(map[string]bool, len(ids))
	for _, id := range ids {
		p.before[id] = true
	}
}

// postedWhat names the kind in find's and oneNamed's errors: its type
// name, its noun and the noun's plural ("knowledge bank", "banks").
// listedBy, when set, says in lostPostDoc what lists the kind's objects,
// for a kind whose list data source is not its type name's plural.
type postedWhat struct{ typeName, noun, plural, listedBy string }

// find picks, among the ids now named like the planned object, the one
// that was not there before: one is the POST's; none means the POST did
// not take effect; several cannot be told apart, an error naming their
// import IDs.
func (p *postedByName) find(ids []string, what postedWhat, key, name string) (id string, found bool, err error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return p.before[id] })
	switch len(ids) {
	case 0:
		return "", false, nil
	case 1:
		return ids[0], true, nil
	}
	importIDs := make([]string, len(ids))
	for i, id := range ids {
		importIDs[i] = key + "." + id
	}
	return "", false, fmt.Errorf("the answer to the creation of %s %q in project %s was lost, and %d %s of that name appeared meanwhile (import IDs %s): "+
		"the provider cannot tell which one it created. Import the one to manage (terraform import %s.<name> <import ID>) and delete the other in DSS",
		what.noun, name, key, len(ids), what.plural, strings.Join(importIDs, ", "), what.typeName)
}

// idsNamed is the ids of items whose name is name, each item's name and id
// given by of.
func idsNamed[T any](items []T, name string, of func(T) (name, id string)) []string {
	var ids []string
	for _, it := range items {
		if n, id := of(it); n == name {
			ids = append(ids, id)
		}
	}
	return ids
}

// oneNamed is the id a data source reads by name, among the ids of the
// project's objects of that name (what.noun, what.plural): one is the
// id; none, or several (names need not be unique), is an error under
// summary, and ok is false.
func oneNamed(ids []string, what postedWhat, summary, key, name string, diags *diag.Diagnostics) (id string, ok bool) {
	switch len(ids) {
	case 0:
		diags.AddError(summary, fmt.Sprintf("Project %s has no %s named %q.", key, what.noun, name))
		return "", false
	case 1:
		return ids[0], true
	}
	diags.AddError(summary, fmt.Sprintf("Project %s has %d %s named %q (ids %s): read one by its id.", key, len(ids), what.plural, name, strings.Join(ids, ", ")))
	return "", false
}

// post is a create's POST for a kind of postedByName: it lists the ids of
// the objects of the planned name first (named), unless a POST before it
// already did, then creates (create answers the new id) and sets id to the
// new one.
func (p *postedByName) post(id *types.String, named func() ([]string, error), create func() (string, error)) error {
	if !p.listed() {
		ids, err := named()
		if err != nil {
			return err
		}
		p.remember(ids)
	}
	created, err := create()
	if err != nil {
		return err
	}
	*id = types.StringValue(created)
	return nil
}

// findNamed is FindPosted for a kind of postedByName: it lists the ids of
// the objects of the planned name again (named), picks the new one (find)
// and, when there is one, sets id to it. A found object is always ours:
// it was not there before the POST.
func (p *postedByName) findNamed(id *types.String, named func() ([]string, error), what postedWhat, key, name string) (found, ours bool, err error) {
	ids, err := named()
	if err != nil {
		return false, false, err
	}
	posted, found, err := p.find(ids, what, key, name)
	if found {
		*id = types.StringValue(posted)
	}
	return found, found, err
}

// idOrNamed is the id a data source reads by id or name: the configured
// id when known, otherwise the one object named name (named lists the
// ids of that name; oneNamed). ok is false when diags holds why not.
func idOrNamed(id types.String, named func() ([]string, error), what postedWhat, summary, key, name string, diags *diag.Diagnostics) (string, bool, error) {
	if kit.Known(id) {
		return id.ValueString(), true, nil
	}
	ids, err := named()
	if err != nil {
		return "", false, err
	}
	found, ok := oneNamed(ids, what, summary, key, name, diags)
	return found, ok, nil
}

// lostPostDoc is the paragraph of a resource's description that says what
// a lost answer to its create does (post, findNamed); what lists the
// objects is listedBy, or the kind's list data source, its type name's
// plural.
func (w postedWhat) lostPostDoc() string {
	listedBy := w.listedBy
	if listedBy == "" {
		listedBy = "`" + w.typeName + "s` lists them"
	}
	return "**A lost answer to the create.** The provider lists the project's " + w.plural + " just before its POST; when the answer is lost, it adopts " +
		"the one with the planned name that was not there before. With none, it sends the POST once more; with several, it stops with an error listing " +
		"their import IDs, so that you import the right one and delete the other. When DSS cannot be asked either, the apply fails with nothing in the state, " +
		"and the next apply creates one again: look for one of that name in the project first (" + listedBy + ") and import it if it is there.\n\n"
}

// listedNamed is the lookup by name of a kind of postedByName: the ids of
// the project's objects, listed by list, whose name is name (of gives an
// item's name and id).
func listedNamed[T any](list func(*dss.Client, context.Context, string) ([]T, error), of func(T) (name, id string)) func(ctx context.Context, c *dss.Client, projectKey, name string) ([]string, error) {
	return func(ctx context.Context, c *dss.Client, projectKey, name string) ([]string, error) {
		items, err := list(c, ctx, projectKey)
		if err != nil {
			return nil, err
		}
		return idsNamed(items, name, of), nil
	}
}

// settingsDoc is the one settings document that holds all a resource
// (model M) manages, for the kinds of postedByName written with a
// read-modify-write (agents, agent tools, knowledge banks,
// retrieval-augmented LLMs, evaluation stores): doc addresses it; toDSS
// and fromDSS convert it; free is the model's free-form HCL object
// (settings or params), whose planned value the apply keeps where DSS
// holds every written key.
type settingsDoc[M, D any] struct {
	doc     func(projectKey, id string) dss.Document[D]
	toDSS   func(ctx context.Context, plan *M, d *D) diag.Diagnostics
	fromDSS func(ctx context.Context, d *D, m *M) diag.Diagnostics
	free    func(m *M) *types.Dynamic
}

// apply is a kind's Apply: one read-modify-write of the document of the
// object id in project projectKey (no PUT when it already holds the plan),
// then a GET when something was written.
func (s settingsDoc[M, D]) apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[M], projectKey, id string) {
	plan := op.Plan
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[M, D]{
		Doc:     s.doc(projectKey, id),
		ToDSS:   func(d *D) diag.Diagnostics { return s.toDSS(ctx, plan, d) },
		FromDSS: func(d *D) diag.Diagnostics { return s.fromDSS(ctx, d, plan) },
		KeepPlanned: func(got, planned, written *M) {
			kit.HCLObjectKeepPlanned(s.free(got), *s.free(planned), *s.free(written))
		},
	})
}

// read is a kind's Read: 1 GET of the document, into m.
func (s settingsDoc[M, D]) read(ctx context.Context, c *dss.Client, m *M, projectKey, id string) error {
	d, err := s.doc(projectKey, id).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(s.fromDSS(ctx, d, m))
}

// docByIDOrName is the read of the data source of a kind of postedByName
// whose object is one settings document (agents, agent tools, knowledge
// banks, retrieval-augmented LLMs, evaluation stores): named lists the
// ids of a name, what names the kind in the errors, doc addresses the
// document, fromDSS fills the data source's model (M), and fresh, when
// set, is the model it fills (nil: the zero model).
type docByIDOrName[M, D any] struct {
	named   func(ctx context.Context, c *dss.Client, projectKey, name string) ([]string, error)
	what    postedWhat
	doc     func(projectKey, id string) dss.Document[D]
	fromDSS func(ctx context.Context, d *D, m *M) diag.Diagnostics
	fresh   func() M
}

// read replaces cfg (project projectKey, the configured id or name) with
// the object it names: the configured id, or the one object named name
// (idOrNamed, an error under summary otherwise), read with 1 GET.
func (r docByIDOrName[M, D]) read(ctx context.Context, c *dss.Client, cfg *M, projectKey string, id types.String, name, summary string, diags *diag.Diagnostics) error {
	found, ok, err := idOrNamed(id, func() ([]string, error) { return r.named(ctx, c, projectKey, name) }, r.what, summary, projectKey, name, diags)
	if err != nil || !ok {
		return err
	}
	d, err := r.doc(projectKey, found).Get(ctx, c)
	if err != nil {
		return err
	}
	var m M
	if r.fresh != nil {
		m = r.fresh()
	}
	diags.Append(r.fromDSS(ctx, d, &m)...)
	*cfg = m
	return nil
}
