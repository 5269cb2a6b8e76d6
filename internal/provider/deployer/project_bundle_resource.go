package deployer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectBundleResource returns the dataiku_project_bundle resource.
func NewProjectBundleResource() resource.Resource {
	return kit.NewResource[projectBundleModel](projectBundleKind{})
}

// projectBundleKind is a bundle exported from a design project: a
// snapshot of the project under an id the user chooses, optionally
// published to the Project Deployer. A bundle never changes: a new id is
// a new bundle.
type projectBundleKind struct{}

type projectBundleModel struct {
	ID                  types.String `tfsdk:"id"`
	ProjectKey          types.String `tfsdk:"project_key"`
	BundleID            types.String `tfsdk:"bundle_id"`
	Publish             types.Bool   `tfsdk:"publish"`
	PublishedProjectKey types.String `tfsdk:"published_project_key"`
	KeepOnDestroy       types.Bool   `tfsdk:"keep_on_destroy"`
}

var bundleIDPart = kit.ImportPart{Label: "bundle_id", Pattern: names.BundleIDPattern, Rule: names.BundleIDRule}

var projectBundleAddress = kit.Address[projectBundleModel]{
	TypeName: "dataiku_project_bundle",
	Path:     "projects/{project_key}/bundles/exported/{bundle_id}",
	Key: []kit.KeyPart[projectBundleModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *projectBundleModel) *types.String { return &m.ProjectKey }, Doc: "Key of the design project the bundle is exported from."},
		{Attr: "bundle_id", ImportPart: bundleIDPart, Field: func(m *projectBundleModel) *types.String { return &m.BundleID }, Doc: "The bundle's id."},
	},
	Example: "e.g. SALES.v1.2.0",
	ID:      func(m *projectBundleModel) *types.String { return &m.ID },
}

func (projectBundleKind) Address() *kit.Address[projectBundleModel] { return &projectBundleAddress }

func (projectBundleKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A bundle of a design project: a snapshot of the project (its Flow, scenarios, zones, variables and settings) " +
			"exported under an id you choose, typically a version number from a variable, and optionally published to the Project Deployer, " +
			"from where a `dataiku_project_deployment` deploys it to an automation node.\n\n" +
			"**A bundle never changes.** DSS snapshots the project when the bundle is exported; later changes to the project do not reach it. " +
			"Every argument but `keep_on_destroy` therefore replaces the bundle, and a new `bundle_id` is a new bundle: bump the id to release a change. " +
			"A published bundle cannot be replaced under the same `bundle_id` and published project: the deployer already holds that bundle, " +
			"which never changes, so such a plan is refused.\n\n" +
			"**Keeping older bundles.** Replacing a bundle deletes the old one from the design node (a published copy stays on the deployer, " +
			"where deployments use it). To keep the old bundles on the design node too, set `keep_on_destroy = true`: destroying the resource then " +
			"only forgets the bundle. Add `lifecycle { create_before_destroy = true }` so that the new bundle exists before the old one is let go. " +
			"To stop managing one bundle without deleting it, use a `removed` block with `lifecycle { destroy = false }`.\n\n" +
			"Import with `PROJECT_KEY.bundle_id`, e.g. `SALES.v1.2.0`.\n\n" +
			"**Refresh cost.** 1 API call (the project's bundle list).",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "`PROJECT_KEY.bundle_id`."},
			"project_key": kit.ParentProjectKeyAttribute("Key of the design project to export. Changing it replaces the bundle."),
			"bundle_id": kit.RequiredReplacing("The bundle's id, unique in its project, e.g. `v1.2.0`: it must "+names.BundleIDRule+" (DSS judges other characters). "+
				"DSS refuses an id already exported. Changing it exports a new bundle (replace).",
				stringvalidator.RegexMatches(names.BundleIDPattern, "must "+names.BundleIDRule)),
			"publish": kit.OptionalBool(false,
				"Publish the bundle to the Project Deployer (DSS *Publish on Deployer*), into `published_project_key`. "+
					"Defaults to `false`. Turning it on publishes the existing bundle in place; turning it off replaces the bundle "+
					"(DSS cannot unpublish; the deployer keeps its copy).",
				unpublishReplaces("bundle")),
			"published_project_key": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Key of the published project on the deployer to publish into; DSS creates it when none has that key. " +
					"When omitted, the design project's key. Changing it replaces the bundle.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)}},
			"keep_on_destroy": keepOnDestroyAttribute("bundle", "bundle_id"),
		},
	}
}

