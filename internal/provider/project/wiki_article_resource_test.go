package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testWikiRunbook = "dataiku_wiki_article.runbook"
	testWikiOnCall  = "dataiku_wiki_article.oncall"
)

func testAccCheckWikiArticlesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_wiki_article", func(key, id string) string { return dss.WikiArticleDoc(key, id).Path() })
}

// testWikiArticle is the article's data as DSS holds it.
func testWikiArticle(t *testing.T, key, id string) map[string]any {
	return acctest.RawDoc(t, dss.WikiArticleDoc(key, id).Path())
}

// testWikiParent is the article's parent in DSS's taxonomy ("" at the
// root); an article the taxonomy lacks fails.
func testWikiParent(t *testing.T, key, id string) (string, error) {
	s, err := dss.WikiSettingsDoc(key).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		return "", err
	}
	p, ok := s.ParentOf(id)
	if !ok {
		return "", fmt.Errorf("article %s is not in the taxonomy of %s: %+v", id, key, s.Taxonomy)
	}
	return p, nil
}

// testWikiArticlesNamed lists the ids of the articles DSS holds under name.
func testWikiArticlesNamed(t *testing.T, key, name string) []string {
	t.Helper()
	c := acctest.Client(t)
	ids, err := c.ListWikiArticleIDs(acctest.Ctx(t), key)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		d, err := dss.WikiArticleDoc(key, id).Get(acctest.Ctx(t), c)
		if err != nil {
			t.Fatal(err)
		}
		if d.Article.Name == name {
			out = append(out, id)
		}
	}
	return out
}

func testWikiArticleImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		return rs.Primary.Attributes["project_key"] + "/" + rs.Primary.ID, nil
	}
}

// wikiCfg is the lifecycle configuration: two projects, the runbook in
// the first, and the on-call article (in project, under parent when set).
type wikiCfg struct {
	key, key2        string
	name, content    string // content: an HCL expression
	project, parent  string // project: "p" or "p2"; parent: an HCL expression or ""
	withDataSource   bool
	runbookContent   string
	dataSourceByName string
}

func (c wikiCfg) hcl() string {
	parent := ""
	if c.parent != "" {
		parent = "parent_id   = " + c.parent
	}
	ds := ""
	if c.withDataSource {
		ds = fmt.Sprintf(`
data "dataiku_wiki_article" "by_name" {
  project_key = dataiku_project.p.project_key
  name        = %q
  depends_on  = [dataiku_wiki_article.oncall]
}

data "dataiku_wiki_article" "by_id" {
  project_key = dataiku_project.p.project_key
  id          = dataiku_wiki_article.runbook.id
}
`, c.dataSourceByName)
	}
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Wiki"
}

resource "dataiku_project" "p2" {
  project_key = %[2]q
  name        = "Wiki 2"
}

resource "dataiku_wiki_article" "runbook" {
  project_key = dataiku_project.p.project_key
  name        = "Runbook"
  content     = %[7]s
}

