"""What readers see: the built catalog in a real browser (headless Chromium).

Data flow: ``docs/`` and small themed copies of the demo catalog --(sphinx-build, html, in a
tmp folder)--> pages served by ``http.server`` on 127.0.0.1 (random port) --> Debian's
``chromium`` driven through its ``chromedriver`` by Selenium (the system driver: Selenium
Manager never downloads anything).

Checks: every link on the catalog, project, skills and mentor pages resolves; a skill or
mentor link lands on its index entry; the filter narrows and clears; and under each
supported theme, light and dark, at 1280 px and 390 px, no page is wider than the window.
Screenshots go to ``test-artifacts/screenshots/`` (git-ignored), never into the repository.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import functools
import gettext
import html.parser
import http.server
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from _docs_build import built_docs

import sphinxcontrib_ideas
from sphinxcontrib_ideas.ideasfile._skills import skill_aliases_of
from sphinxcontrib_ideas.ideasfile.reader import load_catalog

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
#: Theme -> the colour modes it offers.
THEMES: dict[str, tuple[str, ...]] = {
    "alabaster": ("light",),
    "furo": ("light", "dark"),
    "sphinx_rtd_theme": ("light",),
    "pydata_sphinx_theme": ("light", "dark"),
    "sphinx_book_theme": ("light", "dark"),
    "shibuya": ("light", "dark"),
    # writes sections as bare headings: the filter and styles must not need <section>
    "sphinx_immaterial": ("light", "dark"),
}
#: What a theme needs in conf.py beyond ``html_theme``.
THEME_CONF: dict[str, str] = {
    # offline (no Google Fonts), and light or dark as the system asks
    "sphinx_immaterial": (
        "extensions.append('sphinx_immaterial')\n"
        "html_theme_options = {'font': False, 'palette': [\n"
        "    {'media': '(prefers-color-scheme: light)', 'scheme': 'default',\n"
        "     'toggle': {'icon': 'material/weather-night', 'name': 'Dark mode'}},\n"
        "    {'media': '(prefers-color-scheme: dark)', 'scheme': 'slate',\n"
        "     'toggle': {'icon': 'material/weather-sunny', 'name': 'Light mode'}},\n"
        "]}\n"
    ),
}
WIDTHS = (1280, 390)
#: The extension's default folder of generated pages.
PAGES_DIR = "ideas"
LINKS_JS = "return [...document.querySelectorAll('a[href]')].map(a => a.href)"


# -- building and serving -------------------------------------------------------------


def build_command(srcdir: Path, outdir: Path) -> list[str]:
    """``sphinx-build -W -b html`` of ``srcdir`` into ``outdir/html``."""
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    return [*cmd, "-d", str(outdir / ".doctrees"), str(srcdir), str(outdir / "html")]


def build_site(srcdir: Path, outdir: Path) -> Path:
    """``sphinx-build -W -b html``: the HTML folder, or a failure with Sphinx's output."""
    cmd = build_command(srcdir, outdir)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"build of {srcdir} failed:\n{result.stderr}"
    return outdir / "html"


