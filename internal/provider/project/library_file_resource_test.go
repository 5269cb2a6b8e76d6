package project_test

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
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
	testLibFile = "dataiku_project_library_file.helpers"
	testLibBin  = "dataiku_project_library_file.blob"
	// A text with an interpolation sequence, CRLF line ends, a tab and a
	// final newline: all kept byte for byte.
	testLibText = "# helpers\r\nGREETING = \"${name} %{if}\"\r\n\tpass\n"
	// Bytes that are not UTF-8 text.
	testLibBytes = "\x00\xff\xfe\x01PNG\r\n"
)

// hclQuoted is s as an HCL string literal: Go's quoting (HCL reads the
// same escapes) with the template sequences escaped.
func hclQuoted(s string) string {
	q := fmt.Sprintf("%q", s)
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(q)
}

// testLibraryTree is project key's library tree as DSS lists it.
func testLibraryTree(t *testing.T, key string) dss.LibraryTree {
	t.Helper()
	tree, err := acctest.Client(t).ListLibrary(acctest.Ctx(t), key)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// testLibraryFileHolds checks through the admin client that DSS's file
// at path holds exactly want.
func testLibraryFileHolds(t *testing.T, key, path, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		b, err := acctest.Client(t).GetLibraryFile(acctest.Ctx(t), key, path)
		if err != nil {
			return err
		}
		if string(b) != want {
			return fmt.Errorf("DSS's %s holds %q, want %q", path, b, want)
		}
		return nil
	}
}

// testLibraryFilesDestroyed checks through the admin client that no file
// of the state is left in its library, and that what must stay (folders
// and files not Terraform's) is still there.
func testLibraryFilesDestroyed(t *testing.T, key string, folders, files []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		tree := testLibraryTree(t, key)
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "dataiku_project_library_file" && tree.Files[rs.Primary.Attributes["path"]] {
				return fmt.Errorf("%s is still in DSS", rs.Primary.ID)
			}
		}
		for _, f := range folders {
			if !tree.Folders[f] {
				return fmt.Errorf("folder %s is gone after the destroy", f)
			}
		}
		for _, f := range files {
			if !tree.Files[f] {
				return fmt.Errorf("file %s is gone after the destroy", f)
			}
		}
		return nil
	}
}

func testLibraryFileHCL(label, key, path, attr, value string) string {
	return fmt.Sprintf("resource \"dataiku_project_library_file\" %q {\n  project_key = %q\n  path        = %q\n  %s = %s\n}\n", label, key, path, attr, value)
}

// The whole life of two files, one text and one binary, in folders the
// library lacks: created (the folders made, the bytes exact), changed in
// place, imported by ID and by identity, changed in DSS (drift shown, the
// apply rewrites it), moved to another path (a replacement), deleted
// outside Terraform; the destroy deletes the files only, not their
// folders nor the file beside them.
func TestAccProjectLibraryFile_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_LIBF")
	c := acctest.ProjectOutside(t, key, "Library files")
	// A file beside the ones Terraform makes.
	acctest.MustDo(t, c.WriteLibraryFile(acctest.Ctx(t), key, "python/mylib/other.py", []byte("OTHER = 1\n")))
	const textPath, binPath, movedPath = "python/mylib/pkg/helpers.py", "python/data/blob.bin", "R/tools/blob.bin"
	binB64 := base64.StdEncoding.EncodeToString([]byte(testLibBytes))
	config := func(text, bin string) string {
		return testLibraryFileHCL("helpers", key, textPath, "content", hclQuoted(text)) +
			testLibraryFileHCL("blob", key, bin, "content_base64", fmt.Sprintf("%q", binB64))
	}
	changed := testLibText + "def hello():\n    return 'hi'\n"
	acctest.Case(t, testLibraryFilesDestroyed(t, key, []string{"python/mylib/pkg", "python/data", "R/tools"}, []string{"python/mylib/other.py"}), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: config(testLibText, binPath),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testLibFile, tfjsonpath.New("content"), knownvalue.StringExact(testLibText)),
				statecheck.ExpectKnownValue(testLibFile, tfjsonpath.New("content_base64"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testLibBin, tfjsonpath.New("content"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testLibFile, tfjsonpath.New("id"), knownvalue.StringExact(key+"/"+textPath)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				testLibraryFileHolds(t, key, textPath, testLibText),
				testLibraryFileHolds(t, key, binPath, testLibBytes),
				testLibraryFileHolds(t, key, "python/mylib/other.py", "OTHER = 1\n"),
				func(*terraform.State) error {
					// The provider made the two missing folders itself
					// (pkg and data), not relying on the file's POST.
					if em := acctest.Emulator(t); em != nil {
						if n := em.Server.Stats().ByRoute["POST /public/api/projects/{projectKey}/libraries/folders/{path...}"]; n != 2 {
							return fmt.Errorf("%d folder creations, want 2", n)
						}
					}
					return nil
				}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// New content: an update in place.
			Config: config(changed, binPath),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testLibFile, Attrs: []string{"content"}},
				plancheck.ExpectResourceAction(testLibBin, plancheck.ResourceActionNoop),
			}},
			Check: testLibraryFileHolds(t, key, textPath, changed),
		}),
		acctest.ImportVerifyStep(testLibFile, nil),
		acctest.ImportVerifyStep(testLibBin, nil),
		acctest.ImportIdentityStep(t, testLibFile),
		{
			ResourceName:  testLibFile,
			ImportState:   true,
			ImportStateId: key + "." + textPath,
			ExpectError:   regexp.MustCompile(`(?s)Expected\s+PROJECT_KEY/path`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed in DSS's editor: the plan shows it, the apply writes
			// the configured text back.
			PreConfig: acctest.Must(t, func() error {
				return c.WriteLibraryFile(acctest.Ctx(t), key, textPath, []byte("edited in DSS\n"))
			}),
			Config: config(changed, binPath),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testLibFile, Attrs: []string{"content"}},
			}},
			Check: testLibraryFileHolds(t, key, textPath, changed),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another path: a replacement; the old file goes, its folder
			// stays.
			Config:           config(changed, movedPath),
			ConfigPlanChecks: acctest.Plans(testLibBin, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testLibraryFileHolds(t, key, movedPath, testLibBytes),
				func(*terraform.State) error {
					if tree := testLibraryTree(t, key); tree.Files[binPath] || !tree.Folders["python/data"] {
						return fmt.Errorf("after the move: files %v, folders %v", tree.Files, tree.Folders)
					}
					return nil
				}),
		}),
		acctest.DeletedOutsideStep(t, testLibFile, config(changed, movedPath),
			func() error { return c.DeleteLibraryItem(acctest.Ctx(t), key, textPath) },
			testLibraryFileHolds(t, key, textPath, changed)),
	})
}

