copyright = "2026, the sphinxcontrib-ideas test suite"
author = "sphinxcontrib-ideas"
