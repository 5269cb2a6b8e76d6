package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
)

// DSS documents are read, changed and written back whole: every PUT
// replaces the object, and DSS holds many fields this provider does not
// model (and newer DSS versions add more). Each document type is a Go
// struct of the fields the provider models plus Extra, which keeps every
// other field byte for byte, so a GET → change → PUT round trip changes only
// what the caller changed. Numbers inside modelled free-form objects
// (map[string]any) are decoded as json.Number, so they stay exact too.
// codec.go holds the one encoder and decoder all document types share.
//
// Wire names (DSS's JSON field names) appear only in this package.

// Extra holds the fields of a DSS document that its Go type does not
// model, exactly as DSS sent them.
type Extra map[string]json.RawMessage

// set writes v, encoded, as the field key of e.
func (e *Extra) set(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if *e == nil {
		*e = Extra{}
	}
	(*e)[key] = b
	return nil
}

// decodeExact decodes data into v with json.Number for numbers, so that
// they keep their exact text.
func decodeExact(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// CreatedBy is the login DSS recorded as the document's creator
// (creationTag.lastModifiedBy.login, dss-api.md §4.3), "" when absent.
func (e Extra) CreatedBy() string {
	var tag struct {
		LastModifiedBy struct {
			Login string `json:"login"`
		} `json:"lastModifiedBy"`
	}
	if raw, ok := e["creationTag"]; !ok || json.Unmarshal(raw, &tag) != nil {
		return ""
	}
	return tag.LastModifiedBy.Login
}

// Object is a free-form JSON object (dataset params, variables) whose
// numbers are json.Number, so they keep their exact text.
type Object = map[string]any

// sameDocument reports whether two documents encode to the same JSON.
// Both sides go through the same encoder (struct fields in declaration
// order, map keys sorted), so equal content gives equal bytes.
func sameDocument(a, b any) (bool, error) {
	ab, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	bb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ab, bb), nil
}

// cloneDocument deep-copies a document through its own encoding.
func cloneDocument[D any](d *D) (*D, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var out D
	if err := decodeExact(b, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Document is one DSS document the client can read and replace at a
// path: GET path returns it, PUT path replaces it whole.
type Document[D any] struct {
	path string
	// putQuery is sent with the PUT (e.g. an API deployment's
	// ignoreWarnings); nil for most documents.
	putQuery url.Values
}

// WithPutQuery is the same document, its PUT sent with query.
func (d Document[D]) WithPutQuery(query url.Values) Document[D] {
	d.putQuery = query
	return d
}

// DocumentAt names the document of type D at path (see Path).
func DocumentAt[D any](path string) Document[D] { return Document[D]{path: path} }

// Path is the API path of the document, relative to APIPrefix.
func (d Document[D]) Path() string { return d.path }

// Get reads the document. A 200 answer of JSON null is an error, not an
// empty document: decoded, it would be a zero D, and a read-modify-write
// over it would PUT a document of empty names and keys in place of DSS's.
func (d Document[D]) Get(ctx context.Context, c *Client) (*D, error) {
	var out D
	if err := c.Get(ctx, d.path, nil, &notNull[D]{&out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// notNull decodes a document into doc, refusing JSON null (see Get). Do
// looks through it (decodeTarget) to decide whether a body that fails to
// decode may be quoted.
type notNull[D any] struct{ doc *D }

func (n notNull[D]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return errNullDocument
	}
	return json.Unmarshal(b, n.doc)
}

func (n notNull[D]) decodeTarget() any { return n.doc }

// errNullDocument is the decoding error of a null document.
var errNullDocument = errors.New("DSS answered null where a document was expected: nothing was read, and nothing is written over it")

// Put replaces the document.
func (d Document[D]) Put(ctx context.Context, c *Client, doc *D) error {
	return c.Put(ctx, d.path, d.putQuery, doc, nil)
}

// Update is the read-modify-write of a document: it reads it, lets change
// edit it, and writes it back only when change altered it, so an update
// that changes nothing sends no PUT. It returns the document as written
// (or as read, when nothing changed) and whether a PUT was sent.
func (d Document[D]) Update(ctx context.Context, c *Client, change func(*D) error) (*D, bool, error) {
	return ReadModifyWrite(ctx,
		func(ctx context.Context) (*D, error) { return d.Get(ctx, c) },
		func(ctx context.Context, doc *D) error { return d.Put(ctx, c, doc) },
		change)
}

// ReadModifyWrite reads a document with get, applies change to it and
// writes it with put only when change altered it. It is the one place
// where the provider's updates are decided: every update of every kind
// goes through it.
func ReadModifyWrite[D any](ctx context.Context, get func(context.Context) (*D, error), put func(context.Context, *D) error, change func(*D) error) (*D, bool, error) {
	doc, err := get(ctx)
	if err != nil {
		return nil, false, err
	}
	before, err := cloneDocument(doc)
	if err != nil {
		return nil, false, err
	}
	if err := change(doc); err != nil {
		return nil, false, err
	}
	same, err := sameDocument(before, doc)
	if err != nil {
		return nil, false, err
	}
	if same {
		return doc, false, nil
	}
	if err := put(ctx, doc); err != nil {
		return nil, false, err
	}
	return doc, true, nil
}

// Decode reads raw, a copy of the document obtained another way than its
// own GET (an item of a list that returns whole definitions), exactly as
// Get reads DSS's answer: the same typed document and the same decoder,
// so the Extra fields and numbers keep the same exactness.
func (d Document[D]) Decode(raw []byte) (*D, error) {
	var out D
	if err := json.Unmarshal(raw, &notNull[D]{&out}); err != nil {
		return nil, fmt.Errorf("decoding %s%s from its project's list: %w", APIPrefix, d.path, err)
	}
	return &out, nil
}

// Definitions is a list of whole definitions as DSS sent them: each item
// is the raw JSON of one object, keyed by the field that names it in its
// project (a dataset's name, a managed folder's id), to be decoded with
// the object's Document.Decode.
type Definitions struct {
	// Path is the list's API path, for messages (e.g.
	// "/public/api/projects/SALES/datasets/").
	Path  string
	Items map[string]json.RawMessage
}

// listDefinitions GETs a list of whole definitions and keys its items by
// keyField, "name" or "id". Only the key is decoded here; each item stays raw, so the
// caller keeps it (or not) for as long as it needs and decodes it with
// the same decoder as the object's own GET.
func (c *Client) listDefinitions(ctx context.Context, path, keyField string) (*Definitions, error) {
	var items []json.RawMessage
	if err := c.Get(ctx, path, nil, &items); err != nil {
		return nil, err
	}
	out := &Definitions{Path: APIPrefix + path, Items: make(map[string]json.RawMessage, len(items))}
	for i, item := range items {
		// Decoding into a struct skips the other fields without copying them.
		var key struct {
			Name string `json:"name"`
			ID   string `json:"id"`
		}
		if err := json.Unmarshal(item, &key); err != nil {
			return nil, fmt.Errorf("GET %s: item %d is not a definition: %w", out.Path, i, err)
		}
		name := key.Name
		if keyField == "id" {
			name = key.ID
		}
		if name == "" {
			return nil, fmt.Errorf("GET %s: item %d has no %q", out.Path, i, keyField)
		}
		out.Items[name] = item
	}
	return out, nil
}
