// Package dss is a client for the public REST API of Dataiku DSS
// (https://doc.dataiku.com/dss/latest/publicapi/rest.html).
//
// Every call takes a context, authenticates with HTTP Basic (the API key as
// the user name and an empty password, as Dataiku's own clients do), retries
// what is safe to retry, and reports DSS's errors as *APIError.
package dss

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// APIPrefix is the documented base path of DSS's public API.
const APIPrefix = "/public/api"

// Defaults for Config fields left zero.
const (
	DefaultMaxRetries     = 5
	DefaultRequestTimeout = 60 * time.Second
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 30 * time.Second
	// maxRetryAfter caps how long a Retry-After header can make us wait, so
	// that a misconfigured proxy cannot stall an apply for hours.
	maxRetryAfter = 2 * time.Minute
	// maxResponseBytes bounds the size of a response body read into memory.
	maxResponseBytes = 64 << 20
)

// Config describes how to reach one DSS instance.
type Config struct {
	// Host is the DSS base URL, with or without a trailing "/" or
	// "/public/api".
	Host   string
	APIKey string
	// MaxRetries bounds the retries of one request; -1 disables them, 0
	// means DefaultMaxRetries.
	MaxRetries int
	// RequestTimeout bounds each attempt; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// attempts when DSS sends no Retry-After.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// InsecureSkipVerify disables TLS certificate verification.
	InsecureSkipVerify bool
	// CACertFile is a PEM bundle of certificate authorities trusted in
	// addition to the system's.
	CACertFile string
	// UserAgent is sent on every request.
	UserAgent string
}

// Client talks to one DSS instance. It is safe for concurrent use.
type Client struct {
	baseURL   *url.URL
	apiKey    string
	userAgent string
	http      *retryablehttp.Client

	mu         sync.Mutex
	dssVersion string
	caller     *AuthInfo // the last successful AuthInfo, for Caller
}

// NormalizeHost turns what a user may write for the DSS URL into the base
// URL the client joins API paths to: no trailing slash and no
// "/public/api" suffix. It fails unless the URL is absolute http(s).
//
// A URL holding credentials (https://user:password@dss.example.com) is
// refused: DSS authenticates with the API key, never with credentials in
// the URL. No "@" is accepted anywhere, so that a password holding "/",
// "?" or "#" cannot slip past as a path, query or fragment. The errors
// never quote what precedes the last "@" (neither the user name nor the
// password), and no error repeats url.Parse's own, which quotes its whole
// input.
func NormalizeHost(host string) (*url.URL, error) {
	host = strings.TrimSpace(host)
	if strings.Contains(host, "@") {
		return nil, fmt.Errorf("the host %q must not contain a user name or password (before \"@\"): "+
			"credentials do not belong in the host; DSS authenticates with the API key, "+
			"which goes in the provider's api_key attribute or the DATAIKU_API_KEY environment variable", withoutUserinfo(host))
	}
	if !strings.Contains(host, "://") {
		// Checked before parsing: url.Parse takes "dss:11200" for a scheme
		// and an opaque part, and words "10.0.0.5:11200" as a path error,
		// when the host only lacks its scheme.
		return nil, fmt.Errorf("%q must start with http:// or https://", host)
	}
	u, err := url.Parse(host)
	if err != nil {
		// *url.Error repeats the input; keep only what went wrong.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("%q is not a valid URL: %w", host, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q must start with http:// or https://", host)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q has no host name", host)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not have a query or fragment", host)
	}
	// Suffixes are stripped until none is left, so that normalising is
	// idempotent: the result, fed back (as the dataiku_instance host may
	// be), names the same base URL.
	p := u.Path
	for {
		trimmed := strings.TrimRight(p, "/")
		trimmed = strings.TrimSuffix(trimmed, APIPrefix)
		trimmed = strings.TrimSuffix(trimmed, "/dip/publicapi")
		if trimmed == p {
			break
		}
		p = trimmed
	}
	u.Path = p
	u.RawPath = ""
	// An "@" the input escaped (a proxy path's %40) stays escaped: printed
	// raw, it would read as user info, and normalising the result again
	// (as the dataiku_instance host may be) would refuse it.
	if strings.Contains(p, "@") {
		u.RawPath = strings.ReplaceAll(u.EscapedPath(), "@", "%40")
	}
	return u, nil
}

