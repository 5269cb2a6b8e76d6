package dss

import (
	"context"
	"encoding/json"
)

// The instance sanity check (dssclient.py perform_instance_sanity_check
// and get_sanity_check_codes [V]; both admin only).

// SanityCheckMessage is one finding of the sanity check
// (DSSInfoMessage [V]).
type SanityCheckMessage struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Title    string `json:"title"`
	Message  string `json:"message"`
	Details  string `json:"details"`
	IsFatal  bool   `json:"isFatal"`
}

// SanityCheckReport is the sanity check's result (DSSInfoMessages [V]).
type SanityCheckReport struct {
	AnyMessage  bool                 `json:"anyMessage"`
	Warning     bool                 `json:"warning"`
	Error       bool                 `json:"error"`
	Fatal       bool                 `json:"fatal"`
	MaxSeverity string               `json:"maxSeverity"`
	Messages    []SanityCheckMessage `json:"messages"`
}

// SanityCheckSeverities are DSS's severities of info messages, lowest
// first [V DSSInfoMessage's severity; the order is I].
var SanityCheckSeverities = []string{"INFO", "SUCCESS", "WARNING", "ERROR"}

// StartSanityCheck starts the sanity check, leaving out the findings of
// the codes excluded (dataikuapi sends [] for none).
func (c *Client) StartSanityCheck(ctx context.Context, excluded []string) (*Future, error) {
	if excluded == nil {
		excluded = []string{}
	}
	return c.futureCall(ctx, "POST", Path("admin", "sanity-check", "run"), nil, excluded)
}

// DecodeSanityCheckReport reads the check's future result.
func DecodeSanityCheckReport(raw json.RawMessage) (*SanityCheckReport, error) {
	var r SanityCheckReport
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// SanityCheckCodes lists the codes the sanity check may report.
func (c *Client) SanityCheckCodes(ctx context.Context) ([]string, error) {
	return getAs[[]string](ctx, c, Path("admin", "sanity-check", "codes"), nil)
}
