"""The class report and the lesson guide, as a facilitator gets them: a scripted class in a real
database, `safecity class report` / `safecity guide` on the command line, and the page opened in
headless Chromium (Debian's), which must find every chart drawn, log no error and ask for nothing
outside the file. Screenshots are left in tests/artifacts (report.png, guide.png) for a reviewer.
"""

from __future__ import annotations

import csv
import re
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.store import open_store
from game.paths import resolve_scenario
from game.session import load_for_play
from tests.dashboard.scripted import Student, join, make_class
from tests.serve.test_browser import chromium

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def safecity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def tutorial():
    return load_for_play(resolve_scenario("tutorial"), None)


def scripted_class(url: str, scenario, students: int, path: str = "tutorial", quiz: str = "pre,post", **kw):
    with open_store(url) as store:
        record = make_class(store, scenario, path=path, quiz=quiz, **kw)
        for i in range(students):
            student = Student(store, scenario, join(store, record.code, i), pick=i % 3)
            if quiz == "none":
                student.joined()
                student.finish_game()
            else:
                student.whole_class(right_after=i % 4 != 0)
    return record


def open_in_chromium(page_path: Path, screenshot: str):
    """(page text, charts with their bar counts, console errors, requests outside the file, dialogs)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1300})
            errors, outside, dialogs = [], [], []
            page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                       if not route.request.url.startswith(("file://", "data:")) else route.continue_())
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            charts = page.eval_on_selector_all(
                "figure.chart", "figs => figs.map(f => [f.getAttribute('aria-label'), "
                                "f.querySelectorAll('svg .bar, svg rect.rect').length])")
            breaks = page.eval_on_selector_all(".sheet", "els => els.map(e => getComputedStyle(e).breakBefore)")
            text = page.inner_text("body")
            page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
        finally:
            browser.close()
    return text, charts, errors, outside, dialogs, breaks


def test_the_report_of_a_class_draws_every_chart_and_stays_in_its_file(tmp_path, tutorial):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = scripted_class(url, tutorial, 12)
    out = tmp_path / "report.html"
    done = safecity("class", "report", record.code, "--db", url, "-o", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html                                            # nothing to run
    assert re.findall(r"""(?:src|srcset|data|@import|url)\s*[=(]\s*["']?https?:""", html) == []   # nothing to fetch
    text, charts, errors, outside, dialogs, _breaks = open_in_chromium(out, "report.png")
    assert outside == [] and errors == [] and dialogs == []
    with open_store(url) as store:
        decisions = {e.data["choice"] for e in store.events(record.code) if e.kind == "choice"}
    assert len(charts) >= 3 and all(bars > 0 for _label, bars in charts), charts    # decisions, endings, quiz
    assert "Class report: 2nde B" in text and "The decisions" in text and "What really happened" in text
    assert "Students who joined\t12" in text or "12" in text
    assert "Too few students" not in text                                   # 12 students took both quizzes
    assert decisions and "Heron-" not in html                               # no pseudonym in the report


def test_too_few_students_is_said_and_french_writes_french(tmp_path, tutorial):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = scripted_class(url, tutorial, 3)
    out = tmp_path / "rapport.html"
    done = safecity("class", "report", record.code, "--db", url, "-o", str(out), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Rapport de la classe" in html
    assert "Trop peu d&#39;élèves" in html or "Trop peu d'élèves" in html   # the apostrophe, escaped
    english = safecity("class", "report", record.code, "--db", url, "-o", str(tmp_path / "r.html"))
    assert english.returncode == 0 and "Too few students" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_writer_text_in_a_report_is_shown_as_text_never_run(tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(resolve_scenario("tutorial"), folder)
    market = folder / "scenes" / "1-market.yaml"
    market.write_text(market.read_text(encoding="utf-8").replace(
        "text: Install six ordinary cameras over the market, with the [[prefect]]'s approval",
        "text: \"<script>alert(1)</script><img src=x onerror=alert(2)> cameras & co\""), encoding="utf-8")
    scenario = load_for_play(folder, None)
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = scripted_class(url, scenario, 4, path=str(folder))
    out = tmp_path / "report.html"
    assert safecity("class", "report", record.code, "--db", url, "-o", str(out)).returncode == 0
    text, charts, errors, outside, dialogs, _ = open_in_chromium(out, "report-hostile.png")
    assert dialogs == [] and outside == [] and errors == []
    assert "<script>alert(1)</script><img src=x onerror=alert(2)> cameras & co" in text


def test_an_empty_class_a_csv_and_the_errors_a_facilitator_can_meet(tmp_path, tutorial):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    empty = scripted_class(url, tutorial, 0, code="EEE-EEE")
    out = tmp_path / "empty.html"
    assert safecity("class", "report", empty.code, "--db", url, "-o", str(out)).returncode == 0
    assert "No decision was recorded" in out.read_text(encoding="utf-8")
    record = scripted_class(url, tutorial, 2)
    rows = tmp_path / "rows.csv"
    assert safecity("class", "report", record.code, "--db", url, "--format", "csv", "-o", str(rows)).returncode == 0
    table = list(csv.DictReader(io.StringIO(rows.read_text(encoding="utf-8"))))
    assert {r["participant"] for r in table} == {"S01", "S02"} and "Heron" not in rows.read_text(encoding="utf-8")
    unknown = safecity("class", "report", "ZZZ-ZZZ", "--db", url, "-o", str(tmp_path / "x.html"))
    assert unknown.returncode == 1 and "no class" in unknown.stderr and "Traceback" not in unknown.stderr
    (tmp_path / "a-file").write_text("not a folder")
    nowhere = safecity("class", "report", record.code, "--db", url, "-o", str(tmp_path / "a-file" / "x.html"))
    assert nowhere.returncode == 1 and "cannot write" in nowhere.stderr and "Traceback" not in nowhere.stderr


def test_a_class_votes_report_shows_its_votes(tmp_path, tutorial):
    import time

    from game.classroom import vote
    from game.classroom.records import VOTE, Event

    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    with open_store(url) as store:
        record = make_class(store, tutorial, quiz="none", mode="vote")
        students = [join(store, record.code, i) for i in range(3)]
        game = vote.ClassVote.open(store, record)
        while (poll := game.poll()) is None:
            game.go_on()
        first = [c["id"] for c in poll.choices if c["available"]][1]
        for n, student in enumerate(students):
            store.record([Event(student.id, 1, VOTE, time.time(), poll.scene, poll.turn,
                                {"poll": poll.number, "choice": first}) ])
        game.close(poll)
        game.close_game()
    out = tmp_path / "vote.html"
    assert safecity("class", "report", record.code, "--db", url, "-o", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "a class vote" in html and "(3 answers)" in html


def test_the_lesson_guide_in_both_languages(tmp_path):
    out = tmp_path / "guide.html"
    done = safecity("guide", "tutorial", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text, _charts, errors, outside, dialogs, breaks = open_in_chromium(out, "guide.png")
    assert errors == [] and outside == [] and dialogs == []
    scenario = load_for_play(resolve_scenario("tutorial"), None)
    assert "A lesson of 55 minutes" in text and "Answer key" in text and "Glossary" in text
    for form, items in scenario.quiz.items():
        assert f"Form {form}" in text and len(items) > 0
    assert breaks and all(b == "page" for b in breaks)            # each sheet, the key, the glossary on new pages
    assert "safecity serve --class" in text and "safecity class dashboard" in text
    french = tmp_path / "guide-fr.html"
    assert safecity("guide", "tutorial", "--lang", "fr", "-o", str(french)).returncode == 0
    page = french.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Corrigé" in page
    bad = safecity("guide", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
