"""``agenda serve`` in a real browser: headless Chromium, driven through Selenium.

Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them); Selenium is
pointed at /usr/bin/chromium and /usr/bin/chromedriver and never downloads a browser. The test
reads the sample pack's section headings and first story, writes a typo into operations.yaml,
waits for the page to show the located error by itself (the DOM polled, with a time limit), fixes
the typo and waits for the pack to return. Screenshots go to the test's tmp folder; the one with
the error showing is also copied to ``$AGENDA_SERVE_SCREENSHOT`` when set, to refresh the README's
picture: ``AGENDA_SERVE_SCREENSHOT=docs/serve-preview.png pytest tests/test_serve_browser.py``.

Skipped only when the browser is missing outside CI; in CI (``CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE
from serve_support import PATIENCE, copy_sample, serving

from agenda.model import Narrative
from agenda.order import SECTIONS
from agenda.pipeline import prepare

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
IN_CI = bool(os.environ.get("CI"))
#: Where to copy the screenshot with the error showing (the README's picture of the loop), from
#: where pytest was started (each test runs in its own folder).
README_SHOT = (
    Path(os.environ["AGENDA_SERVE_SCREENSHOT"]).resolve()
    if os.environ.get("AGENDA_SERVE_SCREENSHOT")
    else None
)

if MISSING and not IN_CI:
    pytest.skip(
        f"{' and '.join(MISSING)} not installed (apt-get install chromium chromium-driver); "
        "CI installs them and runs this test",
        allow_module_level=True,
    )
if sys.platform == "win32":
    pytest.skip("agenda serve is stopped with SIGINT (Ctrl-C)", allow_module_level=True)

from selenium import webdriver  # noqa: E402 (after the skip: only where the browser is)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

#: The located error validate prints for the typo below: file:line:col, then did-you-mean.
LOCATED = re.compile(
    r"ws/2026-11/operations\.yaml:3:5: error: slas\[0\]: unknown key 'targt' "
    r"\(did you mean 'target'\?\)"
)


@pytest.fixture
def browser():
    assert not MISSING, f"CI must install {' and '.join(MISSING)} (.ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI containers run as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1200,760",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PATIENCE)
    try:
        yield driver
    finally:
        driver.quit()


def _headings(driver) -> list[str]:
    return [h.text for h in driver.find_elements(By.CSS_SELECTOR, "h1, h2")]


def _section_positions(headings: list[str]) -> list[int]:
    """Where each section's heading is, in the fixed order: each found after the one before
    (a heading that is the section's title, perhaps numbered: "Customer", "1. Customer")."""
    positions, start = [], 0
    for spec in SECTIONS:
        own = re.compile(rf"^\W*(\d+\W*)?{re.escape(spec.title)}\b")
        found = next((i for i in range(start, len(headings)) if own.match(headings[i])), None)
        assert found is not None, f"no {spec.title} heading after {headings[:start]}: {headings}"
        positions.append(found)
        start = found + 1
    return positions


def _problems(driver) -> str:
    panels = driver.find_elements(By.ID, "agenda-serve-problems")
    return panels[0].text if panels else ""


def _after(driver, first, second) -> bool:
    """True when ``second`` comes after ``first`` in the document."""
    return bool(
        driver.execute_script(
            "return (arguments[0].compareDocumentPosition(arguments[1]) & 4) !== 0;",
            first,
            second,
        )
    )


def _holding(driver, text: str, after=None):
    """The innermost element of <main> whose text holds ``text`` (the first in page order, or
    the first after the element ``after``: the brief quotes the story's title before it)."""
    return driver.execute_script(
        """
        const text = arguments[0], after = arguments[1];
        const holds = (e) => e.textContent.replace(/\\s+/g, " ").includes(text);
        const found = [...document.querySelectorAll("main *")].filter(
            (e) => holds(e) && ![...e.children].some(holds)
              && (!after || (after.compareDocumentPosition(e) & 4) !== 0)
        );
        return found.length ? found[0] : null;
        """,
        text,
        after,
    )


def _shoot(driver, folder: Path, name: str) -> Path:
    """A screenshot of the page's first screen, kept in the test's folder to look at."""
    path = folder / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 5_000  # a picture, not a blank
    return path


def test_the_browser_sees_the_pack_the_located_error_and_the_pack_again(
    tmp_path: Path, browser
) -> None:
    ws = copy_sample(SAMPLE, tmp_path / "ws")
    month = ws / "2026-11"
    story = next(
        b for b in prepare(month).sections[0].blocks if isinstance(b, Narrative)
    )  # the first story, as the pack tells it (masked, guests unnamed)
    operations = month / "operations.yaml"
    good = operations.read_text("utf-8")
    assert "    target: 80\n" in good
    shots = tmp_path / "screenshots"
    shots.mkdir()
    wait = WebDriverWait(browser, PATIENCE, poll_frequency=0.2)

    with serving(month, cwd=tmp_path) as server:
        browser.get(server.url)

        # the pack: its sections in the fixed order, the first story under Customer
        wait.until(lambda d: d.find_elements(By.TAG_NAME, "main"))
        headings = _headings(browser)
        positions = _section_positions(headings)
        assert positions == sorted(positions)
        customer = browser.find_elements(By.CSS_SELECTOR, "h1, h2")[positions[0]]
        title = _holding(browser, story.title, after=customer)
        assert title is not None, f"the first story's title {story.title!r} is not in <main>"
        assert _after(browser, customer, title)
        main = browser.find_element(By.TAG_NAME, "main").text
        assert " ".join(story.story.split()[:12]) in " ".join(main.split())
        assert _problems(browser) == ""
        _shoot(browser, shots, "serve-pack.png")

        # a typo: the page shows the located error by itself (nobody reloads it here), in
        # view though the reader had scrolled to the end of the pack
        browser.execute_script("window.scrollTo(0, document.body.scrollHeight);")
        operations.write_text(good.replace("    target: 80\n", "    targt: 80\n", 1), "utf-8")
        wait.until(lambda d: LOCATED.search(_problems(d)))
        panel = _problems(browser)
        assert "The data has problems: the pack below is the last one that built." in panel
        # the last good pack is still there, below the problems
        assert _section_positions(_headings(browser))
        problems = browser.find_element(By.ID, "agenda-serve-problems")
        assert _after(browser, problems, browser.find_element(By.TAG_NAME, "main"))
        top = browser.execute_script("return arguments[0].getBoundingClientRect().top", problems)
        assert 0 <= top < browser.execute_script("return window.innerHeight") / 2
        _shoot(browser, shots, "serve-error-scrolled.png")
        browser.execute_script("window.scrollTo(0, 0);")  # the top, for the README's picture
        shot = _shoot(browser, shots, "serve-error.png")
        if README_SHOT is not None:
            shutil.copy(shot, README_SHOT)

        # fixed: the problems go and the pack is back, still without a hand on the page
        operations.write_text(good, "utf-8")
        wait.until(lambda d: _problems(d) == "" and d.find_elements(By.TAG_NAME, "main"))
        assert _section_positions(_headings(browser))
        assert story.title in browser.find_element(By.TAG_NAME, "main").text
        _shoot(browser, shots, "serve-fixed.png")

    assert not any("Traceback" in line for line in server.err)