// withoutUserinfo drops everything up to the last "@" of a host, keeping a
// leading "scheme://": "https://user:pw@dss.example.com" gives
// "https://dss.example.com". It works on the text, not on url.Parse's
// reading of it, so that nothing before the "@" is ever quoted.
func withoutUserinfo(host string) string {
	at := strings.LastIndex(host, "@")
	if at < 0 {
		return host
	}
	rest := host[at+1:]
	if i := strings.Index(host, "://"); i > 0 && i < at && isURLScheme(host[:i]) {
		return host[:i+len("://")] + rest
	}
	return rest
}

// isURLScheme reports whether s is a URL scheme (RFC 3986: a letter, then
// letters, digits, "+", "-" or ".").
func isURLScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// NewClient builds a client. It does not contact DSS; call AuthInfo to check
// the credentials.
func NewClient(cfg Config) (*Client, error) {
	base, err := NormalizeHost(cfg.Host)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	// http.DefaultTransport is an *http.Transport unless a program replaced
	// it; then start from a plain one that still honours proxy variables.
	transport := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		transport = def.Clone()
	}
	transport.MaxIdleConnsPerHost = 64
	if cfg.InsecureSkipVerify || cfg.CACertFile != "" {
		tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
		if cfg.InsecureSkipVerify {
			tlsConfig.InsecureSkipVerify = true // #nosec G402 -- explicitly requested by the user
		}
		if cfg.CACertFile != "" {
			pem, err := os.ReadFile(cfg.CACertFile)
			if err != nil {
				return nil, fmt.Errorf("reading ca_cert_file: %w", err)
			}
			pool, err := x509.SystemCertPool()
			if err != nil || pool == nil {
				pool = x509.NewCertPool()
			}
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("ca_cert_file %s holds no PEM certificate", cfg.CACertFile)
			}
			tlsConfig.RootCAs = pool
		}
		transport.TLSClientConfig = tlsConfig
	}

	timeout := cfg.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	retries := cfg.MaxRetries
	switch {
	case retries == 0:
		retries = DefaultMaxRetries
	case retries < 0:
		retries = 0
	}
	waitMin, waitMax := cfg.RetryWaitMin, cfg.RetryWaitMax
	if waitMin <= 0 {
		waitMin = DefaultRetryWaitMin
	}
	if waitMax <= 0 {
		waitMax = DefaultRetryWaitMax
	}

	rc := &retryablehttp.Client{
		HTTPClient:     &http.Client{Transport: transport, Timeout: timeout},
		Logger:         nil, // we log through tflog with the request's context
		RetryWaitMin:   waitMin,
		RetryWaitMax:   waitMax,
		RetryMax:       retries,
		CheckRetry:     checkRetry,
		Backoff:        backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: logAttempt,
	}
	return &Client{baseURL: base, apiKey: cfg.APIKey, userAgent: cfg.UserAgent, http: rc}, nil
}

// Host is the normalised base URL of the DSS instance.
func (c *Client) Host() string { return c.baseURL.String() }

// DSSVersion is the version DSS reported in its DSS-Version header, once a
// call has been made.
func (c *Client) DSSVersion() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dssVersion
}

// Path joins escaped segments into an API path: Path("projects", key) is
// "/projects/KEY".
func Path(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// Get, Post, Put and Delete call Do with their method.
func (c *Client) Get(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, http.MethodGet, path, query, nil, out)
}

