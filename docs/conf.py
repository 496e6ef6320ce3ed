"""Sphinx configuration of the sphinxcontrib-ideas documentation and live demo.

Built by ``make demo``, by Read the Docs (``.readthedocs.yaml``) and by ``tests/test_docs.py``
in html, singlehtml, epub and latex, always with ``-W``. Everything here must work offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
# The docs' own small extension (the tables generated from the code) lives in _ext/.
sys.path.insert(0, str(HERE / "_ext"))

import sphinxcontrib_ideas  # noqa: E402  (after the path set-up above)

project = "sphinxcontrib-ideas"
author = "sphinxcontrib-ideas developers"
copyright = "2026, sphinxcontrib-ideas developers"
release = sphinxcontrib_ideas.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinxcontrib_ideas",
    "ideas_tables",
    "ideas_examples",
]

# Explicit, so that no stray file (an ideas file, a README) is read as a page by accident.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_examples", "Thumbs.db", ".DS_Store", "README.md"]
# The rST half of each "rST and MyST" example lives in a fenced block, never as a page.
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3


autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

nitpicky = False

# Overridable with `-D html_theme=...` (the browser tests build every supported theme).
html_theme = "furo"
html_title = f"sphinxcontrib-ideas {release}"
html_static_path: list[str] = []

latex_documents = [
    (root_doc, "sphinxcontrib-ideas.tex", "sphinxcontrib-ideas", author, "manual"),
]
# The PDF (Read the Docs' `formats: [pdf]`): the recipe of the section "PDF output".
# xelatex sets every character its fonts have; xeCJK sets CJK text (and full-width
# punctuation) with Noto CJK where the machine has it (Debian: fonts-noto-cjk), else with
# the Fandol fonts of TeX Live's Chinese support (texlive-lang-chinese), which Read the
# Docs' build image has. One-sided chapters: no blank page before each project.
# -- PDF recipe start
latex_engine = "xelatex"
# makeindex, not xindy: Read the Docs calls latexmk without the XINDYOPTS that Sphinx's
# Makefile sets, and xindy fails without them (the PDF then has no index)
latex_use_xindy = False
latex_elements = {
    "extraclassoptions": "openany,oneside",
    "preamble": r"""
\usepackage{xeCJK}
\IfFontExistsTF{Noto Serif CJK SC}{
  \setCJKmainfont{Noto Serif CJK SC}
  \setCJKsansfont{Noto Sans CJK SC}
  \setCJKmonofont{Noto Sans Mono CJK SC}
}{
  \setCJKmainfont{FandolSong}[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold]
  \setCJKsansfont{FandolHei}[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold]
  \setCJKmonofont{FandolFang}[Extension=.otf, UprightFont=*-Regular]
}
""",
}
# -- PDF recipe end
epub_show_urls = "no"
