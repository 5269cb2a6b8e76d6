// Package names holds DSS's identifier rules, shared by the provider's
// validators and import parsers and by the emulator, so that the two never
// disagree on what a name may be. It imports nothing of this module: the
// emulator uses it without depending on the client in internal/dss, and
// tests of internal/dss may use the emulator without an import cycle.
//
// Evidence labels are those of dss-api.md: [V] verified in Dataiku's
// Python client, [D] documented by Dataiku, [T] third party (including
// projects real DSS instances wrote, issue 23), [I] inferred. Where no
// rule is known the pattern only refuses what cannot work over the REST
// API, and DSS judges the rest: a validator stricter than DSS locks users
// out of their own objects. templates/guides/emulator.md.tmpl ("Name
// rules") lists the same rules for users.
package names

import "regexp"

// ProjectKeyPattern: ASCII letters, digits and underscores. DSS 2.1's
// reference says "[A-Za-z_]*" [D]; digits are in use everywhere [T] and
// dataikuapi builds app-instance keys from [A-Za-z_0-9] [V
// dss/app.py make_random_project_key]. No length limit is documented
// [D: none found] or enforced by the client [V], so none is imposed here:
// DSS judges the length.
var ProjectKeyPattern = regexp.MustCompile(`^` + projectKeyExpr + `$`)

const projectKeyExpr = `[A-Za-z0-9_]+`

// ProjectKeyRule completes "must …" in validator messages.
const ProjectKeyRule = "be made of ASCII letters, digits and underscores (DSS's project key rule), for example SALES_2024"

// RefNamePattern is a name or id that DSS writes inside a recipe ref
// ("name" or "PROJECT.name"): a dataset name, a recipe name, a managed
// folder id. It may hold anything but a dot, a slash or a control
// character, and is not blank.
//   - No dot: a ref is split on its dots, the first part read as the
//     project key and the second as the name, the rest dropped [V
//     dss/utils.py AnyLoc.from_ref], and set_name says recipe names "cannot contain
//     dots" [V dss/recipe.py].
//   - Hyphens are allowed: real DSS projects hold datasets named
//     disk-usage and images-list and recipes named compute_disk-usage [T
//     issue 23 corpus]. The client's "should only use alphanum letters and
//     underscores" is advice, not a rule [V set_name docstring].
//   - No slash: the name is a segment of the REST path
//     (/projects/{k}/datasets/{name}) and the Python client does not
//     escape it [V dssclient.py], so a slash could never be addressed [I].
//   - Anything else (spaces, accents) is left to DSS [I].
var RefNamePattern = regexp.MustCompile(`^` + refNameExpr + `$`)

const refNameExpr = `[^./\x00-\x1f\x7f]*[^./\s\x00-\x1f\x7f][^./\x00-\x1f\x7f]*`

// RefPattern is a ref as DSS writes it in recipe roles and zone items: a
// RefNamePattern name, or PROJECT_KEY.name for another project's object
// [V recipe.py _build_ref].
var RefPattern = regexp.MustCompile(`^(?:` + projectKeyExpr + `\.)?` + refNameExpr + `$`)

// RefRule completes "must …" in validator messages.
const RefRule = "be an object's name or id, or PROJECT_KEY.name for another project's object; the name must " + RefNameRule

// RefNameRule completes "must …" in validator messages.
const RefNameRule = "not be blank nor contain a dot (DSS splits references such as PROJECT.name on it) or a slash"

// IDPattern is an id DSS only uses as a REST path segment, never inside a
// dotted ref: a scenario id, a flow zone id, a data-quality rule id. DSS
// derives or generates them [V create_scenario, create_zone]; ids written
// by other DSS versions or passed at creation (scenarios) are accepted
// unless blank or holding a slash or a control character [I: the path
// segment is the only constraint the API shows].
var IDPattern = regexp.MustCompile(`^[^/\x00-\x1f\x7f]*[^/\s\x00-\x1f\x7f][^/\x00-\x1f\x7f]*$`)

// IDRule completes "must …" in validator messages.
const IDRule = "not be blank nor contain a slash"

// ScenarioIDPattern is a scenario id (IDPattern). A scenario id may hold a
// dot: it is never split as a ref, and the import id KEY.id splits on the
// first dot only, which the key cannot hold.
var ScenarioIDPattern = IDPattern

