package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ListDefinitions lists, for terraform query, the objects of a kind whose
// project list holds whole definitions (datasets, managed folders): one
// request, the objects in the order of their ids, each emitted with its
// raw item so that its resource object costs no request of its own, as
// the kind's list refresh reads it. what names the objects in errors
// ("datasets"); show returns how one decoded object is displayed, and
// false to leave it out (the kind's filters).
func ListDefinitions[D any](ctx context.Context, key, what string,
	list func(ctx context.Context, key string) (*dss.Definitions, error),
	doc func(key, id string) dss.Document[D],
	show func(id string, d *D) (display string, keep bool),
	emit func(Listed) bool,
) error {
	defs, err := list(ctx, key)
	if err != nil {
		return Listing(what+" of project "+key, err)
	}
	for _, id := range SortedKeys(defs.Items) {
		d, err := doc(key, id).Decode(defs.Items[id])
		if err != nil {
			return Listing(what+" of project "+key, err)
		}
		display, keep := show(id, d)
		if !keep {
			continue
		}
		if !emit(Listed{Key: []string{key, id}, Display: display, Item: defs.Items[id]}) {
			return nil
		}
	}
	return nil
}

// FindCreated is the end of a kind's Find over the list of its parent's
// objects: the object a lost POST may have created is the one whose name
// is the planned one (match says whether an object has it, and its id,
// set into id when found). Where DSS keeps names unique (ambiguous nil)
// the first match is the object; where it does not (flow zones, data
// quality rules), several matches are ambiguous's error, never a guess.
func FindCreated[T any](objects []T, id *types.String, match func(*T) (bool, string), ambiguous func(ids []string) error) (bool, error) {
	var ids []string
	for i := range objects {
		if ok, objectID := match(&objects[i]); ok {
			ids = append(ids, objectID)
		}
	}
	switch {
	case len(ids) == 0:
		return false, nil
	case len(ids) > 1 && ambiguous != nil:
		return false, ambiguous(ids)
	}
	*id = types.StringValue(ids[0])
	return true, nil
}