// Find looks for the bundle in the project's list (DSS serves no GET of
// one exported bundle).
func (projectBundleKind) Find(ctx context.Context, c *dss.Client, m *projectBundleModel) (bool, error) {
	_, err := c.GetExportedBundle(ctx, m.ProjectKey.ValueString(), m.BundleID.ValueString())
	if dss.IsGone(err, projectBundleAddress.ObjectPath(m)) {
		return false, nil
	}
	return err == nil, err
}

// Post exports the bundle. The export is a PUT, which the client retries
// after a lost answer, but DSS refuses a second export of an id: a refusal
// right after the kit found no such bundle is the first attempt's bundle,
// whose answer was lost. [I] Another client exporting the same id in that
// instant would be taken for it.
func (k projectBundleKind) Post(ctx context.Context, c *dss.Client, m *projectBundleModel) error {
	err := c.ExportBundle(ctx, m.ProjectKey.ValueString(), m.BundleID.ValueString(), "")
	var apiErr *dss.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && strings.Contains(apiErr.Text(), "already exists") {
		if found, ferr := k.Find(ctx, c, m); ferr == nil && found {
			return nil
		}
	}
	return err
}

func (k projectBundleKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectBundleModel]) {
	plan, prior := op.Plan, op.Prior
	if plan.Publish.ValueBool() && (prior == nil || !prior.Publish.ValueBool()) {
		key, id := plan.ProjectKey.ValueString(), plan.BundleID.ValueString()
		err := kit.PostChecked(func() error { return c.PublishBundle(ctx, key, id, plan.PublishedProjectKey.ValueString()) }, func() (bool, error) {
			b, err := c.GetExportedBundle(ctx, key, id)
			if err != nil {
				return false, err
			}
			return b.PublishedProjectKey != nil && *b.PublishedProjectKey != "", nil
		})
		if op.Fail(err) {
			return
		}
	}
	op.Fail(k.Read(ctx, c, plan, false))
}

// Read costs 1 GET (the project's bundle list).
func (projectBundleKind) Read(ctx context.Context, c *dss.Client, m *projectBundleModel, imported bool) error {
	b, err := c.GetExportedBundle(ctx, m.ProjectKey.ValueString(), m.BundleID.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(projectBundleAddress.ImportID(m))
	published := b.PublishedProjectKey != nil && *b.PublishedProjectKey != ""
	m.Publish = types.BoolValue(published)
	if published {
		pk := *b.PublishedProjectKey
		// Omitted means the project's own key: keep it omitted then.
		if kit.Known(m.PublishedProjectKey) || pk != m.ProjectKey.ValueString() {
			m.PublishedProjectKey = types.StringValue(pk)
		}
	}
	keptOnDestroy(&m.KeepOnDestroy)
	return nil
}

// StateOnlyAttrs: keep_on_destroy steers what the provider does at
// destroy and is never sent to DSS; a change of it alone plans and
// applies without DSS.
func (projectBundleKind) StateOnlyAttrs() []string { return []string{"keep_on_destroy"} }

// Delete deletes the exported bundle unless keep_on_destroy.
func (projectBundleKind) Delete(ctx context.Context, c *dss.Client, m *projectBundleModel) error {
	if keptOnDestroy(&m.KeepOnDestroy) {
		return nil
	}
	return c.DeleteExportedBundle(ctx, m.ProjectKey.ValueString(), m.BundleID.ValueString())
}

// unpublishReplaces is the plan modifier of a design-node object's
// publish (a bundle's, an API service package's): DSS cannot unpublish,
// so turning publish off replaces the object; turning it on is in place.
func unpublishReplaces(object string) planmodifier.Bool {
	msg := "Unpublishing replaces the " + object + "."
	return boolplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = req.StateValue.ValueBool() && !req.PlanValue.ValueBool()
	}, msg, msg)
}

