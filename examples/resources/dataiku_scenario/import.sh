# Scenarios are imported with PROJECT_KEY.id, the id DSS derived from the
# scenario's name when it was created (not the name itself).
terraform import dataiku_scenario.nightly SALES.Nightly_build
