package kit

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The actions that run as one DSS future: computing a dataset's
// data-quality rules, updating a code env, the containerized execution
// tasks. DSS follows them with /futures/{id}; the client's WaitFuture
// polls it and aborts it on timeout or interrupt.

// FutureActionTimeout bounds the wait for a future: these actions have no
// timeout attribute (the issue names none), and a run must not hang
// forever on a future DSS lost.
const FutureActionTimeout = 2 * ActionTimeoutDefault

// FollowFuture reports that DSS's task f started doing something to
// subject ("Code env PYTHON/x", "rebuilding it"), waits for the task, and
// reports that it is done. A task that fails returns DSS's error; an
// interrupt of Terraform, after which the task was aborted, is reported
// under summary.
func FollowFuture(ctx context.Context, c *dss.Client, f *dss.Future, summary string, resp *action.InvokeResponse, subject, doing string) error {
	_, err := FollowFutureResult(ctx, c, f, summary, resp, subject, doing)
	return err
}

// FollowFutureResult is FollowFuture for a task whose result the action
// reads (a report): it returns the result, nil after an interrupt (then
// resp holds the error).
func FollowFutureResult(ctx context.Context, c *dss.Client, f *dss.Future, summary string, resp *action.InvokeResponse, subject, doing string) (json.RawMessage, error) {
	if f.JobID != "" {
		Progress(resp, "%s: %s (DSS task %s)", subject, doing, f.JobID)
	} else {
		Progress(resp, "%s: %s", subject, doing)
	}
	wctx, cancel := context.WithTimeout(ctx, FutureActionTimeout)
	defer cancel()
	result, err := c.WaitFuture(wctx, f, true)
	if err != nil {
		if dss.IsFutureTimeout(err) && ctx.Err() != nil {
			resp.Diagnostics.AddError(summary, "Terraform was interrupted: "+err.Error())
			return nil, nil
		}
		return nil, err
	}
	Progress(resp, "%s: done", subject)
	return result, nil
}
