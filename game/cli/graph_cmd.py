"""`safecity graph PATH`: the story map as Mermaid, DOT, or SVG (with Graphviz installed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from game.analysis.graph import to_dot, to_mermaid
from game.cli.common import load_or_report
from game.model.safe_text import PrintableWriter, printable, printable_line, shorten


def run_graph(path, fmt: str = "mermaid", output: str | None = None, coverage_runs: int = 0) -> int:
    scenario = load_or_report(path, "graph")
    if scenario is None:
        return 1
    coverage = None
    if coverage_runs:
        from game.analysis.explore import explore

        report = explore(scenario, coverage_runs, prefer_unused=True)
        coverage = {scene: count / report.runs for scene, count in report.scenes.items()}
    if fmt == "svg":
        dot = shutil.which("dot")
        if dot is None:
            sys.stderr.write("safecity graph: SVG needs Graphviz's `dot` (e.g. apt-get install graphviz); "
                             "--format dot or mermaid work without it\n")
            return 2
        run = subprocess.run([dot, "-Tsvg"], input=to_dot(scenario, coverage), capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(f"safecity graph: dot failed: {printable(run.stderr.strip())}\n")
            return 1
        text = run.stdout
    else:
        text = to_mermaid(scenario, coverage) if fmt == "mermaid" else to_dot(scenario, coverage)
        if fmt == "mermaid" and output and output.endswith(".md"):
            text = "```mermaid\n" + text + "```\n"
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            sys.stderr.write(f"safecity graph: cannot write {shorten(output)}: {error.strerror or error}\n")
            return 2
        print(f"wrote {printable_line(output)}")
    else:
        PrintableWriter(sys.stdout).write(text)
    return 0
