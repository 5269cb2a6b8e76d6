# There is one general-settings document per DSS instance. Right after the
# import the state holds the whole document; the next apply narrows it to
# the keys written in `settings`, writing nothing when they already hold.
terraform import dataiku_instance_settings.this general-settings
