package acctest

import (
	"context"
	"fmt"
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

// fullServer is what the provider's server serves: terraform-plugin-go
// finds actions and list resources by asserting these interfaces on the
// server it is given, so a wrapper must carry them too.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
	tfprotov6.ListResourceServer
}

// schemaOnceServer is a test's provider server that answers GetProviderSchema
// from providerSchema.
type schemaOnceServer struct{ fullServer }

// withSchemaOnce wraps server, which must serve actions and list
// resources (an error otherwise: the tests of both would fail on
// "not implemented" with no word of why).
func withSchemaOnce(server tfprotov6.ProviderServer) (tfprotov6.ProviderServer, error) {
	full, ok := server.(fullServer)
	if !ok {
		return nil, fmt.Errorf("the provider's server (%T) does not serve actions and list resources", server)
	}
	return schemaOnceServer{full}, nil
}

func (s schemaOnceServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	providerSchema.Do(func() { providerSchema.resp, providerSchema.err = s.fullServer.GetProviderSchema(ctx, req) })
	return providerSchema.resp, providerSchema.err
}
