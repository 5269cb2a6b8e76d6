package instance

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// dataiku_users_resync: users from LDAP, Azure AD, SSO or a custom
// authenticator keep the groups and profile DSS copied at their last
// login or sync; after a group mapping changes (dataiku_ldap_settings,
// dataiku_group's mappings), an administrator resyncs them now. DSS runs
// the resync as one task (dssclient.py start_resync_users_from_supplier
// and start_resync_all_users_from_supplier [V]), followed like the other
// instance tasks (kit.FollowFutureResult): no timeout attribute, the
// future's own bound, and an interrupt aborts the task.

type usersResyncModel struct {
	Logins types.Set `tfsdk:"logins"`
}

// usersResyncEmptyLogins refuses logins = []: DSS would resync nobody,
// and a configuration that meant "everyone" must say it by leaving the
// attribute out.
var usersResyncEmptyLogins = kit.SetCheck("must hold at least one login; leave it out to resync every user from an external supplier",
	func(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
		if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) > 0 {
			return
		}
		resp.Diagnostics.AddAttributeError(req.Path, "No login to resync",
			"logins is empty, which would resync nobody. Leave logins out to resync every user from an external supplier "+
				"(LDAP, Azure AD, SSO, a custom authenticator), or list the logins to resync.")
	})

// NewUsersResyncAction returns the dataiku_users_resync action.
func NewUsersResyncAction() action.Action {
	return &kit.Action[usersResyncModel]{Name: "users_resync",
		ActionSchema: schema.Schema{MarkdownDescription: "Resyncs users from their external supplier (LDAP, Azure AD, SSO or a custom authenticator) now, " +
			"instead of at their next login: DSS reads each user's groups and profile from the supplier again and applies the groups' mappings. " +
			"Run it after a mapping changed: trigger it from the `lifecycle` of a `dataiku_ldap_settings`, `dataiku_sso_settings`, `dataiku_azure_ad_settings` " +
			"or `dataiku_group` (`action_trigger { events = [after_create, after_update] }`), or run it with `terraform apply -invoke`. " +
			"It runs as one DSS task, followed until it ends, with DSS's messages shown; a failure (such as a login DSS does not know) fails the apply with DSS's messages, " +
			"and an interrupt aborts the task. Needs an admin API key and Terraform 1.14 or later (OpenTofu has no actions).",
			Attributes: map[string]schema.Attribute{
				"logins": schema.SetAttribute{Optional: true, ElementType: types.StringType,
					Validators: []validator.Set{usersResyncEmptyLogins, setvalidator.ValueStringsAre(loginKey.RefValidators()...)},
					MarkdownDescription: "Logins of the users to resync (`dataiku_user.x.login`). Leave it out to resync every user from an external supplier; " +
						"an empty set is refused. " + loginRefNote + " What DSS does with a local user or a login it does not know is DSS's call: its message is shown."},
			}},
		Summary: func(m *usersResyncModel) string {
			if logins := usersResyncLogins(m); len(logins) > 0 {
				return "cannot resync users " + strings.Join(logins, ", ") + " from their external supplier"
			}
			return "cannot resync the users from their external supplier"
		},
		Run: invokeUsersResync,
	}
}

// usersResyncLogins are the configured logins, sorted; nil for every user.
func usersResyncLogins(m *usersResyncModel) []string {
	if m.Logins.IsNull() || m.Logins.IsUnknown() {
		return nil
	}
	logins, _ := kit.StringsFromSet(context.Background(), m.Logins)
	return logins
}

func invokeUsersResync(ctx context.Context, c *dss.Client, m *usersResyncModel, summary string, resp *action.InvokeResponse) error {
	logins := usersResyncLogins(m)
	subject := "Users from an external supplier"
	if logins != nil {
		subject = "Users " + strings.Join(logins, ", ")
	}
	f, err := c.StartUsersResync(ctx, logins)
	if err != nil {
		return err
	}
	raw, err := kit.FollowFutureResult(ctx, c, f, summary, resp, subject, "resyncing from their supplier")
	if err != nil || raw == nil {
		return err
	}
	for _, msg := range dss.TaskMessages(raw) {
		kit.Progress(resp, "%s", msg)
	}
	return nil
}
