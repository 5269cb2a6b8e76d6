package instance_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

func TestPackageLinesDropBlankLinesAndSpaces(t *testing.T) {
	got := instance.PackageLines("pandas==2.2.2\r\n\n  numpy \n# pinned below\nscipy\n")
	want := []string{"pandas==2.2.2", "numpy", "# pinned below", "scipy"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("packageLines = %q, want %q", got, want)
	}
	if got := instance.PackageLines(""); len(got) != 0 || got == nil {
		t.Errorf("an empty spec gives %#v, want an empty list", got)
	}
}

func TestParseCodeEnvImportID(t *testing.T) {
	for id, want := range map[string]string{"PYTHON/py310-pandas": "PYTHON/py310-pandas", "python/x_1": "PYTHON/x_1", "R/r-base": "R/r-base"} {
		lang, name, err := instance.ParseCodeEnvImportID(id)
		if err != nil || instance.CodeEnvID(lang, name) != want {
			t.Errorf("%q: %s/%s, %v; want %s", id, lang, name, err, want)
		}
	}
	for _, id := range []string{"py310", "PYTHON/", "JULIA/x", "PYTHON/a b", "PYTHON/a/b", "/x"} {
		if _, _, err := instance.ParseCodeEnvImportID(id); err == nil || !strings.Contains(err.Error(), "LANG/name") {
			t.Errorf("%q accepted or unclear error: %v", id, err)
		}
	}
}

// A definition read, changed by a plan and written back keeps what the
// provider does not model, and reads back as the plan.
func TestCodeEnvConversionRoundTrip(t *testing.T) {
	ctx := context.Background()
	const wire = `{"envName":"py","envLang":"PYTHON","deploymentMode":"DESIGN_MANAGED","desc":{"deploymentMode":"DESIGN_MANAGED","pythonInterpreter":"PYTHON310","conda":false,"installCorePackages":true,"installJupyterSupport":false,"owner":"admin"},"usableByAll":false,"permissions":[{"group":"b","use":true,"update":false,"manageUsers":false,"extra":"kept"}],"specPackageList":"","specCondaEnvironment":"","dockerfileAtStart":"RUN true"}`
	var e dss.CodeEnv
	if err := json.Unmarshal([]byte(wire), &e); err != nil {
		t.Fatal(err)
	}
	plan := instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{
		Lang: types.StringValue("PYTHON"), Name: types.StringValue("py"),
		Packages:              types.ListValueMust(types.StringType, []attr.Value{types.StringValue("pandas==2.2.2"), types.StringValue("numpy")}),
		CondaPackages:         types.ListNull(types.StringType),
		InstallCorePackages:   types.BoolValue(true),
		InstallJupyterSupport: types.BoolValue(true),
		Owner:                 types.StringUnknown(),
		UsableByAll:           types.BoolValue(true),
		Permissions: types.SetValueMust(types.ObjectType{AttrTypes: instance.CodeEnvPermissionAttrTypes}, []attr.Value{
			types.ObjectValueMust(instance.CodeEnvPermissionAttrTypes, map[string]attr.Value{"group": types.StringValue("b"), "use": types.BoolValue(true), "update": types.BoolValue(true), "manage_users": types.BoolValue(false)}),
			types.ObjectValueMust(instance.CodeEnvPermissionAttrTypes, map[string]attr.Value{"group": types.StringValue("a"), "use": types.BoolValue(true), "update": types.BoolValue(false), "manage_users": types.BoolValue(false)}),
		}),
	}}
	if d := instance.ApplyCodeEnv(ctx, &plan, &e); d.HasError() {
		t.Fatal(d)
	}
	if e.SpecPackageList != "pandas==2.2.2\nnumpy" || !e.UsableByAll || !e.Desc.InstallJupyterSupport || e.Desc.Owner != "admin" {
		t.Errorf("written %+v", e)
	}
	out, _ := json.Marshal(e)
	for _, s := range []string{`"dockerfileAtStart":"RUN true"`, `"extra":"kept"`, `{"group":"a","use":true,"update":false,"manageUsers":false}`} {
		if !strings.Contains(string(out), s) {
			t.Errorf("%s missing from %s", s, out)
		}
	}
	var back instance.CodeEnvModel
	back.Packages, back.CondaPackages, back.Permissions = plan.Packages, plan.CondaPackages, plan.Permissions
	if d := instance.CodeEnvFromDSS(ctx, &e, &back, false); d.HasError() {
		t.Fatal(d)
	}
	if !back.Packages.Equal(plan.Packages) || !back.Permissions.Equal(plan.Permissions) || back.ID.ValueString() != "PYTHON/py" ||
		!back.CondaPackages.IsNull() || back.Owner.ValueString() != "admin" || back.PythonInterpreter.ValueString() != "PYTHON310" {
		t.Errorf("read back %+v", back)
	}
	// After an import everything DSS has is read; an unmanaged list stays null.
	var imported instance.CodeEnvModel
	imported.Packages, imported.CondaPackages = types.ListNull(types.StringType), types.ListNull(types.StringType)
	imported.Permissions = types.SetNull(types.ObjectType{AttrTypes: instance.CodeEnvPermissionAttrTypes})
	_ = instance.CodeEnvFromDSS(ctx, &e, &imported, true)
	if imported.Packages.IsNull() || !imported.CondaPackages.IsNull() || len(imported.Permissions.Elements()) != 2 {
		t.Errorf("imported %+v", imported)
	}
}

