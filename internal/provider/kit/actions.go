package kit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Actions (Terraform >= 1.14; OpenTofu has none): operations on DSS that
// Terraform runs with `terraform apply -invoke=action.<type>.<name>` or
// from a resource's lifecycle action_trigger. An action has no state: it
// starts something in DSS, follows it with progress messages, and fails
// the apply when it ends badly. What all of them share is here.

// Timeout bounds for actions: below a second nothing DSS runs can finish;
// above a day Terraform's own run should not be the thing waiting.
const (
	ActionTimeoutMin     = time.Second
	ActionTimeoutMax     = 24 * time.Hour
	ActionTimeoutDefault = time.Hour
)

// abortTimeout bounds the abort sent after the action's own context ended
// (timeout or interrupt): it runs on a fresh context.
const abortTimeout = 30 * time.Second

// Action is one implementation of an action's Terraform side (type
// name, schema, configuration, the unconfigured provider) that each action
// configures with its schema, the summary of its errors and its invoke,
// as the data sources' kit does.
//
// M is the action's model (the struct with tfsdk tags).
type Action[M any] struct {
	// Name is the type name without the provider's, e.g. "scenario_run".
	Name         string
	ActionSchema schema.Schema
	// Summary is the summary of the invoke's error diagnostics, naming what
	// the configuration m asks for, e.g. "cannot run scenario P.S"; the kit
	// puts the action's type name first: "dataiku_scenario_run: cannot run
	// scenario P.S".
	Summary func(m *M) string
	// Run does what the configuration m asks, with a configured client,
	// and reports progress and its own findings on resp; the error it
	// returns is DSS's, reported under the summary.
	Run func(ctx context.Context, c *dss.Client, m *M, summary string, resp *action.InvokeResponse) error

	client *dss.Client
}

var _ action.ActionWithConfigure = (*Action[struct{}])(nil)

func (a *Action[M]) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + a.Name
}

func (a *Action[M]) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = a.ActionSchema
}

func (a *Action[M]) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = ClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *Action[M]) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m M
	// An action whose attributes are all optional, or that has none, may
	// be declared without a config block: its configuration is then null,
	// and every attribute is.
	if !req.Config.Raw.IsNull() {
		resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	summary := "dataiku_" + a.Name + ": " + a.Summary(&m)
	if !RequireClient(a.client, &resp.Diagnostics, summary) {
		return
	}
	if err := a.Run(ctx, a.client, &m, summary, resp); err != nil {
		AddDSSError(&resp.Diagnostics, summary, err)
	}
}

// PollUntil calls check until it reports done or fails, waiting between
// calls from dss.OperationPollStart, longer each time (dss.NextPoll); it
// returns check's error, or ctx's when ctx ends first.
func PollUntil(ctx context.Context, check func() (done bool, err error)) error {
	for wait := dss.OperationPollStart; ; wait = dss.NextPoll(wait) {
		if done, err := check(); done || err != nil {
			return err
		}
		if !sleepCtx(ctx, wait) {
			return ctx.Err()
		}
	}
}

// Progress sends one progress message; a response without a sender (a
// unit test) drops it.
func Progress(resp *action.InvokeResponse, format string, args ...any) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}

// DurationBetween refuses, at plan time, a duration that does not parse
// or lies outside [lo, hi].
func DurationBetween(lo, hi time.Duration) validator.String {
	return StringCheck(fmt.Sprintf("must be a duration such as \"90s\", \"15m\" or \"2h\", between %s and %s", lo, hi),
		func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
			if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
				return
			}
			d, err := time.ParseDuration(req.ConfigValue.ValueString())
			switch {
			case err != nil:
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
					fmt.Sprintf("%q is not a duration: write it as Go does, such as \"90s\", \"15m\" or \"2h\".", req.ConfigValue.ValueString()))
			case d < lo || d > hi:
				resp.Diagnostics.AddAttributeError(req.Path, "Timeout out of range",
					fmt.Sprintf("%s must be between %s and %s, not %s.", req.Path, lo, hi, d))
			}
		})
}

// ActionTimeoutAttribute is an action's optional timeout: how long it waits
// for what (e.g. "the run"), and what then happens, said by onTimeout
// ("" when nothing does).
func ActionTimeoutAttribute(what, onTimeout string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Validators: []validator.String{DurationBetween(ActionTimeoutMin, ActionTimeoutMax)},
		MarkdownDescription: fmt.Sprintf("How long to wait for %s, such as `\"30m\"`, between %s and %s (default `%s`).%s",
			what, ActionTimeoutMin, ActionTimeoutMax, ActionTimeoutDefault, onTimeout)}
}

// ActionTimeout reads a timeout attribute already validated, or the
// default.
func ActionTimeout(v types.String) time.Duration {
	if v.IsNull() || v.IsUnknown() {
		return ActionTimeoutDefault
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil {
		return ActionTimeoutDefault
	}
	return d
}

// BoolOr reads an optional boolean.
func BoolOr(v types.Bool, def bool) bool {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueBool()
}

// stopReason says why an action's context ended: the timeout, or
// Terraform stopping (Ctrl-C), which cancels the provider's requests.
func stopReason(ctx context.Context, timeout time.Duration) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("it was still running after the timeout of %s", timeout)
	}
	return "Terraform was interrupted"
}

// AbortAfterStop aborts what the action started once its context has
// ended, and reports it: the detail says why it stopped and whether DSS
// accepted the abort.
func AbortAfterStop(ctx context.Context, diags *diag.Diagnostics, summary, what string, timeout time.Duration, abort func(context.Context) error) {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	reason := stopReason(ctx, timeout)
	if err := abort(actx); err != nil {
		diags.AddError(summary, fmt.Sprintf("%s, and aborting %s in DSS failed: %s. It may still be running: check it in DSS.", reason, what, DSSErrorText(err)))
		return
	}
	diags.AddError(summary, fmt.Sprintf("%s: %s was aborted in DSS.", reason, what))
}

// sleepCtx waits d or until ctx ends; false when ctx ended.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
