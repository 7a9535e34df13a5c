"""The program's catalogues stay in step with the code (through Babel): template current, every
language complete and compiled, plural forms by the language's rule, fuzzy entries left out."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from game import i18n
from game.locale import catalog

LOCALE = Path(catalog.__file__).resolve().parent
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/safecity.po"))
PLACE = re.compile(r"\{(\w+)\}")


def test_the_template_lists_every_string_in_the_code():
    assert (LOCALE / "safecity.pot").read_text(encoding="utf-8") == catalog.template(), \
        "run: uv run python -m game.locale.catalog extract > game/locale/safecity.pot"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_each_catalogue_is_complete_and_compiled(po):
    entries = catalog.read(po)
    missing = catalog.untranslated(entries)
    assert missing == [], f"{po.parts[-3]}: {len(missing)} untranslated, e.g. {missing[:3]} " \
                          "(run: uv run python -m game.locale.catalog update, then translate)"
    for message in entries:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for target in targets:
            assert set(PLACE.findall(target)) <= set().union(*(PLACE.findall(s) for s in sources)), \
                f"a translation names a place its English does not: {message.id!r}"
    assert po.with_suffix(".mo").read_bytes() == catalog.compiled(entries), \
        "run: uv run python -m game.locale.catalog compile"


def compile_into(tmp_path, monkeypatch, po_text: str) -> None:
    """Compile `po_text` as the catalogue of a language `xx`, and speak it."""
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "safecity.po").write_text(po_text, encoding="utf-8")
    (folder / "safecity.mo").write_bytes(catalog.compiled(catalog.read(folder / "safecity.po", "fr")))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.set_language("xx")


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'


def test_plural_forms_follow_the_languages_rule(tmp_path, monkeypatch):
    compile_into(tmp_path, monkeypatch, HEADER + 'msgid "{n} card"\nmsgid_plural "{n} cards"\n'
                 'msgstr[0] "{n} fiche"\nmsgstr[1] "{n} fiches"\n')
    try:
        assert [i18n._nf("{n} card", "{n} cards", n) for n in (0, 1, 2)] == ["0 fiche", "1 fiche", "2 fiches"]
    finally:
        i18n.set_language("en")


def test_a_literal_backslash_n_stays_and_a_fuzzy_entry_is_not_compiled(tmp_path, monkeypatch):
    compile_into(tmp_path, monkeypatch, HEADER + 'msgid "Path"\nmsgstr "C:\\\\new"\n\n'
                 'msgid "Two\\nlines"\nmsgstr "Deux\\nlignes"\n\n#, fuzzy\nmsgid "Continue"\nmsgstr "Weiter"\n')
    try:
        assert i18n._("Path") == "C:\\new"                 # a backslash and an n, not a new line
        assert i18n._("Two\nlines") == "Deux\nlignes"
        assert i18n._("Continue") == "Continue"            # fuzzy: English until a translator checks it
    finally:
        i18n.set_language("en")


def test_a_po_file_round_trips_quotes_and_new_lines():
    source = Catalog(locale="fr")
    source.add('Say "hi"\nthen go', 'Dites "salut"\npuis partez')
    out = io.BytesIO()
    write_po(out, source)
    assert read_po(io.BytesIO(out.getvalue()))['Say "hi"\nthen go'].string == 'Dites "salut"\npuis partez'


def test_without_a_catalogue_the_words_stay_english():
    i18n.set_language("xx")
    try:
        assert i18n._("Continue") == "Continue"
        assert i18n.date_label(3, (2019, 6)) == "Turn 3 · June 2019"
        assert i18n._nf("{n} card", "{n} cards", 1) == "1 card" and i18n._nf("{n} card", "{n} cards", 0) == "0 cards"
    finally:
        i18n.set_language("en")


FRENCH_SPACING = re.compile(r"[^\S\u00a0\u202f][:;!?»]|«[^\S\u00a0\u202f]|[^\s\u00a0\u202f/:({][;!?»]|«[^\s\u00a0\u202f]"
                            r"|\w:(?=\s|$)")


def test_french_punctuation_keeps_its_no_break_spaces():
    """A line must never begin with « : » or « » »: French puts a no-break space before : ; ! ? » and after «."""
    entries = catalog.read(LOCALE / "fr" / "LC_MESSAGES" / "safecity.po")
    wrong = []
    for message in entries:
        if not message.id:
            continue
        for target in message.string if isinstance(message.string, tuple) else (message.string,):
            if FRENCH_SPACING.search(target) or "’" in target:   # the stories' apostrophe is '
                wrong.append(target)
    assert wrong == []


@pytest.mark.parametrize("lang,text,shown", [
    ("fr", "Aegis veut faire de Port-Azur une «\u00a0Safe City\u00a0»", "«\u00a0Aegis veut faire de Port-Azur une “Safe City”\u00a0»"),
    ("fr", "sans guillemets", "«\u00a0sans guillemets\u00a0»"),
    ("en", "Aegis wants a “Safe City”", "“Aegis wants a ‘Safe City’”"),
])
def test_a_quotation_inside_a_quotation_takes_the_second_marks(lang, text, shown):
    i18n.set_language(lang)
    try:
        assert i18n.quoted(text) == shown
    finally:
        i18n.set_language("en")


def test_alphabetical_order_reads_as_a_dictionary():
    words = ["RGPD", "règlement européen sur l'IA", "proportionnalité", "préfet", "données personnelles",
             "délégué à la protection des données", "Données biométriques"]
    assert sorted(words, key=i18n.alphabetical) == [
        "délégué à la protection des données", "Données biométriques", "données personnelles", "préfet",
        "proportionnalité", "règlement européen sur l'IA", "RGPD"]
