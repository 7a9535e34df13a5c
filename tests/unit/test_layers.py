"""The headless layers never load the UI toolkit (checked in a fresh interpreter)."""

import subprocess
import sys

HEADLESS = ["game.model.scenario", "game.loader", "game.engine.runtime", "game.engine.view", "game.engine.saves",
            "game.engine.expressions", "game.cli.check", "game.cli.play_plain", "game.session",
            "game.analysis.lint", "game.analysis.explore", "game.analysis.exhaustive", "game.analysis.graph",
            "game.analysis.json_schema", "game.cli.explore_cmd", "game.cli.graph_cmd", "game.cli.main",
            "game.classroom.scoring", "game.classroom.records", "game.classroom.store", "game.classroom.outbox",
            "game.classroom.flow", "game.classroom.results", "game.cli.class_cmd", "game.cli.join_plain"]


def test_engine_and_loader_import_neither_textual_nor_rich():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in HEADLESS)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            + "print(','.join(bad))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


def test_only_the_loader_imports_yaml():
    code = ("import sys\nimport game.engine.runtime, game.engine.view, game.engine.saves, game.classroom.scoring\n"
            "print('yaml' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


def test_the_game_does_not_load_the_class_store():
    """SQLAlchemy and psycopg cost seconds to import: only the class commands load them."""
    code = ("import sys\nimport game.cli.main, game.ui.app, game.session, game.classroom.records, "
            "game.classroom.outbox\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'psycopg') "
            "or m == 'game.classroom.store')))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""
