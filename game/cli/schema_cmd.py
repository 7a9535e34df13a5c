"""`safecity schema [--kind scenario|part] [--output FILE]`: the JSON Schema of the story format.

Editors using the YAML language server (VS Code's YAML extension, and others)
read it to complete field names and underline mistakes while a writer types.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.analysis.json_schema import KINDS, json_schema, render
from game.model.safe_text import PrintableWriter, shorten

EXIT_OK, EXIT_USAGE = 0, 2
_FILES = {"scenario": "scenario.yaml", "part": "the included files"}


def run_schema(kind: str = "scenario", out_path: str | Path | None = None, out=None) -> int:
    """Print the schema of `kind` ("scenario" or "part"), or write it to `out_path`."""
    out = PrintableWriter(out or sys.stdout)     # the output path may hold anything
    if kind not in KINDS:
        sys.stderr.write(f"safecity schema: unknown kind `{kind}`: use {' or '.join(KINDS)}\n")
        return EXIT_USAGE
    text = render(json_schema(kind))
    if out_path is None:
        out.write(text)
        return EXIT_OK
    path = Path(out_path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        sys.stderr.write(f"safecity schema: cannot write {shorten(str(path))}: {err.strerror or err}\n")
        return EXIT_USAGE
    out.write(f"wrote {path}\n"
              f"for completion and checks in your editor, make this the first line of {_FILES[kind]}\n"
              f"(the path is relative to the YAML file):\n"
              f"# yaml-language-server: $schema={path.name}\n")
    return EXIT_OK
