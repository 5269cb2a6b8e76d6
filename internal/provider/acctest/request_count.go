package acctest

import (
	"fmt"
	"sort"
	"strings"
)

const AuthInfoRoute = "GET /public/api/auth/info"

func FormatRoutes(d map[string]int64) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s ×%d", strings.TrimPrefix(k, "/public/api"), d[k]))
	}
	return strings.Join(parts, ", ")
}
