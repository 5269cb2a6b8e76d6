package emulator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Dataset observations (dss-api.md §4.1, dss-api-more.md §1): partitions,
// last metric values, metric history and the compute/check actions. The
// emulator holds no data, so what DSS would observe is seeded through the
// control endpoint POST /_emulator/datasets/{projectKey}/{name}/observations
// (admin key only); computing then returns the seeded values.

// DatasetObservations is what the emulator pretends to have observed on
// one dataset.
type DatasetObservations struct {
	// Partitions are the dataset's partition ids, in seeded order.
	Partitions []string `json:"partitions"`
	// Metrics maps a partition id (NP when unpartitioned, ALL for the
	// whole of a partitioned dataset) to metric id → value.
	Metrics map[string]map[string]*ObservedMetric `json:"metrics"`
}

// ObservedMetric is one metric value: DSS sends values as strings with a
// dataType (BIGINT, INT, FLOAT, DOUBLE, STRING, ...), and the history of
// every time it was computed.
type ObservedMetric struct {
	Value   string         `json:"value"`
	Type    string         `json:"type"`
	Time    int64          `json:"time"` // ms, last computation
	History []MetricRecord `json:"history,omitempty"`
}

// MetricRecord is one computed value in a metric's history.
type MetricRecord struct {
	Time  int64  `json:"time"`
	Value string `json:"value"`
}

// observations returns the dataset's observations (nil when none).
func (p *Project) observations(name string) *DatasetObservations {
	return p.DatasetObservations[name]
}

// renameDatasetObservations moves a dataset's observations to its new name
// (called from the dataset rename path).
func renameDatasetObservations(p *Project, oldName, newName string) {
	if o, ok := p.DatasetObservations[oldName]; ok {
		delete(p.DatasetObservations, oldName)
		p.DatasetObservations[newName] = o
	}
}

// dropDatasetObservations forgets a deleted dataset's observations (called
// from the dataset delete path).
func dropDatasetObservations(p *Project, name string) { delete(p.DatasetObservations, name) }

// isPartitionedDoc reports whether a dataset definition has dimensions.
func isPartitionedDoc(d map[string]any) bool {
	part, _ := d["partitioning"].(map[string]any)
	dims, _ := part["dimensions"].([]any)
	return len(dims) > 0
}

// partitionParam is a partition id from a path segment or a query: empty
// means NP (dss-api-more.md §1.3).
func partitionParam(p string) string {
	if p == "" {
		return "NP"
	}
	return p
}

func (s *Server) metricsRoutes() {
	const one = "/projects/{projectKey}/datasets/{datasetName}"
	s.handle("GET "+one+"/partitions", s.handleListPartitions)
	s.handle("GET "+one+"/metrics/last/{partition}", s.handleLastMetrics)
	s.handle("GET "+one+"/metrics/history/{partition}", s.handleMetricHistory)
	s.handle("POST "+one+"/actions/computeMetrics", s.handleComputeMetrics)
	s.handle("POST "+one+"/actions/runChecks", s.handleRunChecks)
}

// answerObservations answers what fn makes of the dataset and its
// observations, under the read lock, for the caller with read access.
func (s *Server) answerObservations(w http.ResponseWriter, r *http.Request, fn func(d map[string]any, o *DatasetObservations) any) {
	c := callerFrom(r.Context())
	key, name := r.PathValue("projectKey"), r.PathValue("datasetName")
	s.answerRead(w, func(st *State) (any, error) {
		p, d, err := s.docFor(datasetKind, st, c, key, name, AccessRead)
		if err != nil {
			return nil, err
		}
		return fn(d, p.observations(name)), nil
	})
}

// GET …/partitions: the seeded partition ids; an unpartitioned dataset
// has none [I].
func (s *Server) handleListPartitions(w http.ResponseWriter, r *http.Request) {
	s.answerObservations(w, r, func(d map[string]any, o *DatasetObservations) any {
		ids := []string{}
		if o != nil && isPartitionedDoc(d) {
			ids = append(ids, o.Partitions...)
		}
		return ids
	})
}

