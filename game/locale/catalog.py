"""Keeps the program's translations in step with its code, through Babel (a development tool).

    uv run python -m game.locale.catalog extract   # the template: every _("..."), _f, N_ and ngettext
    uv run python -m game.locale.catalog update    # add new strings to each <lang>/.../safecity.po
    uv run python -m game.locale.catalog compile   # each safecity.po into the safecity.mo gettext reads

The .po files are what translators edit (plural forms included); the .mo files are what
gettext reads and are committed beside them, so players need neither Babel nor build tools.
Fuzzy entries (a translator's "check me") are not compiled: the English shows until they are
checked.
"""

from __future__ import annotations

import ast
import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = Path(__file__).resolve().parent
DOMAIN = "safecity"
KEYWORDS = {"_": None, "_f": None, "N_": None, "ngettext": (1, 2), "_nf": (1, 2)}
# Strings kept in module-level lists and translated where they are shown (Babel reads calls only).
LISTS = {"MONTHS", "DEBRIEF_QUESTIONS", "HOW_TO_PLAY", "HELP"}
STABLE_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _listed() -> list[tuple[str, str, int]]:
    """(string, file, line) of every string in the lists named in LISTS."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in LISTS for t in node.targets):
                items = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
                for item in items:
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        found.append((item.value, str(path.relative_to(PACKAGE.parent)), item.lineno))
    return found


def template_catalog() -> Catalog:
    """Every string of the program, in the order met, with where it is used."""
    catalog = Catalog(project="Safe City", domain=DOMAIN, charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        if message and (message[0] if isinstance(message, tuple) else message):
            catalog.add(message, None, [(f"game/{filename}", lineno)], auto_comments=comments, context=context)
    for message, filename, lineno in _listed():
        catalog.add(message, None, [(filename, lineno)])
    return catalog


def extract() -> list:
    """The ids of every string (a tuple (singular, plural) for a plural)."""
    return [message.id for message in template_catalog() if message.id]


def template() -> str:
    out = io.BytesIO()
    write_po(out, template_catalog(), omit_header=True, sort_output=False, width=0, no_location=True)
    return out.getvalue().decode("utf-8")


def read(po: Path, locale: str | None = None) -> Catalog:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale or po.parts[-3], domain=DOMAIN)
    # Fixed dates: the same .po always compiles to the same .mo (a test holds them in step).
    catalog.creation_date = catalog.revision_date = STABLE_DATE
    catalog.project, catalog.version = "Safe City", ""
    catalog.last_translator = catalog.language_team = "Safe City"
    catalog.msgid_bugs_address = ""
    return catalog


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update(po: Path) -> int:
    """The template's new strings added to a .po file (untranslated), strings the code no longer
    uses kept apart as obsolete (#~); returns how many are still to translate."""
    catalog = read(po)
    catalog.update(template_catalog(), no_fuzzy_matching=True, update_header_comment=False)
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, sort_output=False, ignore_obsolete=True)
    po.write_bytes(out.getvalue())
    return len(untranslated(read(po)))


def untranslated(catalog: Catalog) -> list:
    """The ids of the template's strings this catalogue does not translate (or only as fuzzy)."""
    missing = []
    for message in template_catalog():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = (found.string if isinstance(found.string, tuple) else (found.string,)) if found else ("",)
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id)
    return missing


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        sys.stdout.write(template())
        return 0
    if command in ("compile", "update"):
        for po in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            if command == "update":
                print(f"{po}: {update(po)} new string(s) to translate")
            else:
                po.with_suffix(".mo").write_bytes(compiled(read(po)))
                print(f"wrote {po.with_suffix('.mo')}")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
