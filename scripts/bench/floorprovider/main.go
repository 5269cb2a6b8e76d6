// Command floorprovider is the benchmark's "framework floor": a provider
// built on the same terraform-plugin-framework version and the same
// protocol server as terraform-provider-dataiku, whose resources
// floor_project and floor_dataset have exactly the schemas of
// dataiku_project and dataiku_dataset (derived from them, without
// validators and plan modifiers) and do no work: Create and Update store
// the plan, Read keeps the state, Delete does nothing, Configure connects
// to nothing. `make bench` (scripts/bench) builds it as
// terraform-provider-floor and runs the same graph through it, so the
// provider's time can be compared to what any framework provider of that
// shape costs.
package main

import (
	"log"
	"os"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// address is the floor's source address, tf-dataiku/floor in the
// benchmark's dev_overrides.
const address = "registry.terraform.io/tf-dataiku/floor"

func main() {
	// The same runtime settings as the real provider's main (see there
	// why): SDK logging off unless a TF_LOG* variable asks for it, and
	// GOGC=400 unless GOGC is set.
	if !hasLogVariable() {
		for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_FLOOR"} {
			_ = os.Setenv(name, "OFF")
		}
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	if err := tf6server.Serve(address, dataiku.ReleasingProtocol6Server(newProvider)); err != nil {
		log.Fatal(err)
	}
}

func hasLogVariable() bool {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return true
		}
	}
	return false
}
