package dss

// AccessEntry is one entry of the permissions of a workspace or a data
// collection: a group or a user, and its admin, write and read flags, as
// dataikuapi builds them for both [V]. A flag is nil when DSS's entry
// lacks it, so that a read-modify-write keeps the entry as DSS holds it;
// keys the provider does not model stay in Extra.
type AccessEntry struct {
	Group string `json:"group,omitempty"`
	User  string `json:"user,omitempty"`
	Admin *bool  `json:"admin,omitempty"`
	Write *bool  `json:"write,omitempty"`
	Read  *bool  `json:"read,omitempty"`
	Extra Extra  `json:"-"`
}

func (d *AccessEntry) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d AccessEntry) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Principal identifies the entry: "group:<name>" or "user:<login>", ""
// for an entry with neither (DSS never writes one).
func (d AccessEntry) Principal() string { return principal(d.Group, d.User) }
