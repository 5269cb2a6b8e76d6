package names

import "strings"

// DSS's vocabulary of dataset schemas and data-quality rules, stated once
// for the client (internal/dss) and the emulator. Facts only: each side
// applies them with its own code, so the emulator stays an independent
// check of the client's behaviour.

// ColumnTypes are DSS's storage types of a schema column, in DSS's order
// (dss-api.md §4.4).
var ColumnTypes = []string{
	"string", "tinyint", "smallint", "int", "bigint", "float", "double", "boolean",
	"date", "dateonly", "datetimenotz", "geopoint", "geometry", "array", "map", "object",
}

// DataQualityRuleTypes are the data-quality rule config types known to the
// provider and the emulator. Dataiku's client passes rule documents
// through untouched and names only RecordCountInRangeRule (its developer
// guide); the others follow DSS's rule names in the same `…Rule` pattern
// [I]. The list is not closed: the provider refuses only a case variant of
// these, the emulator any blank type, so a type a DSS version adds is
// accepted. It names the types in descriptions and selects type-specific
// checks (ranges).
var DataQualityRuleTypes = []string{
	"ColumnAvgInRangeRule", "ColumnMinInRangeRule", "ColumnMaxInRangeRule", "ColumnSumInRangeRule",
	"ColumnMedianInRangeRule", "ColumnStdDevInRangeRule", "ColumnDistinctCountInRangeRule",
	"ColumnNotEmptyRule", "ColumnEmptyRule", "ColumnValuesUniqueRule", "ColumnValuesInSetRule",
	"ColumnTopNValuesInSetRule", "ColumnModeValueInSetRule", "ColumnValidityRule", "ColumnExistsRule",
	"RecordCountInRangeRule", "ColumnCountInRangeRule", "MetricValueInRangeRule", "MetricValueInSetRule",
	"CompareValuesRule", "PythonCodeRule", "SqlQueryRule",
	// Rule types a DSS 14 instance holds that the names above miss
	// (reported by a client that lists them from a live DSS 14.5/14.6):
	// an adopted rule of one of them must pass validation.
	"ColumnUniqueValuesRule", "ValuesInSetRule", "ValuesInRangeRule", "TopValuesInSetRule",
	"FileSizeInRangeRule", "DatasetSchemaEqualsRule", "DatasetSchemaContainsRule",
	"DriftRecordCountRule", "DriftColumnAvgRule", "DriftColumnMinRule", "DriftColumnMaxRule",
	"DriftColumnMedianRule", "DriftColumnSumRule", "DriftColumnStdDevRule",
	"DriftColumnEmptyValueCountRule", "DriftColumnUniqueValueCountRule", "DriftMetricRule",
}

// DataQualityPluginTypePrefix starts the type of a rule a plugin provides;
// such types are DSS's to judge [I].
const DataQualityPluginTypePrefix = "pyplugin_"

// A dataset's data-quality rules live in its definition, in
// metricsChecks.checks, beside the legacy checks (DSS before 12.6) that
// list may still hold (dss-real-shapes.md: newer documents'
// metricsChecks.checks holds ValuesInSetRule, RecordCountInRangeRule, …
// [T: documents real DSS instances wrote]). GET …/data-quality/rules
// lists the rules: the client reads its `checks` [V dss/data_quality.py].
// Which entries are rules is inferred [I]: every known rule type ends in
// "Rule" and a plugin's starts with DataQualityPluginTypePrefix; an entry
// of another type is a rule when it has a displayName and no `meta` (a
// legacy check is named by meta.name). Stated once, here, so that the
// emulator, the client and the provider split the list the same way.

// IsDataQualityRuleType reports whether an entry of this type in
// metricsChecks.checks is a data-quality rule whatever its other fields.
func IsDataQualityRuleType(typ string) bool {
	return strings.HasSuffix(typ, "Rule") || strings.HasPrefix(typ, DataQualityPluginTypePrefix)
}

// IsDataQualityRuleEntry reports whether an entry of metricsChecks.checks
// (a decoded JSON object) is a data-quality rule rather than a legacy
// check.
func IsDataQualityRuleEntry(entry map[string]any) bool {
	typ, _ := entry["type"].(string)
	if IsDataQualityRuleType(typ) {
		return true
	}
	_, hasMeta := entry["meta"]
	_, hasName := entry["displayName"]
	return hasName && !hasMeta
}
