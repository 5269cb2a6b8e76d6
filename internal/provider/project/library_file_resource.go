package project

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewLibraryFileResource returns the dataiku_project_library_file
// resource.
func NewLibraryFileResource() resource.Resource {
	return kit.NewResource[libraryFileModel](libraryFileKind{})
}

// libraryFileKind is one file of a project's library (lib/python,
// lib/R, ...), named by its project and its path in the library.
// dataikuapi's projectlibrary.py [V]: the tree (GET libraries/contents)
// names files and folders; a file's content is its own GET (read with
// dataEncoding=base64, so that any bytes come back exactly); a POST of the
// raw bytes creates or overwrites it; a DELETE removes it. Existence is
// read from the tree [I: DSS's answer to a GET of a missing file is not
// documented], the content from the file's GET.
type libraryFileKind struct{}

type libraryFileModel struct {
	ID            types.String `tfsdk:"id"`
	ProjectKey    types.String `tfsdk:"project_key"`
	Path          types.String `tfsdk:"path"`
	Content       types.String `tfsdk:"content"`
	ContentBase64 types.String `tfsdk:"content_base64"`
}

// libraryPathSegment is one segment of a library path: not empty, not "."
// or "..", no slash and no control character. [I] DSS's rule is not
// documented; these are what a REST path cannot address reliably (servers
// and proxies collapse "//" and remove dot segments) or what would leave
// the library. Anything else is DSS's to judge.
const libraryPathSegment = `(?:[^/.\p{Cc}]|\.[^/.\p{Cc}]|\.\.[^/\p{Cc}])[^/\p{Cc}]*`

var libraryFilePathPart = kit.ImportPart{
	Label:   "path",
	Pattern: regexp.MustCompile(`^` + libraryPathSegment + `(?:/` + libraryPathSegment + `)*$`),
	Rule: "be a path relative to the project's library root: segments separated by single slashes, " +
		"no leading or trailing slash, no `.` or `..` segment, no control character",
}

var libraryFileAddress = kit.Address[libraryFileModel]{
	TypeName: "dataiku_project_library_file",
	// ObjectPath escapes the path's slashes: the kind has its own Find,
	// Delete and DeletePath, which keep them.
	Path: "projects/{project_key}/libraries/contents/{path}",
	Key: []kit.KeyPart[libraryFileModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *libraryFileModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project whose library holds the file."},
		{Attr: "path", ImportPart: libraryFilePathPart, Field: func(m *libraryFileModel) *types.String { return &m.Path }, Doc: "The file's path relative to the library root."},
	},
	ID:   func(m *libraryFileModel) *types.String { return &m.ID },
	Join: func(v []string) string { return v[0] + "/" + v[1] },
	// A project key holds no slash: the first one separates it from the
	// path, which may hold more.
	ParseKey: func(id string) ([]string, error) {
		key, p, _ := strings.Cut(id, "/")
		if !kit.ProjectKeyPart.Pattern.MatchString(key) || !libraryFilePathPart.Pattern.MatchString(p) {
			return nil, fmt.Errorf("expected PROJECT_KEY/path (e.g. SALES/python/mylib/helpers.py), where PROJECT_KEY must %s and path must %s; got %q",
				kit.ProjectKeyPart.Rule, libraryFilePathPart.Rule, id)
		}
		return []string{key, p}, nil
	},
}

func (libraryFileKind) Address() *kit.Address[libraryFileModel] { return &libraryFileAddress }

// canonicalBase64 accepts what base64encode() and filebase64() make:
// standard, padded base64 with nothing else, so that what DSS holds reads
// back as the same string (no perpetual difference).
var canonicalBase64 = kit.StringCheck("standard padded base64, as `filebase64()` and `base64encode()` make", func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	s := req.ConfigValue.ValueString()
	if b, err := base64.StdEncoding.DecodeString(s); err != nil || base64.StdEncoding.EncodeToString(b) != s {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base64",
			fmt.Sprintf("%s must be standard padded base64 without line breaks, as filebase64() and base64encode() make it.", req.Path))
	}
})

