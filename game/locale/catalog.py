"""Keeps the program's translations in step with its code.

    python -m game.locale.catalog extract   # list every _("...") string (a .pot template)
    python -m game.locale.catalog compile   # turn each <lang>/LC_MESSAGES/safecity.po into .mo

The .po files are what translators edit; the .mo files are what gettext reads and are
committed beside them, so players need no build tools.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = Path(__file__).resolve().parent
CALLS = {"_", "_f", "N_"}
# Strings kept in lists and translated where they are shown.
LISTS = {"MONTHS", "DEBRIEF_QUESTIONS", "HOW_TO_PLAY", "HELP"}


def extract() -> list[str]:
    """Every literal passed to _() in the package, plus the translated lists, in first-seen order."""
    found: dict[str, None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.setdefault(node.args[0].value)
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in LISTS for t in node.targets):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    found.setdefault(node.value.value)
                elif isinstance(node.value, (ast.List, ast.Tuple)):
                    for item in node.value.elts:
                        if isinstance(item, ast.Constant) and isinstance(item.value, str):
                            found.setdefault(item.value)
    return list(found)


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr for the simple .po files we keep (no plurals, no contexts)."""
    entries: dict[str, str] = {}
    key = value = None
    current = None
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if line.startswith("msgid "):
            if key is not None and value is not None:
                entries[key] = value
            key, value, current = _unquote(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            value, current = _unquote(line[7:]), "str"
        elif line.startswith('"') and current == "id":
            key += _unquote(line)
        elif line.startswith('"') and current == "str":
            value += _unquote(line)
        elif not line and key is not None and value is not None:
            entries[key] = value
            key = value = current = None
    return {k: v for k, v in entries.items() if k and v}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def compile_po(entries: dict[str, str]) -> bytes:
    """A GNU .mo file (what msgfmt writes) for these translations."""
    pairs = {"": "Content-Type: text/plain; charset=UTF-8\n", **entries}
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    table_start = 7 * 4
    data_start = table_start + 16 * len(keys)
    id_offsets, pos = [], data_start
    for b in ids:
        id_offsets.append((len(b), pos))
        pos += len(b) + 1
    str_offsets = []
    for b in strs:
        str_offsets.append((len(b), pos))
        pos += len(b) + 1
    out = struct.pack("<Iiiiiii", 0x950412DE, 0, len(keys), table_start, table_start + 8 * len(keys), 0, 0)
    out += b"".join(struct.pack("<ii", *o) for o in id_offsets)
    out += b"".join(struct.pack("<ii", *o) for o in str_offsets)
    out += b"".join(b + b"\0" for b in ids) + b"".join(b + b"\0" for b in strs)
    return out


def template() -> str:
    return "".join(f"msgid {_quote(s)}\nmsgstr \"\"\n\n" for s in extract())


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        sys.stdout.write(template())
        return 0
    if command == "compile":
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/safecity.po")):
            po.with_suffix(".mo").write_bytes(compile_po(parse_po(po.read_text(encoding="utf-8"))))
            print(f"wrote {po.with_suffix('.mo')}")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
