package acctest

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Flatmap flattens a decoded JSON value as the test framework's flat
// state holds an HCL object attribute (name.key.0.sub = "value", list
// lengths as name.list.#), leaving out nulls and object sizes.
func Flatmap(name string, v any) map[string]string {
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case nil:
		case map[string]any:
			for k, e := range x {
				walk(prefix+"."+k, e)
			}
		case []any:
			out[prefix+".#"] = strconv.Itoa(len(x))
			for i, e := range x {
				walk(prefix+"."+strconv.Itoa(i), e)
			}
		case json.Number:
			f, _ := x.Float64()
			out[prefix] = strconv.FormatFloat(f, 'f', -1, 64)
		case float64:
			out[prefix] = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			out[prefix] = fmt.Sprint(x)
		}
	}
	walk(name, v)
	return out
}
