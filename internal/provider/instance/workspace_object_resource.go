package instance

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	fwpath "github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWorkspaceObjectResource returns the dataiku_workspace_object resource.
func NewWorkspaceObjectResource() resource.Resource {
	return kit.NewResource[workspaceObjectModel](workspaceObjectKind{})
}

// workspaceObjectKind is one object of a workspace: a reference to a
// project's dataset, dashboard or wiki article, a Dataiku application, or
// an HTML link. DSS generates its id and has no GET of one object nor an
// update: every read is the workspace's list, and any change replaces it.
type workspaceObjectKind struct{}

type workspaceObjectModel struct {
	ID           types.String              `tfsdk:"id"`
	WorkspaceKey types.String              `tfsdk:"workspace_key"`
	Reference    *workspaceObjectReference `tfsdk:"reference"`
	AppID        types.String              `tfsdk:"app_id"`
	HTMLLink     *workspaceHTMLLink        `tfsdk:"html_link"`
}

type workspaceObjectReference struct {
	ProjectKey types.String `tfsdk:"project_key"`
	Type       types.String `tfsdk:"type"`
	ID         types.String `tfsdk:"id"`
}

type workspaceHTMLLink struct {
	Name        types.String `tfsdk:"name"`
	URL         types.String `tfsdk:"url"`
	Description types.String `tfsdk:"description"`
}

// workspaceReferenceTypes are the types dataikuapi's add_object sends [V].
var workspaceReferenceTypes = []string{"DATASET", "DASHBOARD", "ARTICLE"}

// workspaceObjectIDPart is the id DSS gives an object; it is a path
// segment of its deletion [V], so it holds no slash.
var workspaceObjectIDPart = kit.ImportPart{Label: "object_id", Pattern: names.IDPattern, Rule: names.IDRule}

var workspaceObjectAddress = kit.Address[workspaceObjectModel]{
	TypeName: "dataiku_workspace_object",
	Path:     "workspaces/{workspace_key}/objects/{id}",
	Key: []kit.KeyPart[workspaceObjectModel]{
		{Attr: "workspace_key", ImportPart: kit.ImportPart{Label: "workspace_key", Pattern: names.WorkspaceKeyPattern, Rule: names.WorkspaceKeyRule},
			Field: func(m *workspaceObjectModel) *types.String { return &m.WorkspaceKey }, Doc: "The key of the workspace holding the object."},
		{Attr: "id", ImportPart: workspaceObjectIDPart, Field: func(m *workspaceObjectModel) *types.String { return &m.ID }, Doc: "The id DSS gave the object."},
	},
	// A workspace's key may hold dots, never a slash.
	Separator: "/",
	Example:   "the workspace's key, a slash, then the object's id as DSS lists it, e.g. SALES/aB3dE5fG",
	ID:        func(m *workspaceObjectModel) *types.String { return &m.ID },
	Generated: true,
	ParseKey: func(id string) ([]string, error) {
		key, objectID, ok := strings.Cut(id, "/")
		if !ok || !names.WorkspaceKeyPattern.MatchString(key) || !workspaceObjectIDPart.Pattern.MatchString(objectID) {
			return nil, fmt.Errorf("the import id is <workspace_key>/<object id> (e.g. SALES/aB3dE5fG), where the key must %s and the id must %s; got %q",
				names.WorkspaceKeyRule, names.IDRule, id)
		}
		return []string{key, objectID}, nil
	},
	LabelOf: func(m *workspaceObjectModel) string {
		if kit.Known(m.ID) {
			return fmt.Sprintf("dataiku_workspace_object %q", m.WorkspaceKey.ValueString()+"/"+m.ID.ValueString())
		}
		return fmt.Sprintf("dataiku_workspace_object %s in workspace %s", m.describe(), m.WorkspaceKey.ValueString())
	},
}

// describe names what the object shares, for messages.
func (m *workspaceObjectModel) describe() string {
	switch {
	case m.Reference != nil:
		return fmt.Sprintf("%s %s.%s", m.Reference.Type.ValueString(), m.Reference.ProjectKey.ValueString(), m.Reference.ID.ValueString())
	case m.HTMLLink != nil:
		return fmt.Sprintf("link %q", m.HTMLLink.URL.ValueString())
	}
	return fmt.Sprintf("app %q", m.AppID.ValueString())
}

