package dss

import (
	"context"
)

// User-defined meanings (Administration > Meanings): instance-wide
// semantic types that schema columns name in their meaning key. Paths and
// bodies are dataikuapi's [V]: dssclient.py list_meanings (GET
// /meanings/), create_meaning (POST /meanings/, answered as text) and
// dss/meaning.py (GET/PUT /meanings/{id}, the whole definition; the PUT
// needs admin rights). dataikuapi has no delete, and neither has this
// client.

// The meaning types create_meaning's docstring admits [V].
const (
	MeaningTypeDeclarative   = "DECLARATIVE"
	MeaningTypeValuesList    = "VALUES_LIST"
	MeaningTypeValuesMapping = "VALUES_MAPPING"
	MeaningTypePattern       = "PATTERN"
)

// MeaningTypes are the types create_meaning's docstring lists [V].
var MeaningTypes = []string{MeaningTypeDeclarative, MeaningTypeValuesList, MeaningTypeValuesMapping, MeaningTypePattern}

// MeaningNormalizationModes are the value-matching modes the docstring
// lists [V]; EXACT is the default, NORMALIZED is "not available for
// PATTERN".
var MeaningNormalizationModes = []string{"EXACT", "LOWERCASE", "NORMALIZED"}

// MeaningDefaultNormalizationMode is DSS's mode when none is given [V:
// "Defaults to 'EXACT'"].
const MeaningDefaultNormalizationMode = "EXACT"

// Meaning is GET/PUT /meanings/{id} and, as far as it shows them, one
// item of GET /meanings/ [I: dataikuapi says only "each meaning is a
// dict"]. Description and Pattern are pointers so that a definition
// holding null keeps it through a read-modify-write that does not change
// them; Entries and Mappings are nil for null or absent, which DSS holds
// for a meaning of another type (create_meaning sends null [V]). The rest
// is kept in Extra.
type Meaning struct {
	ID                string           `json:"id"`
	Label             string           `json:"label"`
	Type              string           `json:"type"`
	Description       *string          `json:"description"`
	Entries           []MeaningEntry   `json:"entries"`
	Mappings          []MeaningMapping `json:"mappings"`
	Pattern           *string          `json:"pattern"`
	NormalizationMode string           `json:"normalizationMode,omitempty"`
	Detectable        bool             `json:"detectable"`
	Extra             Extra            `json:"-"`
}

func (d *Meaning) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Meaning) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// MeaningEntry is one value of a VALUES_LIST meaning, and the target of a
// mapping: {value, color?} [V: make_entry]. Color is a pointer so that an
// entry without one stays without one.
type MeaningEntry struct {
	Value string  `json:"value"`
	Color *string `json:"color,omitempty"`
	Extra Extra   `json:"-"`
}

func (d *MeaningEntry) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d MeaningEntry) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// MeaningMapping is one mapping of a VALUES_MAPPING meaning: {from, to:
// {value, color?}} [V: make_mapping].
type MeaningMapping struct {
	From  string       `json:"from"`
	To    MeaningEntry `json:"to"`
	Extra Extra        `json:"-"`
}

func (d *MeaningMapping) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d MeaningMapping) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// MeaningDoc is a meaning's definition.
func MeaningDoc(id string) Document[Meaning] {
	return DocumentAt[Meaning](Path("meanings", id))
}

// MeaningsPath is the collection's path (list and create).
func MeaningsPath() string { return Path("meanings") + "/" }

// ListMeanings lists the instance's user-defined meanings.
func (c *Client) ListMeanings(ctx context.Context) ([]Meaning, error) {
	return getAs[[]Meaning](ctx, c, MeaningsPath(), nil)
}

// CreateMeaning creates a meaning with the body create_meaning sends [V]:
// every key, null when not given. DSS answers text, which is not read.
func (c *Client) CreateMeaning(ctx context.Context, m *Meaning) error {
	return c.Post(ctx, MeaningsPath(), nil, m, nil)
}