// ScenarioIDRule completes "must …" in validator messages.
const ScenarioIDRule = IDRule

// DataCollectionIDPattern is the id DSS generates for a data collection,
// and the one dataikuapi asks of an id passed at creation: "8
// alphanumerical characters" [V create_data_collection's docstring]. The
// provider does not enforce it (a DSS version may accept other ids: it
// checks only IDPattern and quotes DSS's refusal); the emulator refuses
// other ids as DSS is documented to [I: DSS's wording and status].
var DataCollectionIDPattern = regexp.MustCompile(`^[A-Za-z0-9]{8}$`)

// CodeEnvNamePattern is a code env's name: letters, digits and hyphens,
// as DSS documents, plus underscores, which DSS accepts and samples use
// (dss-api.md §6.3).
var CodeEnvNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// BundleIDPattern is a project bundle's id, an id DSS uses as a REST path
// segment (IDPattern: not blank, no slash, no control character). Ids are
// usually written as versions (v1.2.0, 2024-05-01_hotfix), but nothing
// documents a rule DSS applies [I], so only an id that cannot be a path
// segment is refused, and DSS judges the rest.
var BundleIDPattern = IDPattern

// BundleIDRule completes "must …" in validator messages.
const BundleIDRule = IDRule

// APIServiceIDPattern is the id of a design project's API service: not
// blank, without a dot or a slash. [I] DSS's API Designer offers ids of
// letters, digits, hyphens and underscores; the pattern refuses only what
// would break the import id PROJECT_KEY.service_id.package_id (a dot)
// and the REST path (a slash).
var APIServiceIDPattern = RefNamePattern

// APIServiceIDRule completes "must …" in validator messages.
const APIServiceIDRule = "not be blank nor contain a dot or a slash"

// ConnectionNamePattern is a connection's name. DSS documents no rule [D:
// none found], and real instances name connections with spaces and
// parentheses: a real UploadedFiles dataset's uploadConnection, which
// dataikuapi's create_upload_dataset fills with a connection's name [V],
// reads "Default (in DSS data dir.)" [T issue 23 corpus]. So only what
// cannot be addressed is refused, as for IDPattern: a blank name, a
// slash (the name is a segment of /admin/connections/{name}) or a
// control character [I]. The rule was letters, digits and _ . - before,
// an inference that locked such connections out of import.
var ConnectionNamePattern = IDPattern

// ConnectionNameRule completes "must …" in validator messages.
const ConnectionNameRule = IDRule

// WorkspaceKeyPattern is a workspace's key (DSS 11+), which the caller
// chooses. dataikuapi documents only that it is globally unique [V]; it is
// a segment of /workspaces/{key}, so only what cannot be addressed is
// refused, as for IDPattern: blank, a slash or a control character [I].
var WorkspaceKeyPattern = IDPattern

// WorkspaceKeyRule completes "must …" in validator messages.
const WorkspaceKeyRule = "not be blank nor contain a slash or a control character"

// EnumNamePattern is the form of a value of one of DSS's enum-like
// vocabularies that DSS versions and licences extend (credential modes,
// user profiles, object types): capitals, digits and underscores, not
// starting with a digit, such as GLOBAL, PER_USER, DATA_SCIENTIST or
// OAUTH2_USER. [I] DSS spells these values in capitals and compares them
// case-exactly, so the form catches a lower-case spelling at plan time;
// which values exist is DSS's to judge. Digits are allowed: a mode or
// profile a newer DSS adds may hold them.
var EnumNamePattern = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// EnumNameRule completes "be … in capitals" in validator messages.
const EnumNameRule = "in capitals (letters, digits and underscores, not starting with a digit)"

// ZoneColorPattern is a flow zone's color, #RRGGBB in either case [V
// create_zone docstring; dss-api-more.md §2], or empty: DSS stores the
// color a zone's settings are saved with, so a zone may hold "" [I:
// nothing says DSS refuses it; the shapes tests' empty variants assume
// it may]. A configuration adopting such a zone holds
// color = "", which must validate.
var ZoneColorPattern = regexp.MustCompile(`^(#[0-9a-fA-F]{6})?$`)

// ZoneColorRule completes "must …" in validator messages.
const ZoneColorRule = "be a color in the form #RRGGBB (six hexadecimal digits), e.g. #2ab1ac, or empty"
