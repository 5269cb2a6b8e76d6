terraform {
  required_version = ">= 1.11"

  required_providers {
    dataiku = {
      source  = "tf-dataiku/dataiku"
      version = ">= 0.1"
    }
  }
}
