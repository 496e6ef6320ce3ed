"""Finding ``ideas-catalog`` directives before any page is read."""

from __future__ import annotations

from pathlib import Path

from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas._catalogs import scan_text

MYST_PAGE = """# Usage

```rst
.. ideas-catalog:: example.md
```

````{code-block} md
```{ideas-catalog} code.md
```
````

~~~
:::{ideas-catalog} tilde.md
:::
~~~

```{ideas-catalog} real.md
:projects: TiKV, Thanos
```

:::{ideas-catalog} colon.md
:no-pages:
:::

````{note}
```{ideas-catalog} nested.md
---
projects: Volcano
---
```
````
"""

RST_PAGE = """Usage
=====

For example::

   .. ideas-catalog:: example.md

.. code-block:: rst

   .. ideas-catalog:: example2.md

.. note::

   .. ideas-catalog:: innote.md
      :no-pages:

.. ideas-catalog:: /data/real.md
   :projects: TiKV
"""


def test_myst_fences_are_found_and_code_samples_skipped() -> None:
    assert list(scan_text(MYST_PAGE)) == [
        ("real.md", (("projects", "TiKV, Thanos"),)),
        ("colon.md", (("no-pages", ""),)),
        ("nested.md", (("projects", "Volcano"),)),
    ]


def test_rst_directives_are_found_and_literal_blocks_skipped() -> None:
    assert list(scan_text(RST_PAGE)) == [
        ("innote.md", (("no-pages", ""),)),
        ("/data/real.md", (("projects", "TiKV"),)),
    ]


def test_a_directive_the_scan_cannot_see_is_rendered_inline_with_a_warning(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    # an included file is not a source page, so the scan does not read it
    (srcdir / "catalog.txt").write_text(".. ideas-catalog:: ideas.md\n", encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Ideas\n=====\n\n.. include:: catalog.txt\n\n.. toctree::\n\n   refs\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    problems = warnings(app)
    assert len(problems) == 1, problems
    assert "was not found when scanning the sources" in problems[0]
    assert problems[0].endswith("[ideas.directive]")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'class="ideas-idea"' in html
