package provider_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// TestRightsHintFitsTheRequest checks that a refusal's hint names what the
// refused request needed: the connection's groups for a connection DSS will
// not let the user use, the admin key for admin-only kinds, the project
// permission for a project's objects. A hint for one cause must not be given
// for another, so each case also lists what its detail must not say.
func TestRightsHintFitsTheRequest(t *testing.T) {
	const unauthorized = "com.dataiku.dip.exceptions.UnauthorizedException"
	cases := []struct {
		name    string
		err     *dss.APIError
		want    []string
		notWant []string
	}{
		{
			name: "connection use",
			err: &dss.APIError{Method: "POST", Path: "/public/api/projects/SALES/datasets/", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "You are not allowed to use connection pg_sales"},
			want:    []string{`"pg_sales"`, "usable_by", "allowed_groups"},
			notWant: []string{"admin key", "project permission"},
		},
		{
			name: "users",
			err: &dss.APIError{Method: "POST", Path: "/public/api/admin/users/", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "Action forbidden, you are not admin"},
			want:    []string{"admin key", "users"},
			notWant: []string{"usable_by", "project permission"},
		},
		{
			name: "connection definition",
			err: &dss.APIError{Method: "GET", Path: "/public/api/admin/connections/pg_sales", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "Action forbidden, you are not admin"},
			want:    []string{"admin key", "connections"},
			notWant: []string{"usable_by", "project permission"},
		},
		{
			name: "instance settings",
			err: &dss.APIError{Method: "PUT", Path: "/public/api/admin/general-settings", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "Action forbidden, you are not admin"},
			want:    []string{"admin key", "instance settings"},
			notWant: []string{"usable_by", "project permission"},
		},
		{
			name: "project rights",
			err: &dss.APIError{Method: "PUT", Path: "/public/api/projects/SALES/recipes/compute_x", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "Action forbidden, you do not have write rights on project SALES"},
			want:    []string{"project permission", `"SALES"`, "dataiku_project"},
			notWant: []string{"usable_by", "Users, groups"},
		},
		{
			name: "project creation",
			err: &dss.APIError{Method: "POST", Path: "/public/api/projects/", StatusCode: http.StatusForbidden,
				ErrorType: "java.lang.SecurityException", Message: "You may not create new projects"},
			want:    []string{"create projects", "may_create_projects"},
			notWant: []string{"usable_by", "Users, groups"},
		},
		{
			name: "workspace creation",
			err: &dss.APIError{Method: "POST", Path: "/public/api/workspaces/", StatusCode: http.StatusForbidden,
				ErrorType: "java.lang.SecurityException", Message: "You may not create workspaces"},
			want:    []string{"create workspaces", "may_create_workspaces"},
			notWant: []string{"usable_by", "project permission", "entry"},
		},
		{
			name: "data collection creation",
			err: &dss.APIError{Method: "POST", Path: "/public/api/data-collections/", StatusCode: http.StatusForbidden,
				ErrorType: "java.lang.SecurityException", Message: "You may not create data collections"},
			want:    []string{"create data collections", "may_create_data_collections"},
			notWant: []string{"usable_by", "project permission", "entry"},
		},
		{
			name: "workspace rights",
			err: &dss.APIError{Method: "DELETE", Path: "/public/api/workspaces/SALES_WS", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "Action forbidden: you may not administer workspace SALES_WS"},
			want:    []string{`workspace "SALES_WS"`, "entry", "admin to change or delete it"},
			notWant: []string{"usable_by", "project permission", "may_create"},
		},
		{
			name: "data collection rights",
			err: &dss.APIError{Method: "PUT", Path: "/public/api/data-collections/aB3dE5fG", StatusCode: http.StatusForbidden,
				ErrorType: unauthorized, Message: "You may not administer data collection aB3dE5fG"},
			want:    []string{`data collection "aB3dE5fG"`, "entry"},
			notWant: []string{"usable_by", "project permission", "may_create"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			kit.AddDSSError(&diags, "Cannot do it", tc.err)
			if len(diags) != 1 {
				t.Fatalf("diags = %v", diags)
			}
			detail := diags[0].Detail()
			if !strings.Contains(detail, tc.err.Message) {
				t.Errorf("the detail does not quote DSS:\n%s", detail)
			}
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("the detail does not say %q:\n%s", w, detail)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(detail, w) {
					t.Errorf("the detail says %q, which is not this refusal's cause:\n%s", w, detail)
				}
			}
		})
	}
}
