// Command terraform-provider-dataiku is the Terraform provider for Dataiku DSS.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// version is set at release time by goreleaser (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	if !debug {
		quietLogsUnlessAsked()
	}
	lessFrequentGC()
	stop := startProfiles()
	// providerserver.Serve would do the same with the framework's server;
	// ours wraps it so that finished requests are freed (see
	// provider.NewProtocol6Server).
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(provider.Address, provider.NewProtocol6Server(version), opts...)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// startProfiles writes Go pprof profiles of this provider process when
// TF_DATAIKU_PPROF names a path prefix (used by `make bench`, see
// BENCHMARKS.md): PREFIX.PID.cpu for the whole life of the process and
// PREFIX.PID.heap at its end. Terraform starts the provider several times
// per command, hence the pid. Serve returns when Terraform shuts the plugin
// down, so the profiles are complete.
func startProfiles() func() {
	prefix := os.Getenv("TF_DATAIKU_PPROF")
	if prefix == "" {
		return func() {}
	}
	base := fmt.Sprintf("%s.%d", prefix, os.Getpid())
	cpu, err := os.Create(base + ".cpu")
	if err != nil {
		log.Printf("TF_DATAIKU_PPROF: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("TF_DATAIKU_PPROF: %v", err)
		_ = cpu.Close()
		return func() {}
	}
	// The heap profile taken when the live heap was largest, sampled every
	// 200ms: where the peak resident memory comes from.
	done := make(chan struct{})
	go func() {
		var peak uint64
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if f, err := os.OpenFile(base+".memstats", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
				fmt.Fprintf(f, "heap_alloc=%d heap_inuse=%d next_gc=%d sys=%d num_gc=%d goroutines=%d\n",
					ms.HeapAlloc>>20, ms.HeapInuse>>20, ms.NextGC>>20, ms.Sys>>20, ms.NumGC, runtime.NumGoroutine())
				_ = f.Close()
			}
			if ms.HeapAlloc > peak+peak/10 {
				peak = ms.HeapAlloc
				for name, file := range map[string]string{"heap": ".peakheap", "goroutine": ".peakgoroutine"} {
					if f, err := os.Create(base + file); err == nil {
						_ = pprof.Lookup(name).WriteTo(f, 0)
						_ = f.Close()
					}
				}
			}
		}
	}()
	return func() {
		close(done)
		pprof.StopCPUProfile()
		_ = cpu.Close()
		if heap, err := os.Create(base + ".heap"); err == nil {
			runtime.GC()
			_ = pprof.Lookup("allocs").WriteTo(heap, 0)
			_ = heap.Close()
		}
	}
}

// quietLogsUnlessAsked turns the SDK's and the provider's logging off when
// no TF_LOG* variable is set. terraform-plugin-go defaults every logger of
// the provider process to TRACE and writes each line as JSON to stderr,
// where Terraform parses it and, with TF_LOG and TF_LOG_PROVIDER unset,
// throws it away. The framework logs a dozen lines per attribute per RPC:
// `make bench` measured a third of the provider's CPU in a no-change plan
// spent there (and more in terraform reading it). Any TF_LOG* variable
// (TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK_FRAMEWORK, TF_LOG_PATH...) keeps the
// SDK's defaults, so debugging works as documented.
func quietLogsUnlessAsked() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DATAIKU"} {
		_ = os.Setenv(name, "OFF")
	}
}

// lessFrequentGC raises the garbage collector's target from 100% to 400%
// unless GOGC says otherwise. The provider's live heap is small (a few MB:
// requests are independent and nothing is cached) but each RPC allocates a
// lot of short-lived garbage in the framework's value conversions, so with
// the default the collector runs hundreds of times per plan: `make bench`
// measured a third of the provider's CPU in GC at 1,000 resources. At 400%
// the heap stays in the tens of MB.
func lessFrequentGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
}
