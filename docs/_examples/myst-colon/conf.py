extensions = ["myst_parser", "sphinxcontrib_ideas"]
myst_enable_extensions = ["colon_fence"]
