package instance_test

import (
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
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
	long := strings.Repeat("l", kit.MaxNameLength+1)
	length := `length must be between 1 and 256`
	oneOf := `exactly one of admin = true or a non-empty groups`
	// The framework's own refusal names the attribute only in the quoted
	// configuration line (QuotedCase).
	readOnly := `Invalid Configuration for Read-Only Attribute`
	return []acctest.BadInputCase{
		// dataiku_api_key: rights
		badGlobalKey("groups", `groups = ["g"]`, `must not be set when admin = true.*`+oneOf),
		badGlobalKey("groups", `admin = false`, `needs a non-empty groups.*`+oneOf),
		{Resource: "dataiku_api_key", Attr: "groups", Body: "  label = \"ok\"\n", Rule: `needs a non-empty groups.*` + oneOf, Quoted: false},
		badGroupKey("groups", `groups = []`, `needs a non-empty groups`),
		badGroupKey("groups", `groups = ["has space"]`, `must be a DSS group name`),
		badGroupKey("groups", `groups = [""]`, length),
		badGlobalKey("admin", `admin = "sometimes"`, `bool required|a bool is required`),
		// dataiku_api_key: the rest
		badGlobalKey("label", `label = ""`, length),
		badGlobalKey("label", `label = "`+long+`"`, length),
		{Resource: "dataiku_api_key", Attr: "label", Body: "  admin = true\n", Rule: `The argument "label" is required`, Quoted: false},
		badGlobalKey("lifetime_days", `lifetime_days = -1`, `must be at least 0`),
		badGlobalKey("impersonated_user", `impersonated_user = ""`, length),
		badGlobalKey("impersonated_user", `impersonated_user = "two words"`, `must be a DSS login`),
		acctest.QuotedCase(badGlobalKey("secret", `secret = "chosen"`, readOnly)),
		acctest.QuotedCase(badGlobalKey("expires_on", `expires_on = "2030-01-01T00:00:00Z"`, readOnly)),
		badGlobalKey("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_personal_api_key
		badPersonalKey("user", `user = ""`, length),
		badPersonalKey("user", `user = "bob smith"`, `must be a DSS login`),
		{Resource: "dataiku_personal_api_key", Attr: "user", Body: "  label = \"ok\"\n", Rule: `The argument "user" is required`, Quoted: false},
		badPersonalKey("label", `label = ""`, length),
		badPersonalKey("label", `label = "`+long+`"`, length),
		acctest.QuotedCase(badPersonalKey("secret", `secret = "chosen"`, readOnly)),
		badPersonalKey("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),
	}
}

func TestAccBadInputKeysRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputKeyCases(), "k")
}
