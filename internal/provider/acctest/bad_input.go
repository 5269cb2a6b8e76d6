package acctest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

type BadInputCase struct {
	Resource string // dataiku_project, dataiku_dataset, dataiku_project_folder or dataiku_managed_folder
	Attr     string // the attribute the message must name
	Body     string // the resource's attributes
	Rule     string // regexp the message must match
	// quoted: the attribute is named by Terraform's quote of the
	// configuration line, not by the message (jsontypes' own check of JSON
	// syntax runs before the provider's validators and says only "Invalid
	// JSON String Value").
	Quoted bool
}

// ReplaceBadLine adds line to a valid body, replacing the body's line for
// the same attribute when there is one.
// BadCaseOf makes the bad-input cases of a resource type: its base body
// with the line written instead of the attribute's own, refused with rule.
func BadCaseOf(typeName, base string) func(attr, line, rule string) BadInputCase {
	return func(attr, line, rule string) BadInputCase {
		return BadInputCase{typeName, attr, ReplaceBadLine(base, line), rule, false}
	}
}

func ReplaceBadLine(body, line string) string {
	attr, _, _ := strings.Cut(line, " ")
	body = regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(attr)+` = .*\n`).ReplaceAllString(body, "")
	return body + "  " + line + "\n"
}

func QuotedCase(c BadInputCase) BadInputCase { c.Quoted = true; return c }

// The refusals of an HCL object attribute (hcl_object.go): a value that is
// not an object, or a string that is not the JSON text of one. Both name
// the attribute in the message itself.
const (
	HCLNotObject = `must be an object, such as \{ key = "value" \}`
	HCLNotJSON   = `must be an object, such as \{ key = "value" \}; a string is read as JSON and this one is not valid JSON|holds invalid JSON`
	// The list variant's (HCLListDecode).
	HCLNotList     = `must be a list of objects, such as \[\{ key = "value" \}\]`
	HCLNotListJSON = HCLNotList + `; a string is read as JSON and this one is not valid JSON`
)

const badDatasetBase = "  project_key = \"BADIN\"\n  name = \"ok\"\n  type = \"Filesystem\"\n  connection_name = \"filesystem_root\"\n"

var BadDataset = BadCaseOf("dataiku_dataset", badDatasetBase)

// TerraformDiagnostics splits terraform's -no-color output into its error
// blocks, keyed by resource address (from the "with ADDR," line). The
// lines quoting the configuration are dropped, so a block names the
// attribute only if the message itself does.
func TerraformDiagnostics(out string) map[string][]string {
	return TerraformDiagnosticsQuoted(out, false)
}

// SomeBlockHolds reports whether one of blocks (an address's, from
// TerraformDiagnostics) holds every one of wants.
func SomeBlockHolds(blocks []string, wants ...string) bool {
	for _, b := range blocks {
		holds := true
		for _, w := range wants {
			holds = holds && strings.Contains(b, w)
		}
		if holds {
			return true
		}
	}
	return false
}

// FailedRun is a terraform command that failed against the emulator:
// its directory (for the state), its output and error blocks by address
// (TerraformDiagnostics), and the emulator's request counts by route
// before and after it.
type FailedRun struct {
	Dir, Out      string
	Blocks        map[string][]string
	Before, After map[string]int64
}

// RunConfigFailingOn is RunConfigFailing against em, counting em's
// requests around the run.
func RunConfigFailingOn(t *testing.T, em *emulator.Running, cfg, apiKey string, args ...string) FailedRun {
	t.Helper()
	before := em.Server.Stats().ByRoute
	dir, out := RunConfigFailing(t, cfg, apiKey, args...)
	return FailedRun{Dir: dir, Out: out, Blocks: TerraformDiagnostics(out), Before: before, After: em.Server.Stats().ByRoute}
}

// ExpectDiagnostic fails the test unless one of addr's error blocks (in
// blocks, from TerraformDiagnostics) holds every one of wants, naming
// the address, what was wanted and the errors it has.
func ExpectDiagnostic(t *testing.T, blocks map[string][]string, addr string, wants ...string) {
	t.Helper()
	if !SomeBlockHolds(blocks[addr], wants...) {
		t.Errorf("no error for %s holding %q; its errors: %q", addr, wants, blocks[addr])
	}
}

// TerraformDiagnosticsQuoted is TerraformDiagnostics keeping the quoted
// configuration lines when withQuotes is true.
func TerraformDiagnosticsQuoted(out string, withQuotes bool) map[string][]string {
	blocks := map[string][]string{}
	withRe := regexp.MustCompile(`(?m)^\s*with (\S+?),`)
	quote := regexp.MustCompile(`^\s*(on \S+ line \d+|\d+:|with \S+,|\(source code not available\))`)
	for _, part := range strings.Split(out, "Error: ")[1:] {
		addr := "(none)"
		if m := withRe.FindStringSubmatch(part); m != nil {
			addr = m[1]
		} else if m := regexp.MustCompile(`in resource "(\S+)" "(\S+)"`).FindStringSubmatch(part); m != nil {
			addr = m[1] + "." + m[2]
		}
		var kept []string
		for _, line := range strings.Split(part, "\n") {
			line = strings.TrimLeft(line, "│╷╵ ")
			if withQuotes || !quote.MatchString(line) {
				kept = append(kept, line)
			}
		}
		blocks[addr] = append(blocks[addr], strings.Join(kept, " "))
	}
	return blocks
}
