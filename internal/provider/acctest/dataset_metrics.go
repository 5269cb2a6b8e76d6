package acctest

// RouteDelta is the per-route request count between two stats snapshots.
func RouteDelta(before, after map[string]int64) map[string]int64 {
	delta := map[string]int64{}
	for k, v := range after {
		if d := v - before[k]; d != 0 {
			delta[k] = d
		}
	}
	return delta
}
