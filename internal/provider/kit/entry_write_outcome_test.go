package kit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// An entry's creating PUT is of unknown outcome when its answer may have
// been lost after DSS wrote the document (transport errors, 5xx); DSS's
// refusals and the kind's own errors are not.
func TestEntryWriteOutcome(t *testing.T) {
	for name, c := range map[string]struct {
		err     error
		unknown bool
	}{
		"nil":                     {nil, false},
		"a 400 refusal":           {&dss.APIError{Method: "PUT", Path: "/p", StatusCode: 400}, false},
		"a 403 refusal":           {&dss.APIError{Method: "PUT", Path: "/p", StatusCode: 403}, false},
		"a 502 after the retries": {fmt.Errorf("writing: %w", &dss.APIError{Method: "PUT", Path: "/p", StatusCode: 502}), true},
		"a 500":                   {&dss.APIError{Method: "PUT", Path: "/p", StatusCode: 500}, true},
		"a lost answer (EOF)":     {fmt.Errorf("PUT h/p: %w (after 2 attempts)", io.EOF), true},
		"a cut body":              {fmt.Errorf("PUT h/p: %w", io.ErrUnexpectedEOF), true},
		"a reset connection":      {fmt.Errorf("PUT h/p: %w", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}), true},
		"a timeout":               {fmt.Errorf("PUT h/p: %w", context.DeadlineExceeded), true},
		"the kind's own error":    {errors.New("the project's permissions already hold a grant for this group or user"), false},
	} {
		got := EntryWriteOutcome(c.err)
		if dss.IsOutcomeUnknown(got) != c.unknown {
			t.Errorf("%s: EntryWriteOutcome(%v) = %v, outcome unknown %v, want %v", name, c.err, got, dss.IsOutcomeUnknown(got), c.unknown)
		}
		if c.err != nil && !errors.Is(got, c.err) {
			t.Errorf("%s: the result %v does not wrap the error", name, got)
		}
	}
	already := &dss.OutcomeUnknownError{Err: io.EOF}
	var twice *dss.OutcomeUnknownError
	if got := EntryWriteOutcome(already); !errors.As(got, &twice) || twice != already {
		t.Errorf("an error already of unknown outcome is wrapped again: %v", got)
	}
}
