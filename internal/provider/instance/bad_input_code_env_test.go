package instance_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// Bad input for dataiku_code_env, refused at plan time with the attribute
// and the rule, with no write to DSS (AssertRefusedAtPlan).

const badCodeEnvBase = "  lang = \"PYTHON\"\n  name = \"ok-env\"\n"

var badCodeEnv = acctest.BadCaseOf("dataiku_code_env", badCodeEnvBase)

func badInputCodeEnvCases() []acctest.BadInputCase {
	nameRule := regexp.QuoteMeta(instance.CodeEnvNameRule)
	return []acctest.BadInputCase{
		// A closed vocabulary suggests DSS's spelling (issue 26 point 3).
		badCodeEnv("lang", `lang = "python"`, `value must be one of.*Write "PYTHON"`),
		badCodeEnv("name", `name = "py 310"`, nameRule),
		badCodeEnv("name", `name = "py.310"`, nameRule),
		badCodeEnv("name", `name = ""`, nameRule),
		// (a long name is DSS's: a long one is refused only by the rule)
		badCodeEnv("name", `name = "`+acctest.LongName("n")+`.x"`, nameRule),
		badCodeEnv("lang", `lang = "python"`, `value must be one of:.*"PYTHON".*"R"`),
		badCodeEnv("lang", `lang = "JULIA"`, `value must be one of`),
		// An open vocabulary (DSS judges a mode the provider does not
		// know) that refuses the case variants of the known ones.
		badCodeEnv("deployment_mode", `deployment_mode = "design_managed"`, `Write "DESIGN_MANAGED"`),
		badCodeEnv("deployment_mode", `deployment_mode = "Dss_Internal"`, `Write "DSS_INTERNAL"`),
		// (requirement lists of an env DSS does not build, conda_packages
		// without conda and an R env's python_interpreter are warned of,
		// not refused: DSS keeps them; TestValidateCodeEnv,
		// TestAccCodeEnv_nonManagedWithPackagesImported,
		// TestAccCodeEnv_unusedSettingsImported)
		badCodeEnv("packages", `packages = ["pandas", ""]`, `must be one non-blank requirement line`),
		badCodeEnv("packages", `packages = ["pandas\nnumpy"]`, `must be one non-blank requirement line`),
		badCodeEnv("packages", `packages = "pandas"`, `list of string required`),
		badCodeEnv("python_interpreter", `python_interpreter = ""`, `length must be at least 1`),
		badCodeEnv("permissions", `permissions = [{ use = true, update = false, manage_users = false }]`, `attribute "group" is required`),
		badCodeEnv("permissions", `permissions = [{ group = "g" }]`, `"use"[^.]*required`),
		badCodeEnv("permissions", `permissions = [{ group = "data\tteam", use = true, update = false, manage_users = false }]`, regexp.QuoteMeta(names.PrincipalRefRule)),
		badCodeEnv("permissions", `permissions = [{ group = "g", use = true, update = false, manage_users = false }, { group = "g", use = true, update = true, manage_users = false }]`, `A group appears twice in permissions`),
		badCodeEnv("usable_by_all", `usable_by_all = "everyone"`, `bool required|a bool is required`),
		badCodeEnv("owner", `owner = ""`, `length must be at least 1`),
	}
}

func TestAccBadInputCodeEnvRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputCodeEnvCases(), "ce")
}