func (libraryFileKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "One file of a project's library (DSS: *Project > Libraries*; `lib/python`, `lib/R`, ...), the code its recipes and notebooks import, " +
			"e.g. `python/mylib/helpers.py`.\n\n" +
			"**Content.** Exactly one of `content` (UTF-8 text, kept byte for byte: line endings and a final newline are not changed) and " +
			"`content_base64` (any bytes, e.g. `filebase64(\"logo.png\")`). The provider reads the file back from DSS and compares bytes: " +
			"a file changed in DSS's library editor shows as a change, and the next apply writes it back.\n\n" +
			"**Folders.** Creating the file first creates, one by one, the folders of its path that the library lacks. " +
			"Destroying it deletes the file only: folders are never deleted, since they may hold other files (created by hand, or by other resources).\n\n" +
			"**Rights.** Needs write access to the project (*Write project content*); reading needs read access.\n\n" +
			"Creating a file that already exists in DSS is refused, with the import command. " +
			"Import with `PROJECT_KEY/path`, e.g. `SALES/python/mylib/helpers.py`: the project key holds no slash, so the path after the first slash may hold more. " +
			"An imported file is read into `content` when it is UTF-8 text without NUL bytes, into `content_base64` otherwise.\n\n" +
			"**Refresh cost.** 2 API calls (the project's library tree, then the file).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("`PROJECT_KEY/path`."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project whose library holds the file. Changing it replaces the file."),
			"path": kit.RequiredReplacing("The file's path relative to the library root, e.g. `python/mylib/helpers.py`. Changing it replaces the file "+
				"(the new one is written, the old one deleted; its folders stay).",
				libraryFilePathPart.Validator()),
			"content": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The file's content as UTF-8 text, written byte for byte (no newline normalisation), e.g. `file(\"${path.module}/helpers.py\")`. " +
					"Exactly one of `content` and `content_base64`. Changes in place.",
				Validators: []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("content"), path.MatchRoot("content_base64"))}},
			"content_base64": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The file's bytes, base64-encoded (standard, padded, no line breaks), for a file that is not UTF-8 text, e.g. `filebase64(\"model.pkl\")`. " +
					"Exactly one of `content` and `content_base64`. Changes in place.",
				Validators: []validator.String{canonicalBase64}},
		},
	}
}

// bytes is what m's content says the file holds.
func (m *libraryFileModel) bytes() ([]byte, error) {
	if !m.ContentBase64.IsNull() {
		return base64.StdEncoding.DecodeString(m.ContentBase64.ValueString())
	}
	return []byte(m.Content.ValueString()), nil
}

// isLibraryText reports whether b reads as text: UTF-8 without NUL bytes.
func isLibraryText(b []byte) bool { return utf8.Valid(b) && !bytes.ContainsRune(b, 0) }

// libraryFileFromDSS fills m's content from the file's bytes, in the form
// m already uses (content_base64 when set, content otherwise); imported
// (no form yet), as text when it is text. Text that is not UTF-8 reads
// with its invalid bytes replaced: a difference the next apply repairs.
func libraryFileFromDSS(b []byte, m *libraryFileModel, imported bool) {
	m.ID = types.StringValue(libraryFileAddress.ImportID(m))
	asBase64 := !m.ContentBase64.IsNull()
	if imported && m.Content.IsNull() && m.ContentBase64.IsNull() {
		asBase64 = !isLibraryText(b)
	}
	if asBase64 {
		m.ContentBase64, m.Content = types.StringValue(base64.StdEncoding.EncodeToString(b)), types.StringNull()
	} else {
		m.Content, m.ContentBase64 = types.StringValue(strings.ToValidUTF8(string(b), "\uFFFD")), types.StringNull()
	}
}

