package names

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
