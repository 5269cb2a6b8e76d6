package deployer

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAPIServicePackageResource returns the dataiku_api_service_package
// resource.
func NewAPIServicePackageResource() resource.Resource {
	return kit.NewResource[apiServicePackageModel](apiServicePackageKind{})
}

// apiServicePackageKind is a package (a version) of a design project's
// API service, optionally published to the API Deployer: the API
// services' dataiku_project_bundle. A package never changes: a new id is
// a new package.
type apiServicePackageKind struct{}

type apiServicePackageModel struct {
	ID                 types.String `tfsdk:"id"`
	ProjectKey         types.String `tfsdk:"project_key"`
	ServiceID          types.String `tfsdk:"service_id"`
	PackageID          types.String `tfsdk:"package_id"`
	ReleaseNotes       types.String `tfsdk:"release_notes"`
	Publish            types.Bool   `tfsdk:"publish"`
	PublishedServiceID types.String `tfsdk:"published_service_id"`
	KeepOnDestroy      types.Bool   `tfsdk:"keep_on_destroy"`
}

var (
	designServiceIDPart = kit.ImportPart{Label: "service_id", Pattern: names.APIServiceIDPattern, Rule: names.APIServiceIDRule}
	packageIDPart       = kit.ImportPart{Label: "package_id", Pattern: names.IDPattern, Rule: names.IDRule}
)

var apiServicePackageAddress = kit.Address[apiServicePackageModel]{
	TypeName: "dataiku_api_service_package",
	Path:     "projects/{project_key}/apiservices/{service_id}/packages/{package_id}",
	Key: []kit.KeyPart[apiServicePackageModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *apiServicePackageModel) *types.String { return &m.ProjectKey }, Doc: "Key of the design project holding the API service."},
		{Attr: "service_id", ImportPart: designServiceIDPart, Field: func(m *apiServicePackageModel) *types.String { return &m.ServiceID }, Doc: "The API service's id in the project."},
		{Attr: "package_id", ImportPart: packageIDPart, Field: func(m *apiServicePackageModel) *types.String { return &m.PackageID }, Doc: "The package's id (its version)."},
	},
	Example: "e.g. SALES.scoring.v1.2.0",
	ID:      func(m *apiServicePackageModel) *types.String { return &m.ID },
}

func (apiServicePackageKind) Address() *kit.Address[apiServicePackageModel] {
	return &apiServicePackageAddress
}

func (apiServicePackageKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A package of a design project's API service: the service (its endpoints, made in DSS's API Designer) " +
			"packaged as a version under an id you choose, and optionally published to a service of the API Deployer, " +
			"from where a `dataiku_api_deployment` deploys that version to an API infrastructure. The API services' counterpart of `dataiku_project_bundle`.\n\n" +
			"**A package never changes.** DSS packages the service as it is when the package is made; later changes to the service do not reach it. " +
			"Every argument but `keep_on_destroy` and turning `publish` on therefore replaces the package: bump `package_id` to release a change. " +
			"A published package cannot be replaced under the same `package_id` and published service: the deployer already holds that version, " +
			"which never changes, so such a plan is refused.\n\n" +
			"**Keeping older packages.** Replacing or destroying a package deletes it from the design node; a version published from it " +
			"stays on the API Deployer, where deployments use it (`dataiku_published_api_service` shows it among its `versions`). " +
			"To keep the old packages on the design node too, set `keep_on_destroy = true`, with `lifecycle { create_before_destroy = true }`.\n\n" +
			"Import with `PROJECT_KEY.service_id.package_id`, e.g. `SALES.scoring.v1.2.0`. DSS does not say where a package was published: " +
			"an import finds it published when the API Deployer's service of the same id holds its version, and reads `publish = false` otherwise.\n\n" +
			"**Refresh cost.** 1 API call (the package's summary), 2 when `publish` is on (and the published service's status).",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "`PROJECT_KEY.service_id.package_id`."},
			"project_key": kit.ParentProjectKeyAttribute("Key of the design project holding the API service. Changing it replaces the package."),
			"service_id": kit.RequiredReplacing("Id of the project's API service to package ("+names.APIServiceIDRule+"). "+
				"Changing it replaces the package.",
				stringvalidator.RegexMatches(names.APIServiceIDPattern, "must "+names.APIServiceIDRule)),
			"package_id": kit.RequiredReplacing("The package's id, its version, unique in the service, e.g. `v1.2.0`: it must "+names.IDRule+". "+
				"DSS refuses an id already packaged. Changing it makes a new package (replace).",
				kit.IDValidator),
			"release_notes": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The package's release notes, given when it is made. DSS cannot change them afterwards: changing them replaces the package.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"publish": kit.OptionalBool(false,
				"Publish the package to the API Deployer (DSS *Publish on Deployer*), as a version of the service `published_service_id`. "+
					"Defaults to `false`. Turning it on publishes the existing package in place; turning it off replaces the package "+
					"(DSS cannot unpublish; the deployer keeps its version).",
				unpublishReplaces("package")),
			"published_service_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Id of the API Deployer's service to publish into; DSS creates it when none has that id. " +
					"When omitted, `service_id`. Changing it replaces the package.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{kit.IDValidator}},
			"keep_on_destroy": keepOnDestroyAttribute("package", "package_id"),
		},
	}
}

func apiPackageSummaryPath(m *apiServicePackageModel) string {
	return apiServicePackageAddress.ObjectPath(m) + "/summary"
}

