from dataiku.scenario import Scenario

# Keeps the last 30 days of exports in the reports folder.
Scenario().set_scenario_variables(retention_days=30)
