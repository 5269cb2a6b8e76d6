package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// GitURLPasswordRule says what GitURLPasswordWarning warns of: a sentence
// for the attributes' descriptions.
const GitURLPasswordRule = "A URL that holds a password or token (`https://user:token@host/...`, or a token as the user name: `https://ghp_...@host/...`) is accepted with a warning: " +
	"Terraform keeps the URL in clear in plans and state, and DSS stores it as given; prefer an SSH URL, " +
	"or credentials kept by git on the DSS server."

// GitURLPasswordWarning warns at plan time when a Git URL carries a
// password or a token in its user information, as
// `https://user:token@github.com/...` and `https://ghp_…@github.com/...` do
// (names.URLHoldsCredential). DSS accepts such a URL, so it is never refused; but the attribute is
// not sensitive (a URL is what reviewers read in a plan), so the warning
// is the only place that says the secret is about to be written in clear.
// The warning names neither the URL nor the password.
var GitURLPasswordWarning = StringCheck(GitURLPasswordRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if !names.URLHoldsCredential(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Git URL holds a password or token",
		"This URL carries a password or token in its user information. Terraform will show it in plans and keep it in clear "+
			"in the state, and DSS stores the URL as given. Prefer an SSH URL (git@host:org/repo.git) with a key DSS's server holds, "+
			"or HTTPS credentials kept by git on the DSS server (a credential helper), so that the secret stays out of the configuration.")
})
