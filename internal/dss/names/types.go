package names

import "sort"

// Dataset and connection type vocabularies. DSS spells types with a
// fixed case and compares them exactly: a dataset of type "filesystem"
// is accepted by DSS and then matches no connection and no format, so the
// provider refuses case variants of the types below (and suggests the
// spelling DSS uses). Names not listed here (plugin types, types of newer
// DSS versions) are DSS's to judge.

// FileDatasetTypes are the dataset types whose params are those of files
// (a path on a connection) (dss-api.md §4.3).
var FileDatasetTypes = map[string]bool{
	"Filesystem": true, "UploadedFiles": true, "FilesInFolder": true, "HDFS": true, "S3": true,
	"Azure": true, "GCS": true, "FTP": true, "SCP": true, "SFTP": true,
}

// SQLDatasetTypes are the dataset types whose params are those of a SQL
// table or query (dss-api.md §4.3).
var SQLDatasetTypes = map[string]bool{
	"JDBC": true, "PostgreSQL": true, "MySQL": true, "Vertica": true, "Snowflake": true, "Redshift": true,
	"Greenplum": true, "Teradata": true, "Oracle": true, "SQLServer": true, "SAPHANA": true, "Netezza": true,
	"BigQuery": true, "Athena": true, "hiveserver2": true, "Synapse": true, "FabricWarehouse": true,
	"Databricks": true, "DatabricksLakebase": true,
}

// connectionlessDatasetTypes are types DSS stores without a connection
// [I: the dataset resource's documentation lists them].
var connectionlessDatasetTypes = []string{"Inline", "JobsDB", "StatsDB", "Labels"}

// ConnectionTypeFor maps a dataset type to the connection type it needs.
// S3 datasets live on "EC2" connections (dss-api.md §2.5). SCP and SFTP
// datasets live on "SSH" connections: DSS documents one SSH connection
// type serving both protocols [D doc.dataiku.com/dss/latest/connecting/
// scp-sftp.html], and set_connection_and_path maps SSH to SCP or SFTP [V
// dss/managedfolder.py]. Every other file or SQL type needs a connection
// of its own name [I]. checked is false for the types whose connection
// type is not known to be fixed (UploadedFiles and FilesInFolder are
// stored on whichever file connection DSS picks; plugin types): the
// provider and the emulator judge the connection's type only when it is
// true, so neither is stricter than DSS.
func ConnectionTypeFor(datasetType string) (connType string, checked bool) {
	switch datasetType {
	case "S3":
		return "EC2", true
	case "SCP", "SFTP":
		return "SSH", true
	case "UploadedFiles", "FilesInFolder":
		return "", false
	}
	if FileDatasetTypes[datasetType] || SQLDatasetTypes[datasetType] {
		return datasetType, true
	}
	return "", false
}

// DatasetTypes lists the dataset types whose spelling is known, sorted.
func DatasetTypes() []string {
	out := append([]string{}, connectionlessDatasetTypes...)
	for t := range FileDatasetTypes {
		out = append(out, t)
	}
	for t := range SQLDatasetTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// ConnectionTypes lists the connection types whose spelling is known
// (those the dataset types need), sorted.
func ConnectionTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range DatasetTypes() {
		if ct, ok := ConnectionTypeFor(t); ok && !seen[ct] {
			seen[ct] = true
			out = append(out, ct)
		}
	}
	sort.Strings(out)
	return out
}
