package project

import (
	"context"
	"encoding/base64"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewLibraryFileDataSource returns the dataiku_project_library_file data
// source.
func NewLibraryFileDataSource() datasource.DataSource {
	return &kit.DataSource[libraryFileModel]{Name: "project_library_file", Mirror: &libraryFileDataSourceSchema,
		ReadObject: readLibraryFileDataSource, Named: func(m *libraryFileModel) string { return libraryFileAddress.ImportID(m) }}
}

// libraryFileDataSourceSchema is the resource's schema, computed, read by
// project key and path.
var libraryFileDataSourceSchema = kit.MirroredSchema{Resource: NewLibraryFileResource,
	Description: "Reads one file of a project's library (2 API calls: the library tree, then the file; the API key needs read access to the project). " +
		"A path the library does not hold as a file is an error.",
	Own: map[string]schema.Attribute{
		"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project whose library holds the file.",
			Validators: []validator.String{kit.ProjectKeyPart.Validator()}},
		"path": schema.StringAttribute{Required: true, MarkdownDescription: "The file's path relative to the library root, e.g. `python/mylib/helpers.py`.",
			Validators: []validator.String{libraryFilePathPart.Validator()}},
	},
	Describe: map[string]string{
		"content":        "The file's content as text, when it is UTF-8 without NUL bytes; null otherwise (read `content_base64`).",
		"content_base64": "The file's bytes, base64-encoded (always set).",
	},
}

func readLibraryFileDataSource(ctx context.Context, c *dss.Client, cfg *libraryFileModel, _ *diag.Diagnostics) error {
	if err := libraryFileListed(ctx, c, cfg); err != nil {
		return err
	}
	b, err := c.GetLibraryFile(ctx, cfg.ProjectKey.ValueString(), cfg.Path.ValueString())
	if err != nil {
		return err
	}
	cfg.ID = types.StringValue(libraryFileAddress.ImportID(cfg))
	cfg.ContentBase64 = types.StringValue(base64.StdEncoding.EncodeToString(b))
	cfg.Content = types.StringNull()
	if isLibraryText(b) {
		cfg.Content = types.StringValue(string(b))
	}
	return nil
}
