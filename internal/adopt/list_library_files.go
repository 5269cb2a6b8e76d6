package adopt

import (
	"context"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// listLibraryFiles lists the files of a project's library, one request
// (the tree). The provider's import reads each file into content when it
// is UTF-8 text without NUL bytes, into content_base64 otherwise, so the
// generated configuration holds the file as it is.
func (l *lister) listLibraryFiles(ctx context.Context, key string) error {
	tree, err := call(l, func() (dss.LibraryTree, error) { return l.c.ListLibrary(ctx, key) })
	if err != nil {
		return l.cannotSee("library of project "+key, err)
	}
	for _, p := range tree.LibraryFiles() {
		l.add(&object{Kind: names.KindProjectLibraryFile, ID: key + "/" + p, nameParts: []string{key, "libfile", p}, Project: key})
	}
	return nil
}