resource "dataiku_wiki_article" "oncall" {
  project_key = dataiku_project.%[5]s.project_key
  name        = %[3]q
  content     = %[4]s
  %[6]s
}
%[8]s`, c.key, c.key2, c.name, c.content, c.project, parent, c.runbookContent, ds)
}

// The lifecycle: a nested article whose markdown holds ${x}, %{y}, CRLF
// and a trailing newline, kept exactly; renamed, rewritten and moved to
// the root in place, unmodelled keys surviving; imported by ID and by
// identity; renamed, rewritten and moved in DSS and repaired; replaced
// into another project; deleted outside and created again. Destroying
// both articles at the end destroys the child first.
func TestAccWikiArticle_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key, key2 := acctest.ProjectKey("ACC_WIKI"), acctest.ProjectKey("ACC_WIKI2")
	const oncallMD = "# On call\r\nRun $${x} and %%{y}.\n"
	const oncallDSS = "# On call\r\nRun ${x} and %{y}.\n"
	created := wikiCfg{key: key, key2: key2, name: "On call", content: fmt.Sprintf("%q", oncallMD), project: "p", parent: "dataiku_wiki_article.runbook.id",
		runbookContent: `"# Runbook\n"`, withDataSource: true, dataSourceByName: "On call"}
	moved := created
	moved.name, moved.content, moved.parent, moved.withDataSource = "On-call rota", `"rota\n\n"`, "", false
	replaced := moved
	replaced.project = "p2"
	var runbookID, oncallID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckWikiArticlesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: created.hcl(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testWikiOnCall, tfjsonpath.New("content"), knownvalue.StringExact(oncallDSS)),
				statecheck.ExpectKnownValue("data.dataiku_wiki_article.by_name", tfjsonpath.New("content"), knownvalue.StringExact(oncallDSS)),
				statecheck.ExpectKnownValue("data.dataiku_wiki_article.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Runbook")),
				statecheck.ExpectKnownValue("data.dataiku_wiki_article.by_id", tfjsonpath.New("content"), knownvalue.StringExact("# Runbook\n")),
				statecheck.ExpectKnownValue("data.dataiku_wiki_article.by_id", tfjsonpath.New("parent_id"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				runbookID, oncallID = s.RootModule().Resources[testWikiRunbook].Primary.ID, s.RootModule().Resources[testWikiOnCall].Primary.ID
				d := testWikiArticle(t, key, oncallID)
				if d["payload"] != oncallDSS || d["article"].(map[string]any)["name"] != "On call" {
					return fmt.Errorf("article in DSS: %v", d)
				}
				if ds := s.RootModule().Resources["data.dataiku_wiki_article.by_name"].Primary.Attributes; ds["id"] != oncallID || ds["parent_id"] != runbookID {
					return fmt.Errorf("data source read %v", ds)
				}
				if p, err := testWikiParent(t, key, oncallID); err != nil || p != runbookID {
					return fmt.Errorf("on-call's parent in DSS: %q (want %s) %w", p, runbookID, err)
				}
				return nil
			},
		},
		{
			// Renamed, rewritten and moved to the root in place; keys DSS
			// holds that the provider does not model survive.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.WikiArticleDoc(key, oncallID).Path(), func(d map[string]any) {
					d["article"].(map[string]any)["layout"] = "WIDE"
					d["attachments"] = []any{map[string]any{"smartId": "x.png"}}
				})
			},
			Config: moved.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWikiOnCall, Attrs: []string{"name", "content", "parent_id"}},
				plancheck.ExpectResourceAction(testWikiRunbook, plancheck.ResourceActionNoop),
			}},
			Check: func(s *terraform.State) error {
				if got := s.RootModule().Resources[testWikiOnCall].Primary.ID; got != oncallID {
					return fmt.Errorf("the article was replaced: %s, was %s", got, oncallID)
				}
				d := testWikiArticle(t, key, oncallID)
				a := d["article"].(map[string]any)
				if d["payload"] != "rota\n\n" || a["name"] != "On-call rota" || a["layout"] != "WIDE" || fmt.Sprint(d["attachments"]) != "[map[smartId:x.png]]" {
					return fmt.Errorf("article in DSS after the update: %v", d)
				}
				if p, err := testWikiParent(t, key, oncallID); err != nil || p != "" {
					return fmt.Errorf("on-call's parent in DSS: %q, want the root %w", p, err)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testWikiOnCall, testWikiArticleImportID(testWikiOnCall)),
		acctest.ImportIdentityStep(t, testWikiOnCall),
		{
			// Changed outside Terraform: renamed, rewritten and moved under
			// the runbook in DSS; the plan shows it and the apply repairs it.
			PreConfig: func() {
				acctest.EditOutside(t, dss.WikiArticleDoc(key, oncallID), func(d *dss.WikiArticleData) {
					d.Article.Name = "Renamed in DSS"
					d.Payload = new("edited in DSS")
				})
				acctest.EditOutside(t, dss.WikiSettingsDoc(key), func(s *dss.WikiSettings) {
					if err := s.MoveArticle(oncallID, runbookID); err != nil {
						t.Fatal(err)
					}
				})
			},
			Config: moved.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testWikiOnCall, Attrs: []string{"name", "content", "parent_id"}},
			}},
			Check: func(*terraform.State) error {
				d := testWikiArticle(t, key, oncallID)
				if d["payload"] != "rota\n\n" || d["article"].(map[string]any)["name"] != "On-call rota" {
					return fmt.Errorf("article in DSS after the repair: %v", d)
				}
				if p, err := testWikiParent(t, key, oncallID); err != nil || p != "" {
					return fmt.Errorf("on-call's parent in DSS after the repair: %q %w", p, err)
				}
				return nil
			},
		},
		{
			// Another project replaces the article.
			Config: replaced.hcl(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testWikiOnCall, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(s *terraform.State) error {
				if _, err := dss.WikiArticleDoc(key, oncallID).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					return fmt.Errorf("the replaced article %s.%s: %w, want not found", key, oncallID, err)
				}
				oncallID = s.RootModule().Resources[testWikiOnCall].Primary.ID
				if d := testWikiArticle(t, key2, oncallID); d["payload"] != "rota\n\n" {
					return fmt.Errorf("article in %s: %v", key2, d)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testWikiOnCall, replaced.hcl(),
			func() error { return acctest.Client(t).DeleteWikiArticle(acctest.Ctx(t), key2, oncallID) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, testWikiOnCall, "articles named On-call rota", testWikiArticlesNamed(t, key2, "On-call rota"), oncallID)
			}),
		{
			// The child back under its parent, for the destroy at the end:
			// the child goes first, then its parent.
			Config: created.hcl(),
			Check: func(s *terraform.State) error {
				oncallID = s.RootModule().Resources[testWikiOnCall].Primary.ID
				if p, err := testWikiParent(t, key, oncallID); err != nil || p != runbookID {
					return fmt.Errorf("on-call's parent in DSS: %q %w", p, err)
				}
				return nil
			},
		},
	})
}

// An article made outside Terraform as real DSS may hold it (no payload,
// keys the provider does not model) is adopted with an import block and
// an empty plan; a name already taken is refused with the import hint,
// and nothing is created.
func TestAccWikiArticle_importBlockAndNameTaken(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	key := acctest.ProjectKey("ACC_WIKI_IMP")
	c := acctest.ProjectOutside(t, key, "Wiki import")
	a, err := c.CreateWikiArticle(acctest.Ctx(t), key, "Data contracts", "")
	if err != nil {
		t.Fatal(err)
	}
	id := a.Article.ID
	acctest.EditRawDoc(t, dss.WikiArticleDoc(key, id).Path(), func(d map[string]any) {
		delete(d, "payload")
		d["article"].(map[string]any)["layout"] = "WIDE"
	})
	cfg := fmt.Sprintf("resource \"dataiku_wiki_article\" \"x\" {\n  project_key = %q\n  name = \"Data contracts\"\n}\n", key)
	taken := fmt.Sprintf("resource \"dataiku_wiki_article\" \"y\" {\n  project_key = %q\n  name = \"Data contracts\"\n}\n", key)
	acctest.Case(t, testAccCheckWikiArticlesDestroyed(t), []resource.TestStep{
		{
			// A name no article has: the data source says so.
			Config:      fmt.Sprintf("data \"dataiku_wiki_article\" \"x\" {\n  project_key = %q\n  name = \"Nope\"\n}\n", key),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_wiki_article "Nope" in project ` + key + `.*has no article named "Nope"`),
		},
		{
			Config:      taken,
			ExpectError: regexp.MustCompile(`(?s)already\s+exists.*terraform\s+import\s+dataiku_wiki_article.<name>\s+` + key + `/` + id),
		},
		acctest.AdoptedAsIsStep("dataiku_wiki_article.x", acctest.ImportBlock("dataiku_wiki_article.x", key+"/"+id)+cfg,
			statecheck.ExpectKnownValue("dataiku_wiki_article.x", tfjsonpath.New("content"), knownvalue.StringExact("")),
			statecheck.ExpectKnownValue("dataiku_wiki_article.x", tfjsonpath.New("parent_id"), knownvalue.Null())),
		{
			// A bad import ID is refused with the expected form.
			Config:      acctest.ImportBlock("dataiku_wiki_article.z", key+"."+id) + "resource \"dataiku_wiki_article\" \"z\" {\n  project_key = \"" + key + "\"\n  name = \"z\"\n}\n" + cfg,
			ExpectError: regexp.MustCompile(`(?s)Expected\s+PROJECT_KEY/article_id`),
		},
	})
	if got := testWikiArticlesNamed(t, key, "Data contracts"); len(got) != 0 {
		t.Fatalf("articles named Data contracts after the destroy: %v", got)
	}
}

