extensions = ["sphinxcontrib_ideas", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
project = "Ideas (MyST colon fence)"
exclude_patterns = ["_build"]
copyright = "2026, the sphinxcontrib-ideas test suite"
author = "sphinxcontrib-ideas"
version = "1.0"
