package dss

import (
	"encoding/json"
	"testing"
)

// A settings document with fields the provider does not model at every
// level of settings (k8sCluster, a future key in codeEnvs and in each
// selection): decoded, each selection written as the client writes it,
// encoded again, only the selections' modelled keys differ.
func TestProjectSettingsExecutionDefaultsSelect(t *testing.T) {
	const wire = `{"projectStatus":"Draft","settings":{
 "codeEnvs":{"python":{"mode":"INHERIT","useBuiltinEnv":true,"future":{"a":1.50}},"r":{"mode":"INHERIT","useBuiltinEnv":true},"julia":{"mode":"X"}},
 "container":{"containerMode":"INHERIT","futureConf":[1,2]},
 "k8sCluster":{"clusterMode":"INHERIT","clusterId":null},"cluster":{"clusterMode":"INHERIT"},"other":1e3},
"exposedObjects":{"objects":[]},"unknown":{"x":[true]}}`
	var d ProjectSettings
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	d.PythonEnv().Select(CodeEnvModeExplicit, "py311")
	d.REnv().Select(CodeEnvModeBuiltin, "")
	d.ContainerDefault().Select(ContainerModeExplicit, "k8s-small")
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"projectStatus":"Draft","settings":{
 "codeEnvs":{"python":{"mode":"EXPLICIT_ENV","useBuiltinEnv":false,"envName":"py311","future":{"a":1.50}},"r":{"mode":"USE_BUILTIN_MODE","useBuiltinEnv":true},"julia":{"mode":"X"}},
 "container":{"containerMode":"EXPLICIT_CONTAINER","containerConf":"k8s-small","futureConf":[1,2]},
 "k8sCluster":{"clusterMode":"INHERIT","clusterId":null},"cluster":{"clusterMode":"INHERIT"},"other":1e3},
"exposedObjects":{"objects":[]},"unknown":{"x":[true]}}`
	if !semanticallyEqualExact(t, string(out), want) {
		t.Fatalf("written:\n%s\nwant\n%s", out, compact(t, want))
	}

	// Back to INHERIT: the flag as a new project holds it, the names kept
	// (DSS's settings page keeps them).
	d.PythonEnv().Select(ModeInherit, "")
	d.ContainerDefault().Select(ModeInherit, "")
	py, ct := d.Settings.CodeEnvs.Python, d.Settings.Container
	if *py.Mode != ModeInherit || *py.UseBuiltinEnv != true || *py.EnvName != "py311" || *ct.ContainerMode != ModeInherit || *ct.ContainerConf != "k8s-small" {
		t.Fatalf("after INHERIT: %+v %+v", py, ct)
	}
	// A mode DSS already holds is not rewritten: the flag stays as it is.
	f := false
	py.UseBuiltinEnv = &f
	py.Select(ModeInherit, "")
	if *py.UseBuiltinEnv {
		t.Fatal("selecting the mode held rewrote useBuiltinEnv")
	}
	// An unknown mode is written alone.
	d.REnv().Select("SOME_NEW_MODE", "")
	if r := d.Settings.CodeEnvs.R; *r.Mode != "SOME_NEW_MODE" || *r.UseBuiltinEnv != true || r.EnvName != nil {
		t.Fatalf("unknown mode: %+v", r)
	}
}

// A document without settings (or without its objects) gets them made;
// one without a mode reads as INHERIT.
func TestProjectSettingsExecutionDefaultsMissing(t *testing.T) {
	var d ProjectSettings
	if err := json.Unmarshal([]byte(`{"projectStatus":"x"}`), &d); err != nil {
		t.Fatal(err)
	}
	if ModeOrInherit(nil) != ModeInherit || ModeOrInherit(new(string)) != ModeInherit {
		t.Fatal("an absent mode is INHERIT")
	}
	if !d.ExecutionDefaultsInherited() {
		t.Fatal("no settings: every default is INHERIT")
	}
	d.PythonEnv().Select(ModeInherit, "")
	if !d.ExecutionDefaultsInherited() {
		t.Fatal("python INHERIT: every default is INHERIT")
	}
	d.ContainerDefault().Select(ContainerModeNone, "")
	out, _ := json.Marshal(d)
	if string(out) != `{"projectStatus":"x","settings":{"codeEnvs":{"python":{"mode":"INHERIT","useBuiltinEnv":true}},"container":{"containerMode":"NONE"}}}` || d.ExecutionDefaultsInherited() {
		t.Fatalf("got %s", out)
	}
}
