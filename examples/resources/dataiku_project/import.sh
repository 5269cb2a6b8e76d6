# A project is imported by its project key.
terraform import dataiku_project.sales SALES
