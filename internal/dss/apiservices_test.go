package dss

import (
	"context"
	"net/http"
	"testing"
)

// The API Designer's package calls as dataikuapi sends them: create with
// releaseNotes as a query parameter (none when empty), publish with
// publishedServiceId only when given, and the paths of the list, summary
// and delete.
func TestAPIServicePackageWire(t *testing.T) {
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/public/api/projects/P/apiservices/s/packages":
			_, _ = w.Write([]byte(`[{"id":"v1","createdOn":12,"x":1}]`))
		default:
			_, _ = w.Write([]byte(`{"id":"v1"}`))
		}
	})
	ctx := context.Background()
	if err := c.CreateAPIServicePackage(ctx, "P", "s", "v1", "first one"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateAPIServicePackage(ctx, "P", "s", "v2", ""); err != nil {
		t.Fatal(err)
	}
	list, err := c.ListAPIServicePackages(ctx, "P", "s")
	if err != nil || len(list) != 1 || list[0].ID != "v1" || list[0].CreatedOn != 12 {
		t.Fatalf("list %+v, %v", list, err)
	}
	if sum, err := c.GetAPIServicePackageSummary(ctx, "P", "s", "v1"); err != nil || sum["id"] != "v1" {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	if err := c.PublishAPIServicePackage(ctx, "P", "s", "v1", ""); err != nil {
		t.Fatal(err)
	}
	if err := c.PublishAPIServicePackage(ctx, "P", "s", "v1", "other"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteAPIServicePackage(ctx, "P", "s", "v1"); err != nil {
		t.Fatal(err)
	}
	log.expect(t,
		`POST /public/api/projects/P/apiservices/s/packages/v1?releaseNotes=first+one `,
		`POST /public/api/projects/P/apiservices/s/packages/v2 `,
		`GET /public/api/projects/P/apiservices/s/packages `,
		`GET /public/api/projects/P/apiservices/s/packages/v1/summary `,
		`POST /public/api/projects/P/apiservices/s/packages/v1/publish `,
		`POST /public/api/projects/P/apiservices/s/packages/v1/publish?publishedServiceId=other `,
		`DELETE /public/api/projects/P/apiservices/s/packages/v1 `,
	)
}
