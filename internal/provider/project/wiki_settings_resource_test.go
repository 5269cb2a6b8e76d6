package project_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testProjectWiki = "dataiku_project_wiki.w"

// testWikiHome is the home article DSS holds for project key, read
// through the admin client: "-" when absent, "null" when null.
func testWikiHome(t *testing.T, key string) string {
	t.Helper()
	raw := acctest.RawDoc(t, dss.WikiSettingsDoc(key).Path())
	v, ok := raw["homeArticleId"]
	switch {
	case !ok:
		return "-"
	case v == nil:
		return "null"
	}
	return fmt.Sprint(v)
}

func testWikiHomeIs(t *testing.T, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for key, exp := range want {
			if got := testWikiHome(t, key); got != exp {
				return fmt.Errorf("project %s's home article in DSS: %q, want %q", key, got, exp)
			}
		}
		return nil
	}
}

// testWikiKept gives project key's wiki settings a key the provider does
// not model and returns a check that the settings but for homeArticleId
// (the taxonomy above all) are still exactly what they were.
func testWikiKept(t *testing.T, key string) func() error {
	t.Helper()
	p := dss.WikiSettingsDoc(key).Path()
	acctest.EditRawDoc(t, p, func(d map[string]any) {
		d["layoutPrefs"] = map[string]any{"collapsed": []any{"x"}, "width": json.Number("2.50")}
	})
	unmodelled := func() string {
		raw := acctest.RawDoc(t, p)
		delete(raw, "homeArticleId")
		b, _ := json.Marshal(raw)
		return string(b)
	}
	before := unmodelled()
	if !strings.Contains(before, "layoutPrefs") || !strings.Contains(before, "children") {
		t.Fatalf("the wiki settings were not stored with a taxonomy and an unmodelled key: %s", before)
	}
	return func() error {
		if after := unmodelled(); after != before {
			return fmt.Errorf("project %s's wiki settings beyond the home article changed:\n%s\nwas\n%s", key, after, before)
		}
		return nil
	}
}

// testWikiArticles creates articles named names at the root of project
// key's wiki, the first with a child, and returns their ids.
func testWikiArticles(t *testing.T, c *dss.Client, key string, names ...string) []string {
	t.Helper()
	var ids []string
	for _, n := range names {
		a, err := c.CreateWikiArticle(acctest.Ctx(t), key, n, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.Article.ID)
	}
	if _, err := c.CreateWikiArticle(acctest.Ctx(t), key, names[0]+" child", ids[0]); err != nil {
		t.Fatal(err)
	}
	return ids
}

func testWikiCfg(key, home string) string {
	body := ""
	if home != "" {
		body = "  home_article_id = " + home + "\n"
	}
	return fmt.Sprintf("resource \"dataiku_project_wiki\" \"w\" {\n  project_key = %q\n%s}\n", key, body)
}

