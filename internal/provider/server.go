package provider

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server is the provider's protocol 6 server: the framework's,
// with the per-resource RPCs wrapped so that a finished request's context
// can be garbage collected.
//
// Why: the framework (v1.19) derives a cancelable context for every RPC and
// keeps its CancelFunc in a slice that only StopProvider empties, so that
// StopProvider can cancel in-flight work. Terraform sends StopProvider only
// on interrupt, so every context of a command stays reachable until the
// process exits, and with it everything terraform-plugin-go put in it (a
// dozen loggers and their field maps, ~12-20 KB per RPC). A plan of 1,000
// resources sends ~4,000 RPCs: `make bench` measured the provider's live
// heap growing to ~70 MB, and 165 MB resident, from that alone.
//
// The wrapper hands the framework a detachableContext instead of the RPC's
// context: it answers Value, Done, Err and Deadline from the RPC's context
// while the RPC runs and drops its reference when the RPC returns. The
// framework still holds one CancelFunc per RPC, but that now reaches a few
// hundred bytes instead of the whole logging context. Cancellation is
// unchanged: the framework's context is still a child of the RPC's.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return ReleasingProtocol6Server(New(version))
}

// ReleasingProtocol6Server is the same server for any framework provider:
// the benchmark's no-op "framework floor" provider (scripts/bench) runs
// on it so that it pays what this provider pays, and nothing else.
func ReleasingProtocol6Server(newProvider func() provider.Provider) func() tfprotov6.ProviderServer {
	// A provider instance per server, as providerserver.Serve does.
	return func() tfprotov6.ProviderServer {
		return &releasingServer{ProviderServer: providerserver.NewProtocol6(newProvider())()}
	}
}

// NewProtocol6ServerWithError is NewProtocol6Server in the form
// terraform-plugin-testing's ProtoV6ProviderFactories take.
func NewProtocol6ServerWithError(version string) func() (tfprotov6.ProviderServer, error) {
	server := NewProtocol6Server(version)
	return func() (tfprotov6.ProviderServer, error) { return server(), nil }
}

// releasingServer overrides the RPCs Terraform sends once or more per
// resource; the rest (schema, provider configuration, functions) are sent
// a few times per command and go straight to the framework.
type releasingServer struct {
	tfprotov6.ProviderServer
}

// detached runs call with a context that forgets ctx once call returns.
func detached[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	d := NewDetachableContext(ctx)
	defer d.Release()
	return call(d, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, req, s.ProviderServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, req, s.ProviderServer.ReadDataSource)
}

// detachableContext delegates to an RPC's context until release, then to
// an already-canceled empty context. Anything that outlives the RPC while
// holding it (the framework's CancelFunc) keeps only this small struct.
type detachableContext struct {
	inner atomic.Pointer[context.Context]
}

// releasedContext is what a detachableContext answers after release: done,
// canceled, without values.
var releasedContext = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func NewDetachableContext(ctx context.Context) *detachableContext {
	d := &detachableContext{}
	d.inner.Store(&ctx)
	return d
}

func (d *detachableContext) Release() { d.inner.Store(&releasedContext) }

func (d *detachableContext) current() context.Context { return *d.inner.Load() }

func (d *detachableContext) Deadline() (time.Time, bool) { return d.current().Deadline() }
func (d *detachableContext) Done() <-chan struct{}       { return d.current().Done() }
func (d *detachableContext) Err() error                  { return d.current().Err() }
func (d *detachableContext) Value(key any) any           { return d.current().Value(key) }

// The action RPCs (Terraform >= 1.14) go to the framework unwrapped: the
// embedded ProviderServer interface does not carry them, so without these
// Terraform is told the provider has no actions. InvokeAction answers a
// stream whose events run the action after the call returns, so its
// context must stay the RPC's: a detached one would be released before
// the action starts.
var _ tfprotov6.ActionServer = (*releasingServer)(nil)

// errNoActions would mean a framework whose server lost its action RPCs.
var errNoActions = errors.New("the framework's provider server does not serve actions")

func (s *releasingServer) actions() (tfprotov6.ActionServer, error) {
	a, ok := s.ProviderServer.(tfprotov6.ActionServer)
	if !ok {
		return nil, errNoActions
	}
	return a, nil
}

func (s *releasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.ValidateActionConfig(ctx, req)
}

func (s *releasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.PlanAction(ctx, req)
}

func (s *releasingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.InvokeAction(ctx, req)
}

// The list resource RPCs (`terraform query`, Terraform >= 1.14) go to the
// framework unwrapped, as the actions do: the embedded interface does not
// carry them, and ListResource answers a stream that lists after the call
// returns, so its context must stay the RPC's.
var _ tfprotov6.ListResourceServer = (*releasingServer)(nil)

// errNoLists would mean a framework whose server lost its list RPCs.
var errNoLists = errors.New("the framework's provider server does not serve list resources")

func (s *releasingServer) lists() (tfprotov6.ListResourceServer, error) {
	l, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, errNoLists
	}
	return l, nil
}

func (s *releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	l, err := s.lists()
	if err != nil {
		return nil, err
	}
	return l.ValidateListResourceConfig(ctx, req)
}

func (s *releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	l, err := s.lists()
	if err != nil {
		return nil, err
	}
	return l.ListResource(ctx, req)
}
