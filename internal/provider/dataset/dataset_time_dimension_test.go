package dataset_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A "time" dimension with no params.period, as real documents may hold
// one (no params at all, or params without a period): it reads with a
// null period, the configuration dss-adopt writes (no period) is valid and
// plans empty, and a later write leaves DSS's dimensions as they were.
// The plan refused that configuration ("Missing period"), so such a
// dataset could not be adopted at all.
func TestAccDatasetRealShape_timeDimensionWithoutPeriod(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_NOPERIOD")
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["partitioning"] = map[string]any{"ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false,
			"filePathPattern": "%Y/%M/%D/.*",
			"dimensions": []any{
				map[string]any{"name": "day", "type": "time"},
				map[string]any{"name": "hour", "type": "time", "params": map[string]any{"futureKey": 1}},
				map[string]any{"name": "month", "type": "time", "params": map[string]any{"period": "MONTH"}},
			}}
	})
	cfg := func(description string) string {
		return realShapeDatasetConfig(key, description, `  partitioning = {
    file_path_pattern = "%Y/%M/%D/.*"
    dimensions = [
      { name = "day", type = "time" },
      { name = "hour", type = "time" },
      { name = "month", type = "time", period = "MONTH" },
    ]
  }
`)
	}
	realShapeAdoptThenChange(t, key, cfg, func(d map[string]any) error {
		dims := d["partitioning"].(map[string]any)["dimensions"].([]any)
		if got := fmt.Sprint(dims); got != "[map[name:day type:time] map[name:hour params:map[futureKey:1] type:time] map[name:month params:map[period:MONTH] type:time]]" {
			return fmt.Errorf("DSS's dimensions after the write: %s", got)
		}
		return nil
	})
}
