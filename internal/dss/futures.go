package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Futures (dss-api-more.md §5): a long-running DSS call made with wait=false
// answers at once with a future, {jobId, hasResult, alive, result?}, that
// the caller polls at GET /futures/{jobId} until it has a result, and may
// abort with DELETE /futures/{jobId}. Dataiku's own client never reads
// alive and spins forever on a task that died; WaitFuture treats a future
// that is no longer alive without a result, or an HTTP error on a poll, as
// a failure, and stops at the context's deadline.

// Future is the state of one DSS future.
type Future struct {
	JobID     string `json:"jobId"`
	HasResult bool   `json:"hasResult"`
	Alive     bool   `json:"alive"`
	Aborted   bool   `json:"aborted"`
	// Result is what the call answers with wait=true, once HasResult.
	Result json.RawMessage `json:"result,omitempty"`
}

// Poll intervals: DSS's builds take seconds to minutes, so polling starts
// fast for the quick ones and backs off to a modest cap, which keeps a
// 30-minute build at well under a thousand GETs.
var (
	futurePollStart = 100 * time.Millisecond
	futurePollMax   = 2 * time.Second
)

// futureAbortTimeout bounds the DELETE sent after the caller's deadline
// passed: it runs on a fresh context, since the caller's is already done.
const futureAbortTimeout = 30 * time.Second

// FuturePath is the API path of a future.
func FuturePath(jobID string) string { return Path("futures", jobID) }

// GetFuture reads a future's state, its result included.
func (c *Client) GetFuture(ctx context.Context, jobID string) (*Future, error) {
	var f Future
	if err := c.Get(ctx, FuturePath(jobID), url.Values{"peek": {"false"}}, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// AbortFuture asks DSS to stop a future's task.
func (c *Client) AbortFuture(ctx context.Context, jobID string) error {
	return c.Delete(ctx, FuturePath(jobID), nil, nil)
}

// futureCall makes a long-running call with wait=false. DSS answers a
// future; a DSS that finished at once may answer the wait=true document
// (messages) instead, which becomes a future that already has its result.
func (c *Client) futureCall(ctx context.Context, method, path string, query url.Values, body any) (*Future, error) {
	var raw json.RawMessage
	if err := c.Do(ctx, method, path, query, body, &raw); err != nil {
		return nil, err
	}
	var f Future
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s %s: decoding DSS's future: %w", method, path, err)
	}
	if f.JobID == "" && !f.HasResult {
		f = Future{HasResult: true, Result: raw}
	}
	return &f, nil
}

// Message is one of DSS's operation messages, as DSS wrote it.
type Message struct {
	Severity string `json:"severity"`
	Title    string `json:"title,omitempty"`
	Message  string `json:"message,omitempty"`
	Details  string `json:"details,omitempty"`
}

// String is the message as one line: "SEVERITY: title — message —
// details", each part once.
func (m Message) String() string {
	parts := []string{}
	for _, s := range []string{m.Title, m.Message, m.Details} {
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	line := strings.Join(parts, " — ")
	if m.Severity != "" {
		line = m.Severity + ": " + line
	}
	return line
}

// TaskMessages reads the messages of a finished task's result, DSS's
// envelope {messages: {…, messages: [...]}}; none when the result holds
// no such envelope (a task whose result is something else).
func TaskMessages(result json.RawMessage) []Message {
	var doc struct {
		Messages *Messages `json:"messages"`
	}
	if json.Unmarshal(result, &doc) != nil || doc.Messages == nil {
		return nil
	}
	return doc.Messages.Messages
}

// Messages is DSS's report of an operation (a code-env build, a delete):
// flags summarising the messages, and the messages themselves.
type Messages struct {
	AnyMessage bool      `json:"anyMessage"`
	Success    bool      `json:"success"`
	Warning    bool      `json:"warning"`
	Error      bool      `json:"error"`
	Fatal      bool      `json:"fatal"`
	Messages   []Message `json:"messages"`
}

// OperationError is an operation DSS ran and reported as failed
// (messages.error or messages.fatal). Its text carries DSS's messages
// verbatim.
type OperationError struct {
	JobID    string
	Aborted  bool
	Messages Messages
}

func (e *OperationError) Error() string {
	var b strings.Builder
	b.WriteString("DSS reported the operation failed")
	if e.Aborted {
		b.WriteString(" (aborted)")
	}
	n := 0
	for _, m := range e.Messages.Messages {
		if m.Title == "" && m.Message == "" && m.Details == "" {
			continue
		}
		if n == 0 {
			b.WriteString(":")
		}
		n++
		b.WriteString("\n  ")
		b.WriteString(m.String())
	}
	if n == 0 {
		b.WriteString(" without a message")
	}
	return b.String()
}

// FutureFailedError is a future whose task stopped without a result: DSS
// lost it (a restart) or the task died.
type FutureFailedError struct {
	JobID string
}

func (e *FutureFailedError) Error() string {
	return fmt.Sprintf("DSS's task %s ended without a result (it is no longer alive)", e.JobID)
}

// FutureTimeoutError is a future still running when the caller's deadline
// passed. Aborted says whether DSS accepted the abort; AbortErr is its
// failure when it did not (or nil when no abort was asked).
type FutureTimeoutError struct {
	JobID    string
	Waited   time.Duration
	Aborted  bool
	AbortErr error
	Err      error // the context's error
}

func (e *FutureTimeoutError) Error() string {
	msg := fmt.Sprintf("DSS's task %s was still running after %s", e.JobID, e.Waited.Round(time.Millisecond))
	switch {
	case e.Aborted:
		msg += "; it was aborted"
	case e.AbortErr != nil:
		msg += fmt.Sprintf("; aborting it failed: %v", e.AbortErr)
	}
	return msg
}

func (e *FutureTimeoutError) Unwrap() error { return e.Err }

// IsFutureTimeout reports whether err is a FutureTimeoutError.
func IsFutureTimeout(err error) bool {
	var t *FutureTimeoutError
	return errors.As(err, &t)
}

// WaitFuture waits for the future f (as the wait=false call answered) to
// end and returns its result. It polls GET /futures/{jobId} with a backoff
// from futurePollStart growing to futurePollMax. It fails with DSS's error
// when a poll fails (the client has already retried what is retryable),
// with a FutureFailedError when the future is no longer alive and has no
// result, with an OperationError when the result reports messages.error,
// and with a FutureTimeoutError when ctx ends first; abortOnTimeout then
// sends DELETE /futures/{jobId} so that DSS stops the task.
func (c *Client) WaitFuture(ctx context.Context, f *Future, abortOnTimeout bool) (json.RawMessage, error) {
	if f == nil || (f.JobID == "" && !f.HasResult) {
		return nil, errors.New("DSS answered a long-running call without a future (no jobId)")
	}
	start := time.Now()
	wait := futurePollStart
	for !f.HasResult {
		if !f.Alive {
			return nil, &FutureFailedError{JobID: f.JobID}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, c.futureTimedOut(ctx, f.JobID, start, abortOnTimeout)
		case <-timer.C:
		}
		wait = min(wait*3/2, futurePollMax)
		next, err := c.GetFuture(ctx, f.JobID)
		if err != nil {
			if ctx.Err() != nil {
				return nil, c.futureTimedOut(ctx, f.JobID, start, abortOnTimeout)
			}
			return nil, fmt.Errorf("following DSS's task %s: %w", f.JobID, err)
		}
		f = next
	}
	err := resultError(f)
	// A failed task's messages may quote what it was given.
	if opErr := (*OperationError)(nil); errors.As(err, &opErr) {
		c.redactor(ctx).messages(&opErr.Messages)
	}
	return f.Result, err
}

func (c *Client) futureTimedOut(ctx context.Context, jobID string, start time.Time, abort bool) error {
	e := &FutureTimeoutError{JobID: jobID, Waited: time.Since(start), Err: ctx.Err()}
	if abort {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), futureAbortTimeout)
		defer cancel()
		e.AbortErr = c.AbortFuture(actx, jobID)
		e.Aborted = e.AbortErr == nil
	}
	return e
}

