// Command dss-adopt writes the Terraform import blocks that adopt an
// existing Dataiku DSS instance, then lets Terraform generate the matching
// configuration (see docs/guides/adopt.md).
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt"
)

// version is set by goreleaser.
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	adopt.Version = version
	code := adopt.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
