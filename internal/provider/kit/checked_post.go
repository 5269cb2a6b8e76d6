package kit

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// A POST whose answer was lost (a dropped connection, a timeout, a 502 from
// a proxy) may or may not have taken effect, and the client never replays
// it. PostChecked is the one place that decides what to do then: it asks DSS
// whether the effect is visible (done) and sends the POST once more only
// when DSS says it is not. Creations and renames are keyed by a name DSS
// keeps unique, so the worst a late first attempt can cause is an
// "already exists" answer, never a duplicate object.

// errOutcomeStillUnknown wraps the POST's error when even the check failed:
// the caller cannot know whether the object exists.
type outcomeStillUnknownError struct {
	post, check error
}

func (e *outcomeStillUnknownError) Error() string {
	return e.post.Error() + "; checking whether it took effect also failed: " + e.check.Error()
}

func (e *outcomeStillUnknownError) Unwrap() error { return e.post }

// isOutcomeStillUnknown reports whether PostChecked could not tell whether
// the POST took effect.
func isOutcomeStillUnknown(err error) bool {
	var e *outcomeStillUnknownError
	return errors.As(err, &e)
}

// PostChecked runs post; when its outcome is unknown, done reports whether
// the effect is there (an error from done means DSS could not be asked).
// It returns nil when the effect is there, post's error when DSS refused
// it, and an outcomeStillUnknownError when the check failed.
func PostChecked(post func() error, done func() (bool, error)) error {
	err := post()
	for attempt := 1; err != nil && dss.IsOutcomeUnknown(err); attempt++ {
		ok, cerr := done()
		if cerr != nil {
			return &outcomeStillUnknownError{post: err, check: cerr}
		}
		if ok {
			return nil
		}
		if attempt == 2 {
			return err
		}
		// DSS says it did not happen: the one replay, after looking.
		err = post()
	}
	return err
}

// ExistsCheck turns a GET into a done function for PostChecked: found is
// done, DSS's "not found" is not done, anything else is unknown.
func ExistsCheck(get func() error) func() (bool, error) {
	return func() (bool, error) {
		err := get()
		switch {
		case err == nil:
			return true, nil
		case dss.IsNotFound(err):
			return false, nil
		}
		return false, err
	}
}

// EntryWriteOutcome is the error of a create that adds an entry to a
// document DSS already holds (a project's permissions or settings) by a
// read-modify-write, its write a PUT. An answer lost in transport, or a
// 5xx, once the client's retries are spent, may come after DSS wrote the
// document: its outcome is unknown, and the kit then looks (the kind's
// Find) before deciding, as it does for a lost POST, instead of leaving
// an entry the next apply would refuse as not its own. DSS's refusals
// (4xx) and the kind's own errors stay as they are.
func EntryWriteOutcome(err error) error {
	if err == nil || dss.IsOutcomeUnknown(err) {
		return err
	}
	var api *dss.APIError
	if errors.As(err, &api) {
		if api.StatusCode >= 500 {
			return &dss.OutcomeUnknownError{Err: err}
		}
		return err
	}
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, context.DeadlineExceeded) {
		return &dss.OutcomeUnknownError{Err: err}
	}
	return err
}