// Create, update in place, import, changed outside Terraform, the home
// article deleted outside, replace (the project key), destroy: each step
// checks DSS through the admin client, each apply is followed by an
// empty plan, and the settings' taxonomy and unmodelled key are kept
// byte for byte throughout.
func TestAccProjectWiki_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	a, b := acctest.ProjectKey("ACC_PWIKI_A"), acctest.ProjectKey("ACC_PWIKI_B")
	c := acctest.ProjectOutside(t, a, "Wiki A")
	acctest.ProjectOutside(t, b, "Wiki B")
	ids := testWikiArticles(t, c, a, "Home", "Other", "Third")
	idsB := testWikiArticles(t, c, b, "Home B")
	keptA, keptB := testWikiKept(t, a), testWikiKept(t, b)
	kept := func(*terraform.State) error {
		if err := keptA(); err != nil {
			return err
		}
		return keptB()
	}
	lit := func(id string) string { return fmt.Sprintf("%q", id) }
	destroyed := resource.ComposeAggregateTestCheckFunc(testWikiHomeIs(t, map[string]string{a: "-", b: "-"}), kept)
	acctest.Case(t, destroyed, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testWikiCfg(a, lit(ids[0])),
			ConfigPlanChecks: acctest.Plans(testProjectWiki, plancheck.ResourceActionCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testProjectWiki, "id", a),
				resource.TestCheckResourceAttr(testProjectWiki, "home_article_id", ids[0]),
				testWikiHomeIs(t, map[string]string{a: ids[0]}), kept),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testWikiCfg(a, lit(ids[1])),
			ConfigPlanChecks: acctest.Plans(testProjectWiki, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testProjectWiki, "home_article_id", ids[1]),
				testWikiHomeIs(t, map[string]string{a: ids[1]}), kept),
		}),
		acctest.ImportVerifyStep(testProjectWiki, nil),
		acctest.ImportIdentityStep(t, testProjectWiki),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed outside Terraform: another article made home in DSS.
			// The plan shows it; the apply puts the configuration back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.WikiSettingsDoc(a), func(s *dss.WikiSettings) { s.HomeArticleID = &ids[2] })
			},
			Config: testWikiCfg(a, lit(ids[1])),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testProjectWiki, Attrs: []string{"home_article_id"}},
			}},
			Check: resource.ComposeAggregateTestCheckFunc(testWikiHomeIs(t, map[string]string{a: ids[1]}), kept),
		}),
		{
			// The home article deleted in DSS, which clears the home
			// article: the plan shows it, and the apply of the literal id
			// fails with DSS's error.
			// The taxonomy changes with it: kept from now on is the new one.
			PreConfig: func() {
				if err := c.DeleteWikiArticle(acctest.Ctx(t), a, ids[1]); err != nil {
					t.Fatal(err)
				}
				keptA = testWikiKept(t, a)
			},
			Config: testWikiCfg(a, lit(ids[1])),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testProjectWiki, Attrs: []string{"home_article_id"}},
			}},
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_project_wiki "` + a + `".*NotFoundException: Article\s+` + ids[1] + `\s+not\s+found\s+in\s+the\s+wiki\s+of\s+project\s+` + a),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testWikiCfg(a, lit(ids[0])),
			Check:  testWikiHomeIs(t, map[string]string{a: ids[0]}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Unset: DSS's home article is unset.
			Config: testWikiCfg(a, ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(testProjectWiki, "home_article_id"),
				testWikiHomeIs(t, map[string]string{a: "-"})),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testWikiCfg(a, lit(ids[2])),
			Check:  testWikiHomeIs(t, map[string]string{a: ids[2]}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another project: the old one's home article is unset.
			Config:           testWikiCfg(b, lit(idsB[0])),
			ConfigPlanChecks: acctest.Plans(testProjectWiki, plancheck.ResourceActionReplace),
			Check:            resource.ComposeAggregateTestCheckFunc(testWikiHomeIs(t, map[string]string{a: "-", b: idsB[0]}), kept),
		}),
	})
}

// The realistic sequence: the home article is a dataiku_wiki_article the
// configuration references. Deleted in DSS, it is created again first,
// then made home; DSS's taxonomy holds it, and the plan is empty after.
func TestAccProjectWiki_homeArticleRecreated(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_PWIKI_REF")
	c := acctest.ProjectOutside(t, key, "Wiki ref")
	cfg := fmt.Sprintf("resource \"dataiku_wiki_article\" \"home\" {\n  project_key = %[1]q\n  name = \"Welcome\"\n  content = \"hi\"\n}\n", key) +
		testWikiCfg(key, "dataiku_wiki_article.home.id")
	var first string
	acctest.Case(t, testWikiHomeIs(t, map[string]string{key: "-"}), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair(testProjectWiki, "home_article_id", "dataiku_wiki_article.home", "id"),
				func(s *terraform.State) error {
					first = s.RootModule().Resources["dataiku_wiki_article.home"].Primary.ID
					return testWikiHomeIs(t, map[string]string{key: first})(s)
				}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				if err := c.DeleteWikiArticle(acctest.Ctx(t), key, first); err != nil {
					t.Fatal(err)
				}
				if got := testWikiHome(t, key); got != "-" {
					t.Fatalf("DSS's home article after deleting it: %s", got)
				}
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_wiki_article.home", plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(testProjectWiki, plancheck.ResourceActionUpdate),
			}},
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources["dataiku_wiki_article.home"].Primary.ID
				if id == first {
					return fmt.Errorf("the article was not created again: id %s", id)
				}
				if p, err := testWikiParent(t, key, id); err != nil || p != "" {
					return fmt.Errorf("the new article in the taxonomy: parent %q, %w", p, err)
				}
				return testWikiHomeIs(t, map[string]string{key: id})(s)
			},
		}),
	})
}

// A home article set outside Terraform is adopted with an import block,
// no change planned; DSS's null home article reads as unset.
func TestAccProjectWiki_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key, bare := acctest.ProjectKey("ACC_PWIKI_IMP"), acctest.ProjectKey("ACC_PWIKI_NUL")
	c := acctest.ProjectOutside(t, key, "Adopted wiki")
	acctest.ProjectOutside(t, bare, "Null home")
	ids := testWikiArticles(t, c, key, "Start")
	acctest.EditOutside(t, dss.WikiSettingsDoc(key), func(s *dss.WikiSettings) { s.HomeArticleID = &ids[0] })
	acctest.EditRawDoc(t, dss.WikiSettingsDoc(bare).Path(), func(d map[string]any) { d["homeArticleId"] = nil })
	if got := testWikiHome(t, bare); got != "null" {
		t.Fatalf("the null home article was not stored: %s", got)
	}
	cfg := testWikiCfg(key, fmt.Sprintf("%q", ids[0]))
	nul := strings.Replace(testWikiCfg(bare, ""), `"w"`, `"n"`, 1)
	acctest.Case(t, testWikiHomeIs(t, map[string]string{key: "-"}), []resource.TestStep{
		acctest.AdoptedAsIsStep(testProjectWiki, acctest.ImportBlock(testProjectWiki, key)+cfg),
		acctest.AdoptedAsIsStep("dataiku_project_wiki.n", acctest.ImportBlock("dataiku_project_wiki.n", bare)+nul+cfg),
	})
}

// bob, who may only read the project, may not set its home article:
// DSS's refusal is quoted with the address, and DSS keeps its home.
func TestAccProjectWiki_readOnlyKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_PWIKI_RO")
	c := acctest.ProjectOutside(t, key, "Admin's wiki")
	ids := testWikiArticles(t, c, key, "Admin's home")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	acctest.RefusedToBob(t, testWikiCfg(key, fmt.Sprintf("%q", ids[0])),
		regexp.MustCompile(`(?s)Cannot create dataiku_project_wiki "`+key+`".*UnauthorizedException.*may\s+not\s+write\s+project`))
	if got := testWikiHome(t, key); got != "-" {
		t.Fatalf("home article after the refusal: %s", got)
	}
}

// What the plan refuses, and only that: an empty id, two resources for
// one project. An id that is no article of the wiki is DSS's to refuse.
func TestAccProjectWiki_validation(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_PWIKI_VAL")
	acctest.ProjectOutside(t, key, "Validated")
	acctest.Case(t, nil, []resource.TestStep{
		{Config: testWikiCfg(key, `""`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)home_article_id.*at\s+least\s+1`)},
		{
			Config:      testWikiCfg(key, "") + strings.Replace(testWikiCfg(key, `"x"`), `"w"`, `"twice"`, 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Project wiki declared twice.*more than one\s+dataiku_project_wiki\s+for\s+project\s+` + key),
		},
		{
			Config:      testWikiCfg(key, `"noSuchArticle"`),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_project_wiki "` + key + `".*404.*NotFoundException: Article\s+noSuchArticle\s+not\s+found\s+in\s+the\s+wiki\s+of\s+project\s+` + key),
		},
	})
	if got := testWikiHome(t, key); got != "-" {
		t.Fatalf("home article after the refusals: %s", got)
	}
}