def build_sites(sites: dict[str, tuple[Path, Path]]) -> dict[str, Path]:
    """Several :func:`build_site` at once (name -> (srcdir, outdir)): the theme builds are
    independent, and side by side they use every core."""
    running = {
        name: subprocess.Popen(
            build_command(src, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, (src, out) in sites.items()
    }
    failed = []
    for name, process in running.items():
        _stdout, stderr = process.communicate(timeout=900)
        if process.returncode != 0:
            failed.append(f"build of {name} failed:\n{stderr}")
    assert failed == []
    return {name: out / "html" for name, (_src, out) in sites.items()}


def write_theme_site(srcdir: Path, seed: Path, theme: str) -> None:
    """A small project holding only the demo catalog, under ``theme``."""
    srcdir.mkdir(parents=True)
    shutil.copyfile(seed, srcdir / "ideas.md")
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinxcontrib_ideas']\n"
        "source_suffix = {'.rst': 'restructuredtext'}\n"
        "project = 'Ideas'\n"
        f"html_theme = {theme!r}\n" + THEME_CONF.get(theme, ""),
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Project ideas\n=============\n\n.. ideas-catalog:: ideas.md\n", encoding="utf-8"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep pytest's output clean."""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a random port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True, slots=True)
class Site:
    """A built HTML site and the URL it is served at."""

    base: str
    root: Path

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this site."""
        return urllib.parse.urljoin(self.base, path)


# -- the browser ----------------------------------------------------------------------


def make_driver(user_data_dir: Path) -> WebDriver:
    """Debian's Chromium through the system chromedriver, with a fresh profile."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("chromium and chromium-driver are needed: run scripts/install-browser-deps.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument("--window-size=1280,900")
    driver: WebDriver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    return driver


def js(driver: WebDriver, script: str, *args: Any) -> Any:
    """Run ``script`` in the page and return its result."""
    return driver.execute_script(script, *args)


def cdp(driver: WebDriver, command: str, params: dict[str, Any]) -> dict[str, Any]:
    """One Chrome DevTools Protocol command."""
    result: dict[str, Any] = driver.execute_cdp_cmd(command, params)
    return result


def set_viewport(driver: WebDriver, width: int, *, dark: bool) -> None:
    """Emulate a window ``width`` px wide (a phone below 600) and the system colour scheme."""
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
    cdp(driver, "Emulation.setDeviceMetricsOverride", metrics)
    scheme = {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}
    cdp(driver, "Emulation.setEmulatedMedia", {"features": [scheme]})


def load(driver: WebDriver, url: str) -> None:
    """Open ``url`` and wait until the page and its deferred scripts are done."""
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def screenshot(driver: WebDriver, path: Path) -> None:
    """A full-page PNG (capped at 12000 px high)."""
    height = min(int(js(driver, "return document.documentElement.scrollHeight")), 12000)
    width = int(js(driver, "return window.innerWidth"))
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    params = {"format": "png", "captureBeyondViewport": True, "clip": clip}
    shot = cdp(driver, "Page.captureScreenshot", params)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


# Two measures: the page (the spec's ``scrollWidth <= innerWidth``), and every element of
# the catalog's own content, since a theme may clip or scroll its main column (furo does)
# and so hide an overflowing idea from the first. Content inside its own horizontal scroll
# box (a code block, a wide table) is fine: it scrolls instead of widening the page.
OVERFLOW_JS = """
const w = window.innerWidth;
const roots = document.querySelectorAll(
  '.ideas-project, .ideas-catalog, .ideas-skills-index, .ideas-mentors-index, .ideas-filter, ' +
  '.ideas-dashboard, ' +
  '.ideas-project-title, .ideas-idea-title, .ideas-meta, .ideas-index-entry');
function scrollsAlone(el, root) {
  for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
  }
  return false;
}
const wide = [];
for (const root of roots) {
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && !scrollsAlone(el, root)) {
      const cls = typeof el.className === 'string' ? el.className.trim() : '';
      wide.push(`${el.tagName.toLowerCase()}.${cls.split(/\\s+/).join('.')} right=${r.right}`);
      if (wide.length >= 8) break;
    }
  }
}
return {scroll: document.documentElement.scrollWidth, inner: w, wide: wide,
        roots: roots.length};
"""


def assert_no_overflow(driver: WebDriver, label: str) -> None:
    """Neither the page nor any of the catalog's content is wider than the window."""
    info = js(driver, OVERFLOW_JS)
    assert info["roots"] > 0, f"{label}: no catalog content on the page"
    assert info["scroll"] <= info["inner"], f"{label}: the page overflows the window: {info}"
    assert info["wide"] == [], f"{label}: content overflows the window: {info}"


def linked_pages(driver: WebDriver, site: Site) -> list[str]:
    """Pages of the generated folder the current page links to (fragments dropped)."""
    prefix = site.url(PAGES_DIR + "/")
    pages = {h.split("#")[0] for h in js(driver, LINKS_JS) if h.startswith(prefix)}
    return sorted(p for p in pages if p.endswith(".html"))


def pages_by_kind(driver: WebDriver, site: Site, start: str) -> dict[str, list[str]]:
    """From the catalog page ``start``: the catalog, project, skills and mentor pages."""
    load(driver, start)
    assert driver.find_elements(By.CSS_SELECTOR, ".ideas-catalog"), f"no catalog on {start}"
    kinds = {
        "project": ".ideas-project-title",
        "skills": "#ideas-skills-index",
        "mentors": "#ideas-mentors-index",
    }
    found: dict[str, list[str]] = {"catalog": [start], **{kind: [] for kind in kinds}}
    for url in linked_pages(driver, site):
        load(driver, url)
        for kind, selector in kinds.items():
            if driver.find_elements(By.CSS_SELECTOR, selector):
                found[kind].append(url)
    return found


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One browser for the module."""
    chrome = make_driver(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chrome
    finally:
        chrome.quit()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The project's own docs (with the live demo catalog), built and served."""
    # The same build as tests/test_docs.py's (whichever module runs first builds it).
    out = built_docs(tmp_path_factory, "html")
    with serve(out) as base:
        yield Site(base=base, root=out)


@pytest.fixture(scope="module")
def pages(demo_site: Site, driver: WebDriver, seed_path: Path) -> dict[str, list[str]]:
    """URLs of the demo's catalog page, project pages and two index pages."""
    set_viewport(driver, 1280, dark=False)
    found = pages_by_kind(driver, demo_site, demo_site.url("demo.html"))
    projects = load_catalog(seed_path).catalog.projects
    assert len(found["project"]) == len(projects), found["project"]
    assert len(found["skills"]) == 1
    assert len(found["mentors"]) == 1
    return found


# -- every link resolves --------------------------------------------------------------


class _Ids(html.parser.HTMLParser):
    """Every ``id`` (and legacy ``<a name>``) in an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (tag == "a" and key == "name")):
                self.ids.add(value)


@functools.cache
def fetch_ids(url: str) -> frozenset[str] | None:
    """The ids of the page at ``url`` (empty if not HTML), or None when it does not load."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body: bytes = response.read()
            kind = response.headers.get_content_type()
    except urllib.error.URLError:
        return None
    if kind != "text/html":
        return frozenset()
    parser = _Ids()
    parser.feed(body.decode("utf-8", "replace"))
    return frozenset(parser.ids)


def broken_links(hrefs: list[str], site: Site) -> list[str]:
    """Links among ``hrefs`` that do not resolve: missing pages or anchors, bad schemes."""
    broken = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        if parts.scheme == "mailto":
            continue
        if not href.startswith(site.base):
            # The outside world is not reached from tests; it must at least be a web link.
            if parts.scheme not in ("http", "https") or not parts.netloc:
                broken.append(f"{href} (not a web link)")
            continue
        ids = fetch_ids(urllib.parse.urlunsplit((*parts[:4], "")))
        if ids is None:
            broken.append(f"{href} (page does not load)")
        elif parts.fragment and urllib.parse.unquote(parts.fragment) not in ids:
            broken.append(f"{href} (no such anchor)")
    return broken


def test_every_link_resolves(
    pages: dict[str, list[str]], driver: WebDriver, demo_site: Site
) -> None:
    internal = 0
    for kind, urls in pages.items():
        for url in urls:
            load(driver, url)
            hrefs: list[str] = js(driver, LINKS_JS)
            assert broken_links(hrefs, demo_site) == [], f"broken links on the {kind} page {url}"
            internal += sum(h.startswith(demo_site.base) and "#" in h for h in hrefs)
    assert internal > 100  # the catalog's own cross-links were really checked


CHIPS_JS = """
const facts = '.ideas-overview-facts > ';
return {
  text: document.querySelectorAll(facts + 'span.ideas-skill, ' + facts + 'span.ideas-mentor')
    .length,
  links: [...document.querySelectorAll(facts + 'a.ideas-skill, ' + facts + 'a.ideas-mentor')]
    .map(a => a.href),
};
"""


def test_the_catalog_pages_chips_become_links_to_their_entries(
    pages: dict[str, list[str]], driver: WebDriver, demo_site: Site, seed_path: Path
) -> None:
    """The catalog page is written with its skills and mentors as text (issue 13's page
    budget); the script makes each a link, and each link lands on an entry."""
    load(driver, pages["catalog"][0])
    chips = js(driver, CHIPS_JS)
    assert chips["text"] == 0
    catalog = load_catalog(seed_path).catalog
    expected = sum(len(i.skills) + len(i.mentors) for _p, i in catalog.iter_ideas())
    assert len(chips["links"]) == expected
    assert broken_links(chips["links"], demo_site) == []


def test_link_check_catches_a_broken_link(demo_site: Site) -> None:
    """The checker itself: a missing page, a missing anchor and a javascript: link."""
    hrefs = [
        demo_site.url("ideas/no-such-project.html"),
        demo_site.url("demo.html#no-such-anchor"),
        "javascript:alert(1)",
        demo_site.url("demo.html"),
    ]
    assert len(broken_links(hrefs, demo_site)) == 3


# -- skill and mentor links land on their index entries -------------------------------


def entry_of(driver: WebDriver, target: WebElement) -> WebElement:
    """The index entry a link's target belongs to."""
    entry: WebElement | None = js(
        driver, "return arguments[0].closest('.ideas-index-entry')", target
    )
    assert entry is not None, "the link's target is not (inside) an index entry"
    return entry


def wait_for_url(driver: WebDriver, url: str) -> None:
    """Wait until the browser has loaded ``url`` (after a click)."""
    WebDriverWait(driver, 30).until(
        lambda d: bool(
            d.current_url == url and d.execute_script("return document.readyState") == "complete"
        )
    )


IN_VIEW_JS = """
const r = arguments[0].getBoundingClientRect();
return r.top >= 0 && r.top < window.innerHeight;
"""


def in_view(driver: WebDriver, element: WebElement) -> bool:
    """Whether the top of ``element`` is (or within a few seconds comes) into the window."""
    try:
        WebDriverWait(driver, 5).until(lambda d: bool(d.execute_script(IN_VIEW_JS, element)))
    except TimeoutException:
        return False
    return True


def words(text: str) -> str:
    """``text`` case-folded, with every run of non-word characters one space."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def first_idea_with(driver: WebDriver, selector: str) -> tuple[WebElement, WebElement]:
    """The first idea on the page having an element matching ``selector``, and the element."""
    for idea in driver.find_elements(By.CSS_SELECTOR, "section.ideas-idea"):
        found = idea.find_elements(By.CSS_SELECTOR, selector)
        if found:
            return idea, found[0]
    raise AssertionError(f"no idea with {selector} on {driver.current_url}")


@pytest.mark.parametrize(
    ("selector", "index"), [("a.ideas-skill", "skills"), ("a.ideas-mentor", "mentors")]
)
def test_clicking_lands_on_the_index_entry(
    pages: dict[str, list[str]], driver: WebDriver, selector: str, index: str
) -> None:
    set_viewport(driver, 1280, dark=False)
    for project_url in pages["project"][:5]:
        load(driver, project_url)
        idea, link = first_idea_with(driver, selector)
        idea_id = str(idea.get_attribute("id"))
        href = str(link.get_attribute("href"))
        # The link's title names the object: the canonical skill ("Go" for "Golang"), the
        # mentor's name or handle. Compared as words, whatever the separators.
        name = words(str(link.get_attribute("title")))
        assert name
        link.click()
        wait_for_url(driver, href)
        assert driver.current_url.split("#")[0] == pages[index][0]
        target = driver.find_element(By.ID, urllib.parse.unquote(href.split("#", 1)[1]))
        entry = entry_of(driver, target)
        # The reader sees the entry (the browser scrolled to it)...
        assert in_view(driver, entry), "the entry is not scrolled into view"
        # ...it is the entry of what was clicked...
        heading = entry.find_element(By.CSS_SELECTOR, ".ideas-index-heading").text
        assert f" {name} " in f" {words(heading)} ", (name, heading)
        # ...and lists the idea we came from, linking back to it.
        back = [str(a.get_attribute("href")) for a in entry.find_elements(By.TAG_NAME, "a")]
        assert f"{project_url}#{idea_id}" in back


# -- the filter -----------------------------------------------------------------------


VISIBLE_JS = """
return [...document.querySelectorAll('section.ideas-idea')]
  .filter(s => s.offsetParent !== null).map(s => s.id);
"""
IDEAS_JS = """
return [...document.querySelectorAll('section.ideas-idea')].map(s => ({
  id: s.id,
  text: s.textContent.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(),
  skills: [...s.querySelectorAll('a.ideas-skill')]
    .map(a => a.getAttribute('href').split('#').pop()),
}));
"""


def type_filter(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.CSS_SELECTOR, ".ideas-filter input[type=search]")
    box.clear()
    box.send_keys(text)


def clear_filter(driver: WebDriver) -> None:
    driver.find_element(By.CSS_SELECTOR, ".ideas-filter-clear").click()


def status(driver: WebDriver) -> str:
    element = driver.find_element(By.CSS_SELECTOR, ".ideas-filter [role=status]")
    text: str = element.text
    return text


def starts_words(text: str, query: str) -> bool:
    """The filter's rule: each word of ``query`` starts a word of ``text`` ("go" matches
    "Go" and "Google", not "algorithm")."""
    return all(re.search(r"(?<![^\W_])" + re.escape(word), text) for word in query.lower().split())


def distinctive_word(ideas: list[dict[str, Any]]) -> str:
    """A word of 6+ letters that occurs in exactly one idea's text."""
    for idea in ideas:
        for word in re.findall(r"[a-z]{6,}", str(idea["text"])):
            if sum(word in other["text"] for other in ideas) == 1:
                return str(word)
    raise AssertionError("no distinctive word in the ideas")


