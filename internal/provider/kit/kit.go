package kit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The lifecycle kit: one implementation of create, read, update, delete and
// import that every resource configures with a kind. A kind declares its
// address (where its objects live and how they are named, address.go) and
// says how to create, write (SyncDocument, kit_document.go) and read one
// DSS object type, plus how to find or delete it when its address does not
// say; the kit decides what Terraform sees: refusing to adopt an existing
// object, recovering a POST whose answer was lost, partial state after a
// failure, removal from state only when DSS says the object is gone, and
// import.
//
// M is the kind's resource model (the struct with tfsdk tags).

// kind describes one DSS object type to the kit.
type kind[M any] interface {
	// Address declares where the kind's objects live and how they are
	// named: the kit derives from it labels, paths, identity, import and
	// (unless the kind has its own, kindWithDelete) delete.
	Address() *Address[M]
	Schema() schema.Schema

	// Post creates the object; for a server-generated id it sets it in m.
	// It may fail with a dss.OutcomeUnknownError: the kit then asks find.
	Post(ctx context.Context, c *dss.Client, m *M) error
	// Apply brings DSS to op.Plan (op.Prior is nil on create) with
	// read-modify-writes (SyncDocument for a kind's main document), then
	// reads DSS back into op.Plan. It reports every problem in op.Diags,
	// DSS's errors with op.Fail. When a step that changes identity (a
	// rename, a move) succeeds before a later one fails, it updates
	// op.Prior's identity so that the partial state follows DSS.
	Apply(ctx context.Context, c *dss.Client, op *ApplyOp[M])
	// Read fills m from DSS, fetching what m manages, or everything DSS
	// has when imported (the state holds only what names the object: the
	// Read after an import, or after a create that failed before the rest
	// was recorded). It returns DSS's error unchanged.
	Read(ctx context.Context, c *dss.Client, m *M, imported bool) error
}

// kindWithFind is a kind whose objects are not found by a GET of their
// address's path: by a natural key (a name in its parent) when DSS
// generates the id, which find then sets in m, or by a rule of its own.
// find answers found=false only when DSS says there is none.
type kindWithFind[M any] interface {
	Find(ctx context.Context, c *dss.Client, m *M) (found bool, err error)
}

// Find looks in DSS for the object m describes: the kind's way, or a GET
// of the object's path for a key the caller chooses.
func (r *Resource[M]) Find(ctx context.Context, m *M) (bool, error) {
	if k, ok := r.Kind.(kindWithFind[M]); ok {
		return k.Find(ctx, r.Client, m)
	}
	a := r.Kind.Address()
	if a.Generated {
		return false, fmt.Errorf("%s: a kind whose ids DSS generates must say how to find its objects", a.TypeName)
	}
	return ExistsCheck(func() error { return r.Client.Get(ctx, a.ObjectPath(m), nil, nil) })()
}

// kindWithDelete is a kind whose delete is more than a DELETE of its
// address's path (a query, a wait, several requests).
type kindWithDelete[M any] interface {
	Delete(ctx context.Context, c *dss.Client, m *M) error
}

// KindKeptOnDestroy is a kind whose DSS API has no delete (user-defined
// meanings): destroying the resource only forgets the object, which stays
// in DSS. KeptOnDestroy is the warning that says so and where to delete
// it; the kit sends no request.
type KindKeptOnDestroy[M any] interface {
	KeptOnDestroy(m *M) (summary, detail string)
}

// ApplyOp is one create or update.
type ApplyOp[M any] struct {
	Config tfsdk.Config
	Plan   *M
	Prior  *M // nil on create
	// Planned is the plan as Terraform sent it, before apply changed plan.
	Planned M
	// Summary heads DSS's errors: "Cannot create dataiku_dataset …".
	Summary string
	Diags   diag.Diagnostics
}

// Fail records err, DSS's answer to one of the apply's requests, and
// reports whether there was one.
func (op *ApplyOp[M]) Fail(err error) bool {
	if err == nil {
		return false
	}
	AddDSSError(&op.Diags, op.Summary, err)
	return true
}

