package dss

import "github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"

// DatasetParamsDefaults and FormatParamsDefaults are the values DSS fills
// into a dataset's params and format params (internal/dss/names, shared
// with the emulator, which fills them in): dss-adopt leaves values equal to
// these out of the configuration it generates, since the provider compares
// only the keys a configuration writes.
var (
	DatasetParamsDefaults = names.DatasetParamsDefaults
	FormatParamsDefaults  = names.FormatParamsDefaults
)
