package emulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
)

// Java exception class names used in DSS error bodies (dss-api.md §1.7).
const (
	ErrTypeNotAuthenticated = "com.dataiku.dip.exceptions.NotAuthenticatedException"
	ErrTypeUnauthorized     = "com.dataiku.dip.exceptions.UnauthorizedException"
	ErrTypeNotFound         = "com.dataiku.dip.server.controllers.NotFoundException"
	ErrTypeIllegalArgument  = "java.lang.IllegalArgumentException"
	ErrTypeJSONParse        = "com.fasterxml.jackson.core.JsonParseException"
	ErrTypeRuntime          = "java.lang.RuntimeException"
	ErrTypeCoded            = "com.dataiku.dip.exceptions.CodedException"
	// [I] no evidence for these; used for fault injection and limits only.
	ErrTypeTooLarge           = "com.dataiku.dip.exceptions.RequestTooLargeException"
	ErrTypeTooManyRequests    = "com.dataiku.dip.exceptions.TooManyRequestsException"
	ErrTypeServiceUnavailable = "com.dataiku.dip.exceptions.ServiceUnavailableException"
)

// Statuses for validation errors. [I] dss-api.md §6.2: not verified; DSS may
// answer 500 for some. Change here if a real DSS disagrees.
var (
	StatusIllegalArgument = http.StatusBadRequest
	StatusDuplicate       = http.StatusBadRequest
	StatusInvalidKey      = http.StatusBadRequest
)

// APIError is a DSS-shaped error that handlers can return from mutate/read.
type APIError struct {
	Status    int
	ErrorType string
	Message   string
}

func (e *APIError) Error() string { return e.ErrorType + ": " + e.Message }

// newError builds an *APIError.
func newError(status int, errorType, msg string) *APIError {
	return &APIError{Status: status, ErrorType: errorType, Message: msg}
}

func errNotFound(msg string) *APIError { return newError(http.StatusNotFound, ErrTypeNotFound, msg) }
func errIllegalArgument(msg string) *APIError {
	return newError(StatusIllegalArgument, ErrTypeIllegalArgument, msg)
}

// defaultErrorType picks a plausible Java class for a bare status (faults).
func defaultErrorType(status int) string {
	switch status {
	case http.StatusBadRequest:
		return ErrTypeIllegalArgument
	case http.StatusUnauthorized:
		return ErrTypeNotAuthenticated
	case http.StatusForbidden:
		return ErrTypeUnauthorized
	case http.StatusNotFound:
		return ErrTypeNotFound
	case http.StatusRequestEntityTooLarge:
		return ErrTypeTooLarge
	case http.StatusTooManyRequests:
		return ErrTypeTooManyRequests
	case http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusGatewayTimeout:
		return ErrTypeServiceUnavailable
	default:
		return ErrTypeRuntime
	}
}

// errorBody is the DSS error wire format (dss-api.md §1.6).
type errorBody struct {
	ErrorType       string `json:"errorType"`
	Message         string `json:"message"`
	DetailedMessage string `json:"detailedMessage"`
}

// writeJSON writes v as JSON with the given status. Content-Type and DSS
// headers are set by the server before handlers run; set again here so the
// helper also works on bare writers.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{ErrTypeRuntime, err.Error(), err.Error()})
	}
	w.Header().Set("Content-Type", contentTypeJSON)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeError writes a DSS-shaped error body.
func writeError(w http.ResponseWriter, status int, errorType, message string) {
	errorType = cmp.Or(errorType, defaultErrorType(status))
	writeJSON(w, status, errorBody{ErrorType: errorType, Message: message, DetailedMessage: message})
}

// writeErr writes any error: *APIError as-is, anything else as a 500.
func writeErr(w http.ResponseWriter, err error) {
	var ae *APIError
	if errors.As(err, &ae) {
		writeError(w, ae.Status, ae.ErrorType, ae.Message)
		return
	}
	writeError(w, http.StatusInternalServerError, ErrTypeRuntime, err.Error())
}

// notFound writes 404 NotFoundException.
func notFound(w http.ResponseWriter, msg string) {
	writeError(w, http.StatusNotFound, ErrTypeNotFound, msg)
}

// illegalArgument writes 400 IllegalArgumentException.
func illegalArgument(w http.ResponseWriter, msg string) {
	writeError(w, StatusIllegalArgument, ErrTypeIllegalArgument, msg)
}

// answer ends a handler: 200 with out once its work succeeded, else err
// as DSS words it. err must be a plain error: a nil *APIError passed here
// would be a non-nil interface, and answered as an error.
func answer(w http.ResponseWriter, err error, out any) {
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// message is the {"msg": ...} body DSS answers an action with.
func message(msg string) map[string]any { return map[string]any{"msg": msg} }

// writeMsg writes {"msg": msg} with 200.
func writeMsg(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusOK, message(msg))
}
