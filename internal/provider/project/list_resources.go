package project

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

type projectListFilters struct {
	ProjectKey      types.String   `tfsdk:"project_key"`
	Tags            []types.String `tfsdk:"tags"`
	ProjectFolderID types.String   `tfsdk:"project_folder_id"`
}

// globPattern checks a shell pattern (`*`, `?`, `[…]`) as path.Match
// reads it.
var globPattern = kit.StringCheck("a pattern where `*` matches any characters, `?` one character and `[…]` a class", func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	if _, err := path.Match(req.ConfigValue.ValueString(), ""); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid pattern",
			fmt.Sprintf("%q is not a valid pattern: `*` matches any characters, `?` one character, `[…]` a class of characters (a `[` must be closed).", req.ConfigValue.ValueString()))
	}
})

func NewProjectList() list.ListResource {
	return kit.NewList(kit.ListKind[projectResourceModel, projectListFilters]{
		Kind: &projectKind{},
		Description: "Lists the projects the API key can read, for `terraform query` and `-generate-config-out`." +
			kit.ListCost("1 request (`GET /projects/`), plus 1 with `project_folder_id`; the resource object (`include_resource`) costs a project's read for each."),
		Filters: map[string]listschema.Attribute{
			"project_key": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the projects whose key matches this pattern: `*` matches any characters, `?` one (`SALES_*`).",
				Validators:          []validator.String{globPattern}},
			"tags": kit.TagsFilter("projects"),
			"project_folder_id": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the projects directly in this project folder (its id; `ROOT` for the root)."},
		},
		List: func(ctx context.Context, l *kit.Lister, f *projectListFilters, emit func(kit.Listed) bool) error {
			projects, err := l.C.ListProjects(ctx)
			if err != nil {
				return kit.Listing("projects (GET /projects/)", err)
			}
			var inFolder []string
			folder := kit.Optional(f.ProjectFolderID)
			if folder != "" {
				pf, err := l.C.GetProjectFolder(ctx, folder)
				if err != nil {
					return kit.Listing("project folder "+folder, err)
				}
				inFolder = pf.ProjectKeys
			}
			pattern := kit.Optional(f.ProjectKey)
			for _, p := range projects {
				if pattern != "" {
					if ok, _ := path.Match(pattern, p.ProjectKey); !ok {
						continue
					}
				}
				if !kit.HasTags(p.Tags, f.Tags) || (folder != "" && !slices.Contains(inFolder, p.ProjectKey)) {
					continue
				}
				name := p.ProjectKey
				if p.Name != "" && p.Name != p.ProjectKey {
					name = p.Name + " (" + p.ProjectKey + ")"
				}
				if !emit(kit.Listed{Key: []string{p.ProjectKey}, Display: name}) {
					return nil
				}
			}
			return nil
		},
	})
}

func NewProjectFolderList() list.ListResource {
	return kit.NewList(kit.ListKind[projectFolderModel, kit.NoListFilters]{
		Kind: projectFolderKind{},
		Description: "Lists the project folders (not the root, which belongs to DSS), each named by its path from the root." +
			kit.ListCost("1 request per folder: DSS has no flat list of folders, so the tree is walked from the root (`GET /project-folders/{id}/children`); the resource object costs a folder's read for each."),
		Filters: map[string]listschema.Attribute{},
		List: func(ctx context.Context, l *kit.Lister, _ *kit.NoListFilters, emit func(kit.Listed) bool) error {
			var walk func(id string, parents []string) (bool, error)
			walk = func(id string, parents []string) (bool, error) {
				children, err := l.C.ListProjectFolderChildren(ctx, id)
				if err != nil {
					return false, kit.Listing("subfolders of project folder "+id, err)
				}
				for _, f := range children {
					name := cmp.Or(kit.StringOrEmpty(f.Name), f.ID)
					p := append(slices.Clone(parents), name)
					if !emit(kit.Listed{Key: []string{f.ID}, Display: strings.Join(p, " / ")}) {
						return false, nil
					}
					if more, err := walk(f.ID, p); !more || err != nil {
						return false, err
					}
				}
				return true, nil
			}
			_, err := walk(dss.RootProjectFolderID, nil)
			return err
		},
	})
}

