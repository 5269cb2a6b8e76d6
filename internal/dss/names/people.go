package names

import "regexp"

// People: the names of DSS users and groups, shared by the provider's
// validators and import parsers and by the emulator.

// LoginPattern is a DSS user's login. DSS documents no rule for logins
// [D: none found], and they come from wherever the instance's users are
// defined: typed in for a local user, or mapped from LDAP (DOMAIN\user,
// uid=jdoe forms) or SSO (e-mail addresses, names with spaces or accents)
// [I]. Dataiku's client creates a user with whatever login it is given [V
// dssclient.py create_user]. The pattern therefore refuses only what
// cannot work over the REST API, as IDPattern does: a blank login, a slash
// (the login is a segment of /admin/users/{login}) and control characters
// [I]. DSS judges the rest.
var LoginPattern = IDPattern

// LoginRule completes "must …" in validator messages.
const LoginRule = "not be blank nor contain a slash or a control character (spaces, backslashes, @ and accents are allowed: DSS judges them)"

// GroupNamePattern is a DSS group's name. As for logins, DSS documents no
// rule [D: none found]; groups mapped from LDAP or SSO keep their
// directory's names, such as "Data Team" [I], and project permissions
// name them as they are. Dataiku's client creates a group with whatever
// name it is given [V dssclient.py create_group]. The pattern refuses only a blank name, a slash (the name
// is a segment of /admin/groups/{name}) and control characters [I]; DSS
// judges the rest.
var GroupNamePattern = IDPattern

// GroupNameRule completes "must …" in validator messages.
const GroupNameRule = "not be blank nor contain a slash or a control character (spaces, backslashes, @ and accents are allowed: DSS judges them)"

// PrincipalRefPattern is a group's name or a user's login where it is only
// a value in a document DSS receives (a permission entry, a user's groups,
// an API key's groups and user, a connection's allowed groups), never a
// segment of a path. Only a blank name and control characters are refused
// there: the slash GroupNamePattern and LoginPattern refuse is what a path
// cannot carry, and a group a directory named with one may still be
// granted rights [I]. DSS judges the rest, such as a group that does not
// exist.
var PrincipalRefPattern = regexp.MustCompile(`^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$`)

// PrincipalRefRule completes "must …" in validator messages.
const PrincipalRefRule = "not be blank nor contain a control character (DSS judges the rest, a slash included)"