// kindWithPlan and kindWithConfigValidation are the optional hooks a kind
// may have beyond the lifecycle.
type kindWithPlan interface {
	ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithCallerPlan is for a kind whose plan depends on who the API key
// is; caller is what DSS said at Configure (nil when the provider was not
// configured yet).
type kindWithCallerPlan interface {
	ModifyPlanAs(ctx context.Context, caller *dss.AuthInfo, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithReadWarnings is a kind whose refresh can explain a change it
// found: prior is the state before the read, m after it.
type kindWithReadWarnings[M any] interface {
	ReadWarnings(ctx context.Context, c *dss.Client, prior, m *M) diag.Diagnostics
}

// KindWithGoneRule is a kind whose DSS says "this object does not exist"
// in a way dss.IsGone does not read as gone (code envs: a 500;
// connections: a 400 IllegalArgumentException). IsGone
// must be as narrow as dss.IsGone: DSS's own answer for that very object.
type KindWithGoneRule interface {
	IsGone(err error, objectPath string) bool
}

// gone reports whether err says the object at ObjectPath does not exist.
func (r *Resource[M]) gone(err error, objectPath string) bool {
	if k, ok := r.Kind.(KindWithGoneRule); ok && k.IsGone(err, objectPath) {
		return true
	}
	return dss.IsGone(err, objectPath)
}

// kindWithListRefresh is a kind whose DSS list returns each object's
// whole definition, exactly as the object's own GET does: its Reads take
// their object from the project's list, fetched once per command (see
// list_refresh.go). ReadListed must decode the item with the same typed
// document as read's GET (dss.Document.Decode) and fill m the same way.
type kindWithListRefresh[M any] interface {
	// Listed names m's object in its project's list: the project key and
	// the item's key (a dataset's name, a folder's id); "" for either
	// means the object cannot be looked up there.
	Listed(m *M) (projectKey, item string)
	// List fetches the project's list of definitions.
	List(ctx context.Context, c *dss.Client, projectKey string) (*dss.Definitions, error)
	// ReadListed fills m from the object's list item, as read does from
	// the object's GET (imported: as after an import, for a list
	// resource's result, list_kit.go).
	ReadListed(ctx context.Context, m *M, item []byte, imported bool) error
}

// AbsentFromListError is a successful list of a project's objects that
// does not hold the object: it is gone, as with DSS's not-found. Says,
// when set, replaces the message, for a successful answer of another
// shape that says the object is not there (a project's Git remote, whose
// GET answers without a url).
type AbsentFromListError struct{ ListPath, Says string }

func (e *AbsentFromListError) Error() string {
	if e.Says != "" {
		return e.Says
	}
	return "GET " + e.ListPath + " lists the project's objects of this kind without it"
}

// kindRefusingDuplicates is a kind whose DSS refuses to create an object
// that already exists (its key in its parent is its identity: dss-api.md
// §6.2), so Create sends no existence check before the POST; a refused
// POST is followed by find, and an object found then gets the import hint.
// Without the check, an object found after a POST whose answer was lost
// may predate that POST: FindPosted is find for that case, ours saying
// whether the object shows what the POST sent (and, when DSS records its
// creator and caller names a user, was created by that user), so that the
// kit adopts only its own.
type kindRefusingDuplicates[M any] interface {
	FindPosted(ctx context.Context, c *dss.Client, caller *dss.AuthInfo, m *M) (found, ours bool, err error)
}

// kindWithProviderData is a kind that needs the provider's shared data
// (beyond the client), e.g. its per-project locks. Its configure is called
// from the resource's Configure, on the resource's own kind value.
type kindWithProviderData interface {
	Configure(data *ProviderData)
}

// kindWithWalkPlan is a kind whose plan is judged against the other plans
// of the same walk (the singletons: one instance per configuration); data
// is the provider's configuration of this walk, nil before Configure.
type kindWithWalkPlan interface {
	ModifyPlanInWalk(ctx context.Context, data *ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// kindWithUpdateNote is a kind that remembers in the private state, from a
// failed update to the next refresh, what DSS's answers alone would hide
// (a code env's failed rebuild: DSS holds the new requirement lists, so a
// refresh would show no difference and the build would never be retried).
type kindWithUpdateNote[M any] interface {
	// NoteKey is the note's private-state key.
	NoteKey() string
	// NoteAfterUpdate says, from the update's plan and prior state, whether
	// the note is now set (true) or cleared (false); keep leaves it as it
	// was.
	NoteAfterUpdate(plan, prior *M, failed bool) (set, keep bool)
	// ReadNoted changes m, as read from DSS, while the note is set, and
	// says why.
	ReadNoted(m *M) diag.Diagnostics
}

type kindWithConfigValidation interface {
	ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse)
}

// KindWithConfigPost is a kind whose create needs write-only values (a
// password): the plan holds them null, only the configuration has them.
// Its PostWithConfig replaces post on create.
type KindWithConfigPost[M any] interface {
	PostWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *M) error
}

// Resource is a Terraform resource made of a kind.
type Resource[M any] struct {
	Kind   kind[M]
	Client *dss.Client
	caller *dss.AuthInfo
	// Lists is the configuration's list cache; nil with refresh_mode =
	// "object".
	Lists *listRefresh
	// checks is the configuration's cache of check reads (precreate.go).
	checks *CheckCache
	// data is the provider's configuration, for kinds that plan against
	// the rest of the walk.
	data *ProviderData
}

var (
	_ resource.ResourceWithConfigure      = (*Resource[struct{}])(nil)
	_ resource.ResourceWithImportState    = (*Resource[struct{}])(nil)
	_ resource.ResourceWithIdentity       = (*Resource[struct{}])(nil)
	_ resource.ResourceWithModifyPlan     = (*Resource[struct{}])(nil)
	_ resource.ResourceWithValidateConfig = (*Resource[struct{}])(nil)
)

func NewResource[M any](k kind[M]) resource.Resource { return &Resource[M]{Kind: k} }

func (r *Resource[M]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.Kind.Address().TypeName
	resp.ResourceBehavior.MutableIdentity = r.Kind.Address().RenamedInPlace
}

// IdentitySchema is the address's key (identity.go).
func (r *Resource[M]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.Kind.Address().identitySchema()
}

// KeyAttrs are the attributes of the kind's key, for the tests that check
// the identity schema against the address.
func (r *Resource[M]) KeyAttrs() []string { return r.Kind.Address().KeyAttrs() }

func (r *Resource[M]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.Kind.Schema()
}

func (r *Resource[M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.Client = ClientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.caller = callerFromProviderData(req.ProviderData)
	r.Lists = listsFromProviderData(req.ProviderData)
	if data, ok := req.ProviderData.(*ProviderData); ok {
		r.data = data
		r.checks = data.Checks
	}
	if k, ok := r.Kind.(kindWithProviderData); ok {
		if data, ok := req.ProviderData.(*ProviderData); ok {
			k.Configure(data)
		}
	}
}

// ImportedKey is the private-state flag set when the state holds only
// what names the object: by ImportState (importedByID), and by a create
// that failed after the object existed ("true"). The Read that follows
// reads everything DSS has, from the object itself (its own GET), never a
// list.
const ImportedKey = "imported"

// importedByID is ImportedKey's value after ImportState (a JSON string:
// private state holds JSON): the Read that follows reports an object DSS
// does not have as a wrong import ID, not as an object deleted outside
// Terraform.
const importedByID = `"import"`

// wrote tells the list cache that m's project is about to be written: no
// list read before the write may stand in for a GET after it. A kind
// outside any project (no project key in its address) stops list reads
// everywhere.
func (r *Resource[M]) wrote(m *M) {
	if r.Lists == nil {
		return
	}
	r.Lists.Wrote(r.Kind.Address().identity(m).Project)
}

// readObject fills m from DSS: from the project's list when the kind has
// one and it may be used, from the object's own GET otherwise.
func (r *Resource[M]) readObject(ctx context.Context, m *M, imported bool) error {
	k, ok := r.Kind.(kindWithListRefresh[M])
	if !ok || r.Lists == nil || imported {
		return r.Kind.Read(ctx, r.Client, m, imported)
	}
	project, item := k.Listed(m)
	if project == "" || item == "" {
		return r.Kind.Read(ctx, r.Client, m, false)
	}
	answer, raw, listPath := r.Lists.Lookup(ctx, r.Kind.Address().TypeName, project, item,
		func(ctx context.Context) (*dss.Definitions, error) { return k.List(ctx, r.Client, project) })
	switch answer {
	case ListFound:
		return k.ReadListed(ctx, m, raw, false)
	case ListAbsent:
		return &AbsentFromListError{ListPath: listPath}
	default:
		return r.Kind.Read(ctx, r.Client, m, false)
	}
}

func (r *Resource[M]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if refuseProtectedDestroy(ctx, r.Kind.Address().Label, req, resp) {
		return
	}
	planStateOnlyChange(stateOnlyAttrs(r.Kind), req, resp)
	planNoChangeAsPrior(req, resp)
	if refuseAdminOnly(r.Kind, r.Kind.Address().TypeName, r.caller, req, resp) {
		return
	}
	if k, ok := r.Kind.(kindWithDSSPlanCheck); ok && r.Client != nil {
		k.CheckPlan(ctx, CheckReader{r.Client, r.checks, r.caller}, req, resp)
	}
	if k, ok := r.Kind.(kindWithPlan); ok {
		k.ModifyPlan(ctx, req, resp)
	}
	if k, ok := r.Kind.(kindWithCallerPlan); ok {
		k.ModifyPlanAs(ctx, r.caller, req, resp)
	}
	if k, ok := r.Kind.(kindWithWalkPlan); ok {
		k.ModifyPlanInWalk(ctx, r.data, req, resp)
	}
}

func (r *Resource[M]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if k, ok := r.Kind.(kindWithConfigValidation); ok {
		k.ValidateConfig(ctx, req, resp)
	}
}

func (r *Resource[M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx = withWriteOnlySecrets(ctx, req.Config)
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot create " + r.Kind.Address().Label(&plan)
	if !RequireClient(r.Client, &resp.Diagnostics, summary) {
		return
	}
	// What only the apply can judge, checked before anything is written,
	// so that a refusal leaves nothing in DSS and nothing tainted
	// (precreate.go).
	if k, ok := r.Kind.(kindWithPreCreate[M]); ok {
		k.CheckBeforeCreate(ctx, CheckReader{r.Client, r.checks, r.caller}, &plan, &resp.Diagnostics)
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
	refusing, noCheck := r.Kind.(kindRefusingDuplicates[M])
	if !noCheck {
		// On a copy: find sets the id DSS gave an object it finds, which
		// only the already-exists error is to show.
		existing := planned
		found, err := r.Find(ctx, &existing)
		if err != nil {
			AddDSSError(&resp.Diagnostics, summary, err)
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
	post := func() error { return r.Kind.Post(ctx, r.Client, &plan) }
	if k, ok := r.Kind.(KindWithConfigPost[M]); ok {
		post = func() error { return k.PostWithConfig(ctx, r.Client, req.Config, &plan) }
	}
	done := func() (bool, error) { return r.Find(ctx, &plan) }
	foreign := false
	if noCheck {
		done = func() (bool, error) {
			found, ours, err := refusing.FindPosted(ctx, r.Client, r.caller, &plan)
			if err == nil && found && !ours {
				foreign = true // not ours to adopt, nor to create again
				return true, nil
			}
			return found, err
		}
	}
	err := PostChecked(post, done)
	if foreign {
		r.alreadyExists(&plan, summary, &resp.Diagnostics)
		return
	}
	if err != nil && noCheck && !dss.IsOutcomeUnknown(err) && !isOutcomeStillUnknown(err) {
		// DSS refused the POST, so it wrote nothing. If the object exists,
		// that was the reason: say so as the existence check would have.
		existing := planned
		if found, ferr := r.Find(ctx, &existing); ferr == nil && found {
			r.alreadyExists(&existing, summary, &resp.Diagnostics)
			return
		}
	}
	if err != nil {
		AddDSSError(&resp.Diagnostics, summary, err)
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
	op := &ApplyOp[M]{Config: req.Config, Plan: &plan, Planned: planned, Summary: summary}
	r.Kind.Apply(ctx, r.Client, op)
	resp.Diagnostics.Append(op.Diags...)
	if op.Diags.HasError() {
		r.setPartialState(ctx, &plan, resp)
		return
	}
	keepDeletionProtection(&plan, &planned)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.Kind.Address().setObjectIdentity(ctx, &plan, resp.Identity, &resp.Diagnostics)
}

// alreadyExists reports that the object m names exists in DSS and is not
// this resource's, with how to import it.
func (r *Resource[M]) alreadyExists(m *M, summary string, diags *diag.Diagnostics) {
	a := r.Kind.Address()
	// The import ID, not the id attribute: for an id DSS generates inside
	// a parent (a zone, a folder, an article) the id alone imports nothing.
	id := a.ImportID(m)
	diags.AddError(summary, fmt.Sprintf(
		"%s already exists in DSS. To manage it with Terraform, import it: "+
			"terraform import %s.<name> %s, or add an import block: import { to = %s.<name>  id = %q }.",
		a.Label(m), a.TypeName, id, a.TypeName, id))
}

// CreatedByCaller reports whether an object DSS says creator created may
// be the caller's: yes unless both name a user and the users differ.
func CreatedByCaller(creator string, caller *dss.AuthInfo) bool {
	return creator == "" || caller == nil || caller.AssociatedDSSUser == "" || creator == caller.AssociatedDSSUser
}

// setPartialState is the state of a create that failed once the object
// may exist: only what names it, flagged for the next Read to read
// everything, as after an import.
func (r *Resource[M]) setPartialState(ctx context.Context, m *M, resp *resource.CreateResponse) {
	r.setIdentity(ctx, m, &resp.State, &resp.Diagnostics)
	r.Kind.Address().setObjectIdentity(ctx, m, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, ImportedKey, []byte("true"))...)
}

// setIdentity records the attributes that name the object, and nothing
// else, in a state that is being created. Without an id (one DSS generates,
// whose answer was lost) nothing is recorded: the state could not name the
// object.
func (r *Resource[M]) setIdentity(ctx context.Context, m *M, st *tfsdk.State, diags *diag.Diagnostics) {
	identity := r.Kind.Address().identity(m)
	if identity.ID == "" {
		return
	}
	for _, a := range identity.Attrs {
		if a.Value.IsNull() || a.Value.IsUnknown() {
			continue
		}
		diags.Append(st.SetAttribute(ctx, path.Root(a.Name), a.Value)...)
	}
}

func (r *Resource[M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Without a client the state cannot be checked: keeping it silently
	// would plan against what may no longer be in DSS.
	if !RequireClient(r.Client, &resp.Diagnostics, "Cannot read "+r.Kind.Address().Label(&state)) {
		return
	}
	// The state's key is the identity from here on, also when the object
	// turns out to be gone: a state written before identities existed
	// gets one on its first refresh, with no plan change.
	r.Kind.Address().setObjectIdentity(ctx, &state, resp.Identity, &resp.Diagnostics)
	imported, byID := false, false
	if flag, d := req.Private.GetKey(ctx, ImportedKey); !d.HasError() && len(flag) > 0 {
		imported, byID = true, string(flag) == importedByID
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, ImportedKey, nil)...)
	}
	label, objectPath := r.Kind.Address().Label(&state), r.Kind.Address().ObjectPath(&state)
	prior := state
	if err := r.readObject(ctx, &state, imported); err != nil {
		var absent *AbsentFromListError
		if byID && (errors.As(err, &absent) || r.gone(err, objectPath)) {
			// Terraform's own message for this speaks of regions and
			// endpoints; the likely cause here is an ID that names the
			// object another way than DSS does (a name for an id).
			r.importedNothing(&state, err, &resp.Diagnostics)
			return
		}
		if errors.As(err, &absent) || r.gone(err, objectPath) {
			resp.Diagnostics.AddWarning(label+" no longer exists",
				fmt.Sprintf("DSS says %s does not exist (it was deleted outside Terraform); it is removed from the state and the next apply will create it again. DSS answered: %s",
					label, DSSErrorText(err)))
			resp.State.RemoveResource(ctx)
			return
		}
		AddDSSError(&resp.Diagnostics, "Cannot read "+label, err)
		return
	}
	keepDeletionProtection(&state, &prior)
	if k, ok := r.Kind.(kindWithReadWarnings[M]); ok {
		resp.Diagnostics.Append(k.ReadWarnings(ctx, r.Client, &prior, &state)...)
	}
	if k, ok := r.Kind.(kindWithUpdateNote[M]); ok {
		note, d := req.Private.GetKey(ctx, k.NoteKey())
		resp.Diagnostics.Append(d...)
		if len(note) > 0 && !resp.Diagnostics.HasError() {
			resp.Diagnostics.Append(k.ReadNoted(&state)...)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	r.Kind.Address().setObjectIdentity(ctx, &state, resp.Identity, &resp.Diagnostics)
}

func (r *Resource[M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx = withWriteOnlySecrets(ctx, req.Config)
	defer r.noteUpdate(ctx, req, resp)
	var plan, prior M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot update " + r.Kind.Address().Label(&prior)
	if onlyStateOnlyChanged(stateOnlyAttrs(r.Kind), req.Plan.Raw, req.State.Raw) {
		// Nothing for DSS (stateOnlyAttrs): no request, no read-back
		// (which, for a deployment, would run an update).
		resp.State.Raw = req.Plan.Raw
		r.Kind.Address().setObjectIdentity(ctx, &plan, resp.Identity, &resp.Diagnostics)
		return
	}
	if !RequireClient(r.Client, &resp.Diagnostics, summary) {
		return
	}
	r.wrote(&prior)
	op := &ApplyOp[M]{Config: req.Config, Plan: &plan, Prior: &prior, Planned: plan, Summary: summary}
	r.Kind.Apply(ctx, r.Client, op)
	resp.Diagnostics.Append(op.Diags...)
	if op.Diags.HasError() {
		// The prior state, with whatever identity change went through:
		// the next plan shows the rest again.
		resp.Diagnostics.Append(resp.State.Set(ctx, &prior)...)
		r.Kind.Address().setObjectIdentity(ctx, &prior, resp.Identity, &resp.Diagnostics)
		return
	}
	keepDeletionProtection(&plan, &op.Planned)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.Kind.Address().setObjectIdentity(ctx, &plan, resp.Identity, &resp.Diagnostics)
}

// noteUpdate keeps the kind's note (kindWithUpdateNote) after an update,
// judged on the update's request: apply may have changed its copies.
func (r *Resource[M]) noteUpdate(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	k, ok := r.Kind.(kindWithUpdateNote[M])
	if !ok {
		return
	}
	var plan, prior M
	if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &prior).HasError() {
		return
	}
	set, keep := k.NoteAfterUpdate(&plan, &prior, resp.Diagnostics.HasError())
	if keep {
		return
	}
	var value []byte
	if set {
		value = []byte(`true`)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, k.NoteKey(), value)...)
}

func (r *Resource[M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot delete " + r.Kind.Address().Label(&state)
	if refuseProtectedDelete(r.Kind.Address().Label(&state), &state, &resp.Diagnostics) {
		return
	}
	if k, ok := r.Kind.(KindKeptOnDestroy[M]); ok {
		resp.Diagnostics.AddWarning(k.KeptOnDestroy(&state))
		return
	}
	if !RequireClient(r.Client, &resp.Diagnostics, summary) {
		return
	}
	r.wrote(&state)
	// Already gone is what a delete wants, when DSS says so of the object
	// itself: a not-found for another path (a parent's sub-document, a
	// build's future) leaves the object's fate unknown, an error.
	if err := r.DeleteObject(ctx, &state); err != nil && !r.gone(err, r.DeletePath(&state)) {
		AddDSSError(&resp.Diagnostics, summary, err)
	}
}

// kindWithDeletePath is a kind whose delete request goes to another path
// than ObjectPath: a project is read at projects/KEY/metadata and deleted
// at projects/KEY.
type kindWithDeletePath[M any] interface {
	DeletePath(m *M) string
}

// DeletePath is the path whose not-found answer to the delete means the
// object is gone.
func (r *Resource[M]) DeletePath(m *M) string {
	if k, ok := r.Kind.(kindWithDeletePath[M]); ok {
		return k.DeletePath(m)
	}
	return r.Kind.Address().ObjectPath(m)
}

// DeleteObject deletes m's object: the kind's own way, or a DELETE of its path.
func (r *Resource[M]) DeleteObject(ctx context.Context, m *M) error {
	if k, ok := r.Kind.(kindWithDelete[M]); ok {
		return k.Delete(ctx, r.Client, m)
	}
	return r.Kind.Address().deleteObject(ctx, r.Client, m)
}

// ImportState imports by import ID, or by identity (an import block's
// identity, Terraform 1.12 and later): an identity is checked with the
// import ID's rules and turned into the ID it stands for, so that both
// import the same way.
func (r *Resource[M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	a := r.Kind.Address()
	importID := req.ID
	if importID == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		id, err := a.importIDOfIdentity(ctx, *req.Identity)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import identity for "+a.TypeName, sentence(err))
			return
		}
		importID = id
	}
	identity, err := a.ImportIdentity(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for "+a.TypeName, sentence(err))
		return
	}
	for _, at := range identity.Attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(at.Name), at.Value)...)
	}
	a.setImportedIdentity(ctx, identity, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, ImportedKey, []byte(importedByID))...)
}

// importedNothing reports an import whose ID names no object DSS has:
// the ID, the form that names the object, and DSS's answer. The summary
// names the type and the ID as the import block or command wrote them
// (the label would show the name, which an import does not know).
func (r *Resource[M]) importedNothing(m *M, err error, diags *diag.Diagnostics) {
	a := r.Kind.Address()
	form := ""
	labels := make([]string, 0, len(a.Key))
	for _, p := range a.Key {
		if p.ImportPart.Label != "" {
			labels = append(labels, p.ImportPart.Label)
		}
	}
	if len(labels) == len(a.Key) && a.Join == nil {
		form = " Its form is " + strings.Join(labels, a.sep())
		if a.Example != "" {
			form += " (" + a.Example + ")"
		}
		form += "."
	}
	id := a.ImportID(m)
	diags.AddError(fmt.Sprintf("Cannot import %s %q", a.TypeName, id), fmt.Sprintf(
		"DSS has no object with import ID %q, so there is nothing to import: check that the ID names an object that exists, "+
			"the way DSS names it.%s DSS answered: %s", id, form, DSSErrorText(err)))
}

// ParentProjectKeyAttribute is the project_key of an object inside a
// project: required, validated as DSS validates project keys, and
// replacing the object when it changes (DSS cannot move an object between
// projects). description says what changing it does for this kind.
func ParentProjectKeyAttribute(description string) schema.StringAttribute {
	return RequiredReplacing(description, stringvalidator.RegexMatches(ProjectKeyPattern, ProjectKeyRule))
}

// RequiredReplacing is a string attribute the configuration must set and
// that names or defines the object in a way DSS cannot change (a name DSS
// cannot rename, a type, a parent): changing it destroys the object and
// creates the new one. markdown says so for this kind; validators check
// the value at plan time.
func RequiredReplacing(markdown string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: markdown,
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}, Validators: validators}
}

// StableIDAttribute is a resource's computed id that does not change once
// the object exists: an update keeps the state's value in the plan instead
// of showing "(known after apply)".
func StableIDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// OptionalBool is a boolean attribute that the configuration may leave
// out to mean def (optional and computed, with def as its default): left
// out, it plans def (written to DSS when the attribute is one of DSS's,
// kept by the provider when it is the provider's own, such as
// drop_data_on_destroy), unlike an unmanaged attribute
// (UnmanagedWhenNull) that leaves DSS's value alone. modifiers are its
// plan modifiers, such as boolplanmodifier.RequiresReplace().
func OptionalBool(def bool, markdown string, modifiers ...planmodifier.Bool) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(def),
		MarkdownDescription: markdown, PlanModifiers: modifiers}
}

// OptionalString is OptionalBool for a string, with its validators.
func OptionalString(def, markdown string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(def),
		MarkdownDescription: markdown, Validators: validators}
}

// OptionalStringReplacing is OptionalString for a setting DSS cannot
// change once the object exists (a type, a mode): planning another value,
// the default included, replaces the object.
func OptionalStringReplacing(def, markdown string, validators ...validator.String) schema.StringAttribute {
	a := OptionalString(def, markdown, validators...)
	a.PlanModifiers = []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return a
}

// OptionalInt64 is OptionalBool for an integer, with its validators.
func OptionalInt64(def int64, markdown string, validators ...validator.Int64) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(def),
		MarkdownDescription: markdown, Validators: validators}
}
