extensions = ["sphinxcontrib_ideas"]
source_suffix = {".rst": "restructuredtext"}
project = "Ambiguous references"
exclude_patterns = ["_build"]