// metricEntry is one item of the last-values report.
func metricEntry(id string, lastValues []any) map[string]any {
	family, metricType, _ := strings.Cut(id, ":")
	dataType := "STRING"
	if len(lastValues) > 0 {
		dataType, _ = lastValues[0].(map[string]any)["dataType"].(string)
	}
	return map[string]any{
		"metric":     map[string]any{"id": id, "type": family, "metricType": metricType, "dataType": dataType},
		"lastValues": lastValues,
	}
}

// GET …/metrics/last/{partition}: {metrics:[{metric, lastValues}]} for one
// partition: NP on an unpartitioned dataset, ALL for the whole of a
// partitioned one (seeded under that id), or one partition id.
func (s *Server) handleLastMetrics(w http.ResponseWriter, r *http.Request) {
	want := partitionParam(r.PathValue("partition"))
	s.answerObservations(w, r, func(_ map[string]any, o *DatasetObservations) any {
		byMetric := map[string][]any{}
		if o != nil {
			for part, metrics := range o.Metrics {
				if part != want {
					continue
				}
				for id, m := range metrics {
					byMetric[id] = append(byMetric[id], map[string]any{
						"partition": part, "value": m.Value, "dataType": m.Type, "time": m.Time,
					})
				}
			}
		}
		list := []any{}
		for _, id := range slices.Sorted(maps.Keys(byMetric)) {
			list = append(list, metricEntry(id, byMetric[id]))
		}
		return map[string]any{"metrics": list}
	})
}

// GET …/metrics/history/{partition}?metricLookup=id: {metricId, values:
// [{time, value}]} (dss-api-more.md §1.5). A JSON-encoded lookup object
// is read for its "metricId" (or "id") [I].
func (s *Server) handleMetricHistory(w http.ResponseWriter, r *http.Request) {
	part := partitionParam(r.PathValue("partition"))
	id := r.URL.Query().Get("metricLookup")
	if strings.HasPrefix(strings.TrimSpace(id), "{") {
		var lookup map[string]any
		if json.Unmarshal([]byte(id), &lookup) == nil {
			if v, _ := lookup["metricId"].(string); v != "" {
				id = v
			} else {
				id, _ = lookup["id"].(string)
			}
		}
	}
	if id == "" {
		illegalArgument(w, "metricLookup is missing")
		return
	}
	s.answerObservations(w, r, func(_ map[string]any, o *DatasetObservations) any {
		values := []any{}
		if o != nil {
			if m := o.Metrics[part][id]; m != nil {
				for _, h := range m.History {
					values = append(values, map[string]any{"time": h.Time, "value": h.Value})
				}
			}
		}
		return map[string]any{"metricId": id, "partition": part, "values": values}
	})
}

// POST …/actions/computeMetrics?partition=: recomputes the seeded values of
// the partition (their time becomes now, and each joins the history) and
// answers the report synchronously, as DSS does for datasets
// (dss-api-more.md §5.3): {startTime, endTime, computed:[{metricId, value,
// dataType, partition}]}.
func (s *Server) handleComputeMetrics(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	key, name := r.PathValue("projectKey"), r.PathValue("datasetName")
	part := partitionParam(r.URL.Query().Get("partition"))
	s.answerWrite(w, func(st *State) (any, error) {
		p, _, err := s.docFor(datasetKind, st, c, key, name, AccessWrite)
		if err != nil {
			return nil, err
		}
		now := nowMillis()
		computed := []any{}
		if o := p.observations(name); o != nil {
			metrics := o.Metrics[part]
			for _, id := range slices.Sorted(maps.Keys(metrics)) {
				m := metrics[id]
				m.Time = now
				m.History = append(m.History, MetricRecord{Time: now, Value: m.Value})
				computed = append(computed, map[string]any{"metricId": id, "value": m.Value, "dataType": m.Type, "partition": part})
			}
		}
		return map[string]any{"startTime": now, "endTime": now, "partition": part, "computed": computed}, nil
	})
}