// A file made outside Terraform is refused to a resource, with the
// import hint, and adopted with an import block with no change planned
// (text with template sequences, so that its configuration must escape
// them).
func TestAccProjectLibraryFile_existing(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_LIBX")
	c := acctest.ProjectOutside(t, key, "Existing library file")
	acctest.MustDo(t, c.WriteLibraryFile(acctest.Ctx(t), key, "python/tool.py", []byte(testLibText)))
	cfg := testLibraryFileHCL("helpers", key, "python/tool.py", "content", hclQuoted(testLibText))
	acctest.Case(t, testLibraryFilesDestroyed(t, key, []string{"python"}, nil), []resource.TestStep{
		{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)dataiku_project_library_file "` + key + `/python/tool.py".*already\s+exists\s+in\s+DSS.*import`),
		},
		acctest.AdoptedAsIsStep(testLibFile, acctest.ImportBlock(testLibFile, key+"/python/tool.py")+cfg),
	})
}

// The answer to a write (or to a folder's creation) lost once DSS has
// made it: the apply looks before anything else, finds the file (or
// writes it once more), and ends with one file holding the configured
// bytes and nothing left to plan. A lost update is repaired by the next
// apply (the write is idempotent).
func TestAccProjectLibraryFile_lostPost(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_LIBLOST")
	acctest.ProjectOutside(t, key, "Lost writes")
	faults := acctest.LostPostFaults(`/libraries/contents/`)
	folderFaults := acctest.LostPostFaults(`/libraries/folders/`)
	cfg := ""
	var steps []resource.TestStep
	for i, f := range append(faults, folderFaults[0]) {
		p := fmt.Sprintf("python/lost%d/f.py", i)
		cfg += testLibraryFileHCL(fmt.Sprintf("f%d", i), key, p, "content", hclQuoted(fmt.Sprintf("N = %d\n", i)))
		steps = append(steps, acctest.EmptyPlanAfter(acctest.LostPostStep(t, em, f, cfg, testLibraryFileHolds(t, key, p, fmt.Sprintf("N = %d\n", i)))))
	}
	// An update whose answer is lost fails the apply; DSS holds the new
	// text, so the next plan, refreshed from DSS, has nothing to do.
	updated := strings.Replace(cfg, `"N = 0\n"`, `"N = 10\n"`, 1)
	steps = append(steps,
		resource.TestStep{
			PreConfig:   acctest.SetFaults(t, em, faults[0]),
			Config:      acctest.NoRetries + updated,
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_project_library_file "` + key + `/python/lost0/f.py"`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           acctest.NoRetries + updated,
			ConfigPlanChecks: acctest.Plans("dataiku_project_library_file.f0", plancheck.ResourceActionNoop),
			Check: func(s *terraform.State) error {
				if err := acctest.FaultsFired(em); err != nil {
					return err
				}
				return testLibraryFileHolds(t, key, "python/lost0/f.py", "N = 10\n")(s)
			},
		}))
	acctest.Case(t, testLibraryFilesDestroyed(t, key, []string{"python/lost0", "python/lost2"}, nil), steps)
}

