package kit

import (
	"context"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// GitURLPasswordRule says what GitURLPasswordWarning warns of: a sentence
// for the attributes' descriptions.
const GitURLPasswordRule = "A URL that holds a password or token (`https://user:token@host/...`) is accepted with a warning: " +
	"Terraform keeps the URL in clear in plans and state, and DSS stores it as given; prefer an SSH URL, " +
	"or credentials kept by git on the DSS server."

// GitURLPasswordWarning warns at plan time when a Git URL carries a
// password in its user information, as `https://user:token@github.com/...`
// does. DSS accepts such a URL, so it is never refused; but the attribute is
// not sensitive (a URL is what reviewers read in a plan), so the warning
// is the only place that says the secret is about to be written in clear.
// The warning names neither the URL nor the password.
var GitURLPasswordWarning = StringCheck(GitURLPasswordRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if !gitURLHoldsPassword(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Git URL holds a password",
		"This URL carries a password or token in its user information. Terraform will show it in plans and keep it in clear "+
			"in the state, and DSS stores the URL as given. Prefer an SSH URL (git@host:org/repo.git) with a key DSS's server holds, "+
			"or HTTPS credentials kept by git on the DSS server (a credential helper), so that the secret stays out of the configuration.")
})

// gitURLHoldsPassword reports whether u, parsed as a URL, has a password
// in its user information. scp-like SSH addresses (git@host:org/repo.git)
// do not parse as URLs and hold no password.
func gitURLHoldsPassword(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil || parsed.User == nil {
		return false
	}
	password, set := parsed.User.Password()
	return set && password != ""
}