func TestValidateCodeEnv(t *testing.T) {
	ctx := context.Background()
	list := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("pandas")})
	nullList := types.ListNull(types.StringType)
	noPerms := types.SetNull(types.ObjectType{AttrTypes: instance.CodeEnvPermissionAttrTypes})
	m := func(lang, mode string, conda bool, pkgs, condaPkgs types.List, interp types.String) *instance.CodeEnvModel {
		md := types.StringNull()
		if mode != "" {
			md = types.StringValue(mode)
		}
		return &instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{Lang: types.StringValue(lang), DeploymentMode: md, Conda: types.BoolValue(conda),
			Packages: pkgs, CondaPackages: condaPkgs, PythonInterpreter: interp, Permissions: noPerms}}
	}
	for _, c := range []struct {
		m    *instance.CodeEnvModel
		want string // the error's summary, "" = accepted
		warn string // the warning's summary, "" = none
	}{
		{m("PYTHON", "", false, list, nullList, types.StringNull()), "", ""},
		{m("PYTHON", "AUTOMATION_VERSIONED", true, list, list, types.StringValue("PYTHON311")), "", ""},
		{m("PYTHON", "DESIGN_NON_MANAGED", false, nullList, nullList, types.StringNull()), "", ""},
		// Lists of an env DSS does not build: DSS keeps them, so a warning
		// (they were once refused, which kept such envs from being adopted).
		{m("PYTHON", "DESIGN_NON_MANAGED", false, list, nullList, types.StringNull()), "", "Requirement lists need a managed code env"},
		{m("PYTHON", "PLUGIN_NON_MANAGED", true, nullList, list, types.StringNull()), "", "Requirement lists need a managed code env"},
		// DSS's own env, and a mode the provider does not know: DSS judges.
		{m("PYTHON", "DSS_INTERNAL", false, list, nullList, types.StringNull()), "", ""},
		{m("PYTHON", "SOME_FUTURE_MODE", false, list, nullList, types.StringNull()), "", ""},
		// What DSS keeps but does not use: warned of, since an import
		// reads it back (TestAccCodeEnv_unusedSettingsImported).
		{m("PYTHON", "", false, nullList, list, types.StringNull()), "", "conda_packages needs conda = true"},
		{m("R", "", false, list, nullList, types.StringValue("PYTHON310")), "", "python_interpreter is for a Python env"},
		// An unknown mode (from another resource) is checked at apply by DSS.
		{&instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{Lang: types.StringValue("PYTHON"), DeploymentMode: types.StringUnknown(), Conda: types.BoolValue(false),
			Packages: list, CondaPackages: nullList, Permissions: noPerms}}, "", ""},
	} {
		d := instance.ValidateCodeEnv(ctx, c.m)
		got := ""
		if d.HasError() {
			got = d.Errors()[0].Summary()
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.m.CodeEnvAttrs, got, c.want)
		}
		warned := ""
		if d.WarningsCount() > 0 {
			warned = d.Warnings()[0].Summary()
		}
		if warned != c.warn {
			t.Errorf("%+v: warning %q, want %q", c.m.CodeEnvAttrs, warned, c.warn)
		}
	}
}