def idea_count(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
    # one heading per idea, in every theme (some drop the section around it)
    return body.decode("utf-8").count('class="ideas-idea-title')


def test_filter_narrows_and_clears(pages: dict[str, list[str]], driver: WebDriver) -> None:
    set_viewport(driver, 1280, dark=False)
    load(driver, max(pages["project"], key=idea_count))
    ideas: list[dict[str, Any]] = js(driver, IDEAS_JS)
    everyone = [i["id"] for i in ideas]
    assert len(everyone) >= 3, "the filter test needs a project with several ideas"
    assert js(driver, VISIBLE_JS) == everyone

    # Words: a word found in one idea only (typed in capitals) shows exactly that idea.
    word = distinctive_word(ideas)
    type_filter(driver, word.upper())
    assert js(driver, VISIBLE_JS) == [i["id"] for i in ideas if starts_words(i["text"], word)]
    assert status(driver).startswith("1 of")
    type_filter(driver, "zzqxjv")
    assert js(driver, VISIBLE_JS) == []
    assert "No idea matches" in status(driver)
    clear_filter(driver)
    assert js(driver, VISIBLE_JS) == everyone
    assert driver.find_element(By.CSS_SELECTOR, ".ideas-filter input").get_attribute("value") == ""

    # Skills: each chip keeps exactly the ideas that ask for its skill; a second chip narrows
    # further; pressing a chip again releases it.
    chips = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-skills .ideas-filter-chip")
    assert chips
    for chip in chips:
        skill = str(chip.get_attribute("data-skill"))
        # A chip is named like the skill's index entry ("Go", however the ideas spell it).
        link = driver.find_element(By.CSS_SELECTOR, f'a.ideas-skill[href$="#{skill}"]')
        assert chip.text.rsplit(" (", 1)[0] == link.get_attribute("title")
        chip.click()
        assert chip.get_attribute("aria-pressed") == "true"
        expected = [i["id"] for i in ideas if skill in i["skills"]]
        assert expected
        assert js(driver, VISIBLE_JS) == expected
        chip.click()
        assert js(driver, VISIBLE_JS) == everyone
    if len(chips) >= 2:
        # Once a chip is pressed, every other chip counts the ideas it would leave, and
        # one that would leave none cannot be pressed.
        first = chips[0]
        first.click()
        chosen = str(first.get_attribute("data-skill"))
        for chip in chips[1:]:
            skill = str(chip.get_attribute("data-skill"))
            left = [i for i in ideas if {chosen, skill} <= set(i["skills"])]
            assert chip.text.endswith(f"({len(left)})"), (chip.text, len(left))
            assert chip.is_enabled() == bool(left)
        second = next((c for c in chips[1:] if c.is_enabled()), None)
        if second is not None:
            second.click()
            both = {chosen, str(second.get_attribute("data-skill"))}
            expected = [i["id"] for i in ideas if both <= set(i["skills"])]
            assert js(driver, VISIBLE_JS) == expected
        clear_filter(driver)
        assert js(driver, VISIBLE_JS) == everyone
        assert all(c.get_attribute("aria-pressed") == "false" for c in chips)

    # Mentors: a mentor's name, or their @handle, narrows to their ideas.
    for selector in ("a.ideas-mentor", "a.ideas-github"):
        person = driver.find_elements(By.CSS_SELECTOR, f"section.ideas-idea {selector}")[-1]
        name = person.text.strip()
        type_filter(driver, name)
        key = name.lower().lstrip("@")
        expected = [i["id"] for i in ideas if starts_words(i["text"], key)]
        assert expected
        assert js(driver, VISIBLE_JS) == expected
        clear_filter(driver)
    assert js(driver, VISIBLE_JS) == everyone


SHOWN_PROJECTS_JS = """
return [...document.querySelectorAll('section.ideas-project')]
  .filter(s => s.offsetParent !== null).map(s => s.id);
"""


def test_filter_on_an_inline_catalog(tmp_path: Path, seed_path: Path, driver: WebDriver) -> None:
    """With ``:no-pages:`` every project is a section of one page: the filter hides the
    projects none of whose ideas match, and shows them all again when cleared."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "docs" / "_examples" / "options", src)
    shutil.copyfile(seed_path, src / "ideas.md")
    out = build_site(src, tmp_path / "out")
    with serve(out) as base:
        set_viewport(driver, 1280, dark=False)
        load(driver, base + "index.html")
        projects = js(driver, SHOWN_PROJECTS_JS)
        everyone = js(driver, VISIBLE_JS)
        assert len(projects) >= 2
        ideas: list[dict[str, Any]] = js(driver, IDEAS_JS)
        word = distinctive_word(ideas)
        type_filter(driver, word)
        shown = js(driver, VISIBLE_JS)
        assert shown == [i["id"] for i in ideas if word in i["text"]]
        owners = js(driver, SHOWN_PROJECTS_JS)
        assert len(owners) == 1
        assert all(driver.find_element(By.ID, owners[0]).find_elements(By.ID, i) for i in shown)
        clear_filter(driver)
        assert js(driver, SHOWN_PROJECTS_JS) == projects
        assert js(driver, VISIBLE_JS) == everyone


OVERVIEW_JS = """
return [...document.querySelectorAll('ul.ideas-overview > li')].map(p => ({
  project: p.querySelector('p').textContent.trim(),
  ideas: [...p.querySelectorAll(':scope > ul > li')].map(i => i.textContent.trim()),
}));
"""
VISIBLE_OVERVIEW_JS = """
return [...document.querySelectorAll('ul.ideas-overview > li > ul > li')]
  .filter(i => i.offsetParent !== null).map(i => i.textContent.trim());
"""


def test_filter_on_the_catalog_overview(
    pages: dict[str, list[str]], driver: WebDriver, seed_path: Path
) -> None:
    set_viewport(driver, 1280, dark=False)
    load(driver, pages["catalog"][0])
    projects: list[dict[str, Any]] = js(driver, OVERVIEW_JS)
    everyone = [title for p in projects for title in p["ideas"]]
    assert js(driver, VISIBLE_OVERVIEW_JS) == everyone
    # A project's name keeps exactly its ideas (and hides every other project).
    several = next(p for p in projects if len(p["ideas"]) >= 2)
    type_filter(driver, several["project"])
    expected = [
        t
        for p in projects
        for t in p["ideas"]
        if starts_words((p["project"] + " " + t).lower(), several["project"])
    ]
    assert js(driver, VISIBLE_OVERVIEW_JS) == expected
    shown_projects = js(
        driver,
        "return [...document.querySelectorAll('ul.ideas-overview > li')]"
        ".filter(p => p.offsetParent !== null).length",
    )
    assert shown_projects == len(
        {p["project"] for p in projects if any(t in expected for t in p["ideas"])}
    )
    # A skill finds the ideas that need it, a mentor's name the ideas they mentor (both
    # shown on each idea's line): every idea of the sample with a Rust skill stays.
    seed = load_catalog(seed_path).catalog
    rusty = [i.title for _p, i in seed.iter_ideas() if "Rust" in {s.name for s in i.skills}]
    assert rusty
    type_filter(driver, "rust")
    visible = js(driver, VISIBLE_OVERVIEW_JS)
    assert all(any(v.startswith(title) for v in visible) for title in rusty), (rusty, visible)
    # A word of one title keeps the titles holding it.
    word = distinctive_word([{"text": t.lower()} for t in everyone])
    type_filter(driver, word)
    assert js(driver, VISIBLE_OVERVIEW_JS) == [t for t in everyone if starts_words(t.lower(), word)]
    # Words match at their start: "go" keeps Go and Google, not a line whose only "go" is
    # inside a word (the sample has such lines: "algorithm", "Argo", "MongoDB"...)
    type_filter(driver, "go")
    lines = {t: (p["project"] + " " + t).lower() for p in projects for t in p["ideas"]}
    inside_only = [t for t, text in lines.items() if "go" in text and not starts_words(text, "go")]
    assert inside_only
    assert js(driver, VISIBLE_OVERVIEW_JS) == [t for t in everyone if starts_words(lines[t], "go")]
    clear_filter(driver)
    assert js(driver, VISIBLE_OVERVIEW_JS) == everyone


# Each idea line of the overview: its link (the idea's page and anchor), its skills (the
# skills-index anchors its chips link to) and whether it is shown.
OVERVIEW_LINES_JS = """
return [...document.querySelectorAll('ul.ideas-overview > li > ul > li')].map(i => ({
  href: i.querySelector('a').getAttribute('href'),
  skills: [...i.querySelectorAll('a.ideas-skill')]
    .map(a => a.getAttribute('href').split('#').pop()),
  shown: i.offsetParent !== null,
  text: i.textContent.toLowerCase(),
  project: i.parentElement.closest('li').querySelector('a').getAttribute('href').split('#').pop(),
  mentors: [...i.querySelectorAll('a.ideas-mentor')]
    .map(a => a.getAttribute('href').split('#').pop()),
}));
"""
SHOWN_CHIPS_JS = """
return [...document.querySelectorAll('.ideas-filter-skills .ideas-filter-chip')]
  .filter(c => c.offsetParent !== null).map(c => c.getAttribute('data-skill'));
"""


def shown_lines(driver: WebDriver) -> list[str]:
    return [line["href"] for line in js(driver, OVERVIEW_LINES_JS) if line["shown"]]


def test_overview_chips_narrow_and_the_state_is_in_the_address(
    pages: dict[str, list[str]], driver: WebDriver
) -> None:
    """The catalog page's chips: the most common skills first, the rest behind "more";
    a pressed chip keeps the ideas with that skill and goes into the query string, so a
    reload shows the same view and Back the one before."""
    set_viewport(driver, 1280, dark=False)
    start = pages["catalog"][0]
    load(driver, start)
    lines: list[dict[str, Any]] = js(driver, OVERVIEW_LINES_JS)
    everyone = [line["href"] for line in lines]
    counts = collections.Counter(skill for line in lines for skill in set(line["skills"]))
    chips = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-skills .ideas-filter-chip")
    assert {c.get_attribute("data-skill") for c in chips} == set(counts)
    # the most common first; past twelve, only after "more"
    shown = js(driver, SHOWN_CHIPS_JS)
    assert len(shown) == min(12, len(counts))
    assert sorted(counts[k] for k in shown) == sorted(counts.values())[-len(shown) :]
    if len(counts) > 12:
        more = driver.find_element(By.CSS_SELECTOR, ".ideas-filter-more")
        assert str(len(counts) - 12) in more.text
        more.click()
        assert len(js(driver, SHOWN_CHIPS_JS)) == len(counts)
        more.click()
        assert len(js(driver, SHOWN_CHIPS_JS)) == 12
    # press the most common skill's chip
    top = counts.most_common(1)[0][0]
    driver.find_element(By.CSS_SELECTOR, f'.ideas-filter-chip[data-skill="{top}"]').click()
    expected = [line["href"] for line in lines if top in line["skills"]]
    assert shown_lines(driver) == expected
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert query == {"ideas-skill": [top.removeprefix("ideas-skill-")]}  # the skill's slug
    # a link to this view shows it
    load(driver, driver.current_url)
    assert shown_lines(driver) == expected
    chip = driver.find_element(By.CSS_SELECTOR, f'.ideas-filter-chip[data-skill="{top}"]')
    assert chip.get_attribute("aria-pressed") == "true"
    # Back returns to the unfiltered list
    driver.back()
    WebDriverWait(driver, 5).until(lambda d: shown_lines(d) == everyone)
    assert "ideas-skill" not in driver.current_url
    # typed words go into the address too, and come back with it
    type_filter(driver, "rust")
    assert urllib.parse.urlsplit(driver.current_url).query == "ideas=rust"
    filtered = shown_lines(driver)
    load(driver, driver.current_url)
    assert shown_lines(driver) == filtered
    clear_filter(driver)
    assert shown_lines(driver) == everyone


def _chip(driver: WebDriver, kind: str, key: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f'.ideas-filter-chip[data-{kind}="{key}"]')


def _open_more(driver: WebDriver, kind: str) -> None:
    more = driver.find_elements(By.CSS_SELECTOR, f".ideas-filter-{kind}s .ideas-filter-more")
    if more and more[0].get_attribute("aria-expanded") == "false":
        more[0].click()


def test_project_and_mentor_chips_combine_with_skills(
    pages: dict[str, list[str]], driver: WebDriver
) -> None:
    """The catalog page's project chips keep the ideas of any pressed project, mentor
    chips those of every pressed mentor; rows combine with the skills and the words, each
    chip counts what it would leave, and the state is in the address."""
    set_viewport(driver, 1280, dark=False)
    load(driver, pages["catalog"][0])
    lines: list[dict[str, Any]] = js(driver, OVERVIEW_LINES_JS)
    everyone = [line["href"] for line in lines]
    projects = collections.Counter(line["project"] for line in lines)
    mentors = collections.Counter(m for line in lines for m in set(line["mentors"]))
    chips = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-projects .ideas-filter-chip")
    assert {c.get_attribute("data-project") for c in chips} == set(projects)
    chips = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-mentors .ideas-filter-chip")
    assert {c.get_attribute("data-mentor") for c in chips} == set(mentors)
    # two projects: the ideas of either
    first, second = (key for key, _count in projects.most_common(2))
    _open_more(driver, "project")
    _chip(driver, "project", first).click()
    assert shown_lines(driver) == [line["href"] for line in lines if line["project"] == first]
    # the other project's chip still counts its own ideas (pressing it adds them)
    assert f"({projects[second]})" in _chip(driver, "project", second).text
    _chip(driver, "project", second).click()
    both = [line["href"] for line in lines if line["project"] in (first, second)]
    assert shown_lines(driver) == both
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert sorted(query["ideas-project"]) == sorted(
        key.removeprefix("ideas-project-") for key in (first, second)
    )
    # and a skill of theirs: both rows hold
    skills = collections.Counter(
        skill for line in lines if line["href"] in both for skill in set(line["skills"])
    )
    skill = skills.most_common(1)[0][0]
    _open_more(driver, "skill")
    _chip(driver, "skill", skill).click()
    kept = [line["href"] for line in lines if line["href"] in both and skill in line["skills"]]
    assert shown_lines(driver) == kept
    load(driver, driver.current_url)  # a link to this view shows it
    assert shown_lines(driver) == kept
    clear_filter(driver)
    assert shown_lines(driver) == everyone
    # a mentor: the ideas they mentor, and their chip counts them
    mentor, count = mentors.most_common(1)[0]
    _open_more(driver, "mentor")
    assert f"({count})" in _chip(driver, "mentor", mentor).text
    _chip(driver, "mentor", mentor).click()
    assert shown_lines(driver) == [line["href"] for line in lines if mentor in line["mentors"]]
    assert "ideas-mentor=" in driver.current_url
    clear_filter(driver)


SIZED_IDEAS = """# Ideas

## Alpha

### Parser

- Description: d
- Skills: Go
- Mentors: @ann-ex
- Difficulty: Medium
- Expected size: 175 hours

### Printer

- Description: d
- Skills: Go
- Mentors: @ann-ex
- Difficulty: Easy
- Expected size: 90 hours

## Beta

### Planner

- Description: d
- Skills: Rust
- Mentors: @bo-ex
- Difficulty: medium
- Expected size: 350 hours

### Tracer

- Description: d
- Skills: Rust
- Mentors: @bo-ex
- Expected size: Medium (175h)

### Docs

- Description: d
- Skills: Sphinx
- Mentors: @bo-ex
"""

# Each idea line's title with the difficulty and size the line shows.
FACTS_JS = """
return [...document.querySelectorAll('ul.ideas-overview > li > ul > li')].map(i => ({
  title: i.querySelector('a').textContent.trim(),
  difficulty: (i.querySelector('.ideas-fact-difficulty') || {}).textContent || '',
  size: (i.querySelector('.ideas-fact-project-size') || {}).textContent || '',
  shown: i.offsetParent !== null,
}));
"""


def test_difficulty_and_size_chips(tmp_path: Path, driver: WebDriver) -> None:
    """Rows of difficulty and size chips from the values the lines show ("Medium" and
    "medium" are one chip): any pressed value of a row keeps its ideas; an idea without
    a value is kept only while its row has nothing pressed."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = ['sphinxcontrib_ideas']\n", encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n.. ideas-catalog:: ideas.md\n")
    (src / "ideas.md").write_text(SIZED_IDEAS, encoding="utf-8")
    out = build_site(src, tmp_path / "out")
    with serve(out) as base:
        set_viewport(driver, 1280, dark=False)
        load(driver, base + "index.html")
        lines: list[dict[str, Any]] = js(driver, FACTS_JS)
        chips = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-difficulty .ideas-filter-chip")
        assert sorted(str(c.get_attribute("data-difficulty")) for c in chips) == ["easy", "medium"]
        medium = _chip(driver, "difficulty", "medium")
        assert "(2)" in medium.text
        medium.click()
        shown = [line["title"] for line in js(driver, FACTS_JS) if line["shown"]]
        assert shown == [ln["title"] for ln in lines if ln["difficulty"].lower() == "medium"]
        _chip(driver, "difficulty", "easy").click()
        shown = [line["title"] for line in js(driver, FACTS_JS) if line["shown"]]
        assert shown == [ln["title"] for ln in lines if ln["difficulty"]]
        assert "ideas-difficulty=medium" in driver.current_url
        # and a size: both rows hold
        _chip(driver, "size", "350h").click()
        shown = [line["title"] for line in js(driver, FACTS_JS) if line["shown"]]
        assert shown == ["Planner"]
        clear_filter(driver)
        # "175 hours" and "Medium (175h)" are one size, "90 hours" another
        sizes = driver.find_elements(By.CSS_SELECTOR, ".ideas-filter-size .ideas-filter-chip")
        assert sorted(str(c.get_attribute("data-size")) for c in sizes) == ["175h", "350h", "90h"]
        _chip(driver, "size", "175h").click()
        shown = [line["title"] for line in js(driver, FACTS_JS) if line["shown"]]
        assert shown == [ln["title"] for ln in lines if "175" in ln["size"]]
        assert shown == ["Parser", "Tracer"]
        assert "ideas-size=175h" in driver.current_url
        clear_filter(driver)
        assert all(line["shown"] for line in js(driver, FACTS_JS))


def test_an_alias_finds_its_skill(pages: dict[str, list[str]], driver: WebDriver) -> None:
    """Typing "golang" keeps every idea with the skill Go, however the idea spells it."""
    aliases = skill_aliases_of("Go")
    assert "golang" in aliases
    set_viewport(driver, 1280, dark=False)
    for url in (pages["catalog"][0], max(pages["project"], key=idea_count)):
        load(driver, url)
        if url == pages["catalog"][0]:
            lines: list[dict[str, Any]] = js(driver, OVERVIEW_LINES_JS)
            with_go = [
                line["href"]
                for line in lines
                if "ideas-skill-go" in line["skills"] or starts_words(line["text"], "golang")
            ]
            assert any("golang" not in line["text"] for line in lines if line["href"] in with_go)
            type_filter(driver, "golang")
            assert shown_lines(driver) == with_go
        else:
            ideas: list[dict[str, Any]] = js(driver, IDEAS_JS)
            expected = [
                i["id"]
                for i in ideas
                if "ideas-skill-go" in i["skills"] or starts_words(i["text"], "golang")
            ]
            type_filter(driver, "golang")
            assert js(driver, VISIBLE_JS) == expected
        clear_filter(driver)


def test_the_filter_speaks_the_build_language(
    tmp_path: Path, seed_path: Path, driver: WebDriver
) -> None:
    """``language = "de"``: the filter's label, button, placeholder and counts in German,
    from the extension's message catalog."""
    srcdir = tmp_path / "src"
    write_theme_site(srcdir, seed_path, "alabaster")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("language = 'de'\n")
    out = build_site(srcdir, tmp_path / "out")
    locale = Path(sphinxcontrib_ideas.__file__).parent / "locale"
    german = gettext.translation("sphinxcontrib_ideas", locale, ["de"])
    label, clear, many, skills, projects, mentors = (
        german.gettext(m)
        for m in ("Filter ideas", "Clear", "{n} ideas", "Skills", "Projects", "Mentors")
    )
    assert label != "Filter ideas"  # the catalog has the translation
    assert projects != "Projects"
    total = load_catalog(seed_path).catalog.idea_count
    with serve(out) as base:
        set_viewport(driver, 1280, dark=False)
        load(driver, base + "index.html")
        box = driver.find_element(By.CSS_SELECTOR, ".ideas-filter")
        assert box.find_element(By.TAG_NAME, "label").text == label
        assert box.find_element(By.CSS_SELECTOR, ".ideas-filter-clear").text == clear
        assert status(driver) == many.replace("{n}", str(total))
        facets = box.find_elements(By.CSS_SELECTOR, ".ideas-filter-facet")
        assert [facet.text for facet in facets] == [skills, projects, mentors]


def test_no_controls_without_javascript(pages: dict[str, list[str]]) -> None:
    """The HTML as served (what a reader without JavaScript, or a crawler, gets): every
    idea is there and no filter control is."""
    for url in pages["project"]:
        with urllib.request.urlopen(url, timeout=30) as response:
            body: str = response.read().decode("utf-8")
        assert 'class="ideas-idea' in body
        assert "ideas-filter" not in body
        assert "<input" not in body.split('class="ideas-project', 1)[1].split("</section>")[0]
    catalog = fetch_body(pages["catalog"][0]).decode("utf-8")
    assert 'class="ideas-overview' in catalog
    assert "ideas-filter" not in catalog


def test_no_controls_with_javascript_off(
    pages: dict[str, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A browser with JavaScript disabled shows every idea and no filter."""
    chrome = make_driver(tmp_path_factory.mktemp("chromium-nojs"))
    try:
        cdp(chrome, "Emulation.setScriptExecutionDisabled", {"value": True})
        url = pages["project"][0]
        chrome.get(url)
        sections = chrome.find_elements(By.CSS_SELECTOR, "section.ideas-idea")
        assert len(sections) == idea_count(url)
        assert all(s.is_displayed() for s in sections)
        assert chrome.find_elements(By.CSS_SELECTOR, ".ideas-filter") == []
    finally:
        chrome.quit()


# -- themes: fit at 1280 px and 390 px, light and dark --------------------------------


@pytest.fixture(scope="module")
def themed(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path, driver: WebDriver
) -> Iterator[dict[str, tuple[str, str, str]]]:
    """Theme -> (a project page URL, the mentor index URL, the catalog page URL), each
    theme built and served."""
    found: dict[str, tuple[str, str, str]] = {}
    sites: dict[str, tuple[Path, Path]] = {}
    for theme in THEMES:
        base = tmp_path_factory.mktemp(f"theme-{theme}")
        write_theme_site(base / "src", seed_path, theme)
        sites[theme] = (base / "src", base / "out")
    built = build_sites(sites)
    with contextlib.ExitStack() as stack:
        for theme, out in built.items():
            site = Site(base=stack.enter_context(serve(out)), root=out)
            set_viewport(driver, 1280, dark=False)
            kinds = pages_by_kind(driver, site, site.url("index.html"))
            # The project page with the longest unbreakable text (a long URL as a link's
            # text): the hardest to fit on a phone.
            project = max(kinds["project"], key=lambda u: longest_word(fetch_body(u)))
            found[theme] = (project, kinds["mentors"][0], kinds["catalog"][0])
        yield found


def fetch_body(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
    return body


def longest_word(body: bytes) -> int:
    """Length of the longest run of non-space text in an HTML page's body."""
    text = re.sub(rb"<[^>]+>", b" ", body.split(b"<body", 1)[-1])
    return max((len(w) for w in text.split()), default=0)


BACKGROUND_JS = """
for (let el = document.body; el; el = el.parentElement) {
  const c = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).map(Number);
  if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
}
return [255, 255, 255];
"""


def is_dark(driver: WebDriver) -> bool:
    """Whether the page's background is dark."""
    rgb: list[float] = js(driver, BACKGROUND_JS)
    return sum(rgb) / 3 < 128


#: Themes whose catalog page is fitted and screenshotted too.
CATALOG_THEMES = ("alabaster", "furo")

THEME_CASES = [
    (theme, mode, width) for theme, modes in THEMES.items() for mode in modes for width in WIDTHS
]


@pytest.mark.parametrize(("theme", "mode", "width"), THEME_CASES)
def test_pages_fit_the_window(
    themed: dict[str, tuple[str, str, str]], driver: WebDriver, theme: str, mode: str, width: int
) -> None:
    set_viewport(driver, width, dark=mode == "dark")
    project, mentors, catalog = themed[theme]
    pages = [("project", project), ("mentors", mentors)]
    # the catalog page (the longest: full-page screenshots cost) and the dashboard in the
    # two reference themes; the project pages hold the same filter and chips in every theme
    if theme in CATALOG_THEMES:
        pages.append(("catalog", catalog))
        pages.append(("dashboard", mentors.replace("/mentors.html", "/dashboard.html")))
    for name, url in pages:
        load(driver, url)
        # a theme may keep the colour scheme it last showed (sphinx-immaterial): start afresh
        js(driver, "localStorage.clear()")
        load(driver, url)
        label = f"{theme}-{mode}-{width}-{name}"
        screenshot(driver, ARTIFACTS / f"{label}.png")
        assert js(driver, "return window.innerWidth") == width
        assert is_dark(driver) == (mode == "dark"), f"{label}: the theme is not in {mode} mode"
        assert_no_overflow(driver, label)
        if name == "project":
            assert_legible(driver, label)
        if name == "dashboard":
            assert_charts_legible(driver, label)


# Each idea heading's id (on the heading where a theme flattens sections, else on its
# section), and whether it is shown; then how many ideas' field lists are shown.
THEMED_IDEAS_JS = """
const heads = [...document.querySelectorAll('.ideas-idea-title')];
return {
  ideas: heads.map(h => ({id: h.id || h.parentElement.id, shown: h.offsetParent !== null})),
  metas: [...document.querySelectorAll('.ideas-meta')].filter(m => m.offsetParent !== null).length,
  title: document.querySelector('.ideas-project-title').offsetParent !== null,
};
"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_filter_works_in_every_theme(
    themed: dict[str, tuple[str, str, str]], driver: WebDriver, theme: str
) -> None:
    """The filter finds and hides whole ideas (heading, description and fields) in every
    theme, also where the theme writes sections as bare headings (sphinx-immaterial)."""
    set_viewport(driver, 1280, dark=False)
    # What each idea's text is, read where sections are kept (every theme renders the
    # same source, so the same page has the same ideas).
    page = themed[theme][0]
    load(driver, same_page(page, on=themed["alabaster"][0]))
    ideas: list[dict[str, Any]] = js(driver, IDEAS_JS)
    word = distinctive_word(ideas)
    expected = {i["id"] for i in ideas if starts_words(i["text"], word)}
    load(driver, page)
    before = js(driver, THEMED_IDEAS_JS)
    assert {i["id"] for i in before["ideas"]} == {i["id"] for i in ideas}
    assert all(i["shown"] for i in before["ideas"])
    assert before["metas"] == len(ideas)
    type_filter(driver, word)
    after = js(driver, THEMED_IDEAS_JS)
    assert {i["id"] for i in after["ideas"] if i["shown"]} == expected, theme
    assert after["metas"] == len(expected), f"{theme}: a hidden idea's fields still show"
    assert after["title"], f"{theme}: the project's title was hidden"
    clear_filter(driver)
    again = js(driver, THEMED_IDEAS_JS)
    assert all(i["shown"] for i in again["ideas"])
    assert again["metas"] == len(ideas)


def same_page(url: str, *, on: str) -> str:
    """The page at ``url``'s path on the server of the URL ``on``."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(on)._replace(path=parts.path))


# WCAG contrast of an element's text against what is behind it (the first ancestor with a
# mostly opaque background; the stylesheet's light tints are ignored, as they barely move it).
CONTRAST_JS = """
// "rgb(r, g, b)", "rgba(r, g, b, a)" (0-255) or "color(srgb r g b / a)" (0-1, what a
// color-mix() computes to) as [r, g, b, a] with r, g, b in 0-255
function rgba(c) {
  const v = c.match(/[\\d.]+/g).map(Number);
  const [r, g, b, a = 1] = v;
  const scale = c.startsWith('color(') ? 255 : 1;
  return [r * scale, g * scale, b * scale, a];
}
function lum(c) {
  const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function behind(el) {
  for (; el; el = el.parentElement) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c[3] >= 0.5) return c;
  }
  return [255, 255, 255, 1];
}
const el = arguments[0], property = arguments[1] || 'color';
// translucent text (a muted colour) is seen blended over its background
const bg = behind(el), fg = rgba(getComputedStyle(el)[property]);
const seen = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
const a = lum(seen), b = lum(bg);
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"""


def contrast(driver: WebDriver, element: WebElement, property: str = "color") -> float:
    """The contrast ratio of ``element``'s text (or, for SVG shapes, of the colour named by
    ``property``, such as ``fill``) against its background (1 to 21)."""
    ratio: float = js(driver, CONTRAST_JS, element, property)
    return ratio


def assert_charts_legible(driver: WebDriver, label: str) -> None:
    """The dashboard's charts: every chart fits its column, its bars stand out from the
    background (WCAG 1.4.11, 3:1) and its names and counts read as text (1.4.3, 4.5:1)."""
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.ideas-chart")
    assert len(charts) >= 4, label
    column = js(driver, "return arguments[0].parentElement.clientWidth", charts[0])
    for chart in charts:
        assert chart.size["width"] <= column + 1, f"{label}: a chart is wider than its column"
    bar = driver.find_element(By.CSS_SELECTOR, "svg.ideas-chart .ideas-chart-bar")
    ratio = contrast(driver, bar, "fill")
    assert ratio >= 3, f"{label}: a bar has contrast {ratio:.2f}"
    for selector in ("svg.ideas-chart .ideas-chart-name", "svg.ideas-chart .ideas-chart-count"):
        ratio = contrast(driver, driver.find_element(By.CSS_SELECTOR, selector), "fill")
        assert ratio >= 4.5, f"{label}: {selector} has contrast {ratio:.2f}"


def assert_legible(driver: WebDriver, label: str) -> None:
    """The filter is shown, and the catalog's own text, links and chips (also a pressed
    one) can be read against the theme's background, light or dark."""
    assert driver.find_element(By.CSS_SELECTOR, ".ideas-filter").is_displayed()
    selectors = (
        ".ideas-filter label",
        ".ideas-filter-status",
        ".ideas-filter-chip",
        ".ideas-meta a.ideas-skill",
        ".ideas-meta a.ideas-mentor",
        ".ideas-meta dt",
    )
    for selector in selectors:
        element = driver.find_element(By.CSS_SELECTOR, selector)
        ratio = contrast(driver, element)
        assert ratio >= 3, f"{label}: {selector} has contrast {ratio:.2f}"
    chip = driver.find_element(By.CSS_SELECTOR, ".ideas-filter-chip")
    chip.click()
    ratio = contrast(driver, chip)
    chip.click()
    assert ratio >= 3, f"{label}: a pressed chip has contrast {ratio:.2f}"


def test_overflow_check_catches_a_wide_page(pages: dict[str, list[str]], driver: WebDriver) -> None:
    """The overflow check itself: an element wider than a phone's window is caught."""
    set_viewport(driver, 390, dark=False)
    load(driver, pages["project"][0])
    assert_no_overflow(driver, "as built")
    js(driver, "document.querySelector('.ideas-idea p').style.width = '900px'")
    with pytest.raises(AssertionError, match="overflows"):
        assert_no_overflow(driver, "widened")


# -- search ---------------------------------------------------------------------------


SEARCH_RESULTS_JS = """
return [...document.querySelectorAll('#search-results ul.search li.kind-object')]
  .map(li => ({href: li.querySelector('a').href, text: li.querySelector('a').textContent,
               about: li.textContent}));
"""


@pytest.mark.parametrize(
    ("query", "objtype", "shown"),
    [
        ("andy", "mentor", "Andy Lok"),  # a mentor's result shows the name, not the handle
        ("rust", "skill", "Rust"),
        ("tikv", "project", "TiKV"),
        ("coprocessor", "idea", "Coprocessor plugin"),
    ],
)
def test_search_results_land_on_their_entry(
    demo_site: Site, driver: WebDriver, query: str, objtype: str, shown: str
) -> None:
    """Sphinx's search script rebuilds a shortened anchor from the display name; every
    ``ideas`` object's result must open its page at the entry itself."""
    set_viewport(driver, 1280, dark=False)
    load(driver, demo_site.url(f"search.html?q={query}"))
    WebDriverWait(driver, 30).until(lambda d: bool(d.execute_script(SEARCH_RESULTS_JS)))
    results = [r for r in js(driver, SEARCH_RESULTS_JS) if f"{objtype}," in r["about"]]
    assert [r["text"] for r in results if r["text"] == shown], results
    for result in results:
        href = result["href"]
        assert "#" in href, result
        load(driver, href)
        anchor = urllib.parse.unquote(href.split("#", 1)[1])
        targets = driver.find_elements(By.ID, anchor)
        assert targets, f"{result['text']}: no element #{anchor} on {href.split('#')[0]}"
        assert in_view(driver, targets[0]), f"{result['text']}: #{anchor} is not in view"


# -- ideas-table on a phone: rows as cards ------------------------------------------

# Each body cell of the first listing table: its column's name (data-label), whether it
# is laid out as a block (a card's line), and the table's column headings.
TABLE_JS = """
const table = document.querySelector('table.ideas-table');
const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
const rows = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => ({
  label: td.getAttribute('data-label'), display: getComputedStyle(td).display,
  before: getComputedStyle(td, '::before').content,
})));
return {heads: heads, rows: rows, headShown: table.querySelector('thead').offsetParent !== null};
"""


def test_a_listing_table_stacks_its_rows_on_a_phone(
    tmp_path: Path, driver: WebDriver, seed_path: Path
) -> None:
    """At 390 px each row of ``ideas-table`` is a card of "Column: value" lines (nothing
    off to the side, the page no wider than the window); at 1280 px it is a table."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = ['sphinxcontrib_ideas']\n", encoding="utf-8")
    shutil.copy(seed_path, src / "ideas.md")
    (src / "index.rst").write_text(
        "Home\n====\n\n.. ideas-catalog:: ideas.md\n\n.. toctree::\n\n   table\n", encoding="utf-8"
    )
    (src / "table.rst").write_text(
        "Go ideas\n========\n\n.. ideas-table::\n   :skills: Go\n"
        "   :columns: title, project, skills, mentors, issues\n",
        encoding="utf-8",
    )
    out = build_site(src, tmp_path / "out")
    with serve(out) as base:
        set_viewport(driver, 390, dark=False)
        load(driver, base + "table.html")
        table = js(driver, TABLE_JS)
        assert table["rows"], "no rows"
        assert not table["headShown"]
        for cells in table["rows"]:
            assert [cell["label"] for cell in cells] == table["heads"]
            assert {cell["display"] for cell in cells} == {"block"}
            assert all(cell["before"] == f'"{cell["label"]}: "' for cell in cells)
        info = js(driver, OVERFLOW_JS)
        assert info["scroll"] <= info["inner"], info
        screenshot(driver, ARTIFACTS / "alabaster-light-390-ideas-table.png")
        set_viewport(driver, 1280, dark=False)
        load(driver, base + "table.html")
        table = js(driver, TABLE_JS)
        assert table["headShown"]
        assert {cell["display"] for cells in table["rows"] for cell in cells} == {"table-cell"}
