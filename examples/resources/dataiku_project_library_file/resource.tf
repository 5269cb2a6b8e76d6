# A Python module of the project's library: recipes and notebooks import it
# with `from mylib import helpers`. In a repository, read it from a file:
# content = file("${path.module}/lib/mylib/helpers.py").
resource "dataiku_project_library_file" "helpers" {
  project_key = "SALES"
  path        = "python/mylib/helpers.py"
  content     = <<-EOT
    def greet(name):
        return f"Hello, {name}"
  EOT
}

# The package's marker file: an empty text.
resource "dataiku_project_library_file" "mylib_init" {
  project_key = "SALES"
  path        = "python/mylib/__init__.py"
  content     = ""
}

# A file that is not text: its bytes, base64-encoded (an empty pickled
# dict here; from a file: filebase64("${path.module}/lib/mylib/lookup.pkl")).
resource "dataiku_project_library_file" "lookup" {
  project_key    = "SALES"
  path           = "python/mylib/lookup.pkl"
  content_base64 = "gAR9lC4="
}
