// Package adoptinfo says what an adoption (import blocks, then terraform
// plan -generate-config-out) cannot bring back from DSS, so that the adopt
// command can list it and the adopt guide can show what to add by hand.
// It imports nothing from the provider: the provider's tests check these
// lists against the resources' schemas
// (internal/provider/generate_config_test.go).
package adoptinfo

// Attribute is one attribute an adopted configuration leaves empty.
type Attribute struct {
	// Name is the attribute, e.g. "password_wo".
	Name string
	// Version is the attribute to set (to 1, then to any new number for a
	// rotation) together with Name so that the provider sends the value;
	// "" when there is none.
	Version string
	// Applies says which objects need it, e.g. "LOCAL users".
	Applies string
	// WriteOnly is true when DSS never returns the value (or the provider
	// never reads it): the object keeps working, but Terraform cannot set
	// or rotate the value until it is added. False is a sensitive value
	// Terraform generates as null: it stays unmanaged until written.
	WriteOnly bool
}

// AfterImport lists, per resource type, the attributes that
// `terraform plan -generate-config-out` writes as null because their
// value cannot be read back or is sensitive. The generated configuration
// still plans empty without them (null leaves DSS's value alone); add
// them to manage the value.
func AfterImport() map[string][]Attribute {
	return map[string][]Attribute{
		"dataiku_user": {{
			Name: "password_wo", Version: "password_wo_version", WriteOnly: true,
			Applies: "LOCAL users (source_type = \"LOCAL\"): DSS never returns a password",
		}},
		"dataiku_connection": {{
			Name: "secret_params_wo", Version: "secret_params_wo_version", WriteOnly: true,
			Applies: "connections whose params hold secrets (password, secretKey, token, ... also inside basicCredential or credentials): DSS returns them encrypted only",
		}},
		"dataiku_ldap_settings": {{
			Name: "bind_password_wo", Version: "bind_password_wo_version", WriteOnly: true,
			Applies: "an LDAP setup that binds with a password (bindDN): DSS never returns it",
		}},
		"dataiku_sso_settings": {{
			Name: "client_secret_wo", Version: "client_secret_wo_version", WriteOnly: true,
			Applies: "OpenID Connect single sign-on: DSS never returns the client secret",
		}},
		"dataiku_azure_ad_settings": {{
			Name: "client_secret_wo", Version: "client_secret_wo_version", WriteOnly: true,
			Applies: "Azure AD with a client secret (credentialMethod OAUTH2_SECRET): DSS never returns it",
		}},
		"dataiku_messaging_channel": {{
			Name: "secret_settings_wo", Version: "secret_settings_wo_version", WriteOnly: true,
			Applies: "channels holding credentials (an SMTP password, a webhook URL, a token): the provider never reads them into the state",
		}},
		"dataiku_scenario": {{
			Name: "reporter_secrets_wo", Version: "reporter_secrets_wo_version", WriteOnly: true,
			Applies: "scenarios whose reporters hold credentials (a webhook's url, a token): the provider never reads them into the state",
		}},
		"dataiku_plugin_preset": {{
			Name: "secret_config_wo", Version: "secret_config_wo_version", WriteOnly: true,
			Applies: "presets holding credentials: the provider never reads secret-looking keys into the state",
		}},
		"dataiku_project_deployer_infra": {{
			Name: "api_key_wo", Version: "api_key_wo_version", WriteOnly: true,
			Applies: "every infrastructure with an automation node's admin key: the provider never reads it into the state",
		}},
		"dataiku_api_deployer_infra": {{
			Name: "api_node_keys_wo", Version: "api_node_keys_wo_version", WriteOnly: true,
			Applies: "STATIC infrastructures with API nodes: the provider never reads their admin keys into the state",
		}},
		"dataiku_project_git_library": {{
			Name: "password_wo", Version: "password_wo_version", WriteOnly: true,
			Applies: "Git references of HTTPS repositories with a login: DSS never returns the password",
		}},
		"dataiku_project": {{
			Name:    "local_variables",
			Applies: "projects with local variables, which are sensitive: write them to manage them",
		}},
	}
}

// WriteOnlyAfterImport is the resource types and write-only attributes
// (with their version attribute) whose values must be added by hand after
// an adoption to be managed.
func WriteOnlyAfterImport() map[string][]string {
	out := map[string][]string{}
	for typ, attrs := range AfterImport() {
		for _, a := range attrs {
			if !a.WriteOnly {
				continue
			}
			out[typ] = append(out[typ], a.Name)
			if a.Version != "" {
				out[typ] = append(out[typ], a.Version)
			}
		}
	}
	return out
}