// POST …/actions/runChecks?partition= with an optional list of check
// names: every configured legacy check (metricsChecks.checks, but the
// data-quality rules the list also holds) of the definition
// reports OK, the emulator having no data to check against [I].
func (s *Server) handleRunChecks(w http.ResponseWriter, r *http.Request) {
	// The client sends no body, or a JSON array of check names.
	var only []string
	if b, _ := io.ReadAll(r.Body); len(bytes.TrimSpace(b)) > 0 {
		if err := json.Unmarshal(b, &only); err != nil {
			illegalArgument(w, "runChecks takes a JSON array of check names: "+err.Error())
			return
		}
	}
	part := partitionParam(r.URL.Query().Get("partition"))
	s.answerObservations(w, r, func(d map[string]any, _ *DatasetObservations) any {
		mc, _ := d["metricsChecks"].(map[string]any)
		checks, _ := mc["checks"].([]any)
		results := []any{}
		for _, ch := range checks {
			chk, _ := ch.(map[string]any)
			if names.IsDataQualityRuleEntry(chk) {
				continue // a data-quality rule: computed by …/data-quality/actions/compute-rules
			}
			meta, _ := chk["meta"].(map[string]any)
			checkName, _ := meta["name"].(string)
			if len(only) > 0 && !slices.Contains(only, checkName) {
				continue
			}
			results = append(results, map[string]any{
				"check": deepCopy(chk), "partition": part,
				"value": map[string]any{"outcome": "OK", "message": ""},
			})
		}
		now := nowMillis()
		return map[string]any{"startTime": now, "endTime": now, "results": results}
	})
}

// seedObservationsBody is the control endpoint's body.
type seedObservationsBody struct {
	Partitions []string `json:"partitions"`
	Metrics    map[string]map[string]struct {
		Value any    `json:"value"`
		Type  string `json:"type"`
	} `json:"metrics"`
}

// serveObservationsControl handles POST and DELETE
// /_emulator/datasets/{projectKey}/{name}/observations; it reports whether
// the path was its own. POST replaces the dataset's observations: its
// partitions (refused on an unpartitioned dataset) and, per partition,
// metric id → {value, type}; the values count as computed now. DELETE
// forgets them.
func (s *Server) serveObservationsControl(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, ControlPrefix+"/datasets/")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[2] != "observations" {
		return false
	}
	key, name := parts[0], parts[1]
	var body seedObservationsBody
	if r.Method == http.MethodPost && !decodeBody(w, r, &body) {
		return true
	}
	if r.Method != http.MethodPost && r.Method != http.MethodDelete {
		return false
	}
	err := s.mutate(func(st *State) error {
		s.touch(key)
		p, ok := st.Projects[key]
		if !ok {
			return errNotFound(fmt.Sprintf("Project %s does not exist", key))
		}
		d, ok := p.Datasets[name]
		if !ok {
			return datasetNotFound(key, name)
		}
		ensureMap(&p.DatasetObservations)
		if r.Method == http.MethodDelete {
			dropDatasetObservations(p, name)
			return nil
		}
		partitioned := isPartitionedDoc(d)
		if len(body.Partitions) > 0 && !partitioned {
			return errIllegalArgument(fmt.Sprintf("Dataset %s.%s is not partitioned: it cannot have partitions", key, name))
		}
		o := &DatasetObservations{Partitions: append([]string{}, body.Partitions...), Metrics: map[string]map[string]*ObservedMetric{}}
		now := nowMillis()
		for part, metrics := range body.Metrics {
			if !partitioned && part != "NP" {
				return errIllegalArgument(fmt.Sprintf("Dataset %s.%s is not partitioned: its metrics are on partition NP, not %s", key, name, part))
			}
			o.Metrics[part] = map[string]*ObservedMetric{}
			for id, m := range metrics {
				typ := cmp.Or(m.Type, "STRING")
				v := metricValueText(m.Value)
				o.Metrics[part][id] = &ObservedMetric{Value: v, Type: typ, Time: now, History: []MetricRecord{{Time: now, Value: v}}}
			}
		}
		p.DatasetObservations[name] = o
		return nil
	})
	answer(w, err, message(fmt.Sprintf("Observations of dataset %s.%s set", key, name)))
	return true
}

// metricValueText renders a seeded value as DSS sends it: a string.
func metricValueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}