func NewManagedFolderList() list.ListResource {
	return kit.NewList(kit.ListKind[ManagedFolderResourceModel, kit.InProjectListFilters]{
		Kind: ManagedFolderKind{},
		Description: "Lists the managed folders of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/managedfolders/`, the list the refresh reads): its items are whole definitions, so the resource object costs nothing more."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("managed folders")},
		List: kit.ListDefinitions("managed folders", (*dss.Client).ListManagedFolderDefinitions, dss.ManagedFolderDoc,
			func(key string, _ *kit.InProjectListFilters, id string, mf *dss.ManagedFolder) (string, bool) {
				return key + " / " + kit.NameOr(mf.Name, id), true
			}),
	})
}

func NewKnowledgeBankList() list.ListResource {
	return kit.NewList(kit.ListKind[knowledgeBankResourceModel, kit.InProjectListFilters]{
		Kind: knowledgeBankKind{},
		Description: "Lists the knowledge banks of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/knowledge-banks`). Its items are list items, not whole settings, so the resource object (`include_resource`, `-generate-config-out`) costs each bank's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("knowledge banks")},
		List: kit.ListInProject("knowledge banks", (*dss.Client).ListKnowledgeBanks, func(key string, _ *kit.InProjectListFilters, kb dss.KnowledgeBank) (string, string, bool) {
			return kb.ID, key + " / " + kit.NameOr(kb.Name, kb.ID), true
		}),
	})
}

func NewCodeStudioList() list.ListResource {
	return kit.NewList(kit.ListKind[codeStudioResourceModel, kit.InProjectListFilters]{
		Kind: codeStudioKind{},
		Description: "Lists the code studios of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/code-studios/`). Its items are list items, not whole settings, so the resource object (`include_resource`, `-generate-config-out`) costs each studio's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("code studios")},
		List: kit.ListInProject("code studios", (*dss.Client).ListCodeStudios, func(key string, _ *kit.InProjectListFilters, cs dss.CodeStudio) (string, string, bool) {
			return cs.ID, key + " / " + kit.NameOr(cs.Name, cs.ID), true
		}),
	})
}

func NewRetrievalAugmentedLLMList() list.ListResource {
	return kit.NewList(kit.ListKind[retrievalAugmentedLLMResourceModel, kit.InProjectListFilters]{
		Kind: retrievalAugmentedLLMKind{},
		Description: "Lists the retrieval-augmented LLMs of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/retrieval-augmented-llms`). Its items are list items, not whole settings, so the resource object (`include_resource`, `-generate-config-out`) costs each one's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("retrieval-augmented LLMs")},
		List: kit.ListInProject("retrieval-augmented LLMs", (*dss.Client).ListRetrievalAugmentedLLMs, func(key string, _ *kit.InProjectListFilters, l dss.RetrievalAugmentedLLM) (string, string, bool) {
			return l.ID, key + " / " + kit.NameOr(l.Name, l.ID), true
		}),
	})
}

func NewAgentList() list.ListResource {
	return kit.NewList(kit.ListKind[agentResourceModel, kit.InProjectListFilters]{
		Kind: agentKind{},
		Description: "Lists the agents of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/agents`). Its items are list items, not whole settings, so the resource object (`include_resource`, `-generate-config-out`) costs each one's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("agents")},
		List: kit.ListInProject("agents", (*dss.Client).ListAgents, func(key string, _ *kit.InProjectListFilters, a dss.Agent) (string, string, bool) {
			return a.ID, key + " / " + kit.NameOr(a.Name, a.ID), true
		}),
	})
}