// resultError reads the messages of a finished future's result: DSS
// reports a failed build or delete there, not with an HTTP error.
func resultError(f *Future) error {
	r := bytes.TrimSpace(f.Result)
	if len(r) == 0 || r[0] != '{' {
		if f.Aborted {
			return &OperationError{JobID: f.JobID, Aborted: true}
		}
		return nil
	}
	var raw struct {
		Messages json.RawMessage `json:"messages"`
	}
	if err := json.Unmarshal(r, &raw); err != nil {
		return fmt.Errorf("DSS's task %s: decoding its result: %w", f.JobID, err)
	}
	var doc struct{ Messages *Messages }
	if m := bytes.TrimSpace(raw.Messages); len(m) > 0 && m[0] == '{' {
		// An operation's envelope of messages. A result whose messages
		// are a list is a report (the sanity check's info messages [V
		// DSSInfoMessages]), which the caller reads: its findings are no
		// failure of the task.
		doc.Messages = new(Messages)
		if err := json.Unmarshal(m, doc.Messages); err != nil {
			return fmt.Errorf("DSS's task %s: decoding its result: %w", f.JobID, err)
		}
	}
	if doc.Messages != nil && (doc.Messages.Error || doc.Messages.Fatal) || f.Aborted {
		e := &OperationError{JobID: f.JobID, Aborted: f.Aborted}
		if doc.Messages != nil {
			e.Messages = *doc.Messages
		}
		return e
	}
	return nil
}
