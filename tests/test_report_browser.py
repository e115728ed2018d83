"""The report of the bundled corpus in a real browser: headless Chromium (Debian's chromium and
chromium-driver, installed by scripts/install-browser.sh), driven by Selenium.

Outside CI the tests skip when the browser is missing; under CI=true they fail. Screenshots of
the index and of one notice page are kept in tests/artifacts/ (git-ignored); docs/ has copies.
"""

import json
import os
from pathlib import Path

import pytest

from policyparse.cli import main
from policyparse.report import FIELDS, items_of
from tests.conftest import CORPUS, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000"]
ARTIFACTS = ROOT / "tests" / "artifacts"
COUNT_MARKS = """
const counts = {};
for (const m of document.querySelectorAll('#text mark.mk:not(.cont)')) counts[m.dataset.f] = (counts[m.dataset.f] || 0) + 1;
return counts;
"""


def _unavailable(why):
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must have it (scripts/install-browser.sh installs it)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        _unavailable(f"{CHROMIUM} or {CHROMEDRIVER} is missing")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager never looks for a driver or browser online
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """The corpus parsed to JSONL, and the report of those records: (records by page name, site folder)."""
    tmp = tmp_path_factory.mktemp("corpus-report")
    records = tmp / "corpus.jsonl"
    assert main(["parse", str(CORPUS), "-o", str(records), "-q", "--workers", "1"]) == 0
    site = tmp / "report"
    assert main(["report", str(records), "-o", str(site), "-q"]) == 0
    recs = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    pages = sorted((site / "notices").glob("*.html"))
    assert len(pages) == len(recs) == 53
    return dict(zip((p.name for p in pages), recs)), site


def _open(browser, path):
    browser.get(path.as_uri())
    return _errors(browser)


def _errors(browser):
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _shot(browser, name):
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / name))


def test_index_loads_clean_sorts_and_filters(browser, corpus_site):
    from selenium.webdriver.common.by import By

    _, site = corpus_site
    assert _open(browser, site / "index.html") == []
    assert browser.find_element(By.ID, "shown").text == "53 of 53 rows"  # the script ran
    _shot(browser, "report-index.png")
    box = browser.find_element(By.ID, "filter")
    box.send_keys("苏人社发〔2023〕63号")  # 专精特新企业扬帆计划: TXT, DOCX, numbered DOCX, PDF
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#notices tbody tr") if r.is_displayed()]
    assert len(visible) == 4 and browser.find_element(By.ID, "shown").text == "4 of 53 rows"
    box.clear()
    box.send_keys(" ")  # an input event: every row again
    targets = browser.find_element(By.CSS_SELECTOR, "#notices th[title=targets]")
    targets.click()
    targets.click()  # descending
    first = browser.find_element(By.CSS_SELECTOR, "#notices tbody tr")
    assert first.find_elements(By.TAG_NAME, "td")[7].text == "98"  # 宿人社发〔2021〕20号 and its 98 targets
    assert _errors(browser) == []


def test_every_notice_page_marks_each_item_once_without_console_errors(browser, corpus_site):
    recs, site = corpus_site
    for name, rec in recs.items():
        assert _open(browser, site / "notices" / name) == [], name
        counts = browser.execute_script(COUNT_MARKS)
        expected = {f: len(items) for f, items in items_of(rec).items() if items}
        assert counts == expected, name
        for field in ("measures", "targets", "deadlines", "departments", "references"):
            assert counts.get(field, 0) == len(rec[field]), (name, field)
        if "/printed/" not in rec["source"]["path"]:  # devset2's printouts: not every title is found yet
            assert counts["title"] == 1, name  # the title is found in every notice of the corpus


def test_a_notice_page_shows_an_items_fields_and_jumps_from_the_outline(browser, corpus_site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    recs, site = corpus_site
    name = next(n for n, r in recs.items() if r["source"]["path"].endswith("000_db58ebbd9e288b9a.txt"))
    assert _open(browser, site / "notices" / name) == []
    legend = {e.get_attribute("data-count"): e.text for e in browser.find_elements(By.CSS_SELECTOR, ".legend .count")}
    assert legend == {"title": "1", "doc_number": "1", "dates": "1", "measures": "21", "targets": "1",
                      "deadlines": "2", "departments": "6", "references": "0"}
    # hover: the mark's fields as its tooltip; click: in the panel, with the measure around it
    deadline = browser.find_element(By.ID, "deadlines-0")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", deadline)
    ActionChains(browser).move_to_element(deadline).perform()
    assert "kind: by" in deadline.get_attribute("title") and "date: 2025-12-31" in deadline.get_attribute("title")
    deadline.click()
    panel = browser.find_element(By.ID, "panel-body").text
    assert "期限 deadline #1" in panel and "至2025年底" in panel and "措施 measure #6" in panel
    assert "降低先进制造业企业用工成本" in panel
    _shot(browser, "report-notice.png")
    # the outline jumps to the measure in the text
    browser.find_element(By.CSS_SELECTOR, "nav.outline a[href='#measures-8']").click()
    assert browser.execute_script("return location.hash") == "#measures-8"
    top = browser.execute_script("return document.getElementById('measures-8').getBoundingClientRect().top")
    assert 0 <= top < 200
    # the legend hides a field's colours
    browser.find_element(By.CSS_SELECTOR, ".legend input[data-field=targets]").click()
    assert "hide-targets" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    assert _errors(browser) == []


def test_field_colours_come_from_the_stylesheet(browser, corpus_site):
    from selenium.webdriver.common.by import By

    recs, site = corpus_site
    _open(browser, site / "notices" / next(iter(recs)))
    mark = browser.find_element(By.CSS_SELECTOR, "mark.f-departments")
    assert mark.value_of_css_property("background-color") == "rgba(254, 243, 199, 1)"  # --departments-bg
    assert [f for f, _ in FIELDS] == [e.get_attribute("data-field")
                                      for e in browser.find_elements(By.CSS_SELECTOR, ".legend input")]
