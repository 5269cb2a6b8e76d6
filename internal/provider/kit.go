package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The lifecycle kit: one implementation of create, read, update, delete and
// import that every resource configures with a kind. A kind declares its
// address (where its objects live and how they are named, address.go) and
// says how to create, write (syncDocument, kit_document.go) and read one
// DSS object type, plus how to find or delete it when its address does not
// say; the kit decides what Terraform sees: refusing to adopt an existing
// object, recovering a POST whose answer was lost, partial state after a
// failure, removal from state only when DSS says the object is gone, and
// import.
//
// M is the kind's resource model (the struct with tfsdk tags).

// kind describes one DSS object type to the kit.
type kind[M any] interface {
	// address declares where the kind's objects live and how they are
	// named: the kit derives from it labels, paths, identity, import and
	// (unless the kind has its own, kindWithDelete) delete.
	address() *address[M]
	schema() schema.Schema

	// post creates the object; for a server-generated id it sets it in m.
	// It may fail with a dss.OutcomeUnknownError: the kit then asks find.
	post(ctx context.Context, c *dss.Client, m *M) error
	// apply brings DSS to op.plan (op.prior is nil on create) with
	// read-modify-writes (syncDocument for a kind's main document), then
	// reads DSS back into op.plan. It reports every problem in op.diags,
	// DSS's errors with op.fail. When a step that changes identity (a
	// rename, a move) succeeds before a later one fails, it updates
	// op.prior's identity so that the partial state follows DSS.
	apply(ctx context.Context, c *dss.Client, op *applyOp[M])
	// read fills m from DSS, fetching what m manages, or everything DSS
	// has when imported (the state holds only what names the object: the
	// Read after an import, or after a create that failed before the rest
	// was recorded). It returns DSS's error unchanged.
	read(ctx context.Context, c *dss.Client, m *M, imported bool) error
}

// kindWithFind is a kind whose objects are not found by a GET of their
// address's path: by a natural key (a name in its parent) when DSS
// generates the id, which find then sets in m, or by a rule of its own.
// find answers found=false only when DSS says there is none.
type kindWithFind[M any] interface {
	find(ctx context.Context, c *dss.Client, m *M) (found bool, err error)
}

// find looks in DSS for the object m describes: the kind's way, or a GET
// of the object's path for a key the caller chooses.
func (r *kitResource[M]) find(ctx context.Context, m *M) (bool, error) {
	if k, ok := r.kind.(kindWithFind[M]); ok {
		return k.find(ctx, r.client, m)
	}
	a := r.kind.address()
	if a.generated {
		return false, fmt.Errorf("%s: a kind whose ids DSS generates must say how to find its objects", a.typeName)
	}
	return existsCheck(func() error { return r.client.Get(ctx, a.objectPath(m), nil, nil) })()
}

// kindWithDelete is a kind whose delete is more than a DELETE of its
// address's path (a query, a wait, several requests).
type kindWithDelete[M any] interface {
	delete(ctx context.Context, c *dss.Client, m *M) error
}

// applyOp is one create or update.
type applyOp[M any] struct {
	config tfsdk.Config
	plan   *M
	prior  *M // nil on create
	// planned is the plan as Terraform sent it, before apply changed plan.
	planned M
	// summary heads DSS's errors: "Cannot create dataiku_dataset …".
	summary string
	diags   diag.Diagnostics
}

// fail records err, DSS's answer to one of the apply's requests, and
// reports whether there was one.
func (op *applyOp[M]) fail(err error) bool {
	if err == nil {
		return false
	}
	addDSSError(&op.diags, op.summary, err)
	return true
}

