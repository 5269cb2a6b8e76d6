package dss

import (
	"context"
	"net/http"
	"strings"
)

// Flow zone calls (dss-api-more.md §2). A zone is identified by an id DSS
// generates; the default zone's id is the literal "default". An object is
// in exactly one zone: moving it into a zone takes it out of its previous
// one, and there is no remove call (moving it to the default zone is).

// DefaultZoneID is the id of a project's default zone.
const DefaultZoneID = "default"

// DefaultZoneColor is the color DSS's own client gives a new zone.
const DefaultZoneColor = "#2ab1ac"

// Zone item object types the provider manages.
const (
	ZoneItemDataset       = "DATASET"
	ZoneItemManagedFolder = "MANAGED_FOLDER"
	ZoneItemRecipe        = "RECIPE"
)

// ZoneItem is an object reference in a zone: a local object has no
// ProjectKey. Compare items with Same, never by their JSON text.
type ZoneItem struct {
	ProjectKey string `json:"projectKey,omitempty"`
	ObjectID   string `json:"objectId"`
	ObjectType string `json:"objectType"`
}

// Same reports whether two refs name the same object of project
// projectKey (a ProjectKey equal to it is the same as none).
func (i ZoneItem) Same(o ZoneItem, projectKey string) bool {
	pk := func(x ZoneItem) string {
		if x.ProjectKey == projectKey {
			return ""
		}
		return x.ProjectKey
	}
	return i.ObjectType == o.ObjectType && i.ObjectID == o.ObjectID && pk(i) == pk(o)
}

// Ref is the item's object as written in a configuration: its id, or
// PROJECT_KEY.id for an object of another project.
func (i ZoneItem) Ref(projectKey string) string {
	if i.ProjectKey == "" || i.ProjectKey == projectKey {
		return i.ObjectID
	}
	return i.ProjectKey + "." + i.ObjectID
}

// ZoneItemFromRef is the reverse of Ref: "id" is local, "KEY.id" names an
// object of project KEY (dataset names, folder and recipe ids hold no dot).
func ZoneItemFromRef(objectType, ref, projectKey string) ZoneItem {
	if key, id, ok := strings.Cut(ref, "."); ok {
		if key == projectKey {
			key = ""
		}
		return ZoneItem{ProjectKey: key, ObjectID: id, ObjectType: objectType}
	}
	return ZoneItem{ObjectID: ref, ObjectType: objectType}
}

// FlowZone is a zone as GET /projects/{key}/flow/zones/{id} answers it.
// Its PUT writes name and color; DSS ignores items and shared there.
type FlowZone struct {
	ID     string     `json:"id"`
	Name   string     `json:"name"`
	Color  string     `json:"color"`
	Items  []ZoneItem `json:"items" dss:"nonnull"`
	Shared []ZoneItem `json:"shared" dss:"nonnull"`
	Extra  Extra      `json:"-"`
}

func (d *FlowZone) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d FlowZone) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// FlowZoneDoc is a zone's settings document.
func FlowZoneDoc(projectKey, id string) Document[FlowZone] {
	return DocumentAt[FlowZone](Path("projects", projectKey, "flow", "zones", id))
}

// ListFlowZones lists a project's zones, the default zone included.
func (c *Client) ListFlowZones(ctx context.Context, projectKey string) ([]FlowZone, error) {
	return getAs[[]FlowZone](ctx, c, Path("projects", projectKey, "flow", "zones"), nil)
}

// CreateFlowZone creates an empty zone and returns it (with the id DSS
// generated).
func (c *Client) CreateFlowZone(ctx context.Context, projectKey, name, color string) (*FlowZone, error) {
	return postCreate[FlowZone](ctx, c, Path("projects", projectKey, "flow", "zones"),
		map[string]any{"name": name, "color": color}, "created the flow zone")
}

func (d *FlowZone) createdKey() (string, string) { return "id", d.ID }

// MoveToFlowZone moves objects into zone id (DefaultZoneID takes them out
// of every explicit zone) with one add-items call, and returns the zone
// as DSS holds it after the move. Moving is idempotent: an object already
// there stays.
func (c *Client) MoveToFlowZone(ctx context.Context, projectKey, id string, items []ZoneItem) (*FlowZone, error) {
	return callAs[FlowZone](ctx, c, http.MethodPost, Path("projects", projectKey, "flow", "zones", id, "add-items"), nil, items)
}

// DeleteFlowZone deletes a zone; DSS puts its objects in the default zone.
func (c *Client) DeleteFlowZone(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "flow", "zones", id), nil, nil)
}