func (c *Client) Post(ctx context.Context, path string, query url.Values, body, out any) error {
	return c.Do(ctx, http.MethodPost, path, query, body, out)
}

func (c *Client) Put(ctx context.Context, path string, query url.Values, body, out any) error {
	return c.Do(ctx, http.MethodPut, path, query, body, out)
}

func (c *Client) Delete(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, http.MethodDelete, path, query, nil, out)
}

// callAs sends one API call (see Do) and decodes DSS's answer into a new
// T: the shape of most calls that answer an object. A failed call gives
// nil, never a half-decoded T.
func callAs[T any](ctx context.Context, c *Client, method, path string, query url.Values, body any) (*T, error) {
	var out T
	if err := c.Do(ctx, method, path, query, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// getAs is callAs's GET for a value rather than a document to point at (a
// list): a failed call gives T's zero value.
func getAs[T any](ctx context.Context, c *Client, path string, query url.Values) (T, error) {
	out, err := callAs[T](ctx, c, http.MethodGet, path, query, nil)
	if err != nil {
		var zero T
		return zero, err
	}
	return *out, nil
}

// keyedAnswer is DSS's answer to a create call, which names the new
// object.
type keyedAnswer interface {
	// createdKey is the name of the field naming the object, and its value.
	createdKey() (field, value string)
}

// createdID and createdName are the answers of the creates that answer
// only the new object's id or name.
type (
	createdID struct {
		ID string `json:"id"`
	}
	createdName struct {
		Name string `json:"name"`
	}
)

func (a *createdID) createdKey() (string, string)   { return "id", a.ID }
func (a *createdName) createdKey() (string, string) { return "name", a.Name }

// postCreate posts a create call and decodes DSS's answer into a new T,
// which must name what DSS made: without its key the caller could not find
// it. did is what the call did, for the error ("created the recipe").
func postCreate[T any, PT interface {
	*T
	keyedAnswer
}](ctx context.Context, c *Client, path string, body any, did string) (*T, error) {
	return postCreateWith[T, PT](ctx, c, path, nil, body, did)
}

// postCreateWith is postCreate for a create call that also takes a query
// (a project folder's name).
func postCreateWith[T any, PT interface {
	*T
	keyedAnswer
}](ctx context.Context, c *Client, path string, query url.Values, body any, did string) (*T, error) {
	out, err := callAs[T](ctx, c, http.MethodPost, path, query, body)
	if err != nil {
		return nil, err
	}
	if field, key := PT(out).createdKey(); key == "" {
		return nil, fmt.Errorf("DSS %s but its answer has no %s", did, field)
	}
	return out, nil
}

// postCreatedKey is postCreateWith for the callers that need only the
// key the answer names (the id DSS generated, a recipe's name): one place
// for the check that the answer holds it.
func postCreatedKey[T any, PT interface {
	*T
	keyedAnswer
}](ctx context.Context, c *Client, path string, query url.Values, body any, did string) (string, error) {
	out, err := postCreateWith[T, PT](ctx, c, path, query, body, did)
	if err != nil {
		return "", err
	}
	_, key := PT(out).createdKey()
	return key, nil
}

type methodKey struct{}

// Do sends one API call. path is relative to /public/api and must already be
// escaped (see Path). body, when not nil, is sent as JSON. out, when not nil,
// receives the decoded JSON response; when nil the body is ignored, so an
// empty or non-JSON success body is accepted.
//
// Failures are *APIError for an answer from DSS, *OutcomeUnknownError for a
// POST whose effect is uncertain, or a wrapped network error. No error
// quotes the API key, a secret of ctx (WithSecrets) or one body sends back
// (secretSender), and no log line written with ctx shows them.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	if s, ok := body.(secretSender); ok {
		ctx = WithSecrets(ctx, s.sentSecrets()...)
	}
	redact := c.redactor(ctx)
	ctx = redact.mask(ctx)
	u := *c.baseURL
	full := APIPrefix + path
	unescaped, err := url.PathUnescape(full)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, full, err)
	}
	u.Path += unescaped
	u.RawPath = c.baseURL.EscapedPath() + full
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}

	var payload []byte
	contentType := "application/json"
	if mp, ok := body.(*multipartBody); ok {
		payload, contentType = mp.data, mp.contentType
	} else if body != nil {
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("%s %s: encoding the request: %w", method, full, err)
		}
	}
	var rawBody any
	if payload != nil {
		rawBody = payload
	}
	attempts := &tries{start: time.Now()}
	reqCtx := context.WithValue(context.WithValue(ctx, methodKey{}, method), triesKey{}, attempts)
	req, err := retryablehttp.NewRequestWithContext(reqCtx, method, u.String(), rawBody)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, full, err)
	}
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		tflog.Debug(ctx, "DSS request failed", map[string]any{"method": method, "path": full, "error": err.Error()})
		hint := attempts.describe()
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			hint += "; nothing accepts connections there: check the host and port, and that DSS is running"
		case isUnknownHost(err):
			hint += "; DNS knows no such host: check the host name"
		case errors.Is(err, http.ErrSchemeMismatch):
			hint += "; the server there speaks plain HTTP, not HTTPS: start the host with http://, or check the port"
		}
		err = fmt.Errorf("%s %s%s: %w (%s)", method, c.baseURL.Host, full, unwrapURLError(err), hint)
		if method == http.MethodPost && !isDialError(err) {
			return &OutcomeUnknownError{Err: err}
		}
		return err
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if v := resp.Header.Get("DSS-Version"); v != "" {
		c.mu.Lock()
		c.dssVersion = v
		c.mu.Unlock()
	}
	tflog.Debug(ctx, "DSS request", map[string]any{
		"method": method, "path": full, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(),
	})
	if readErr != nil {
		err := fmt.Errorf("%s %s: reading the response: %w", method, full, readErr)
		if method == http.MethodPost {
			return &OutcomeUnknownError{Err: err}
		}
		return err
	}
	if resp.StatusCode >= 300 {
		// Redacted before decoding so that a body cut short cannot keep a
		// prefix of a secret, and after so that JSON escapes cannot hide it.
		apiErr := decodeAPIError(method, full, resp.StatusCode, []byte(redact.redact(string(data))))
		redact.apiError(apiErr)
		if method == http.MethodPost && (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) {
			return &OutcomeUnknownError{Err: apiErr}
		}
		return apiErr
	}
	if out == nil {
		return nil
	}
	// A text answer (a job's log) is kept as it came.
	if raw, ok := out.(*textAnswer); ok {
		*raw = data
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s %s: DSS answered %d with an empty body where a JSON document was expected", method, full, resp.StatusCode)
	}
	if err := json.Unmarshal(data, out); err != nil {
		target := out
		if w, ok := out.(interface{ decodeTarget() any }); ok {
			target = w.decodeTarget()
		}
		if _, secret := target.(secretHolder); secret {
			return fmt.Errorf("%s %s: decoding the response: %w (the body is not quoted: it holds API key secrets)", method, full, err)
		}
		return fmt.Errorf("%s %s: decoding the response: %w (body starts: %s)", method, full, err, shorten(redact.redact(string(data)), bodyPrefixLimit))
	}
	return nil
}

func logAttempt(_ retryablehttp.Logger, req *http.Request, attempt int) {
	if t, ok := req.Context().Value(triesKey{}).(*tries); ok {
		t.count = attempt + 1
	}
	if attempt == 0 {
		return
	}
	tflog.Debug(req.Context(), "retrying DSS request", map[string]any{
		"method": req.Method, "path": req.URL.Path, "attempt": attempt + 1,
	})
}

// unwrapURLError drops net/http's *url.Error wrapper, whose text repeats the
// full URL, so that errors name the host and path once.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