// libraryTree is m's project's library tree. The project's not-found
// for the tree means the project, and so the file, is gone.
func libraryTree(ctx context.Context, c *dss.Client, m *libraryFileModel) (dss.LibraryTree, error) {
	key := m.ProjectKey.ValueString()
	t, err := c.ListLibrary(ctx, key)
	if dss.IsGone(err, dss.LibraryContentsPath(key)) {
		return t, &kit.AbsentFromListError{ListPath: dss.APIPrefix + dss.LibraryContentsPath(key)}
	}
	return t, err
}

// libraryFileListed answers nil when the tree lists m's file,
// AbsentFromListError when it does not.
func libraryFileListed(ctx context.Context, c *dss.Client, m *libraryFileModel) error {
	t, err := libraryTree(ctx, c, m)
	if err != nil {
		return err
	}
	if !t.Files[m.Path.ValueString()] {
		return &kit.AbsentFromListError{ListPath: dss.APIPrefix + dss.LibraryContentsPath(m.ProjectKey.ValueString())}
	}
	return nil
}

// Find costs 1 GET (the tree): the existence check before a create, and
// the check after a write whose answer was lost.
func (libraryFileKind) Find(ctx context.Context, c *dss.Client, m *libraryFileModel) (bool, error) {
	return kit.FoundInList(struct{}{}, libraryFileListed(ctx, c, m))
}

// Post creates the folders of the file's path the tree lacks, parents
// first, then writes the file. [I] Whether DSS's file POST creates
// missing folders is not documented: the provider does not depend on it.
func (libraryFileKind) Post(ctx context.Context, c *dss.Client, m *libraryFileModel) error {
	key, p := m.ProjectKey.ValueString(), m.Path.ValueString()
	m.ID = types.StringValue(libraryFileAddress.ImportID(m))
	data, err := m.bytes()
	if err != nil {
		return err
	}
	t, err := libraryTree(ctx, c, m)
	if err != nil {
		return err
	}
	segments := strings.Split(p, "/")
	for i := 1; i < len(segments); i++ {
		if folder := strings.Join(segments[:i], "/"); !t.Folders[folder] {
			if err := c.CreateLibraryFolder(ctx, key, folder); err != nil {
				return err
			}
		}
	}
	return c.WriteLibraryFile(ctx, key, p, data)
}

// Apply writes the file when its content changed (an update: the POST
// overwrites it whole; a file has nothing the provider does not model),
// then reads it back (1 GET).
func (libraryFileKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[libraryFileModel]) {
	plan, key, p := op.Plan, op.Plan.ProjectKey.ValueString(), op.Plan.Path.ValueString()
	if op.Prior != nil && (!plan.Content.Equal(op.Prior.Content) || !plan.ContentBase64.Equal(op.Prior.ContentBase64)) {
		data, err := plan.bytes()
		if op.Fail(err) || op.Fail(c.WriteLibraryFile(ctx, key, p, data)) {
			return
		}
	}
	b, err := c.GetLibraryFile(ctx, key, p)
	if op.Fail(err) {
		return
	}
	libraryFileFromDSS(b, plan, false)
}

// Read costs 2 GETs: the tree (is the file there?), then its content.
func (libraryFileKind) Read(ctx context.Context, c *dss.Client, m *libraryFileModel, imported bool) error {
	if err := libraryFileListed(ctx, c, m); err != nil {
		return err
	}
	b, err := c.GetLibraryFile(ctx, m.ProjectKey.ValueString(), m.Path.ValueString())
	if err != nil {
		return err
	}
	libraryFileFromDSS(b, m, imported)
	return nil
}

// DeletePath is the file's own path, slashes kept: DSS's not-found for it
// means the file is gone.
func (libraryFileKind) DeletePath(m *libraryFileModel) string {
	return dss.LibraryPath(m.ProjectKey.ValueString(), "contents", m.Path.ValueString())
}

// Delete deletes the file only, never a folder.
func (libraryFileKind) Delete(ctx context.Context, c *dss.Client, m *libraryFileModel) error {
	return c.DeleteLibraryItem(ctx, m.ProjectKey.ValueString(), m.Path.ValueString())
}
