"""Program strings go through gettext: a catalogue file translates them, no code change needed."""

from __future__ import annotations

import struct

from game import i18n


def mo_file(pairs: dict[str, str]) -> bytes:
    """A minimal GNU .mo catalogue, as msgfmt writes it."""
    keys = sorted(pairs)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(pairs[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, pos = [], 0
    for k in keys:
        offsets.append((len(k.encode()), start + pos))
        pos += len(k.encode()) + 1
    toffsets, pos = [], 0
    for k in keys:
        toffsets.append((len(pairs[k].encode()), start + len(ids) + pos))
        pos += len(pairs[k].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    table = b"".join(struct.pack("ii", *o) for o in offsets) + b"".join(struct.pack("ii", *o) for o in toffsets)
    return header + table + ids + strs


def test_without_a_catalogue_the_words_stay_english():
    i18n.set_language("xx")
    assert i18n._("Continue") == "Continue"
    assert i18n.date_label(3, (2019, 6)) == "Turn 3 · June 2019"


def test_a_catalogue_added_as_a_file_translates(tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "safecity.mo").write_bytes(mo_file({"Continue": "Continuer", "June": "juin", "Turn {turn}": "Tour {turn}"}))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.set_language("fr")
    try:
        assert i18n._("Continue") == "Continuer"
        assert i18n.date_label(3, (2019, 6)) == "Tour 3 · juin 2019"
    finally:
        i18n.set_language("en")
