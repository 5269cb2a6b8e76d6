# Fails at plan time when the execution config does not exist.
data "dataiku_container_exec_config" "spark" {
  name = "spark-k8s"
}

output "spark_namespace" {
  value = data.dataiku_container_exec_config.spark.namespace
}