// Unreadable lists, per resource type, computed attributes an import
// leaves null because DSS shows them only when the object is created: the
// generated configuration plans empty, and nothing can be added by hand
// (a new key, made by Terraform, has them).
func Unreadable() map[string][]string {
	return map[string][]string{
		"dataiku_api_key":          {"secret"},
		"dataiku_personal_api_key": {"secret"},
	}
}

// InClear lists, per resource type, attributes that an adoption writes to
// generated.tf as DSS holds them although they may hold secrets: DSS keeps
// no secret flag on them, and they are managed whole, so leaving a value
// out would delete it at the next apply. The adopt command should say so;
// a secret there belongs in a variable marked sensitive.
func InClear() map[string][]string {
	return map[string][]string{
		"dataiku_instance_variables": {"variables"},
	}
}

// DeletionProtection is the provider's deletion_protection attribute:
// Terraform's alone, kept in the state, it refuses a plan that would
// delete the object.
const DeletionProtection = "deletion_protection"

// HasDeletionProtection reports whether resource type typ has
// deletion_protection. Its static default (false) puts it in
// SchemaDefaults, which a test of the provider compares with the schemas.
func HasDeletionProtection(typ string) bool {
	_, ok := SchemaDefaults()[typ][DeletionProtection]
	return ok
}

// KeptWhenLeftOut lists, per resource type, top-level boolean attributes
// without a default that keep DSS's value when the configuration leaves
// them out (optional, computed, the state's value planned): the group
// capabilities added after the first release. dss-adopt leaves them out
// of generated.tf when they are false, as one writes a group by the
// capabilities it grants: the plan is the same (the state keeps DSS's
// false). A test of the provider checks them against the schemas.
func KeptWhenLeftOut() map[string][]string {
	return map[string][]string{
		"dataiku_group": {"may_create_data_collections", "may_create_workspaces", "may_publish_to_data_collections", "may_share_to_workspaces"},
	}
}

// NestedAttributes lists, per resource type, the top-level nested
// attributes (lists, sets, maps of objects, single objects whose keys are
// the schema's attributes): inside their objects an attribute written as
// null is one left out (a default applies alike), so dss-adopt leaves
// out the `key = null` lines Terraform generates there. Not the dynamic
// or JSON attributes, where a null is a value DSS holds. A test of the
// provider compares this list with the schemas.
func NestedAttributes() map[string][]string {
	return map[string][]string{
		"dataiku_agent":              {"tools"},
		"dataiku_api_deployer_infra": {"api_nodes"},
		"dataiku_code_env":           {"permissions"},
		"dataiku_data_collection":    {"permissions"},
		"dataiku_dataset":            {"checks", "metrics", "partitioning", "schema_columns"},
		"dataiku_exposed_object":     {"targets"},
		"dataiku_flow_zone":          {"items"},
		"dataiku_managed_folder":     {"partitioning"},
		"dataiku_meaning":            {"mappings", "values"},
		"dataiku_messaging_channel":  {"permissions"},
		"dataiku_project":            {"duplicate_from", "permissions"},
		"dataiku_scenario":           {"steps", "triggers"},
		"dataiku_streaming_endpoint": {"schema_columns"},
		"dataiku_workspace":          {"permissions"},
		"dataiku_workspace_object":   {"html_link", "reference"},
	}
}

// EmptyAcceptedWithDefault lists, per resource type, the top-level string
// attributes whose schema default is not "" and whose validators accept
// "": DSS may hold "" there and the provider reads it so, but Terraform's
// configuration generation writes it null, which left out would plan the
// default. dss-adopt writes them "" instead. A test of the provider
// compares this list with the schemas.
func EmptyAcceptedWithDefault() map[string][]string {
	return map[string][]string{
		"dataiku_flow_zone": {"color"},
	}
}

