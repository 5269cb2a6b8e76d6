# Code envs are imported with LANG/name (LANG is PYTHON or R).
terraform import dataiku_code_env.pandas PYTHON/py310-pandas

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_code_env.pandas
#   identity = { lang = "PYTHON", name = "py310-pandas" }
# }

# Terraform does not import a timeouts block: when the configuration has one,
# the plan after the import shows it added in place, once. Applying it sends
# nothing to DSS; the plan after that is empty.
