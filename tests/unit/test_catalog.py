"""The program's catalogues stay in step with the code: template current, every language complete and compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import i18n
from game.locale import catalog

LOCALE = Path(catalog.__file__).resolve().parent
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/safecity.po"))
PLACE = re.compile(r"\{(\w+)\}")


def test_the_template_lists_every_string_in_the_code():
    template = catalog.parse_po((LOCALE / "safecity.pot").read_text(encoding="utf-8").replace('msgstr ""', 'msgstr "x"'))
    assert list(template) == catalog.extract(), "run: uv run python -m game.locale.catalog extract > game/locale/safecity.pot"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_each_catalogue_is_complete_and_compiled(po):
    entries = catalog.parse_po(po.read_text(encoding="utf-8"))
    missing = [s for s in catalog.extract() if not entries.get(s)]
    assert missing == [], f"{po.parts[-3]}: {len(missing)} untranslated, e.g. {missing[:3]}"
    for source, translated in entries.items():
        assert set(PLACE.findall(source)) == set(PLACE.findall(translated)), f"placeholders differ: {source!r}"
    assert po.with_suffix(".mo").read_bytes() == catalog.compile_po(entries), \
        "run: uv run python -m game.locale.catalog compile"


def test_a_compiled_catalogue_is_what_gettext_reads(tmp_path, monkeypatch):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "safecity.mo").write_bytes(catalog.compile_po({"Continue": "Weiter", "Turn {turn}": "Runde {turn}"}))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.set_language("xx")
    try:
        assert i18n._("Continue") == "Weiter"
        assert i18n._f("Turn {turn}", turn=4) == "Runde 4"
        assert i18n._("Not in the catalogue") == "Not in the catalogue"
    finally:
        i18n.set_language("en")


def test_a_po_file_round_trips_quotes_and_new_lines():
    text = 'msgid "Say \\"hi\\"\\nthen go"\nmsgstr ""\n"Dites \\"salut\\"\\n"\n"puis partez"\n\n'
    assert catalog.parse_po(text) == {'Say "hi"\nthen go': 'Dites "salut"\npuis partez'}


def test_without_a_catalogue_the_words_stay_english():
    i18n.set_language("xx")
    try:
        assert i18n._("Continue") == "Continue"
        assert i18n.date_label(3, (2019, 6)) == "Turn 3 · June 2019"
    finally:
        i18n.set_language("en")
