package dss

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// A dataset's own scope (dss-api.md §4.1, dss-api-more.md §1): its metrics
// and checks settings, which live in the definition, and what DSS observed
// (partitions, last metric values).

// Definition sections holding the metrics settings (dss-api-more.md §1.4).
const (
	metricsSection       = "metrics"
	metricsChecksSection = "metricsChecks"
)

// section decodes a free-form section of the definition kept in Extra;
// nil when DSS has none.
func (d *Dataset) section(name string) (Object, error) {
	raw, ok := d.Extra[name]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var out Object
	if err := decodeExact(raw, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// setSection replaces a free-form section of the definition.
func (d *Dataset) setSection(name string, v Object) error {
	return d.Extra.set(name, v)
}

// Metrics is DSS's metrics section: {probes, engineConfig, displayedState}.
func (d *Dataset) Metrics() (Object, error) { return d.section(metricsSection) }

// SetMetrics replaces the metrics section.
func (d *Dataset) SetMetrics(v Object) error { return d.setSection(metricsSection, v) }

// MetricsChecks is DSS's metricsChecks section: {runOnBuild, checks,
// displayedState} in older documents, {monitor, checks, displayedState} in
// newer ones, whose checks holds both legacy checks and data-quality rules
// (dss-real-shapes.md; names.IsDataQualityRuleEntry tells them apart).
func (d *Dataset) MetricsChecks() (Object, error) { return d.section(metricsChecksSection) }

// SetMetricsChecks replaces the metricsChecks section.
func (d *Dataset) SetMetricsChecks(v Object) error { return d.setSection(metricsChecksSection, v) }

func datasetPath(projectKey, name string, rest ...string) string {
	return Path(append([]string{"projects", projectKey, "datasets", name}, rest...)...)
}

// GetDatasetSchema reads GET /projects/{k}/datasets/{d}/schema.
func (c *Client) GetDatasetSchema(ctx context.Context, projectKey, name string) (*Schema, error) {
	return callAs[Schema](ctx, c, http.MethodGet, datasetPath(projectKey, name, "schema"), nil, nil)
}

// SetDatasetSchema replaces the schema (PUT …/schema).
func (c *Client) SetDatasetSchema(ctx context.Context, projectKey, name string, s *Schema) error {
	return c.Put(ctx, datasetPath(projectKey, name, "schema"), nil, s, nil)
}

// ListDatasetPartitions reads the partition ids (GET …/partitions).
func (c *Client) ListDatasetPartitions(ctx context.Context, projectKey, name string) ([]string, error) {
	return getAs[[]string](ctx, c, datasetPath(projectKey, name, "partitions"), nil)
}

// NotPartitioned is the partition id of an unpartitioned dataset's values.
const NotPartitioned = "NP"

// MetricValue is one last value of a metric on one partition.
type MetricValue struct {
	Partition string `json:"partition"`
	// Value is always text: DSS sends numbers as strings, typed by DataType.
	Value    string `json:"value"`
	DataType string `json:"dataType"`
	// Time is when it was computed, in ms since the epoch (0 when absent).
	Time int64 `json:"time"`
}

// LastMetric is a metric and its last values.
type LastMetric struct {
	Metric struct {
		ID       string `json:"id"`
		DataType string `json:"dataType"`
	} `json:"metric"`
	LastValues []MetricValue `json:"lastValues"`
}

// LastMetricValues reads GET …/metrics/last/{partition} (empty partition:
// NP, as Dataiku's client does).
func (c *Client) LastMetricValues(ctx context.Context, projectKey, name, partition string) ([]LastMetric, error) {
	partition = cmp.Or(partition, NotPartitioned)
	var out struct {
		Metrics []LastMetric `json:"metrics"`
	}
	if err := c.Get(ctx, datasetPath(projectKey, name, "metrics", "last", partition), nil, &out); err != nil {
		return nil, err
	}
	return out.Metrics, nil
}

// ComputeDatasetMetrics runs POST …/actions/computeMetrics?partition= and
// returns DSS's report (synchronous for datasets, dss-api-more.md §5.3).
func (c *Client) ComputeDatasetMetrics(ctx context.Context, projectKey, name, partition string) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.Post(ctx, datasetPath(projectKey, name, "actions", "computeMetrics"), url.Values{"partition": {partition}}, nil, &out)
	return out, err
}

// RunDatasetChecks runs POST …/actions/runChecks?partition= (every
// configured check) and returns DSS's report.
func (c *Client) RunDatasetChecks(ctx context.Context, projectKey, name, partition string) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.Post(ctx, datasetPath(projectKey, name, "actions", "runChecks"), url.Values{"partition": {partition}}, nil, &out)
	return out, err
}
