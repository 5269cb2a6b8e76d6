package kit

import "errors"

// FoundInList is a kind's Find answer from a search of one of DSS's lists
// (a plugin in the plugins' list, an execution config in the general
// settings, a preset in its plugin's settings): the kind gives what its
// search returned, the item or an AbsentFromListError; absent from the
// list is not found, and any other error is the search's.
func FoundInList[T any](_ T, err error) (bool, error) {
	var absent *AbsentFromListError
	if errors.As(err, &absent) {
		return false, nil
	}
	return err == nil, err
}