func NewEvaluationStoreList() list.ListResource {
	return kit.NewList(kit.ListKind[evaluationStoreResourceModel, kit.InProjectListFilters]{
		Kind: evaluationStoreKind{},
		Description: "Lists the evaluation stores of one project, of every flavor." +
			kit.ListCost("2 requests (`GET /projects/{key}/evaluationstores/`, which holds the `TABULAR` and `LLM` stores, and the same with `?flavor=AGENT`). "+
				"The resource object (`include_resource`, `-generate-config-out`) costs each store's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("evaluation stores")},
		List: kit.ListInProject("evaluation stores", (*dss.Client).ListAllEvaluationStores, func(key string, _ *kit.InProjectListFilters, s dss.EvaluationStore) (string, string, bool) {
			return s.ID, key + " / " + kit.NameOr(s.Name, s.ID), true
		}),
	})
}

func NewAgentToolList() list.ListResource {
	return kit.NewList(kit.ListKind[agentToolResourceModel, kit.InProjectListFilters]{
		Kind: agentToolKind{},
		Description: "Lists the agent tools of one project (its own, not those shared from other projects)." +
			kit.ListCost("1 request (`GET /projects/{key}/agents/tools`). Its items are list items, not whole settings, so the resource object (`include_resource`, `-generate-config-out`) costs each one's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("agent tools")},
		List: kit.ListInProject("agent tools", (*dss.Client).ListAgentTools, func(key string, _ *kit.InProjectListFilters, t dss.AgentToolListItem) (string, string, bool) {
			return t.ID, key + " / " + kit.NameOr(t.Name, t.ID), true
		}),
	})
}

type recipeListFilters struct {
	kit.InProjectListFilters
	Type types.String `tfsdk:"type"`
}

func NewRecipeList() list.ListResource {
	return kit.NewList(kit.ListKind[RecipeModel, recipeListFilters]{
		Kind: recipeKind{},
		Description: "Lists the recipes of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/recipes/`). Its items are summaries (no payload), so the resource object (`include_resource`, `-generate-config-out`) costs each recipe's own read."),
		Filters: map[string]listschema.Attribute{
			"project_key": kit.InProjectFilter("recipes"),
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the recipes of this type, e.g. `python`, `sync`, `grouping` (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin recipes, are compared as written).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					kit.KnownSpelling("recipe type", append(append([]string{}, RecipeCodeTypes...), recipeVisualTypes...)...)}},
		},
		List: kit.ListInProject("recipes", (*dss.Client).ListRecipes, func(key string, f *recipeListFilters, r dss.Recipe) (string, string, bool) {
			t := kit.Optional(f.Type)
			return r.Name, key + "." + r.Name + " (" + r.Type + ")", t == "" || r.Type == t
		}),
	})
}

func NewScenarioList() list.ListResource {
	return kit.NewList(kit.ListKind[ScenarioResourceModel, kit.InProjectListFilters]{
		Kind: scenarioKind{},
		Description: "Lists the scenarios of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/scenarios/`). Its items are summaries (no triggers, steps or script), so the resource object costs each scenario's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("scenarios")},
		List: kit.ListInProject("scenarios", (*dss.Client).ListScenarios, func(key string, _ *kit.InProjectListFilters, s dss.Scenario) (string, string, bool) {
			return s.ID, key + " / " + kit.NameOr(s.Name, s.ID), true
		}),
	})
}

