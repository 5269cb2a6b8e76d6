package provider_test

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"google.golang.org/protobuf/proto"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// validateDatasetRequest is a ValidateResourceConfig request for a small
// dataiku_dataset configuration.
func validateDatasetRequest(t *testing.T) *tfprotov6.ValidateResourceConfigRequest {
	t.Helper()
	server := providerserver.NewProtocol6(dataiku.New("test")())()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ, ok := schemas.ResourceSchemas["dataiku_dataset"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("dataiku_dataset's schema is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	values["project_key"] = tftypes.NewValue(tftypes.String, "SALES")
	values["name"] = tftypes.NewValue(tftypes.String, "orders")
	values["type"] = tftypes.NewValue(tftypes.String, "Filesystem")
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ValidateResourceConfigRequest{TypeName: "dataiku_dataset", Config: &config}
}

// heapGrowthPerRPC is the live heap retained per ValidateResourceConfig
// call, in bytes, over n calls through terraform-plugin-go's gRPC server
// type (which builds each RPC's logging context, as in production). Its
// request types are internal to terraform-plugin-go, hence reflection.
func heapGrowthPerRPC(t *testing.T, downstream tfprotov6.ProviderServer, n int) float64 {
	t.Helper()
	// Terraform caches schemas (the framework declares
	// GetProviderSchemaOptional), so a provider process may never be asked
	// for its schema: the request is built with another instance.
	req := validateDatasetRequest(t)
	grpcServer := reflect.ValueOf(tf6server.New(dataiku.Address, downstream))
	method := grpcServer.MethodByName("ValidateResourceConfig")
	protoReq := reflect.New(method.Type().In(1).Elem())
	protoReq.Elem().FieldByName("TypeName").SetString(req.TypeName)
	config := reflect.New(protoReq.Elem().FieldByName("Config").Type().Elem())
	config.Elem().FieldByName("Msgpack").SetBytes(req.Config.MsgPack)
	protoReq.Elem().FieldByName("Config").Set(config)

	call := func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// A fresh request each time, as gRPC decodes one per call.
		fresh := proto.Clone(protoReq.Interface().(proto.Message))
		out := method.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(fresh)})
		if !out[1].IsNil() {
			t.Fatalf("ValidateResourceConfig: %v", out[1].Interface())
		}
		if diags := out[0].Elem().FieldByName("Diagnostics"); diags.Len() > 0 {
			t.Fatalf("ValidateResourceConfig: %v", diags.Interface())
		}
	}
	call()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		call()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	// The servers must outlive the measurement: a server nothing refers to
	// any more is collected with whatever it retained.
	runtime.KeepAlive(grpcServer)
	runtime.KeepAlive(downstream)
	return (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(n)
}

// The framework keeps a CancelFunc per RPC until StopProvider; the wrapper
// must keep what that retains small, or the provider's memory grows with
// every resource of a plan.
func TestServerFreesFinishedRPCs(t *testing.T) {
	const calls = 2000
	// Quiet, as the provider is when TF_LOG is unset (see main.go).
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DATAIKU"} {
		t.Setenv(name, "OFF")
	}
	framework := heapGrowthPerRPC(t, providerserver.NewProtocol6(dataiku.New("test")())(), calls)
	ours := heapGrowthPerRPC(t, dataiku.NewProtocol6Server("test")(), calls)
	t.Logf("live heap retained per RPC: framework's server %.0f B, ours %.0f B", framework, ours)
	if ours > 1024 {
		t.Errorf("the provider's server retains %.0f bytes per finished RPC; want under 1 KiB", ours)
	}
}

func TestDetachableContext(t *testing.T) {
	type key struct{}
	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
	d := dataiku.NewDetachableContext(parent)
	child, cancelChild := context.WithCancel(d)
	defer cancelChild()

	if d.Value(key{}) != "v" || child.Value(key{}) != "v" {
		t.Fatal("values of the RPC's context are not visible while it runs")
	}
	cancelParent()
	<-child.Done() // canceling the RPC's context cancels what was derived from it
	if !errors.Is(child.Err(), context.Canceled) {
		t.Fatalf("child.Err() = %v", child.Err())
	}

	d.Release()
	if d.Value(key{}) != nil {
		t.Error("a released context still answers the RPC's values")
	}
	if !errors.Is(d.Err(), context.Canceled) {
		t.Errorf("a released context's Err() = %v, want context.Canceled", d.Err())
	}
	select {
	case <-d.Done():
	default:
		t.Error("a released context is not done")
	}
}