// SchemaDefaults lists, per resource type, the top-level attributes that
// have a static default in the provider's schema, with that default as
// terraform plan -generate-config-out writes it. dss-adopt leaves an
// attribute out of generated.tf when it holds exactly this value: an
// optional attribute left out takes its default, so the plan is the same.
// A test of the provider compares this list with the schemas.
func SchemaDefaults() map[string]map[string]string {
	return map[string]map[string]string{
		"dataiku_api_key":                       {"admin": "false", "description": "\"\"", "label": "\"\""},
		"dataiku_cluster":                       {"architecture": "\"HADOOP\"", "type": "\"manual\""},
		"dataiku_api_deployer_infra":            {"govern_check_policy": "\"NO_CHECK\""},
		"dataiku_api_deployment":                {"deletion_protection": "false", "enabled": "true", "ignore_pre_delete_errors": "false", "ignore_warnings": "false"},
		"dataiku_api_service_package":           {"keep_on_destroy": "false", "publish": "false"},
		"dataiku_code_env":                      {"conda": "false", "deletion_protection": "false", "deployment_mode": "\"DESIGN_MANAGED\"", "install_core_packages": "true", "install_jupyter_support": "false", "usable_by_all": "false"},
		"dataiku_connection":                    {"allow_managed_datasets": "true", "allow_managed_folders": "true", "allow_write": "true", "allowed_groups": "[]", "credentials_mode": "\"GLOBAL\"", "deletion_protection": "false", "description": "\"\"", "details_allowed_groups": "[]", "details_readable_by": "\"NONE\"", "max_activities": "0", "usable_by": "\"ALL\"", "use_global_proxy": "false"},
		"dataiku_container_exec_config":         {"allowed_groups": "[]", "usable_by": "\"ALL\""},
		"dataiku_code_studio_template_settings": {"all_container_confs": "false", "container_confs": "[]"},
		"dataiku_data_collection":               {"description": "\"\"", "tags": "[]"},
		"dataiku_dataset":                       {"deletion_protection": "false", "description": "\"\"", "drop_data_on_destroy": "false", "managed": "false", "short_description": "\"\"", "tags": "[]"},
		"dataiku_exposed_object":                {"quick_sharing_enabled": "false"},
		"dataiku_flow_zone":                     {"color": "\"#2ab1ac\""},
		"dataiku_wiki_article":                  {"content": "\"\""},
		"dataiku_group":                         {"admin": "false", "can_obtain_api_ticket_from_cookies_for_groups_regex": "\"\"", "description": "\"\"", "ldap_group_names": "[]", "may_create_active_web_content": "false", "may_create_authenticated_connections": "false", "may_create_clusters": "false", "may_create_code_envs": "false", "may_create_projects": "false", "may_create_projects_from_dataiku_apps": "false", "may_create_projects_from_macros": "false", "may_create_projects_from_templates": "false", "may_create_published_api_services": "false", "may_create_published_projects": "false", "may_develop_plugins": "false", "may_edit_lib_folders": "false", "may_manage_clusters": "false", "may_manage_code_envs": "false", "may_manage_udm": "false", "may_view_indexed_hive_connections": "false", "may_write_in_root_project_folder": "false", "may_write_safe_code": "true", "may_write_unsafe_code": "false", "source_type": "\"LOCAL\""},
		"dataiku_managed_folder":                {"deletion_protection": "false", "description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_knowledge_bank":                {"description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_retrieval_augmented_llm":       {"description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_agent":                         {"description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_evaluation_store":              {"description": "\"\"", "flavor": "\"TABULAR\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_agent_tool":                    {"description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_meaning":                       {"description": "\"\"", "detectable": "false", "normalization_mode": "\"EXACT\""},
		"dataiku_personal_api_key":              {"description": "\"\"", "label": "\"\""},
		"dataiku_plugin":                        {"force_destroy": "false", "install_code_env": "false"},
		"dataiku_plugin_preset":                 {"permissions": "[]"},
		"dataiku_project":                       {"delete_managed_data": "false", "deletion_protection": "false", "description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_project_bundle":                {"keep_on_destroy": "false", "publish": "false"},
		"dataiku_project_deployer_infra":        {"automation_node_url": "\"\"", "govern_check_policy": "\"NO_CHECK\""},
		"dataiku_project_deployment":            {"deletion_protection": "false", "enabled": "true"},
		"dataiku_project_folder":                {"parent_id": "\"ROOT\""},
		"dataiku_project_grant":                 {"admin": "false", "execute_app": "false", "export_datasets_data": "false", "manage_additional_dashboard_users": "false", "manage_dashboard_authorizations": "false", "manage_exposed_elements": "false", "moderate_dashboards": "false", "read_dashboards": "false", "read_project_content": "false", "run_scenarios": "false", "share_to_workspaces": "false", "write_dashboards": "false", "write_project_content": "false"},
		"dataiku_project_standards_check":       {"tags": "[]"},
		"dataiku_project_standards_scope":       {"checks": "[]", "description": "\"\"", "selection_method": "\"BY_PROJECT\""},
		"dataiku_project_git_remote":            {"name": "\"origin\""},
		"dataiku_project_git_library":           {"add_to_python_path": "true", "delete_directory_on_destroy": "true", "login": "\"\"", "path_in_repository": "\"\""},
		"dataiku_recipe":                        {"description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_scenario":                      {"active": "false", "description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_streaming_endpoint":            {"deletion_protection": "false", "description": "\"\"", "short_description": "\"\"", "tags": "[]"},
		"dataiku_user":                          {"display_name": "\"\"", "email": "\"\"", "enabled": "true", "groups": "[]", "source_type": "\"LOCAL\""},
		"dataiku_workspace":                     {"description": "\"\""},

		"dataiku_project_execution_defaults": {"container_mode": "\"INHERIT\"", "python_env_mode": "\"INHERIT\"", "r_env_mode": "\"INHERIT\""},
	}
}
