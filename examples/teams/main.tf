# Two teams and a project, built from the repository's reusable modules
# (modules/team and modules/project): the growth team works in the churn
# project, the finance team reads it, and platform administrators
# administer it. Outside this repository, source the modules from git, e.g.
#   source = "github.com/tf-dataiku/terraform-provider-dataiku//modules/team?ref=v0.1.0"

provider "dataiku" {
  host    = var.dss_host
  api_key = var.dss_api_key
}

module "growth" {
  source = "../../modules/team"

  name        = "${var.name_prefix}growth"
  description = "Growth analytics"
  capabilities = {
    may_create_code_envs = true
  }
  code_env = {
    name     = "${var.name_prefix}growth-py"
    packages = ["pandas>=2.2", "scikit-learn"]
  }
}

module "finance" {
  source = "../../modules/team"

  name             = "${var.name_prefix}finance"
  description      = "Finance controllers, from the directory"
  ldap_group_names = ["cn=finance,ou=groups,dc=example,dc=com"]
  capabilities = {
    may_create_projects = false
  }
}

module "churn" {
  source = "../../modules/project"

  project_key       = var.project_key
  name              = "Churn prediction"
  short_description = "Weekly churn scores for the growth team"
  tags              = ["growth", "ml"]
  folder_id         = module.growth.folder_id

  contributors = [module.growth.group_name]
  readers      = concat([module.finance.group_name], var.extra_readers)
  admins       = [var.admin_group]

  variables = { env = "prod", scoring_day = "Monday" }
  zones = {
    ingest  = "#2ab1ac"
    scoring = "#e99a3d"
  }
  python_env_name = module.growth.code_env_name
}

output "churn_project_key" {
  value = module.churn.project_key
}

output "churn_zone_ids" {
  value = module.churn.zone_ids
}
