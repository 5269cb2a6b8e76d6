package dss

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Users and groups (dss-api.md §2.3, §2.4; the wire contract of issue 12).
// Both are caller-named: a group by its name, a user by its login. Their
// settings are whole documents: a PUT replaces them, so every change is a
// read-modify-write that keeps what the provider does not model.

// GroupNames is a group's ldapGroupNames: the LDAP groups whose members
// belong to the DSS group. DSS before 12.6 stores them as one
// comma-separated string, later versions as a list; GroupNames accepts both
// and writes back the form it read, so an older DSS never receives a list
// it does not understand. A new value is a list.
type GroupNames struct {
	Names []string
	// form is how DSS sent the value: a list (the default), a string, or null.
	form groupNamesForm
}

type groupNamesForm int

const (
	groupNamesList groupNamesForm = iota
	groupNamesString
	groupNamesNull
)

// AsString reports whether DSS holds the names as a comma-separated string.
func (g GroupNames) AsString() bool { return g.form == groupNamesString }

// GroupNamesString is names in the comma-separated form of older DSS.
func GroupNamesString(names ...string) GroupNames {
	return GroupNames{Names: names, form: groupNamesString}
}

func (g *GroupNames) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*g = GroupNames{form: groupNamesNull}
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*g = GroupNames{form: groupNamesString}
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				g.Names = append(g.Names, n)
			}
		}
		return nil
	}
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("ldapGroupNames: expected a list of strings or a comma-separated string: %w", err)
	}
	*g = GroupNames{Names: names}
	return nil
}

func (g GroupNames) MarshalJSON() ([]byte, error) {
	switch {
	case g.form == groupNamesString:
		return json.Marshal(strings.Join(g.Names, ","))
	case g.form == groupNamesNull && len(g.Names) == 0:
		return []byte("null"), nil
	}
	if g.Names == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(g.Names)
}

// Group is a group's whole definition, GET/PUT /admin/groups/{name}. Each
// capability is a pointer: a flag this DSS version does not send stays
// absent when the definition is written back.
type Group struct {
	Name           string      `json:"name"`
	Description    string      `json:"description"`
	SourceType     string      `json:"sourceType,omitempty"`
	Admin          bool        `json:"admin"`
	LDAPGroupNames *GroupNames `json:"ldapGroupNames,omitempty"`

	MayCreateProjects                 *bool `json:"mayCreateProjects,omitempty"`
	MayCreateProjectsFromMacros       *bool `json:"mayCreateProjectsFromMacros,omitempty"`
	MayCreateProjectsFromTemplates    *bool `json:"mayCreateProjectsFromTemplates,omitempty"`
	MayCreateProjectsFromDataikuApps  *bool `json:"mayCreateProjectsFromDataikuApps,omitempty"`
	MayCreatePublishedAPIServices     *bool `json:"mayCreatePublishedAPIServices,omitempty"`
	MayCreatePublishedProjects        *bool `json:"mayCreatePublishedProjects,omitempty"`
	MayCreateActiveWebContent         *bool `json:"mayCreateActiveWebContent,omitempty"`
	MayCreateCodeEnvs                 *bool `json:"mayCreateCodeEnvs,omitempty"`
	MayCreateClusters                 *bool `json:"mayCreateClusters,omitempty"`
	MayCreateAuthenticatedConnections *bool `json:"mayCreateAuthenticatedConnections,omitempty"`
	MayDevelopPlugins                 *bool `json:"mayDevelopPlugins,omitempty"`
	MayEditLibFolders                 *bool `json:"mayEditLibFolders,omitempty"`
	MayManageCodeEnvs                 *bool `json:"mayManageCodeEnvs,omitempty"`
	MayManageClusters                 *bool `json:"mayManageClusters,omitempty"`
	MayManageUDM                      *bool `json:"mayManageUDM,omitempty"`
	MayViewIndexedHiveConnections     *bool `json:"mayViewIndexedHiveConnections,omitempty"`
	MayWriteSafeCode                  *bool `json:"mayWriteSafeCode,omitempty"`
	MayWriteUnsafeCode                *bool `json:"mayWriteUnsafeCode,omitempty"`
	MayWriteInRootProjectFolder       *bool `json:"mayWriteInRootProjectFolder,omitempty"`
	MayCreateWorkspaces               *bool `json:"mayCreateWorkspaces,omitempty"`
	MayShareToWorkspaces              *bool `json:"mayShareToWorkspaces,omitempty"`
	MayCreateDataCollections          *bool `json:"mayCreateDataCollections,omitempty"`
	MayPublishToDataCollections       *bool `json:"mayPublishToDataCollections,omitempty"`

	CanObtainAPITicketFromCookiesForGroupsRegex *string `json:"canObtainAPITicketFromCookiesForGroupsRegex,omitempty"`

	Extra Extra `json:"-"`
}

