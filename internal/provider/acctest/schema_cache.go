package acctest

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// providerSchema is the provider's schema as GetProviderSchema answered it
// the first time in this test process.
//
// Why: terraform-plugin-testing starts a new provider server for every
// terraform command, and every command asks it for the whole schema (57
// resources, 70 data sources, 49 list resources, 18 actions, with their
// descriptions). The framework builds it anew for each server: about a
// tenth of the acceptance tests' CPU on the 2-core machine, for an answer
// that cannot change within a process. The first server of each test
// process still builds it (and TestProviderSchema checks it), and every
// other RPC goes to the test's own server.
var providerSchema struct {
	sync.Once
	resp *tfprotov6.GetProviderSchemaResponse
	err  error
}

// schemaOnceServer is a test's provider server that answers GetProviderSchema
// from providerSchema.
type schemaOnceServer struct{ tfprotov6.ProviderServer }

func (s schemaOnceServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	providerSchema.Do(func() { providerSchema.resp, providerSchema.err = s.ProviderServer.GetProviderSchema(ctx, req) })
	return providerSchema.resp, providerSchema.err
}
