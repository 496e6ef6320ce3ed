extensions = ["myst_parser", "sphinxcontrib_ideas"]
source_suffix = {".md": "markdown"}
project = "Ideas (MyST host)"
exclude_patterns = ["_build"]
copyright = "2026, the sphinxcontrib-ideas test suite"
author = "sphinxcontrib-ideas"
version = "1.0"
