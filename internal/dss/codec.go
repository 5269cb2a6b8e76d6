package dss

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// One codec serves every document type (see Extra). A document type is a
// struct of modelled fields with json tags plus a field of type Extra
// tagged json:"-", and declares the codec with two one-line methods:
//
//	func (d *T) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
//	func (d T) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }
//
// encoding/json finds a type's codec only through its methods, and a
// method promoted from an embedded type cannot see the struct around it,
// so each type keeps these two; all else (which keys are modelled, how
// Extra is merged, the wire rules below) is derived once per type from its
// fields, so a new document type or a new modelled field is a struct
// change only.
//
// A field's wire rules, where it has any, are a `dss` tag:
//   - nonnull: a nil slice or map is sent as [] or {}, never null (DSS
//     rejects null lists and objects in a PUT; Go code builds documents
//     with nil ones);
//   - readonly: DSS sends it, the client never sends it back (an API key's
//     secret: DSS ignores it in a PUT, and a secret crosses the wire only
//     when DSS sends it);
//   - writeonly: the client sends it, and never keeps what DSS answers:
//     it is zero after decoding (a user's password, with omitempty so it
//     goes out only when set).

// docCodec is what the codec derived from one document type.
type docCodec struct {
	name string // the document type's, for messages
	// fields is the document's struct without its methods: the standard
	// decoder and encoder run on it, not on the document, which would call
	// the document's own methods again.
	fields reflect.Type
	// known is the set of JSON names of the modelled fields: a key outside
	// it goes to Extra.
	known map[string]bool
	// extra is the index of the Extra field; nonNull, readOnly and
	// writeOnly are the indexes of the fields under each dss rule.
	extra                        int
	nonNull, readOnly, writeOnly []int
}

var docCodecs sync.Map // reflect.Type → *docCodec

// codecOf derives the codec of document type t, once. A malformed
// document type panics: it is a programming error, and the round-trip
// test over every document type meets it first.
func codecOf(t reflect.Type) *docCodec {
	if c, ok := docCodecs.Load(t); ok {
		if dc, ok := c.(*docCodec); ok {
			return dc
		}
	}
	c := &docCodec{name: t.Name(), known: map[string]bool{}, extra: -1}
	shadow := make([]reflect.StructField, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		shadow[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag, Anonymous: f.Anonymous}
		if f.Type == reflect.TypeFor[Extra]() {
			c.extra = i
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "-" && f.IsExported() {
			c.known[cmp.Or(name, f.Name)] = true
		}
		for _, rule := range strings.Split(f.Tag.Get("dss"), ",") {
			switch rule {
			case "":
			case "nonnull":
				if k := f.Type.Kind(); k != reflect.Slice && k != reflect.Map {
					panic(fmt.Sprintf("dss: %s.%s: nonnull on a %s", t.Name(), f.Name, k))
				}
				c.nonNull = append(c.nonNull, i)
			case "readonly":
				c.readOnly = append(c.readOnly, i)
			case "writeonly":
				c.writeOnly = append(c.writeOnly, i)
			default:
				panic(fmt.Sprintf("dss: %s.%s: unknown dss tag %q", t.Name(), f.Name, rule))
			}
		}
	}
	if c.extra < 0 || t.Field(c.extra).Tag.Get("json") != "-" {
		panic(fmt.Sprintf("dss: document type %s has no Extra field tagged json:\"-\"", t.Name()))
	}
	c.fields = reflect.StructOf(shadow)
	actual, _ := docCodecs.LoadOrStore(t, c)
	if dc, ok := actual.(*docCodec); ok {
		return dc
	}
	return c
}

// decodeWithExtra is a document type's UnmarshalJSON: it fills d's
// modelled fields from data, as the standard decoder does but with
// json.Number for free-form numbers, and puts the other fields in d.Extra
// exactly as DSS sent them.
func decodeWithExtra[T any](data []byte, d *T) error {
	c := codecOf(reflect.TypeFor[T]())
	v := reflect.ValueOf(d)
	extra, err := c.decode(data, v.Convert(reflect.PointerTo(c.fields)).Interface())
	v = v.Elem()
	v.Field(c.extra).Set(reflect.ValueOf(extra))
	for _, i := range c.writeOnly {
		v.Field(i).SetZero()
	}
	return err
}

func (c *docCodec) decode(data []byte, fields any) (Extra, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	if err := decodeExact(data, fields); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Struct == "" {
			// The decoder names the struct it filled, which has no name:
			// name the document instead ("Dataset.schema.columns.name").
			te.Struct = c.name
		}
		return nil, err
	}
	var extra Extra
	for k, v := range all {
		if !c.known[k] {
			if extra == nil {
				extra = Extra{}
			}
			extra[k] = v
		}
	}
	return extra, nil
}

// encodeWithExtra is a document type's MarshalJSON: the modelled fields
// of d (a copy, so the rules change nothing of the caller's) merged with
// d.Extra. A modelled field left out by omitempty is absent from the
// result even when DSS had it: the caller cleared it. Without Extra the
// keys come in field order; with it, sorted.
func encodeWithExtra[T any](d T) ([]byte, error) {
	c := codecOf(reflect.TypeFor[T]())
	v := reflect.ValueOf(&d).Elem()
	for _, i := range c.nonNull {
		if f := v.Field(i); f.IsNil() {
			if f.Kind() == reflect.Slice {
				f.Set(reflect.MakeSlice(f.Type(), 0, 0))
			} else {
				f.Set(reflect.MakeMap(f.Type()))
			}
		}
	}
	for _, i := range c.readOnly {
		v.Field(i).SetZero()
	}
	b, err := json.Marshal(v.Addr().Convert(reflect.PointerTo(c.fields)).Interface())
	extra, _ := v.Field(c.extra).Interface().(Extra)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	for k, raw := range extra {
		if !c.known[k] {
			out[k] = raw
		}
	}
	return json.Marshal(out)
}