// A key that may read the project but not write it is refused by DSS,
// quoted with the resource's address, and nothing is written; with write
// access it may.
func TestAccProjectLibraryFile_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_LIBBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	cfg := testLibraryFileHCL("helpers", key, "python/bob.py", "content", `"X = 1\n"`)
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_project_library_file "`+key+`/python/bob.py".*UnauthorizedException.*may\s+not\s+write\s+project`))
	if testLibraryTree(t, key).Files["python/bob.py"] {
		t.Fatal("the file was written after the refusal")
	}
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].WriteProjectContent = new(true)
	})
	acctest.Case(t, testLibraryFilesDestroyed(t, key, []string{"python"}, nil), []resource.TestStep{acctest.EmptyPlanAfter(resource.TestStep{
		Config: acctest.AsBob(cfg),
		Check:  testLibraryFileHolds(t, key, "python/bob.py", "X = 1\n"),
	})})
}

// What cannot address a file, or says its content twice or not at all,
// is refused at plan time, before anything reaches DSS.
func TestAccProjectLibraryFile_badInput(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	for _, p := range []string{"", "/abs.py", "a//b.py", "a/./b.py", "a/../b.py", "dir/", "a/b\tc.py", "a/\u0085.py"} {
		cfg := testLibraryFileHCL("helpers", "P", p, "content", `"x"`)
		acctest.Case(t, nil, []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)relative\s+to\s+the\s+project's\s+library\s+root`)}})
	}
	both := testLibraryFileHCL("helpers", "P", "python/a.py", "content", `"x"`)
	both = strings.Replace(both, "}\n", "  content_base64 = \"eA==\"\n}\n", 1)
	neither := "resource \"dataiku_project_library_file\" \"helpers\" {\n  project_key = \"P\"\n  path = \"python/a.py\"\n}\n"
	for _, cfg := range []string{both, neither} {
		acctest.Case(t, nil, []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)one\s+\(and\s+only\s+one\)\s+of\s+\[content,content_base64\]`)}})
	}
	for _, b := range []string{"eA", "e A==", "!!!!"} {
		cfg := testLibraryFileHCL("helpers", "P", "python/a.bin", "content_base64", fmt.Sprintf("%q", b))
		acctest.Case(t, nil, []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)standard\s+padded\s+base64`)}})
	}
}

// The data source reads a text file into content and content_base64, a
// binary one into content_base64 only; a missing file is an error.
func TestAccProjectLibraryFile_dataSource(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_LIBDS")
	c := acctest.ProjectOutside(t, key, "Library data source")
	acctest.MustDo(t, c.WriteLibraryFile(acctest.Ctx(t), key, "python/t.py", []byte(testLibText)))
	acctest.MustDo(t, c.WriteLibraryFile(acctest.Ctx(t), key, "python/b.bin", []byte(testLibBytes)))
	ds := func(label, path string) string {
		return fmt.Sprintf("data \"dataiku_project_library_file\" %q {\n  project_key = %q\n  path = %q\n}\n", label, key, path)
	}
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: ds("t", "python/t.py") + ds("b", "python/b.bin"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_project_library_file.t", tfjsonpath.New("content"), knownvalue.StringExact(testLibText)),
				statecheck.ExpectKnownValue("data.dataiku_project_library_file.t", tfjsonpath.New("content_base64"),
					knownvalue.StringExact(base64.StdEncoding.EncodeToString([]byte(testLibText)))),
				statecheck.ExpectKnownValue("data.dataiku_project_library_file.b", tfjsonpath.New("content"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_project_library_file.b", tfjsonpath.New("content_base64"),
					knownvalue.StringExact(base64.StdEncoding.EncodeToString([]byte(testLibBytes)))),
				statecheck.ExpectKnownValue("data.dataiku_project_library_file.t", tfjsonpath.New("id"), knownvalue.StringExact(key+"/python/t.py")),
			},
		},
		{Config: ds("m", "python/missing.py"), ExpectError: regexp.MustCompile(`(?s)Cannot\s+read\s+data.dataiku_project_library_file`)},
	})
}

// A plan refreshes a file with GETs only (the tree, then the file), and
// plans nothing for a file DSS holds as configured; the project deleted
// outside Terraform takes the file out of the state.
func TestAccProjectLibraryFile_refreshAndProjectDeleted(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_LIBDEL")
	c := acctest.ProjectOutside(t, key, "Library refresh")
	cfg := testLibraryFileHCL("helpers", key, "python/a.py", "content", `"A = 1\n"`)
	var before map[string]int64
	acctest.Case(t, nil, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg, Check: testLibraryFileHolds(t, key, "python/a.py", "A = 1\n")}),
		{
			PreConfig: func() { before = em.Server.Stats().ByRoute },
			Config:    cfg,
			PlanOnly:  true,
		},
		{
			PreConfig: func() {
				after := em.Server.Stats().ByRoute
				acctest.ExpectNoWrites(t, before, after, "while planning")
				const tree, file = "GET /public/api/projects/{projectKey}/libraries/contents", "GET /public/api/projects/{projectKey}/libraries/contents/{path...}"
				if after[tree] == before[tree] || after[file] == before[file] {
					t.Errorf("the refresh read the tree %d times and the file %d times", after[tree]-before[tree], after[file]-before[file])
				}
			},
			Config:   cfg,
			PlanOnly: true,
		},
		acctest.ProjectDeletedStep(t, c, key, testLibFile),
	})
}
