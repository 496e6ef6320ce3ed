extensions = ["sphinxcontrib_ideas"]
source_suffix = {".rst": "restructuredtext"}
project = "Hostile ideas file"
exclude_patterns = ["_build"]
copyright = "2026, the sphinxcontrib-ideas test suite"
version = "1.0"