func NewFlowZoneList() list.ListResource {
	return kit.NewList(kit.ListKind[flowZoneModel, kit.InProjectListFilters]{
		Kind: flowZoneKind{},
		Description: "Lists the flow zones of one project, but its default zone (DSS's own: it cannot be deleted, and holds every object no other zone holds)." +
			kit.ListCost("1 request (`GET /projects/{key}/flow/zones`); the resource object costs each zone's read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("flow zones")},
		List: kit.ListInProject("flow zones", (*dss.Client).ListFlowZones, func(key string, _ *kit.InProjectListFilters, z dss.FlowZone) (string, string, bool) {
			return z.ID, key + " / " + kit.NameOr(z.Name, z.ID), z.ID != dss.DefaultZoneID
		}),
	})
}

func NewWikiArticleList() list.ListResource {
	return kit.NewList(kit.ListKind[wikiArticleModel, kit.InProjectListFilters]{
		Kind: wikiArticleKind{},
		Description: "Lists the articles of one project's wiki, depth first in the wiki's order (its settings' taxonomy), each shown by its id." +
			kit.ListCost("1 request (`GET /projects/{key}/wiki/`); the resource object costs each article's read (2 requests)."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("wiki articles")},
		List: kit.ListInProject("wiki articles", (*dss.Client).ListWikiArticleIDs, func(key string, _ *kit.InProjectListFilters, id string) (string, string, bool) {
			return id, key + " / " + id, true
		}),
	})
}

func NewProjectGrantList() list.ListResource {
	return kit.NewList(kit.ListKind[ProjectGrantModel, kit.InProjectListFilters]{
		Kind: &ProjectGrantKind{},
		Description: "Lists the grants of one project's permissions, one per group or user (the owner is not a grant)." +
			kit.ListCost("1 request (the project's permissions); the resource object costs a read of them for each."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("grants")},
		List: kit.ListEntriesInProject[dss.ProjectGrant, kit.InProjectListFilters]("permissions",
			func(ctx context.Context, c *dss.Client, key string) ([]dss.ProjectGrant, error) {
				doc, err := dss.ProjectPermissionsDoc(key).Get(ctx, c)
				if err != nil {
					return nil, err
				}
				return doc.Grants, nil
			},
			func(g dss.ProjectGrant) ([]string, string) {
				if g.Principal() == "" {
					return nil, "" // neither a group's nor a user's: not a grant the provider manages
				}
				return []string{g.Group, g.User}, g.Principal()
			}),
	})
}

func NewExposedObjectList() list.ListResource {
	return kit.NewList(kit.ListKind[ExposedObjectModel, kit.InProjectListFilters]{
		Kind: &ExposedObjectKind{},
		Description: "Lists the objects one project shares with other projects (its settings' exposed objects)." +
			kit.ListCost("1 request (the project's settings); the resource object costs a read of them for each."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("exposed objects")},
		List: kit.ListEntriesInProject[dss.ExposedObject, kit.InProjectListFilters]("settings",
			func(ctx context.Context, c *dss.Client, key string) ([]dss.ExposedObject, error) {
				settings, err := dss.ProjectSettingsDoc(key).Get(ctx, c)
				if err != nil || settings.ExposedObjects == nil {
					return nil, err
				}
				return settings.ExposedObjects.Objects, nil
			},
			func(e dss.ExposedObject) ([]string, string) {
				return []string{e.Type, e.LocalName}, e.Type + " " + e.LocalName
			}),
	})
}

type executionDefaultsListFilters struct {
	ProjectKey types.String `tfsdk:"project_key"`
}

// projectSingletonFilters is the filter of the per-project singletons'
// lists: a pattern of project keys.
func projectSingletonFilters() map[string]listschema.Attribute {
	return map[string]listschema.Attribute{
		"project_key": listschema.StringAttribute{Optional: true,
			MarkdownDescription: "Only the projects whose key matches this pattern: `*` matches any characters, `?` one (`SALES_*`).",
			Validators:          []validator.String{globPattern}},
	}
}

// listProjectSingletons lists a per-project singleton: the projects'
// list, then doc's GET for each project matched, leaving out the
// projects where skip says the document holds nothing to manage; the
// resource object is made from that document with fill.
func listProjectSingletons[M, D any](what, display string, doc func(key string) dss.Document[D], skip func(*D) bool, fill func(*D, *M)) func(context.Context, *kit.Lister, *executionDefaultsListFilters, func(kit.Listed) bool) error {
	return func(ctx context.Context, l *kit.Lister, f *executionDefaultsListFilters, emit func(kit.Listed) bool) error {
		projects, err := l.C.ListProjects(ctx)
		if err != nil {
			return kit.Listing("projects (GET /projects/)", err)
		}
		pattern := kit.Optional(f.ProjectKey)
		for _, p := range projects {
			if ok, _ := path.Match(pattern, p.ProjectKey); pattern != "" && !ok {
				continue
			}
			d, err := doc(p.ProjectKey).Get(ctx, l.C)
			if err != nil {
				return kit.Listing(what+" of project "+p.ProjectKey, err)
			}
			if skip(d) {
				continue
			}
			fillOne := func(m *M) error { fill(d, m); return nil }
			if !emit(kit.Listed{Key: []string{p.ProjectKey}, Display: p.ProjectKey + " " + display, Fill: fillOne}) {
				return nil
			}
		}
		return nil
	}
}

// NewExecutionDefaultsList lists the projects whose execution defaults
// are not all INHERIT: a project at DSS's defaults has nothing a
// configuration would set (dss-adopt leaves it out too).
func NewExecutionDefaultsList() list.ListResource {
	return kit.NewList(kit.ListKind[ExecutionDefaultsModel, executionDefaultsListFilters]{
		Kind: &ExecutionDefaultsKind{},
		Description: "Lists the execution defaults of the projects the API key can read, for each project where one of them is not `INHERIT` " +
			"(a project at DSS's defaults has nothing to manage)." +
			kit.ListCost("1 request (`GET /projects/`), plus 1 per project matched (its settings); the resource object costs nothing more: it is made from those settings."),
		Filters: projectSingletonFilters(),
		List: listProjectSingletons("settings", "execution defaults", dss.ProjectSettingsDoc, (*dss.ProjectSettings).ExecutionDefaultsInherited,
			executionDefaultsFromDSS),
	})
}

// NewProjectWikiList lists the projects whose wiki has a home article: a
// wiki without one has nothing a configuration would set (dss-adopt
// leaves it out too).
func NewProjectWikiList() list.ListResource {
	return kit.NewList(kit.ListKind[ProjectWikiModel, executionDefaultsListFilters]{
		Kind: &ProjectWikiKind{},
		Description: "Lists the wikis of the projects the API key can read, for each project whose wiki has a home article " +
			"(a wiki without one has nothing to manage)." +
			kit.ListCost("1 request (`GET /projects/`), plus 1 per project matched (its wiki's settings); the resource object costs nothing more: it is made from those settings."),
		Filters: projectSingletonFilters(),
		List: listProjectSingletons("wiki settings", "wiki", dss.WikiSettingsDoc,
			func(s *dss.WikiSettings) bool { return kit.StringOrEmpty(s.HomeArticleID) == "" }, projectWikiFromDSS),
	})
}

// NewGitLibraryList lists one project's Git references.
func NewGitLibraryList() list.ListResource {
	return kit.NewList(kit.ListKind[gitLibraryModel, kit.InProjectListFilters]{
		Kind: gitLibraryKind{},
		Description: "Lists the Git references of one project's libraries." +
			kit.ListCost("1 request (`GET /projects/{key}/git/lib-git-refs/`); the resource object costs that list again for each."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("Git references")},
		List: kit.ListInProject("Git references", (*dss.Client).ListGitLibraries, func(key string, _ *kit.InProjectListFilters, lib dss.GitLibrary) (string, string, bool) {
			return lib.Path, key + " / " + lib.Path, true
		}),
	})
}

// NewProjectGitRemoteList lists the remotes of one project's repository.
func NewProjectGitRemoteList() list.ListResource {
	return kit.NewList(kit.ListKind[projectGitRemoteModel, kit.InProjectListFilters]{
		Kind: projectGitRemoteKind{},
		Description: "Lists the remotes of one project's Git repository." +
			kit.ListCost("1 request (`GET /projects/{key}/git/status`); the resource object costs 1 more for each (the remote)."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("Git remotes")},
		List: kit.ListInProject("Git remotes", (*dss.Client).ListProjectGitRemotes, func(key string, _ *kit.InProjectListFilters, r dss.ProjectGitRemote) (string, string, bool) {
			return r.Name, key + " / " + r.Name, true
		}),
	})
}

type libraryFileListFilters struct {
	ProjectKey types.String `tfsdk:"project_key"`
}

// NewLibraryFileList lists the files of one project's library, or of
// every project's the key may see.
func NewLibraryFileList() list.ListResource {
	return kit.NewList(kit.ListKind[libraryFileModel, libraryFileListFilters]{
		Kind: libraryFileKind{},
		Description: "Lists the files of the projects' libraries (folders are not listed)." +
			kit.ListCost("1 request for the projects (`GET /projects/`, none with `project_key`), then 1 per project (its library tree, `GET /projects/{key}/libraries/contents`); "+
				"the resource object costs 2 requests for each file (the tree, then the file)."),
		Filters: map[string]listschema.Attribute{
			"project_key": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only this project's library files.",
				Validators: []validator.String{kit.ProjectKeyPart.Validator()}},
		},
		List: kit.ParentWalk[libraryFileListFilters, dss.ProjectSummary, string]{
			Given:       func(f *libraryFileListFilters) types.String { return f.ProjectKey },
			Parents:     "projects (GET /projects/)",
			ListParents: (*dss.Client).ListProjects,
			Key:         func(p dss.ProjectSummary) string { return p.ProjectKey },
			Children: func(key string) string {
				return "library of project " + key + " (GET /projects/" + key + "/libraries/contents)"
			},
			ListChildren: func(c *dss.Client, ctx context.Context, key string) ([]string, error) {
				t, err := c.ListLibrary(ctx, key)
				if err != nil {
					return nil, err
				}
				return t.LibraryFiles(), nil
			},
			Show: func(key, path string) (kit.Listed, bool) {
				return kit.Listed{Key: []string{key, path}, Display: key + " / " + path}, true
			},
		}.List(),
	})
}

// NewJupyterNotebookList lists the Jupyter notebooks of one project.
func NewJupyterNotebookList() list.ListResource {
	return kit.NewList(kit.ListKind[jupyterNotebookModel, kit.InProjectListFilters]{
		Kind: jupyterNotebookKind{},
		Description: "Lists the Jupyter notebooks of one project, running or not." +
			kit.ListCost("1 request (`GET /projects/{key}/jupyter-notebooks/?active=false`). Its items name the notebooks without their content, so the resource object (`include_resource`, `-generate-config-out`) costs each notebook's own read."),
		Filters: map[string]listschema.Attribute{"project_key": kit.InProjectFilter("Jupyter notebooks")},
		List: kit.ListInProject("Jupyter notebooks", (*dss.Client).ListJupyterNotebooks, func(key string, _ *kit.InProjectListFilters, n dss.JupyterNotebookListItem) (string, string, bool) {
			return n.Name, key + " / " + n.Name, true
		}),
	})
}
