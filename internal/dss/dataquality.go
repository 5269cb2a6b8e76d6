package dss

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Data quality rules of a dataset (dss-api-more.md §1.1, §1.2; Dataiku's
// client dss/data_quality.py). DSS generates a rule's id; a rule document
// holds its type, its displayName and the type's own fields.

// DataQualityRuleTypes are the rule config types known to the provider
// and the emulator (stated once in internal/dss/names).
var DataQualityRuleTypes = names.DataQualityRuleTypes

// IsRangeRuleType reports whether a rule type bounds a value with
// minimum/maximum (and softMinimum/softMaximum).
func IsRangeRuleType(t string) bool {
	return slices.Contains(DataQualityRuleTypes, t) && strings.HasSuffix(t, "InRangeRule")
}

// DataQualityRule is one rule; Extra keeps its type's fields byte-exact.
type DataQualityRule struct {
	ID          string `json:"id,omitempty"`
	Type        string `json:"type"`
	DisplayName string `json:"displayName"`
	Enabled     *bool  `json:"enabled,omitempty"`
	AutoRun     *bool  `json:"autoRun,omitempty"`
	Extra       Extra  `json:"-"`
}

func (d *DataQualityRule) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d DataQualityRule) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Config is the rule's type-specific fields (everything but id, type,
// displayName, enabled and autoRun), numbers as json.Number.
func (d *DataQualityRule) Config() (Object, error) {
	out := Object{}
	for k, raw := range d.Extra {
		var v any
		if err := decodeExact(raw, &v); err != nil {
			return nil, fmt.Errorf("rule field %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

// SetConfigField sets one type-specific field.
func (d *DataQualityRule) SetConfigField(key string, v any) error {
	return d.Extra.set(key, v)
}

// DataQualityRulesPath is the collection of a dataset's rules.
func DataQualityRulesPath(projectKey, dataset string) string {
	return Path("projects", projectKey, "datasets", dataset, "data-quality", "rules")
}

// DataQualityRulePath is one rule, as DSS's client saves and deletes it.
func DataQualityRulePath(projectKey, dataset, id string) string {
	return Path("projects", projectKey, "datasets", dataset, "data-quality", "rules", id)
}

func dataQualityPath(projectKey, dataset, what string) string {
	return Path("projects", projectKey, "datasets", dataset, "data-quality") + "/" + what
}

// RuleNotFoundError is DSS listing a dataset's rules without the one asked
// for: the rule is gone.
type RuleNotFoundError struct{ ProjectKey, Dataset, ID string }

func (e *RuleNotFoundError) Error() string {
	return fmt.Sprintf("DSS lists no data quality rule %s on dataset %s.%s", e.ID, e.ProjectKey, e.Dataset)
}

// IsRuleNotFound reports whether err says the rule is not in its dataset.
func IsRuleNotFound(err error) bool {
	var e *RuleNotFoundError
	return errors.As(err, &e)
}

// ListDataQualityRules lists a dataset's rules (the ruleset's checks, as
// DSS's client reads it).
func (c *Client) ListDataQualityRules(ctx context.Context, projectKey, dataset string) ([]DataQualityRule, error) {
	var out struct {
		Checks []DataQualityRule `json:"checks"`
	}
	if err := c.Get(ctx, DataQualityRulesPath(projectKey, dataset), nil, &out); err != nil {
		return nil, err
	}
	return out.Checks, nil
}

// GetDataQualityRule reads one rule from the list (DSS's client has no
// call for one rule): 1 GET. A rule the list lacks is a RuleNotFoundError.
func (c *Client) GetDataQualityRule(ctx context.Context, projectKey, dataset, id string) (*DataQualityRule, error) {
	rules, err := c.ListDataQualityRules(ctx, projectKey, dataset)
	if err != nil {
		return nil, err
	}
	for i := range rules {
		if rules[i].ID == id {
			return &rules[i], nil
		}
	}
	return nil, &RuleNotFoundError{ProjectKey: projectKey, Dataset: dataset, ID: id}
}

// CreateDataQualityRule creates a rule and returns it as DSS stored it,
// with the id DSS generated.
func (c *Client) CreateDataQualityRule(ctx context.Context, projectKey, dataset string, rule DataQualityRule) (*DataQualityRule, error) {
	rule.ID = ""
	return postCreate[DataQualityRule](ctx, c, DataQualityRulesPath(projectKey, dataset), rule, "created the data quality rule")
}

func (d *DataQualityRule) createdKey() (string, string) { return "id", d.ID }

// SaveDataQualityRule writes a whole rule (PUT, as the client's save).
func (c *Client) SaveDataQualityRule(ctx context.Context, projectKey, dataset string, rule DataQualityRule) error {
	return c.Put(ctx, DataQualityRulePath(projectKey, dataset, rule.ID), nil, rule, nil)
}

// DeleteDataQualityRule deletes a rule; DSS's client repeats the id as
// the ruleId parameter.
func (c *Client) DeleteDataQualityRule(ctx context.Context, projectKey, dataset, id string) error {
	return c.Delete(ctx, DataQualityRulePath(projectKey, dataset, id), url.Values{"ruleId": {id}}, nil)
}

// GetDataQualityStatus reads the dataset's current status (OK, WARNING,
// ERROR, EMPTY). DSS's client documents a str; an object carrying it in
// `status` or `outcome` is read too.
func (c *Client) GetDataQualityStatus(ctx context.Context, projectKey, dataset string) (string, error) {
	var raw json.RawMessage
	if err := c.Get(ctx, dataQualityPath(projectKey, dataset, "status"), nil, &raw); err != nil {
		return "", err
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var o struct {
		Status  string `json:"status"`
		Outcome string `json:"outcome"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		return "", fmt.Errorf("decoding DSS's data quality status: %w", err)
	}
	if o.Status != "" {
		return o.Status, nil
	}
	return o.Outcome, nil
}

// DataQualityResult is a rule's result, as DSSDataQualityRuleResult reads it.
type DataQualityResult struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Outcome     string      `json:"outcome"`
	Message     string      `json:"message"`
	ComputeDate json.Number `json:"computeDate"` // ms since the epoch
	RunOrigin   string      `json:"runOrigin"`
	Partition   string      `json:"partition"`
}

// LastDataQualityResults reads the last result of every rule that ran on
// a partition ("NP": not partitioned); [] before any computation.
func (c *Client) LastDataQualityResults(ctx context.Context, projectKey, dataset, partition string) ([]DataQualityResult, error) {
	partition = cmp.Or(partition, "NP")
	return getAs[[]DataQualityResult](ctx, c, dataQualityPath(projectKey, dataset, "last-rules-result"), url.Values{"partition": {partition}})
}

// ComputeDataQualityRules computes the rules (one when ruleID is set) on a
// partition and waits for the future; it returns its free-form result.
func (c *Client) ComputeDataQualityRules(ctx context.Context, projectKey, dataset, partition, ruleID string) (json.RawMessage, error) {
	partition = cmp.Or(partition, "NP")
	q := url.Values{"partition": {partition}}
	if ruleID != "" {
		q.Set("ruleId", ruleID)
	}
	f, err := c.futureCall(ctx, "POST", dataQualityPath(projectKey, dataset, "actions/compute-rules"), q, nil)
	if err != nil {
		return nil, err
	}
	return c.WaitFuture(ctx, f, false)
}
