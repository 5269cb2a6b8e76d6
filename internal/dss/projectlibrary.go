package dss

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// A project's library (DSS: Project > Libraries, lib/python, lib/R, ...):
// dataikuapi's DSSLibrary, DSSLibraryFolder and DSSLibraryFile
// (projectlibrary.py) [V] give the routes. The tree lists names only; a
// file's content is one GET each, read as base64 so that any bytes come
// back exactly.

// LibraryNode is one node of GET /projects/{k}/libraries/contents: a file
// has no children (null or absent), a folder a list, maybe empty [V].
type LibraryNode struct {
	Name     string         `json:"name"`
	Children *[]LibraryNode `json:"children,omitempty"`
}

// IsFolder reports whether n is a folder.
func (n LibraryNode) IsFolder() bool { return n.Children != nil }

// LibraryTree is a project's library as its tree lists it: every file's
// and folder's path, relative to the library root.
type LibraryTree struct {
	Files   map[string]bool
	Folders map[string]bool
}

// LibraryFiles lists the tree's file paths, sorted.
func (t LibraryTree) LibraryFiles() []string { return slices.Sorted(maps.Keys(t.Files)) }

// LibraryPath is the API path of a library item of kind ("contents" or
// "folders"): each segment of libPath escaped, its slashes kept, as
// dataikuapi's urllib.parse.quote does [V].
func LibraryPath(projectKey, kind, libPath string) string {
	segments := strings.Split(libPath, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return Path("projects", projectKey, "libraries", kind) + "/" + strings.Join(segments, "/")
}

// LibraryContentsPath is the API path of a project's library tree.
func LibraryContentsPath(projectKey string) string {
	return Path("projects", projectKey, "libraries", "contents")
}

// ListLibrary reads a project's library tree (1 GET).
func (c *Client) ListLibrary(ctx context.Context, projectKey string) (LibraryTree, error) {
	nodes, err := getAs[[]LibraryNode](ctx, c, LibraryContentsPath(projectKey), nil)
	if err != nil {
		return LibraryTree{}, err
	}
	t := LibraryTree{Files: map[string]bool{}, Folders: map[string]bool{}}
	var walk func(prefix string, nodes []LibraryNode)
	walk = func(prefix string, nodes []LibraryNode) {
		for _, n := range nodes {
			p := prefix + n.Name
			if n.IsFolder() {
				t.Folders[p] = true
				walk(p+"/", *n.Children)
			} else {
				t.Files[p] = true
			}
		}
	}
	walk("", nodes)
	return t, nil
}

// libraryData is a file's GET answer: {data} [V].
type libraryData struct {
	Data string `json:"data"`
}

// GetLibraryFile reads a library file's bytes (GET with
// dataEncoding=base64, as dataikuapi's read(as_type="bytes") [V]).
func (c *Client) GetLibraryFile(ctx context.Context, projectKey, libPath string) ([]byte, error) {
	p := LibraryPath(projectKey, "contents", libPath)
	d, err := getAs[libraryData](ctx, c, p, url.Values{"dataEncoding": {"base64"}})
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(d.Data)
	if err != nil {
		return nil, fmt.Errorf("GET %s%s: the file's data is not base64: %w", APIPrefix, p, err)
	}
	return b, nil
}

// WriteLibraryFile creates or overwrites a library file with data, the
// raw bytes as the body (dataikuapi's write [V]; the content type is [I]).
func (c *Client) WriteLibraryFile(ctx context.Context, projectKey, libPath string, data []byte) error {
	if data == nil {
		data = []byte{}
	}
	return c.Post(ctx, LibraryPath(projectKey, "contents", libPath), nil,
		&multipartBody{contentType: "application/octet-stream", data: data}, nil)
}

// CreateLibraryFolder creates a library folder (add_folder [V]).
func (c *Client) CreateLibraryFolder(ctx context.Context, projectKey, libPath string) error {
	return c.Post(ctx, LibraryPath(projectKey, "folders", libPath), nil, nil, nil)
}

// DeleteLibraryItem deletes a library file or folder (delete [V]).
func (c *Client) DeleteLibraryItem(ctx context.Context, projectKey, libPath string) error {
	return c.Delete(ctx, LibraryPath(projectKey, "contents", libPath), nil, nil)
}
