package instance_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The bad-input table for API keys: as TestAccBadInputRefusedAtPlan, every
// case is one resource of one configuration, and one `terraform plan` must
// refuse each with an error naming the attribute and the rule, writing
// nothing to DSS.

const (
	badGlobalKeyBase   = "  label = \"ok\"\n  admin = true\n"
	badGroupKeyBase    = "  label = \"ok\"\n  groups = [\"g\"]\n"
	badPersonalKeyBase = "  user = \"bob\"\n  label = \"ok\"\n"
)

var (
	badGlobalKey   = acctest.BadCaseOf("dataiku_api_key", badGlobalKeyBase)
	badGroupKey    = acctest.BadCaseOf("dataiku_api_key", badGroupKeyBase)
	badPersonalKey = acctest.BadCaseOf("dataiku_personal_api_key", badPersonalKeyBase)
)

func badInputKeyCases() []acctest.BadInputCase {
	// A long group name or login is DSS's to judge (no limit is
	// documented), and so is a slash in one (a key's document holds them,
	// no path: TestAccPrincipalReferencesTakeASlash); a long one holding a
	// control character is still refused, by the rule.
	longControl := strings.Repeat("l", 300) + "\\tx"
	ref := regexp.QuoteMeta(names.PrincipalRefRule)
	// The framework's own refusal names the attribute only in the quoted
	// configuration line (QuotedCase).
	readOnly := `Invalid Configuration for Read-Only Attribute`
	return []acctest.BadInputCase{
		// dataiku_api_key: rights
		// (a key that is not admin may have no groups: DSS's default key)
		badGlobalKey("groups", `groups = ["g"]`, `Conflicting rights.*must not be set when admin = true`),
		badGlobalKey("groups", `groups = []`, `Conflicting rights.*must not be set when admin = true`),
		badGroupKey("groups", `groups = ["a\nb"]`, ref),
		badGroupKey("groups", `groups = [" "]`, ref),
		badGroupKey("groups", `groups = [""]`, ref),
		badGroupKey("groups", `groups = ["`+longControl+`"]`, ref),
		badGlobalKey("admin", `admin = "sometimes"`, `bool required|a bool is required`),
		// dataiku_api_key: the rest
		// (any label is DSS's: "", null and long ones included)
		badGlobalKey("label", `label = ["x"]`, `string required`),
		badGlobalKey("lifetime_days", `lifetime_days = -1`, `must be at least 0`),
		badGlobalKey("impersonated_user", `impersonated_user = ""`, ref),
		badGlobalKey("impersonated_user", `impersonated_user = "corp\tjdoe"`, ref),
		acctest.QuotedCase(badGlobalKey("secret", `secret = "chosen"`, readOnly)),
		acctest.QuotedCase(badGlobalKey("expires_on", `expires_on = "2030-01-01T00:00:00Z"`, readOnly)),
		badGlobalKey("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_personal_api_key
		badPersonalKey("user", `user = ""`, ref),
		badPersonalKey("user", `user = "bob\nsmith"`, ref),
		badPersonalKey("user", `user = "`+longControl+`"`, ref),
		{Resource: "dataiku_personal_api_key", Attr: "user", Body: "  label = \"ok\"\n", Rule: `The argument "user" is required`, Quoted: false},
		badPersonalKey("label", `label = ["x"]`, `string required`),
		acctest.QuotedCase(badPersonalKey("secret", `secret = "chosen"`, readOnly)),
		badPersonalKey("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),
	}
}

func TestAccBadInputKeysRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputKeyCases(), "k")
}
