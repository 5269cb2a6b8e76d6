package acctest

import (
	"regexp"
)

func RegexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }
