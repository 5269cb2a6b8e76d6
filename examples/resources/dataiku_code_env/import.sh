# Code envs are imported with LANG/name (LANG is PYTHON or R).
terraform import dataiku_code_env.pandas PYTHON/py310-pandas