// keepOnDestroyAttribute is the keep_on_destroy of a design-node object
// that a new idAttr replaces (a bundle, an API service package).
func keepOnDestroyAttribute(object, idAttr string) schema.BoolAttribute {
	return kit.OptionalBool(false,
		"When `true`, destroying the resource (or replacing it with a new `"+idAttr+"`) leaves the "+object+" on the design node "+
			"and only removes it from the state. Defaults to `false`. Changes in place, without a call to DSS.")
}

// keptOnDestroy is the keep_on_destroy rule of those objects, for their
// Read and their Delete: it reports whether destroying leaves the object
// on the design node, and sets a null or unknown keep_on_destroy (an
// import's: DSS does not know it) to its default, false.
func keptOnDestroy(keep *types.Bool) bool {
	if keep.IsNull() || keep.IsUnknown() {
		*keep = types.BoolValue(false)
	}
	return keep.ValueBool()
}

// republishRule is the plan-time refusal shared by the design-node
// objects published to a deployer under their id (a bundle, an API
// service package). A published version never changes and DSS cannot
// unpublish: replacing a published object whose id and publication
// target stay the same deletes only the design node's copy, makes it
// again and publishes it again, which DSS refuses ("Version v1.0 already
// exists in API service ...", "Bundle v1.0 is already published in ...")
// after the new object was made, leaving it tainted on every apply.
type republishRule struct {
	object string // "package", "bundle"
	idAttr string // the object's id, its version: "package_id"
	// target names where the object is published; defaultTarget is
	// DSS's default when target is omitted.
	target, defaultTarget string
	holder, held          string // "the API Deployer's service", "version"
	// replacing are the arguments other than publish whose change
	// replaces the object.
	replacing []string
}

// check refuses the plan when it replaces a published object that stays
// published under the same id to the same target. The framework gives a
// resource's ModifyPlan an empty resp.RequiresReplace (v1.19 collects the
// attributes' RequiresReplace apart and appends the resource's after it),
// so the replacement is found here from the arguments that cause it.
// Anything unknown accepts: the apply will tell.
func (r republishRule) check(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var priorPub, planPub types.Bool
	var priorID, planID types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("publish"), &priorPub)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("publish"), &planPub)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(r.idAttr), &priorID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(r.idAttr), &planID)...)
	if resp.Diagnostics.HasError() || !priorPub.ValueBool() || !planPub.ValueBool() || !kit.Known(planID) || !planID.Equal(priorID) {
		return
	}
	priorTarget, known := r.targetOf(ctx, req.State.GetAttribute)
	planTarget, planKnown := r.targetOf(ctx, req.Plan.GetAttribute)
	if !known || !planKnown || priorTarget != planTarget {
		return
	}
	for _, a := range r.replacing {
		var prior, planned types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(a), &prior)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(a), &planned)...)
		if planned.IsUnknown() || planned.Equal(prior) {
			continue
		}
		resp.Diagnostics.AddAttributeError(path.Root(a), "A published "+r.object+" cannot be replaced under the same "+r.idAttr,
			fmt.Sprintf("Changing %s replaces the %s, published as %s %s of %s %s, which already holds that %s: a published %s never changes, "+
				"and DSS refuses to publish it again. Bump `%s` (e.g. a new version) to release the change.",
				a, r.object, r.held, planID.ValueString(), r.holder, planTarget, r.held, r.held, r.idAttr))
		return
	}
}

// targetOf is where the object is (to be) published, and whether that is
// known.
func (r republishRule) targetOf(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) (string, bool) {
	var target, def types.String
	if get(ctx, path.Root(r.target), &target).HasError() || get(ctx, path.Root(r.defaultTarget), &def).HasError() || target.IsUnknown() {
		return "", false
	}
	if target.ValueString() != "" {
		return target.ValueString(), true
	}
	return def.ValueString(), kit.Known(def)
}

var bundleRepublishRule = republishRule{object: "bundle", idAttr: "bundle_id",
	target: "published_project_key", defaultTarget: "project_key",
	holder: "the Project Deployer's project", held: "bundle",
	replacing: []string{"project_key", "published_project_key"}}

// ModifyPlan refuses replacing a published bundle under the same id and
// published project (republishRule).
func (projectBundleKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	bundleRepublishRule.check(ctx, req, resp)
}