func (apiServicePackageKind) summary(ctx context.Context, c *dss.Client, m *apiServicePackageModel) (dss.Object, error) {
	return c.GetAPIServicePackageSummary(ctx, m.ProjectKey.ValueString(), m.ServiceID.ValueString(), m.PackageID.ValueString())
}

// Find reads the package's summary (DSS serves no GET of the package
// itself).
func (k apiServicePackageKind) Find(ctx context.Context, c *dss.Client, m *apiServicePackageModel) (bool, error) {
	_, err := k.summary(ctx, c, m)
	if dss.IsGone(err, apiPackageSummaryPath(m)) {
		return false, nil
	}
	return err == nil, err
}

// IsGone: DSS's not-found for the package's summary, which the refresh
// reads, is the package gone (the kit looks at the package's own path,
// which DSS does not serve).
func (apiServicePackageKind) IsGone(err error, objectPath string) bool {
	return dss.IsGone(err, objectPath+"/summary")
}

// Post makes the package. DSS refuses a second package of an id, so a
// POST whose answer was lost is checked by looking for the package before
// it is sent again.
func (k apiServicePackageKind) Post(ctx context.Context, c *dss.Client, m *apiServicePackageModel) error {
	return kit.PostChecked(func() error {
		return c.CreateAPIServicePackage(ctx, m.ProjectKey.ValueString(), m.ServiceID.ValueString(), m.PackageID.ValueString(), m.ReleaseNotes.ValueString())
	}, func() (bool, error) { return k.Find(ctx, c, m) })
}

// publishedServiceID is where the package is (to be) published: DSS's
// default is the design service's id.
func publishedServiceID(m *apiServicePackageModel) string {
	if kit.Known(m.PublishedServiceID) && m.PublishedServiceID.ValueString() != "" {
		return m.PublishedServiceID.ValueString()
	}
	return m.ServiceID.ValueString()
}

// isPublished reports whether the published service holds the package's
// version; a published service that does not exist holds none.
func isPublished(ctx context.Context, c *dss.Client, m *apiServicePackageModel) (bool, error) {
	id := publishedServiceID(m)
	st, err := c.GetPublishedAPIService(ctx, id)
	if dss.IsGone(err, dss.PublishedAPIServicePath(id)) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(st.Packages, func(p struct {
		ID string `json:"id"`
	}) bool {
		return p.ID == m.PackageID.ValueString()
	}), nil
}

func (k apiServicePackageKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[apiServicePackageModel]) {
	plan, prior := op.Plan, op.Prior
	if plan.Publish.ValueBool() && (prior == nil || !prior.Publish.ValueBool()) {
		err := kit.PostChecked(func() error {
			return c.PublishAPIServicePackage(ctx, plan.ProjectKey.ValueString(), plan.ServiceID.ValueString(), plan.PackageID.ValueString(),
				plan.PublishedServiceID.ValueString())
		}, func() (bool, error) { return isPublished(ctx, c, plan) })
		if op.Fail(err) {
			return
		}
	}
	op.Fail(k.Read(ctx, c, plan, false))
}

// Read costs 1 GET (the summary), plus 1 (the published service's light
// status) when the package is to be published or is being imported: DSS's
// summary does not say where a package was published. [I] A package
// published outside Terraform while publish is off is therefore not
// seen; publishing it then fails with DSS's refusal of a version the
// service already holds.
func (k apiServicePackageKind) Read(ctx context.Context, c *dss.Client, m *apiServicePackageModel, imported bool) error {
	sum, err := k.summary(ctx, c, m)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(apiServicePackageAddress.ImportID(m))
	// [I] DSS's summary holds the release notes the package was made
	// with; none (or empty) keeps the configuration's null. dataikuapi
	// documents the summary only as a dict: a summary without the key
	// says nothing of them, and the notes held stay (read as "", they
	// would replace the package on every plan).
	if notes, ok := sum["releaseNotes"].(string); ok && (notes != "" || kit.Known(m.ReleaseNotes)) {
		m.ReleaseNotes = types.StringValue(notes)
	}
	if imported || m.Publish.ValueBool() {
		published, err := isPublished(ctx, c, m)
		if err != nil {
			return err
		}
		m.Publish = types.BoolValue(published)
	}
	if m.Publish.IsNull() || m.Publish.IsUnknown() {
		m.Publish = types.BoolValue(false)
	}
	keptOnDestroy(&m.KeepOnDestroy)
	return nil
}

// StateOnlyAttrs: keep_on_destroy steers what the provider does at
// destroy and is never sent to DSS; a change of it alone plans and
// applies without DSS.
func (apiServicePackageKind) StateOnlyAttrs() []string { return []string{"keep_on_destroy"} }

// Delete deletes the design node's package unless keep_on_destroy. As a
// bundle's, the version published from it stays on the API Deployer:
// deployments may serve it, and the published service is its own resource.
func (apiServicePackageKind) Delete(ctx context.Context, c *dss.Client, m *apiServicePackageModel) error {
	if keptOnDestroy(&m.KeepOnDestroy) {
		return nil
	}
	return c.DeleteAPIServicePackage(ctx, m.ProjectKey.ValueString(), m.ServiceID.ValueString(), m.PackageID.ValueString())
}

var packageRepublishRule = republishRule{object: "package", idAttr: "package_id",
	target: "published_service_id", defaultTarget: "service_id",
	holder: "the API Deployer's service", held: "version",
	replacing: []string{"project_key", "service_id", "release_notes", "published_service_id"}}

// ModifyPlan refuses replacing a published package under the same id and
// published service (republishRule).
func (apiServicePackageKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	packageRepublishRule.check(ctx, req, resp)
}
