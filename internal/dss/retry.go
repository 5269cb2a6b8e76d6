package dss

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// checkRetry decides whether an attempt is retried.
//
// GET, PUT and DELETE are idempotent against DSS (PUTs replace whole
// documents), so they are retried on 429, 502, 503, 504 and on network
// failures. A POST creates or moves something, so it is retried only when DSS
// certainly did not act on it: 429 and 503 (DSS refused it) and a connection
// that could not be opened. Any other POST failure is returned to the caller
// as an OutcomeUnknownError.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	method, _ := ctx.Value(methodKey{}).(string)
	if err != nil {
		if method == http.MethodPost && !isDialError(err) {
			return false, nil
		}
		// A refused connection is answered at once by the host: nothing
		// listens there. A DSS that is restarting refuses for longer than the
		// full backoff, so waiting it out would only delay the error; a few
		// quick tries cover a listener that is just coming up. A host name
		// that does not exist is as final.
		if errors.Is(err, syscall.ECONNREFUSED) || isUnknownHost(err) {
			if t, ok := ctx.Value(triesKey{}).(*tries); ok && t.count > RefusedRetries {
				return false, nil
			}
		}
		// An https:// host answered in plain HTTP is as final: DSS's port
		// does not change protocol between tries.
		if errors.Is(err, http.ErrSchemeMismatch) {
			return false, nil
		}
		// Certificate, scheme and redirect errors are not transient.
		return retryablehttp.DefaultRetryPolicy(ctx, nil, err)
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true, nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return method != http.MethodPost, nil
	}
	return false, nil
}

// backoff honours Retry-After (in seconds or as an HTTP date, bounded by
// maxRetryAfter) and otherwise waits exponentially longer.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	wait := retryablehttp.DefaultBackoff(minWait, maxWait, attempt, resp)
	if wait > maxRetryAfter {
		wait = maxRetryAfter
	}
	return wait
}

// isDialError reports whether the connection could not even be opened, so
// the request never reached DSS.
func isDialError(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	// A plain-HTTP server answering a TLS handshake never read a request.
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, http.ErrSchemeMismatch)
}

// RefusedRetries bounds the retries of a refused connection, whatever
// max_retries allows for an overloaded DSS: with the default waits, 0.5 s
// then 1 s.
const RefusedRetries = 2

type triesKey struct{}

// tries counts the attempts of one request, so that checkRetry can bound the
// retries of a refused connection and the error can say how often it was
// tried.
type tries struct {
	count int
	start time.Time
}

// describe is appended to a network error: how often the request was tried,
// and over how long.
func (t *tries) describe() string {
	if t.count <= 1 {
		return "tried once, not retried"
	}
	return fmt.Sprintf("tried %d times over %.1fs", t.count, time.Since(t.start).Seconds())
}

// isUnknownHost reports whether DNS answered that the host name does not
// exist (not a resolver failure, which may pass).
func isUnknownHost(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}