func (d *Group) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Group) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// GroupDoc is a group's definition document.
func GroupDoc(name string) Document[Group] {
	return DocumentAt[Group](Path("admin", "groups", name))
}

// ListGroups lists every group's whole definition (admin).
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	return getAs[[]Group](ctx, c, Path("admin", "groups")+"/", nil)
}

// CreateGroup creates a group as DSS's own client does. DSS takes only the
// name, description and source type at creation: capabilities need a PUT
// of the whole definition afterwards.
func (c *Client) CreateGroup(ctx context.Context, name, description, sourceType string) error {
	body := map[string]any{"name": name, "description": nullIfEmpty(description), "sourceType": cmp.Or(sourceType, "LOCAL")}
	return c.Post(ctx, Path("admin", "groups")+"/", nil, body, nil)
}

// DeleteGroup deletes a group; DSS removes it from its users and keys.
func (c *Client) DeleteGroup(ctx context.Context, name string) error {
	return c.Delete(ctx, Path("admin", "groups", name), nil, nil)
}

// User is a user's whole settings document, GET/PUT /admin/users/{login}.
// Password is written when set and never read: DSS never returns it, and a
// document read back never carries one.
type User struct {
	Login           string            `json:"login"`
	DisplayName     string            `json:"displayName"`
	Email           string            `json:"email"`
	Groups          []string          `json:"groups" dss:"nonnull"`
	UserProfile     string            `json:"userProfile,omitempty"`
	Enabled         bool              `json:"enabled"`
	SourceType      string            `json:"sourceType,omitempty"`
	AdminProperties map[string]string `json:"adminProperties" dss:"nonnull"`
	UserProperties  map[string]string `json:"userProperties" dss:"nonnull"`
	Password        *string           `json:"password,omitempty" dss:"writeonly"`
	Extra           Extra             `json:"-"`
}

func (d *User) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d User) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// UserDoc is a user's settings document.
func UserDoc(login string) Document[User] {
	return DocumentAt[User](Path("admin", "users", login))
}

// UserSummary is a user as GET /users shows it to any caller.
type UserSummary struct {
	Login       string   `json:"login"`
	DisplayName string   `json:"displayName"`
	Email       string   `json:"email"`
	Groups      []string `json:"groups"`
	Enabled     bool     `json:"enabled"`
}

// ListUsers lists every user's settings (admin).
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return getAs[[]User](ctx, c, Path("admin", "users")+"/", url.Values{"includeSettings": {"true"}})
}

// ListUserSummaries lists the users as any caller sees them.
func (c *Client) ListUserSummaries(ctx context.Context) ([]UserSummary, error) {
	return getAs[[]UserSummary](ctx, c, Path("users")+"/", nil)
}

// NewUser is what DSS takes when it creates a user.
type NewUser struct {
	Login       string
	Password    *string // nil: none (users DSS does not authenticate itself)
	DisplayName string
	Email       string
	SourceType  string // "" is LOCAL
	Groups      []string
	UserProfile string // "": DSS's default for the licence
}

// CreateUser creates a user with the body DSS's own client sends. DSS
// ignores `enabled` here (a new user is enabled): disabling one takes a
// PUT of its settings afterwards.
func (c *Client) CreateUser(ctx context.Context, u NewUser) error {
	groups := u.Groups
	if groups == nil {
		groups = []string{}
	}
	body := map[string]any{
		"login": u.Login, "displayName": u.DisplayName, "sourceType": cmp.Or(u.SourceType, "LOCAL"),
		"groups": groups, "email": nullIfEmpty(u.Email),
	}
	if u.Password != nil {
		body["password"] = *u.Password
	}
	if u.UserProfile != "" {
		body["userProfile"] = u.UserProfile
	}
	return c.Post(ctx, Path("admin", "users")+"/", nil, body, nil)
}

// DeleteUser deletes a user and their personal keys. It never asks DSS to
// allow self-deletion: deleting the key's own user is refused by DSS,
// whose message then reaches the caller.
func (c *Client) DeleteUser(ctx context.Context, login string) error {
	return c.Delete(ctx, Path("admin", "users", login), nil, nil)
}

// nullIfEmpty is nil for "", as DSS's client sends null for an unset field.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// StartUsersResync starts a resync of users from their external supplier
// (LDAP, Azure AD, SSO, a custom authenticator): POST
// /admin/users/actions/resync-multi with the list of logins, or without a
// body for every user from a supplier when logins is nil [V dssclient.py
// start_resync_users_from_supplier, start_resync_all_users_from_supplier].
// An empty, non-nil list is sent as such. DSS answers a future.
func (c *Client) StartUsersResync(ctx context.Context, logins []string) (*Future, error) {
	// A nil slice in an interface would be sent as JSON null: DSS's "all
	// users" is no body at all.
	var body any
	if logins != nil {
		body = logins
	}
	return c.futureCall(ctx, "POST", Path("admin", "users", "actions", "resync-multi"), nil, body)
}