func (workspaceObjectKind) Address() *kit.Address[workspaceObjectModel] {
	return &workspaceObjectAddress
}

func (workspaceObjectKind) Schema() schema.Schema {
	one := []fwpath.Expression{fwpath.MatchRoot("reference"), fwpath.MatchRoot("app_id"), fwpath.MatchRoot("html_link")}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	required := func(md string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Required: true, MarkdownDescription: md, Validators: v}
	}
	return schema.Schema{
		MarkdownDescription: "One object of a DSS workspace (`dataiku_workspace`): a project's dataset, dashboard or wiki article, " +
			"a Dataiku application, or an HTML link. Exactly one of `reference`, `app_id` and `html_link` is set. " +
			"DSS cannot change an object in a workspace: any change replaces it (removed, then added again). " +
			"Adding and removing objects needs a contributor of the workspace (`write`) or an administrator; sharing a project's object also needs " +
			"DSS's right to share that project's objects to workspaces. Import with `<workspace_key>/<object id>`.\n\n" +
			"**Refresh cost.** 1 API call (the workspace's list of objects).",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The id DSS gave the object."),
			"workspace_key": kit.RequiredReplacing("The key of the workspace holding the object. Changing it replaces the object.",
				workspaceKey.Validators()...),
			"reference": schema.SingleNestedAttribute{Optional: true,
				MarkdownDescription: "A project's object shared to the workspace (DSS's `reference`). Changing it replaces the object.",
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Validators:          []validator.Object{objectvalidator.ExactlyOneOf(one...)},
				Attributes: map[string]schema.Attribute{
					"project_key": required("Key of the project holding the object.", stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)),
					"type": required("The object's type, as DSS spells it: `DATASET`, `DASHBOARD` or `ARTICLE` (a wiki article). "+
						"A case variant of these is refused at plan time; any other non-empty value is passed to DSS, which judges it.",
						kit.KnownSpelling("workspace object type", workspaceReferenceTypes...)),
					"id": required("The object's name or id in its project: a dataset's name, a dashboard's or an article's id.",
						stringvalidator.LengthAtLeast(1)),
				}},
			"app_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The id of a Dataiku application shared to the workspace (DSS's `appId`). Changing it replaces the object.",
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.ExactlyOneOf(one...)}},
			"html_link": schema.SingleNestedAttribute{Optional: true,
				MarkdownDescription: "A link shown in the workspace (DSS's `htmlLink`). Changing it replaces the object.",
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Validators:          []validator.Object{objectvalidator.ExactlyOneOf(one...)},
				Attributes: map[string]schema.Attribute{
					"name": required("The link's name."),
					"url":  required("The link's URL."),
					"description": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The link's description. Default empty.",
						Default: stringdefault.StaticString("")},
				}},
		},
	}
}

// wire is the object as the add sends it.
func (m *workspaceObjectModel) wire() dss.WorkspaceObject {
	var o dss.WorkspaceObject
	switch {
	case m.Reference != nil:
		o.Reference = &dss.WorkspaceObjectReference{ProjectKey: m.Reference.ProjectKey.ValueString(), Type: m.Reference.Type.ValueString(),
			ID: m.Reference.ID.ValueString(), WorkspaceKey: m.WorkspaceKey.ValueString()}
	case m.HTMLLink != nil:
		o.HTMLLink = &dss.WorkspaceHTMLLink{Name: m.HTMLLink.Name.ValueString(), URL: m.HTMLLink.URL.ValueString(), Description: m.HTMLLink.Description.ValueString()}
	default:
		o.AppID = m.AppID.ValueString()
	}
	return o
}

