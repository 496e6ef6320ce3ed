extensions = ["myst_parser", "sphinxcontrib_ideas"]
suppress_warnings = ["ideas.no-skills"]  # optional: silence a warning subtype you accept
