package kit

import "github.com/hashicorp/terraform-plugin-framework/types"

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