// sameObject reports whether DSS's object shares what o does (the
// workspace's key in a reference is DSS's to fill).
func sameObject(got, o dss.WorkspaceObject) bool {
	switch {
	case o.Reference != nil:
		return got.Reference != nil && got.Reference.ProjectKey == o.Reference.ProjectKey && got.Reference.Type == o.Reference.Type && got.Reference.ID == o.Reference.ID
	case o.HTMLLink != nil:
		return got.HTMLLink != nil && got.HTMLLink.Name == o.HTMLLink.Name && got.HTMLLink.URL == o.HTMLLink.URL && got.HTMLLink.Description == o.HTMLLink.Description
	}
	return got.Reference == nil && got.HTMLLink == nil && got.AppID == o.AppID
}

// readWorkspaceObject is m's object as its workspace lists it, or
// AbsentFromListError.
func readWorkspaceObject(ctx context.Context, c *dss.Client, m *workspaceObjectModel) (*dss.WorkspaceObject, error) {
	key := m.WorkspaceKey.ValueString()
	objs, err := c.ListWorkspaceObjects(ctx, key)
	if err != nil {
		return nil, err
	}
	for i := range objs {
		if objs[i].ID == m.ID.ValueString() {
			return &objs[i], nil
		}
	}
	return nil, &kit.AbsentFromListError{ListPath: dss.APIPrefix + dss.WorkspaceObjectsPath(key)}
}

// Find, after an add whose answer was lost, looks for an object sharing
// what m plans: the last one the workspace lists (objects are listed in
// the order added [I]).
func (workspaceObjectKind) Find(ctx context.Context, c *dss.Client, m *workspaceObjectModel) (bool, error) {
	objs, err := c.ListWorkspaceObjects(ctx, m.WorkspaceKey.ValueString())
	if err != nil {
		return false, err
	}
	want := m.wire()
	for i := len(objs) - 1; i >= 0; i-- {
		if sameObject(objs[i], want) {
			m.ID = types.StringValue(objs[i].ID)
			return true, nil
		}
	}
	return false, nil
}

// Post adds the object; DSS's answer gives its id, or, when it does not
// hold one [I], the workspace's list does.
func (k workspaceObjectKind) Post(ctx context.Context, c *dss.Client, m *workspaceObjectModel) error {
	created, err := c.AddWorkspaceObject(ctx, m.WorkspaceKey.ValueString(), m.wire())
	if err != nil {
		return err
	}
	if created != nil {
		m.ID = types.StringValue(created.ID)
		return nil
	}
	found, err := k.Find(ctx, c, m)
	if err == nil && !found {
		err = fmt.Errorf("DSS added the object to workspace %s but does not list it", m.WorkspaceKey.ValueString())
	}
	return err
}

// Apply reads the object back: DSS has no update (every change replaces).
func (k workspaceObjectKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[workspaceObjectModel]) {
	op.Fail(k.Read(ctx, c, op.Plan, false))
}

// Read costs 1 GET (the workspace's list of objects).
func (workspaceObjectKind) Read(ctx context.Context, c *dss.Client, m *workspaceObjectModel, _ bool) error {
	o, err := readWorkspaceObject(ctx, c, m)
	if err != nil {
		return err
	}
	workspaceObjectFromDSS(o, m)
	return nil
}

// workspaceObjectFromDSS fills m from DSS's object.
func workspaceObjectFromDSS(o *dss.WorkspaceObject, m *workspaceObjectModel) {
	m.ID = types.StringValue(o.ID)
	m.Reference, m.HTMLLink, m.AppID = nil, nil, types.StringNull()
	switch {
	case o.Reference != nil:
		m.Reference = &workspaceObjectReference{ProjectKey: types.StringValue(o.Reference.ProjectKey),
			Type: types.StringValue(o.Reference.Type), ID: types.StringValue(o.Reference.ID)}
	case o.HTMLLink != nil:
		m.HTMLLink = &workspaceHTMLLink{Name: types.StringValue(o.HTMLLink.Name), URL: types.StringValue(o.HTMLLink.URL),
			Description: types.StringValue(o.HTMLLink.Description)}
	default:
		m.AppID = types.StringValue(o.AppID)
	}
}

// IsGone: the object is read from its workspace's list, whose not-found
// says the workspace, and so the object, is gone.
func (workspaceObjectKind) IsGone(err error, objectPath string) bool {
	return dss.IsGone(err, path.Dir(objectPath))
}
