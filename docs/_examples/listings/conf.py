extensions = ["sphinxcontrib_ideas"]
