package dss

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// bodyPrefixLimit bounds how much of a non-JSON error body (typically an HTML
// page from a proxy or load balancer) is quoted in an error.
const bodyPrefixLimit = 200

// APIError is an error answered by DSS (or by something in front of it).
//
// DSS reports errors as {"errorType", "message", "detailedMessage"}, where
// errorType is the fully-qualified Java exception class. The HTTP status is
// kept too, although DSS is not always consistent about it: callers should use
// the predicates below rather than compare statuses themselves.
type APIError struct {
	Method          string
	Path            string
	StatusCode      int
	ErrorType       string
	Message         string
	DetailedMessage string
	// RawBody holds a short prefix of a body that was not a DSS error
	// document, such as a proxy's HTML error page.
	RawBody string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Path, e.StatusCode)
	text := e.Text()
	switch {
	case e.ErrorType != "":
		fmt.Fprintf(&b, " %s: %s", e.ErrorType, text)
	case text != "":
		fmt.Fprintf(&b, " %s", text)
	case e.RawBody != "":
		fmt.Fprintf(&b, " (non-JSON response) %s", e.RawBody)
	default:
		fmt.Fprintf(&b, " %s (empty response)", http.StatusText(e.StatusCode))
	}
	return b.String()
}

// Text is DSS's own explanation: the detailed message when there is one, as
// DSS's own clients prefer it, else the short message.
func (e *APIError) Text() string {
	if e.DetailedMessage != "" {
		return e.DetailedMessage
	}
	return e.Message
}

// decodeAPIError builds an APIError from a failed response's body. It never
// fails: a body that is not DSS's error document is quoted, shortened.
func decodeAPIError(method, path string, status int, body []byte) *APIError {
	apiErr := &APIError{Method: method, Path: path, StatusCode: status}
	var doc struct {
		ErrorType       string `json:"errorType"`
		Message         string `json:"message"`
		DetailedMessage string `json:"detailedMessage"`
	}
	trimmed := strings.TrimSpace(string(body))
	if err := json.Unmarshal([]byte(trimmed), &doc); err == nil && (doc.ErrorType != "" || doc.Message != "" || doc.DetailedMessage != "") {
		apiErr.ErrorType = doc.ErrorType
		apiErr.Message = doc.Message
		apiErr.DetailedMessage = doc.DetailedMessage
		return apiErr
	}
	apiErr.RawBody = shorten(trimmed, bodyPrefixLimit)
	return apiErr
}

// shorten cuts s to at most n bytes on a rune boundary, collapsing
// whitespace so that an HTML page reads as one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// IsNotFound reports whether err means the object does not exist.
//
// It follows what DSS actually answers (see shared/reference/dss-api.md §6.1):
// a 404, an errorType ending in NotFoundException, or the
// IllegalArgumentException "... does not exist" that DSS uses for missing
// connections. It is never true for an authentication or authorization
// failure, a server error or a network error: a resource must never be
// dropped from state because DSS was unreachable or the key lacked rights.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	if apiErr.StatusCode == http.StatusUnauthorized || apiErr.StatusCode == http.StatusForbidden || apiErr.StatusCode >= 500 {
		return false
	}
	if apiErr.StatusCode == http.StatusNotFound && !isAuthErrorType(apiErr.ErrorType) {
		return true
	}
	if strings.HasSuffix(apiErr.ErrorType, "NotFoundException") {
		return true
	}
	return apiErr.ErrorType == "java.lang.IllegalArgumentException" && strings.Contains(apiErr.Text(), "does not exist")
}

// IsGone reports whether err is DSS saying that the object read at path
// (relative to APIPrefix, as given to Get) does not exist: DSS's own
// not-found answer, a JSON error document, to a request for that very path.
// A 404 from a proxy (an HTML page), a not-found for a sub-document or for
// another path is not: a resource must only leave the state when DSS says
// the object itself is gone. With path "", any path DSS answered for counts.
func IsGone(err error, path string) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorType == "" || !IsNotFound(err) {
		return false
	}
	return path == "" || apiErr.Path == APIPrefix+path
}

// IsUnauthorized reports whether DSS rejected the key (401) or refused the
// key's user access to the object (403, or DSS's UnauthorizedException,
// which is also how DSS answers a non-admin key about a project it may not
// see, whether or not that project exists).
func IsUnauthorized(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.StatusCode == http.StatusUnauthorized || apiErr.StatusCode == http.StatusForbidden || isAuthErrorType(apiErr.ErrorType)
}

// IsKeyRejected reports whether DSS did not recognise the API key at all.
func IsKeyRejected(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.StatusCode == http.StatusUnauthorized || strings.HasSuffix(apiErr.ErrorType, "NotAuthenticatedException")
}

func isAuthErrorType(errorType string) bool {
	return strings.HasSuffix(errorType, "UnauthorizedException") || strings.HasSuffix(errorType, "NotAuthenticatedException")
}

// OutcomeUnknownError wraps a failure of a non-idempotent request (a POST)
// whose effect may or may not have happened on the server: the connection
// dropped after the request was sent, a gateway timed out, or the response
// never arrived. Callers must check whether the object now exists before
// deciding what to do; the client never replays such a request.
type OutcomeUnknownError struct {
	Err error
}

func (e *OutcomeUnknownError) Error() string {
	return e.Err.Error() + " (the request may or may not have taken effect)"
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err is an OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u)
}