func TestCodeEnvNeedsBuild(t *testing.T) {
	list := func(v ...string) types.List {
		var elems []attr.Value
		for _, s := range v {
			elems = append(elems, types.StringValue(s))
		}
		return types.ListValueMust(types.StringType, elems)
	}
	m := func(pkgs types.List, core bool) *instance.CodeEnvModel {
		return &instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{Packages: pkgs, CondaPackages: types.ListNull(types.StringType),
			InstallCorePackages: types.BoolValue(core), InstallJupyterSupport: types.BoolValue(false)}}
	}
	for _, c := range []struct {
		plan, prior *instance.CodeEnvModel
		want        bool
	}{
		{m(list("a"), true), nil, true},
		{m(types.ListNull(types.StringType), true), nil, false},
		{m(list("a"), true), m(list("a"), true), false},
		{m(list("a", "b"), true), m(list("a"), true), true},
		{m(list("a"), false), m(list("a"), true), true},
		{m(types.ListNull(types.StringType), true), m(list("a"), true), false}, // no longer managed
		{m(list("a"), true), m(types.ListNull(types.StringType), true), true},  // a rebuild pending
	} {
		if got := instance.CodeEnvNeedsBuild(c.plan, c.prior); got != c.want {
			t.Errorf("plan %v prior %v: %t, want %t", c.plan.Packages, c.prior, got, c.want)
		}
	}
}

// An update that plans the requirement lines DSS's text already reads as
// leaves DSS's text as it is (its trailing newline, blank lines,
// indentation), and the same groups keep DSS's order; a changed list is
// written joined, new groups sorted.
func TestApplyCodeEnvKeepsDSSText(t *testing.T) {
	ctx := context.Background()
	perm := func(group string, update bool) attr.Value {
		return types.ObjectValueMust(instance.CodeEnvPermissionAttrTypes, map[string]attr.Value{"group": types.StringValue(group),
			"use": types.BoolValue(true), "update": types.BoolValue(update), "manage_users": types.BoolValue(false)})
	}
	plan := func(packages []string, groups ...string) *instance.CodeEnvModel {
		lines := make([]attr.Value, len(packages))
		for i, p := range packages {
			lines[i] = types.StringValue(p)
		}
		perms := make([]attr.Value, len(groups))
		for i, g := range groups {
			perms[i] = perm(g, g == "z")
		}
		return &instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{
			Lang: types.StringValue("PYTHON"), Name: types.StringValue("py"),
			Packages:      types.ListValueMust(types.StringType, lines),
			CondaPackages: types.ListValueMust(types.StringType, []attr.Value{types.StringValue("scipy")}),
			Owner:         types.StringUnknown(), InstallCorePackages: types.BoolUnknown(), InstallJupyterSupport: types.BoolUnknown(), UsableByAll: types.BoolUnknown(),
			Permissions: types.SetValueMust(types.ObjectType{AttrTypes: instance.CodeEnvPermissionAttrTypes}, perms),
		}}
	}
	const spec, conda = "pandas==2.2.2\n\n  numpy\n", "scipy\n"
	dssEnv := func() *dss.CodeEnv {
		return &dss.CodeEnv{SpecPackageList: spec, SpecCondaEnvironment: conda,
			Permissions: []dss.CodeEnvPermission{{Group: "z", Use: true, Update: true}, {Group: "a", Use: true}}}
	}
	groups := func(e *dss.CodeEnv) string {
		var g []string
		for _, p := range e.Permissions {
			g = append(g, p.Group)
		}
		return strings.Join(g, ",")
	}
	e := dssEnv()
	if d := instance.ApplyCodeEnv(ctx, plan([]string{"pandas==2.2.2", "numpy"}, "a", "z"), e); d.HasError() {
		t.Fatal(d)
	}
	if e.SpecPackageList != spec || e.SpecCondaEnvironment != conda || groups(e) != "z,a" {
		t.Errorf("nothing changed, yet DSS's text was rewritten: %q %q %s", e.SpecPackageList, e.SpecCondaEnvironment, groups(e))
	}
	e = dssEnv()
	if d := instance.ApplyCodeEnv(ctx, plan([]string{"pandas==2.2.2", "numpy", "requests"}, "z", "b", "a"), e); d.HasError() {
		t.Fatal(d)
	}
	if e.SpecPackageList != "pandas==2.2.2\nnumpy\nrequests" || groups(e) != "a,b,z" {
		t.Errorf("changed: %q %s", e.SpecPackageList, groups(e))
	}
}
