package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

func TestPackageLinesDropBlankLinesAndSpaces(t *testing.T) {
	got := packageLines("pandas==2.2.2\r\n\n  numpy \n# pinned below\nscipy\n")
	want := []string{"pandas==2.2.2", "numpy", "# pinned below", "scipy"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("packageLines = %q, want %q", got, want)
	}
	if got := packageLines(""); len(got) != 0 || got == nil {
		t.Errorf("an empty spec gives %#v, want an empty list", got)
	}
}

func TestParseCodeEnvImportID(t *testing.T) {
	for id, want := range map[string]string{"PYTHON/py310-pandas": "PYTHON/py310-pandas", "python/x_1": "PYTHON/x_1", "R/r-base": "R/r-base"} {
		lang, name, err := parseCodeEnvImportID(id)
		if err != nil || codeEnvID(lang, name) != want {
			t.Errorf("%q: %s/%s, %v; want %s", id, lang, name, err, want)
		}
	}
	for _, id := range []string{"py310", "PYTHON/", "JULIA/x", "PYTHON/a b", "PYTHON/a/b", "/x"} {
		if _, _, err := parseCodeEnvImportID(id); err == nil || !strings.Contains(err.Error(), "LANG/name") {
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
	plan := codeEnvModel{codeEnvAttrs: codeEnvAttrs{
		Lang: types.StringValue("PYTHON"), Name: types.StringValue("py"),
		Packages:              types.ListValueMust(types.StringType, []attr.Value{types.StringValue("pandas==2.2.2"), types.StringValue("numpy")}),
		CondaPackages:         types.ListNull(types.StringType),
		InstallCorePackages:   types.BoolValue(true),
		InstallJupyterSupport: types.BoolValue(true),
		Owner:                 types.StringUnknown(),
		UsableByAll:           types.BoolValue(true),
		Permissions: types.SetValueMust(types.ObjectType{AttrTypes: codeEnvPermissionAttrTypes}, []attr.Value{
			types.ObjectValueMust(codeEnvPermissionAttrTypes, map[string]attr.Value{"group": types.StringValue("b"), "use": types.BoolValue(true), "update": types.BoolValue(true), "manage_users": types.BoolValue(false)}),
			types.ObjectValueMust(codeEnvPermissionAttrTypes, map[string]attr.Value{"group": types.StringValue("a"), "use": types.BoolValue(true), "update": types.BoolValue(false), "manage_users": types.BoolValue(false)}),
		}),
	}}
	if d := applyCodeEnv(ctx, &plan, &e); d.HasError() {
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
	var back codeEnvModel
	back.Packages, back.CondaPackages, back.Permissions = plan.Packages, plan.CondaPackages, plan.Permissions
	if d := codeEnvFromDSS(ctx, &e, &back, false); d.HasError() {
		t.Fatal(d)
	}
	if !back.Packages.Equal(plan.Packages) || !back.Permissions.Equal(plan.Permissions) || back.ID.ValueString() != "PYTHON/py" ||
		!back.CondaPackages.IsNull() || back.Owner.ValueString() != "admin" || back.PythonInterpreter.ValueString() != "PYTHON310" {
		t.Errorf("read back %+v", back)
	}
	// After an import everything DSS has is read; an unmanaged list stays null.
	var imported codeEnvModel
	imported.Packages, imported.CondaPackages = types.ListNull(types.StringType), types.ListNull(types.StringType)
	imported.Permissions = types.SetNull(types.ObjectType{AttrTypes: codeEnvPermissionAttrTypes})
	_ = codeEnvFromDSS(ctx, &e, &imported, true)
	if imported.Packages.IsNull() || !imported.CondaPackages.IsNull() || len(imported.Permissions.Elements()) != 2 {
		t.Errorf("imported %+v", imported)
	}
}

func TestValidateCodeEnv(t *testing.T) {
	ctx := context.Background()
	list := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("pandas")})
	nullList := types.ListNull(types.StringType)
	noPerms := types.SetNull(types.ObjectType{AttrTypes: codeEnvPermissionAttrTypes})
	m := func(lang, mode string, conda bool, pkgs, condaPkgs types.List, interp types.String) *codeEnvModel {
		md := types.StringNull()
		if mode != "" {
			md = types.StringValue(mode)
		}
		return &codeEnvModel{codeEnvAttrs: codeEnvAttrs{Lang: types.StringValue(lang), DeploymentMode: md, Conda: types.BoolValue(conda),
			Packages: pkgs, CondaPackages: condaPkgs, PythonInterpreter: interp, Permissions: noPerms}}
	}
	for _, c := range []struct {
		m    *codeEnvModel
		want string // "" = accepted
	}{
		{m("PYTHON", "", false, list, nullList, types.StringNull()), ""},
		{m("PYTHON", "AUTOMATION_VERSIONED", true, list, list, types.StringValue("PYTHON311")), ""},
		{m("PYTHON", "DESIGN_NON_MANAGED", false, nullList, nullList, types.StringNull()), ""},
		{m("PYTHON", "DESIGN_NON_MANAGED", false, list, nullList, types.StringNull()), "Requirement lists need a managed code env"},
		{m("PYTHON", "PLUGIN_NON_MANAGED", true, nullList, list, types.StringNull()), "Requirement lists need a managed code env"},
		{m("PYTHON", "", false, nullList, list, types.StringNull()), "conda_packages needs conda = true"},
		{m("R", "", false, list, nullList, types.StringValue("PYTHON310")), "python_interpreter is for a Python env"},
		// An unknown mode (from another resource) is checked at apply by DSS.
		{&codeEnvModel{codeEnvAttrs: codeEnvAttrs{Lang: types.StringValue("PYTHON"), DeploymentMode: types.StringUnknown(), Conda: types.BoolValue(false),
			Packages: list, CondaPackages: nullList, Permissions: noPerms}}, ""},
	} {
		d := validateCodeEnv(ctx, c.m)
		got := ""
		if d.HasError() {
			got = d.Errors()[0].Summary()
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.m.codeEnvAttrs, got, c.want)
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
	m := func(pkgs types.List, core bool) *codeEnvModel {
		return &codeEnvModel{codeEnvAttrs: codeEnvAttrs{Packages: pkgs, CondaPackages: types.ListNull(types.StringType),
			InstallCorePackages: types.BoolValue(core), InstallJupyterSupport: types.BoolValue(false)}}
	}
	for _, c := range []struct {
		plan, prior *codeEnvModel
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
		if got := codeEnvNeedsBuild(c.plan, c.prior); got != c.want {
			t.Errorf("plan %v prior %v: %t, want %t", c.plan.Packages, c.prior, got, c.want)
		}
	}
}
