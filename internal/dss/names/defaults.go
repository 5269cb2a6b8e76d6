package names

// The values DSS fills into a dataset's params and format params when a
// client leaves them out, for the families the emulator models [I, guided
// by DSS's dataset settings classes]. The emulator fills them in; dss-adopt
// leaves values equal to them out of the configuration it generates (the
// provider compares only the keys a configuration writes, so the plan
// stays empty without them).

// DatasetParamsDefaults returns a fresh map of the params keys DSS fills
// for a dataset of type typ (empty for a type of no known family).
func DatasetParamsDefaults(typ string) map[string]any {
	switch {
	case FileDatasetTypes[typ]:
		return map[string]any{
			"notReadyIfEmpty": false,
			"filesSelectionRules": map[string]any{
				"mode": "ALL", "excludeRules": []any{}, "includeRules": []any{}, "explicitFiles": []any{},
			},
			"variablesExpansionLoopConfig": map[string]any{
				"enabled": false, "mode": "CREATE_VARIABLE_FOR_EACH_COLUMN", "replacements": []any{},
			},
		}
	case SQLDatasetTypes[typ]:
		return map[string]any{
			"mode":                          "table",
			"normalizeDoubles":              true,
			"assumedTzForUnknownTz":         "UTC",
			"readColsWithUnknownTzAsDates":  false,
			"tableCreationMode":             "auto",
			"writeInsertBatchSize":          10000,
			"sparkJdbcAccess":               "NONE",
			"partitioningType":              "custom",
			"dateFormatForPartitionsColumn": "yyyy-MM-dd",
		}
	}
	return map[string]any{}
}

// FormatParamsDefaults returns a fresh map of the format params keys DSS
// fills for a dataset of format formatType (empty for an unknown format).
func FormatParamsDefaults(formatType string) map[string]any {
	switch formatType {
	case "csv":
		return map[string]any{
			"style": "excel", "charset": "utf8", "separator": "\t", "quoteChar": "\"", "escapeChar": "\\",
			"dateSerializationFormat": "ISO", "arrayMapFormat": "json", "hiveSeparators": []any{"\u0002", "\u0003", "\u0004"},
			"skipRowsBeforeHeader": 0, "parseHeaderRow": false, "skipRowsAfterHeader": 0, "probableNumberOfRecords": 0,
			"normalizeBooleans": false, "normalizeDoubles": true, "compress": "", "arrayItemSeparator": ";", "mapKeySeparator": ":",
		}
	case "parquet":
		return map[string]any{
			"parquetLowerCaseIdentifiers": false, "representsNullFields": false,
			"parquetCompressionMethod": "SNAPPY", "parquetFlavor": "HIVE", "parquetBlockSizeMB": 128,
		}
	}
	return map[string]any{}
}
