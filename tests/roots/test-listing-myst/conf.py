extensions = ["myst_parser", "sphinxcontrib_ideas"]
source_suffix = {".md": "markdown"}
project = "Listings in MyST"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
copyright = "2026, the sphinxcontrib-ideas test suite"
version = "1.0"
