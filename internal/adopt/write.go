package adopt

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// File names written in the output directory.
const (
	importsFile   = "imports.tf"
	providersFile = "providers.tf"
	generatedFile = "generated.tf"
)

// hclString is s as an HCL quoted string, escapes included.
func hclString(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// sortObjects orders objects as imports.tf lists them: by kind (allKinds
// order), then by resource name, so that the file is the same on every
// run over the same instance.
func sortObjects(objs []*object) {
	slices.SortFunc(objs, func(a, b *object) int {
		if c := slices.Index(allKinds, a.Kind) - slices.Index(allKinds, b.Kind); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// renderImports is imports.tf: one import block per adopted object, and a
// comment for each object not adopted, with the reason, so that nothing
// the key can see is silently left out.
func renderImports(host string, objs []*object, notVisible []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by dss-adopt from %s.\n", host)
	// What the file is, not what to run next: dss-adopt usually runs the
	// generation itself, after which a "Next: ..." line would be stale.
	b.WriteString("# One import block per object to adopt; generated.tf holds their configuration,\n")
	b.WriteString("# from terraform plan -generate-config-out=generated.tf (see the adopt guide).\n")
	kind := ""
	for _, o := range objs {
		if o.Kind != kind {
			kind = o.Kind
			fmt.Fprintf(&b, "\n# --- %s ---\n", o.Type())
		}
		if o.Skip != "" {
			fmt.Fprintf(&b, "\n# Not adopted: %s, id %s: %s.\n", o.Address(), hclString(o.ID), o.Skip)
			continue
		}
		b.WriteByte('\n')
		if o.WriteOnly != "" {
			fmt.Fprintf(&b, "# After generation, add %s.\n", o.WriteOnly)
		}
		fmt.Fprintf(&b, "import {\n  to = %s\n  id = %s\n}\n", o.Address(), hclString(o.ID))
	}
	if len(notVisible) > 0 {
		b.WriteString("\n# --- Not visible to this API key ---\n")
		for _, n := range notVisible {
			fmt.Fprintf(&b, "# %s\n", strings.ReplaceAll(n, "\n", " "))
		}
	}
	return hclwrite.Format(b.Bytes())
}

// providerSettings are what providers.tf's provider block says besides the
// credentials: the --instance of ~/.dataiku/config.json, and the TLS
// settings dss-adopt listed with (--ca-cert-file, an absolute path, and
// --insecure-skip-verify), so that the Terraform it runs, and the user's,
// reach DSS as it did.
type providerSettings struct {
	instance, caCertFile string
	insecure             bool
}

// renderProviders is providers.tf: the provider requirement and a provider
// block without credentials, so that they come from the environment (or
// ~/.dataiku/config.json) exactly as they did for dss-adopt.
func renderProviders(ps providerSettings) []byte {
	var b bytes.Buffer
	b.WriteString(`# Written by dss-adopt. The provider finds DSS and the API key in the
# environment (DATAIKU_HOST and DATAIKU_API_KEY, or DKU_DSS_URL and
# DKU_API_KEY) or in ~/.dataiku/config.json: no secret is written here.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    dataiku = {
      source = "tf-dataiku/dataiku"
    }
  }
}

provider "dataiku" {
`)
	if ps.instance != "" {
		fmt.Fprintf(&b, "  instance = %s\n", hclString(ps.instance))
	}
	if ps.caCertFile != "" {
		fmt.Fprintf(&b, "  ca_cert_file = %s\n", hclString(ps.caCertFile))
	}
	if ps.insecure {
		b.WriteString("  insecure_skip_verify = true\n")
	}
	b.WriteString("}\n")
	return hclwrite.Format(b.Bytes())
}