// A POST whose answer is lost (the article was created, the answer never
// arrived) is recovered by finding the article by name: one article in
// DSS, its id in the state, an empty plan after.
func TestAccWikiArticle_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	for _, fault := range acctest.LostPostFaults(`/projects/ACC_WIKI_LOST_[A-Z]+/wiki/?$`) {
		key := acctest.ProjectKey("ACC_WIKI_LOST")
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			acctest.ProjectOutside(t, key, "Lost")
			cfg := fmt.Sprintf("resource \"dataiku_wiki_article\" \"x\" {\n  project_key = %q\n  name = \"Lost\"\n  content = \"kept\"\n}\n", key)
			acctest.Case(t, testAccCheckWikiArticlesDestroyed(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, cfg, func(s *terraform.State) error {
					if err := acctest.OnlyStateID(s, "dataiku_wiki_article.x", "articles named Lost", testWikiArticlesNamed(t, key, "Lost")); err != nil {
						return err
					}
					if d := testWikiArticle(t, key, s.RootModule().Resources["dataiku_wiki_article.x"].Primary.ID); d["payload"] != "kept" {
						return fmt.Errorf("recovered article in DSS: %v", d)
					}
					return nil
				}),
			})
		})
	}
}

// bob, who may only read the project, may refresh an article but neither
// create nor change one: DSS's refusal is quoted with the address, and
// nothing changes in DSS.
func TestAccWikiArticle_readOnlyKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_WIKI_RO")
	acctest.ProjectOutside(t, key, "Admin's wiki")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	cfg := func(name string) string {
		return fmt.Sprintf("resource \"dataiku_wiki_article\" \"x\" {\n  project_key = %q\n  name = %q\n}\n", key, name)
	}
	acctest.RefusedToBob(t, cfg("By bob"),
		regexp.MustCompile(`(?s)Cannot create dataiku_wiki_article "By bob" in project `+key+`.*UnauthorizedException.*may\s+not\s+write\s+project`))
	acctest.NoneInDSS(t, "articles named By bob", testWikiArticlesNamed(t, key, "By bob"))
	acctest.Case(t, testAccCheckWikiArticlesDestroyed(t), []resource.TestStep{
		{Config: cfg("Admin's")},
		{
			Config:      acctest.AsBob(cfg("Renamed by bob")),
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_wiki_article "Admin's" \(` + key + `/[A-Za-z0-9]+\).*UnauthorizedException.*may\s+not\s+write\s+project`),
		},
		{
			Config:           cfg("Admin's"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// DSS's GET of an article takes an id or a name, the id first: an article
// named like another article's id is still found by its name (the
// provider reads the taxonomy's articles when the GET answers another
// one), so a create of that name is refused with the right article's
// import ID, and nothing is created.
func TestAccWikiArticle_nameThatIsAnotherID(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_WIKI_ID")
	c := acctest.ProjectOutside(t, key, "Wiki ids")
	other, err := c.CreateWikiArticle(acctest.Ctx(t), key, "Other", "")
	if err != nil {
		t.Fatal(err)
	}
	named, err := c.CreateWikiArticle(acctest.Ctx(t), key, other.Article.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf("resource \"dataiku_wiki_article\" \"x\" {\n  project_key = %q\n  name = %q\n}\n", key, other.Article.ID)
	acctest.Case(t, testAccCheckWikiArticlesDestroyed(t), []resource.TestStep{{
		Config:      cfg,
		ExpectError: regexp.MustCompile(`(?s)already\s+exists.*terraform\s+import\s+dataiku_wiki_article.<name>\s+` + key + `/` + named.Article.ID),
	}})
	if got := testWikiArticlesNamed(t, key, other.Article.ID); len(got) != 1 || got[0] != named.Article.ID {
		t.Fatalf("articles named %s: %v, want only %s", other.Article.ID, got, named.Article.ID)
	}
}
