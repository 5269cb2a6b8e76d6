# Groups are imported with their name.
terraform import dataiku_group.analysts analysts
