package adopt

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
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

// refreshProviders is a --force run's providers.tf over an existing one
// (old): the old file with what dss-adopt owns in it made current (the
// provider "dataiku" block's settings; the dataiku entry of
// required_providers, added if missing) and everything else kept, such as a backend or
// cloud block, other providers, or comments. Rewriting the whole file
// lost a backend block the user had added there, and the next terraform
// init offered to move the state away from it. An old file that does not
// parse gives the fresh one (the caller keeps the old one aside).
func refreshProviders(old []byte, ps providerSettings) []byte {
	fresh := renderProviders(ps)
	oldFile, diags := hclwrite.ParseConfig(old, providersFile, hcl.InitialPos)
	if diags.HasErrors() {
		return fresh
	}
	freshFile, diags := hclwrite.ParseConfig(fresh, providersFile, hcl.InitialPos)
	if diags.HasErrors() {
		return fresh
	}
	body := oldFile.Body()
	var provider *hclwrite.Block
	for _, b := range body.Blocks() {
		if b.Type() != "provider" || !slices.Equal(b.Labels(), []string{"dataiku"}) {
			continue
		}
		if provider != nil {
			body.RemoveBlock(b) // Terraform refuses two anyway
			continue
		}
		provider = b
	}
	if provider == nil {
		body.AppendNewline()
		provider = body.AppendNewBlock("provider", []string{"dataiku"})
	}
	// The settings dss-adopt writes are set or removed; the user's other
	// settings in the block (say, a timeout) stay.
	settings := freshFile.Body().FirstMatchingBlock("provider", []string{"dataiku"}).Body().Attributes()
	for _, name := range providerSettingNames {
		if a, ok := settings[name]; ok {
			provider.Body().SetAttributeRaw(name, a.Expr().BuildTokens(nil))
		} else {
			provider.Body().RemoveAttribute(name)
		}
	}
	requirement := freshFile.Body().FirstMatchingBlock("terraform", nil).Body().
		FirstMatchingBlock("required_providers", nil).Body().GetAttribute("dataiku").Expr().BuildTokens(nil)
	var required *hclwrite.Block
	for _, tb := range body.Blocks() {
		if tb.Type() == "terraform" {
			if required = tb.Body().FirstMatchingBlock("required_providers", nil); required != nil {
				break
			}
		}
	}
	if required == nil {
		tb := body.FirstMatchingBlock("terraform", nil)
		if tb == nil {
			body.AppendNewline()
			tb = body.AppendNewBlock("terraform", nil)
		}
		required = tb.Body().AppendNewBlock("required_providers", nil)
	}
	if required.Body().GetAttribute("dataiku") == nil {
		// An entry of the user's stays, with its version constraint.
		required.Body().SetAttributeRaw("dataiku", requirement)
	}
	return hclwrite.Format(oldFile.Bytes())
}

// providerSettingNames are the provider block's settings that
// renderProviders may write, in its order.
var providerSettingNames = []string{"instance", "ca_cert_file", "insecure_skip_verify"}
