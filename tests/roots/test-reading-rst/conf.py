extensions = ["sphinxcontrib_ideas"]
source_suffix = {".rst": "restructuredtext"}
project = "Ideas (rST host)"
exclude_patterns = ["_build"]
copyright = "2026, the sphinxcontrib-ideas test suite"
author = "sphinxcontrib-ideas"
version = "1.0"