// kindWithPlan and kindWithConfigValidation are the optional hooks a kind
// may have beyond the lifecycle.
type kindWithPlan interface {
	modifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithCallerPlan is for a kind whose plan depends on who the API key
// is; caller is what DSS said at Configure (nil when the provider was not
// configured yet).
type kindWithCallerPlan interface {
	modifyPlanAs(ctx context.Context, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithReadWarnings is a kind whose refresh can explain a change it
// found: prior is the state before the read, m after it.
type kindWithReadWarnings[M any] interface {
	readWarnings(ctx context.Context, c *dss.Client, prior, m *M) diag.Diagnostics
}

// kindWithGoneRule is a kind whose DSS says "this object does not exist"
// in a way dss.IsGone does not read as gone (code envs: a 500;
// connections: a 400 IllegalArgumentException). isGone
// must be as narrow as dss.IsGone: DSS's own answer for that very object.
type kindWithGoneRule interface {
	isGone(err error, objectPath string) bool
}

// gone reports whether err says the object at objectPath does not exist.
func (r *kitResource[M]) gone(err error, objectPath string) bool {
	if k, ok := r.kind.(kindWithGoneRule); ok && k.isGone(err, objectPath) {
		return true
	}
	return dss.IsGone(err, objectPath)
}

// kindWithListRefresh is a kind whose DSS list returns each object's
// whole definition, exactly as the object's own GET does: its Reads take
// their object from the project's list, fetched once per command (see
// list_refresh.go). readListed must decode the item with the same typed
// document as read's GET (dss.Document.Decode) and fill m the same way.
type kindWithListRefresh[M any] interface {
	// listed names m's object in its project's list: the project key and
	// the item's key (a dataset's name, a folder's id); "" for either
	// means the object cannot be looked up there.
	listed(m *M) (projectKey, item string)
	// list fetches the project's list of definitions.
	list(ctx context.Context, c *dss.Client, projectKey string) (*dss.Definitions, error)
	// readListed fills m from the object's list item, as read does from
	// the object's GET (imported: as after an import, for a list
	// resource's result, list_kit.go).
	readListed(ctx context.Context, m *M, item []byte, imported bool) error
}

// absentFromListError is a successful list of a project's objects that
// does not hold the object: it is gone, as with DSS's not-found.
type absentFromListError struct{ listPath string }

func (e *absentFromListError) Error() string {
	return "GET " + e.listPath + " lists the project's objects of this kind without it"
}

// kindRefusingDuplicates is a kind whose DSS refuses to create an object
// that already exists (its key in its parent is its identity: dss-api.md
// §6.2), so Create sends no existence check before the POST; a refused
// POST is followed by find, and an object found then gets the import hint.
// Without the check, an object found after a POST whose answer was lost
// may predate that POST: findPosted is find for that case, ours saying
// whether the object shows what the POST sent (and, when DSS records its
// creator and caller names a user, was created by that user), so that the
// kit adopts only its own.
type kindRefusingDuplicates[M any] interface {
	findPosted(ctx context.Context, c *dss.Client, caller *dss.AuthInfo, m *M) (found, ours bool, err error)
}

// kindWithProviderData is a kind that needs the provider's shared data
// (beyond the client), e.g. its per-project locks. Its configure is called
// from the resource's Configure, on the resource's own kind value.
type kindWithProviderData interface {
	configure(data *providerData)
}

// kindWithWalkPlan is a kind whose plan is judged against the other plans
// of the same walk (the singletons: one instance per configuration); data
// is the provider's configuration of this walk, nil before Configure.
type kindWithWalkPlan interface {
	modifyPlanInWalk(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithUpdateNote is a kind that remembers in the private state, from a
// failed update to the next refresh, what DSS's answers alone would hide
// (a code env's failed rebuild: DSS holds the new requirement lists, so a
// refresh would show no difference and the build would never be retried).
type kindWithUpdateNote[M any] interface {
	// noteKey is the note's private-state key.
	noteKey() string
	// noteAfterUpdate says, from the update's plan and prior state, whether
	// the note is now set (true) or cleared (false); keep leaves it as it
	// was.
	noteAfterUpdate(plan, prior *M, failed bool) (set, keep bool)
	// readNoted changes m, as read from DSS, while the note is set, and
	// says why.
	readNoted(m *M) diag.Diagnostics
}

type kindWithConfigValidation interface {
	validateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse)
}

// kindWithConfigPost is a kind whose create needs write-only values (a
// password): the plan holds them null, only the configuration has them.
// Its postWithConfig replaces post on create.
type kindWithConfigPost[M any] interface {
	postWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *M) error
}

// kitResource is a Terraform resource made of a kind.
type kitResource[M any] struct {
	kind   kind[M]
	client *dss.Client
	caller *dss.AuthInfo
	// lists is the configuration's list cache; nil with refresh_mode =
	// "object".
	lists *listRefresh
	// checks is the configuration's cache of check reads (precreate.go).
	checks *checkCache
	// data is the provider's configuration, for kinds that plan against
	// the rest of the walk.
	data *providerData
}

var (
	_ resource.ResourceWithConfigure      = (*kitResource[struct{}])(nil)
	_ resource.ResourceWithImportState    = (*kitResource[struct{}])(nil)
	_ resource.ResourceWithIdentity       = (*kitResource[struct{}])(nil)
	_ resource.ResourceWithModifyPlan     = (*kitResource[struct{}])(nil)
	_ resource.ResourceWithValidateConfig = (*kitResource[struct{}])(nil)
)

func newKitResource[M any](k kind[M]) resource.Resource { return &kitResource[M]{kind: k} }

func (r *kitResource[M]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.kind.address().typeName
	resp.ResourceBehavior.MutableIdentity = r.kind.address().renamedInPlace
}

// IdentitySchema is the address's key (identity.go).
func (r *kitResource[M]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.kind.address().identitySchema()
}

// keyAttrs are the attributes of the kind's key, for the tests that check
// the identity schema against the address.
func (r *kitResource[M]) keyAttrs() []string { return r.kind.address().keyAttrs() }

func (r *kitResource[M]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema()
}

func (r *kitResource[M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.caller = callerFromProviderData(req.ProviderData)
	r.lists = listsFromProviderData(req.ProviderData)
	if data, ok := req.ProviderData.(*providerData); ok {
		r.data = data
		r.checks = data.checks
	}
	if k, ok := r.kind.(kindWithProviderData); ok {
		if data, ok := req.ProviderData.(*providerData); ok {
			k.configure(data)
		}
	}
}

// importedKey is the private-state flag set when the state holds only
// what names the object: by ImportState, and by a create that failed
// after the object existed. The Read that follows reads everything DSS
// has, from the object itself (its own GET), never a list.
const importedKey = "imported"

// wrote tells the list cache that m's project is about to be written: no
// list read before the write may stand in for a GET after it. A kind
// outside any project (no project key in its address) stops list reads
// everywhere.
func (r *kitResource[M]) wrote(m *M) {
	if r.lists == nil {
		return
	}
	r.lists.wrote(r.kind.address().identity(m).project)
}

// readObject fills m from DSS: from the project's list when the kind has
// one and it may be used, from the object's own GET otherwise.
func (r *kitResource[M]) readObject(ctx context.Context, m *M, imported bool) error {
	k, ok := r.kind.(kindWithListRefresh[M])
	if !ok || r.lists == nil || imported {
		return r.kind.read(ctx, r.client, m, imported)
	}
	project, item := k.listed(m)
	if project == "" || item == "" {
		return r.kind.read(ctx, r.client, m, false)
	}
	answer, raw, listPath := r.lists.lookup(ctx, r.kind.address().typeName, project, item,
		func(ctx context.Context) (*dss.Definitions, error) { return k.list(ctx, r.client, project) })
	switch answer {
	case listFound:
		return k.readListed(ctx, m, raw, false)
	case listAbsent:
		return &absentFromListError{listPath: listPath}
	default:
		return r.kind.read(ctx, r.client, m, false)
	}
}

func (r *kitResource[M]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if refuseAdminOnly(r.kind, r.kind.address().typeName, r.caller, req, resp) {
		return
	}
	if k, ok := r.kind.(kindWithDSSPlanCheck); ok && r.client != nil {
		k.checkPlan(ctx, checkReader{r.client, r.checks, r.caller}, req, resp)
	}
	if k, ok := r.kind.(kindWithPlan); ok {
		k.modifyPlan(ctx, req, resp)
	}
	if k, ok := r.kind.(kindWithCallerPlan); ok {
		k.modifyPlanAs(ctx, r.caller, req, resp)
	}
	if k, ok := r.kind.(kindWithWalkPlan); ok {
		k.modifyPlanInWalk(ctx, r.data, req, resp)
	}
}

func (r *kitResource[M]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if k, ok := r.kind.(kindWithConfigValidation); ok {
		k.validateConfig(ctx, req, resp)
	}
}

func (r *kitResource[M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot create " + r.kind.address().label(&plan)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	// What only the apply can judge, checked before anything is written,
	// so that a refusal leaves nothing in DSS and nothing tainted
	// (precreate.go).
	if k, ok := r.kind.(kindWithPreCreate[M]); ok {
		k.checkBeforeCreate(ctx, checkReader{r.client, r.checks, r.caller}, &plan, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	planned := plan
	r.wrote(&plan)

	// Refuse to adopt an existing object silently: it may belong to
	// someone else, and destroying this resource would delete it. A kind
	// whose DSS refuses a duplicate POST itself skips the check (one
	// request fewer) and asks after a refusal instead.
	refusing, noCheck := r.kind.(kindRefusingDuplicates[M])
	if !noCheck {
		// On a copy: find sets the id DSS gave an object it finds, which
		// only the already-exists error is to show.
		existing := planned
		found, err := r.find(ctx, &existing)
		if err != nil {
			addDSSError(&resp.Diagnostics, summary, err)
			return
		}
		if found {
			r.alreadyExists(&existing, summary, &resp.Diagnostics)
			return
		}
	}

	// A lost answer: look before deciding; never replay blindly. After the
	// existence check, an object that exists now is ours; without it, the
	// kind tells ours (what the POST sent) from one that was there before.
	post := func() error { return r.kind.post(ctx, r.client, &plan) }
	if k, ok := r.kind.(kindWithConfigPost[M]); ok {
		post = func() error { return k.postWithConfig(ctx, r.client, req.Config, &plan) }
	}
	done := func() (bool, error) { return r.find(ctx, &plan) }
	foreign := false
	if noCheck {
		done = func() (bool, error) {
			found, ours, err := refusing.findPosted(ctx, r.client, r.caller, &plan)
			if err == nil && found && !ours {
				foreign = true // not ours to adopt, nor to create again
				return true, nil
			}
			return found, err
		}
	}
	err := postChecked(post, done)
	if foreign {
		r.alreadyExists(&plan, summary, &resp.Diagnostics)
		return
	}
	if err != nil && noCheck && !dss.IsOutcomeUnknown(err) && !isOutcomeStillUnknown(err) {
		// DSS refused the POST, so it wrote nothing. If the object exists,
		// that was the reason: say so as the existence check would have.
		existing := planned
		if found, ferr := r.find(ctx, &existing); ferr == nil && found {
			r.alreadyExists(&existing, summary, &resp.Diagnostics)
			return
		}
	}
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		if isOutcomeStillUnknown(err) {
			// It may exist: record what names it (Terraform marks the
			// resource tainted) so that the next apply deletes whatever is
			// there and creates it afresh, never leaving an orphan. An id
			// DSS generates is not known here; the next apply finds the
			// object by name and asks for an import.
			r.setPartialState(ctx, &plan, resp)
		}
		return
	}

	// The object exists from here on. If a follow-up write fails, the
	// state keeps what names it and Terraform marks the resource tainted,
	// so the next apply replaces it with the full configuration.
	op := &applyOp[M]{config: req.Config, plan: &plan, planned: planned, summary: summary}
	r.kind.apply(ctx, r.client, op)
	resp.Diagnostics.Append(op.diags...)
	if op.diags.HasError() {
		r.setPartialState(ctx, &plan, resp)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.kind.address().setObjectIdentity(ctx, &plan, resp.Identity, &resp.Diagnostics)
}

// alreadyExists reports that the object m names exists in DSS and is not
// this resource's, with how to import it.
func (r *kitResource[M]) alreadyExists(m *M, summary string, diags *diag.Diagnostics) {
	a := r.kind.address()
	id := a.identity(m).id
	diags.AddError(summary, fmt.Sprintf(
		"%s already exists in DSS. To manage it with Terraform, import it: "+
			"terraform import %s.<name> %s, or add an import block: import { to = %s.<name>  id = %q }.",
		a.label(m), a.typeName, id, a.typeName, id))
}

// createdByCaller reports whether an object DSS says creator created may
// be the caller's: yes unless both name a user and the users differ.
func createdByCaller(creator string, caller *dss.AuthInfo) bool {
	return creator == "" || caller == nil || caller.AssociatedDSSUser == "" || creator == caller.AssociatedDSSUser
}

// setPartialState is the state of a create that failed once the object
// may exist: only what names it, flagged for the next Read to read
// everything, as after an import.
func (r *kitResource[M]) setPartialState(ctx context.Context, m *M, resp *resource.CreateResponse) {
	r.setIdentity(ctx, m, &resp.State, &resp.Diagnostics)
	r.kind.address().setObjectIdentity(ctx, m, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
}

// setIdentity records the attributes that name the object, and nothing
// else, in a state that is being created. Without an id (one DSS generates,
// whose answer was lost) nothing is recorded: the state could not name the
// object.
func (r *kitResource[M]) setIdentity(ctx context.Context, m *M, st *tfsdk.State, diags *diag.Diagnostics) {
	identity := r.kind.address().identity(m)
	if identity.id == "" {
		return
	}
	for _, a := range identity.attrs {
		if a.value.IsNull() || a.value.IsUnknown() {
			continue
		}
		diags.Append(st.SetAttribute(ctx, path.Root(a.name), a.value)...)
	}
}

func (r *kitResource[M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Without a client the state cannot be checked: keeping it silently
	// would plan against what may no longer be in DSS.
	if !requireClient(r.client, &resp.Diagnostics, "Cannot read "+r.kind.address().label(&state)) {
		return
	}
	// The state's key is the identity from here on, also when the object
	// turns out to be gone: a state written before identities existed
	// gets one on its first refresh, with no plan change.
	r.kind.address().setObjectIdentity(ctx, &state, resp.Identity, &resp.Diagnostics)
	imported := false
	if flag, d := req.Private.GetKey(ctx, importedKey); !d.HasError() && len(flag) > 0 {
		imported = true
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	}
	label, objectPath := r.kind.address().label(&state), r.kind.address().objectPath(&state)
	prior := state
	if err := r.readObject(ctx, &state, imported); err != nil {
		var absent *absentFromListError
		if errors.As(err, &absent) || r.gone(err, objectPath) {
			resp.Diagnostics.AddWarning(label+" no longer exists",
				fmt.Sprintf("DSS says %s does not exist (it was deleted outside Terraform); it is removed from the state and the next apply will create it again. DSS answered: %s",
					label, dssErrorText(err)))
			resp.State.RemoveResource(ctx)
			return
		}
		addDSSError(&resp.Diagnostics, "Cannot read "+label, err)
		return
	}
	if k, ok := r.kind.(kindWithReadWarnings[M]); ok {
		resp.Diagnostics.Append(k.readWarnings(ctx, r.client, &prior, &state)...)
	}
	if k, ok := r.kind.(kindWithUpdateNote[M]); ok {
		note, d := req.Private.GetKey(ctx, k.noteKey())
		resp.Diagnostics.Append(d...)
		if len(note) > 0 && !resp.Diagnostics.HasError() {
			resp.Diagnostics.Append(k.readNoted(&state)...)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	r.kind.address().setObjectIdentity(ctx, &state, resp.Identity, &resp.Diagnostics)
}

func (r *kitResource[M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.noteUpdate(ctx, req, resp)
	var plan, prior M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot update " + r.kind.address().label(&prior)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	r.wrote(&prior)
	op := &applyOp[M]{config: req.Config, plan: &plan, prior: &prior, planned: plan, summary: summary}
	r.kind.apply(ctx, r.client, op)
	resp.Diagnostics.Append(op.diags...)
	if op.diags.HasError() {
		// The prior state, with whatever identity change went through:
		// the next plan shows the rest again.
		resp.Diagnostics.Append(resp.State.Set(ctx, &prior)...)
		r.kind.address().setObjectIdentity(ctx, &prior, resp.Identity, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.kind.address().setObjectIdentity(ctx, &plan, resp.Identity, &resp.Diagnostics)
}

// noteUpdate keeps the kind's note (kindWithUpdateNote) after an update,
// judged on the update's request: apply may have changed its copies.
func (r *kitResource[M]) noteUpdate(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	k, ok := r.kind.(kindWithUpdateNote[M])
	if !ok {
		return
	}
	var plan, prior M
	if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &prior).HasError() {
		return
	}
	set, keep := k.noteAfterUpdate(&plan, &prior, resp.Diagnostics.HasError())
	if keep {
		return
	}
	var value []byte
	if set {
		value = []byte(`true`)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, k.noteKey(), value)...)
}

func (r *kitResource[M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot delete " + r.kind.address().label(&state)
	if !requireClient(r.client, &resp.Diagnostics, summary) {
		return
	}
	r.wrote(&state)
	// Already gone is what a delete wants, when DSS says so of the object
	// itself: a not-found for another path (a parent's sub-document, a
	// build's future) leaves the object's fate unknown, an error.
	if err := r.delete(ctx, &state); err != nil && !r.gone(err, r.deletePath(&state)) {
		addDSSError(&resp.Diagnostics, summary, err)
	}
}

// kindWithDeletePath is a kind whose delete request goes to another path
// than objectPath: a project is read at projects/KEY/metadata and deleted
// at projects/KEY.
type kindWithDeletePath[M any] interface {
	deletePath(m *M) string
}

// deletePath is the path whose not-found answer to the delete means the
// object is gone.
func (r *kitResource[M]) deletePath(m *M) string {
	if k, ok := r.kind.(kindWithDeletePath[M]); ok {
		return k.deletePath(m)
	}
	return r.kind.address().objectPath(m)
}

// delete deletes m's object: the kind's own way, or a DELETE of its path.
func (r *kitResource[M]) delete(ctx context.Context, m *M) error {
	if k, ok := r.kind.(kindWithDelete[M]); ok {
		return k.delete(ctx, r.client, m)
	}
	return r.kind.address().deleteObject(ctx, r.client, m)
}

// ImportState imports by import ID, or by identity (an import block's
// identity, Terraform 1.12 and later): an identity is checked with the
// import ID's rules and turned into the ID it stands for, so that both
// import the same way.
func (r *kitResource[M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	a := r.kind.address()
	importID := req.ID
	if importID == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		id, err := a.importIDOfIdentity(ctx, *req.Identity)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import identity for "+a.typeName, sentence(err))
			return
		}
		importID = id
	}
	identity, err := a.importIdentity(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for "+a.typeName, sentence(err))
		return
	}
	for _, at := range identity.attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(at.name), at.value)...)
	}
	a.setImportedIdentity(ctx, identity, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
}

// parentProjectKeyAttribute is the project_key of an object inside a
// project: required, validated as DSS validates project keys, and
// replacing the object when it changes (DSS cannot move an object between
// projects). description says what changing it does for this kind.
func parentProjectKeyAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{Required: true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{stringvalidator.RegexMatches(projectKeyPattern, projectKeyRule)}}
}

// stableIDAttribute is a resource's computed id that does not change once
// the object exists: an update keeps the state's value in the plan instead
// of showing "(known after apply)".
func stableIDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}
