"""`safecity new NAME`: a small working scenario to start from, explaining itself in comments."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from game.model.safe_text import PrintableWriter, shorten

SCENARIO = """\
# Your scenario starts here. Every file of the folder is listed under `includes`.
# Check it with:  uv run safecity check {folder}
# Play it with:   uv run safecity play {folder}
# The guide:      docs/authoring.md

scenario:
  id: {id}                 # saves and translations use it: keep it once players have played
  title: {title}
  language: en
  start: office            # the first scene
  calendar: {start: 2024-01, months_per_turn: 6}   # turn 1 is January 2024
  includes:
    - "scenes/*.yaml"      # every scene file, in name order
    - facts.yaml

# Meters: numbers the player watches. A meter that reaches `low`/`high` can end the game.
meters:
  budget: {label: City budget, start: 20, unit: M€, low: {at: 0, goto: broke}}
  trust: {label: Public trust, start: 50}

# Flags: what happened, true or false. A flag with a label appears in the end-of-game ledger.
flags:
  cameras: Installed cameras on the main square

# Characters speak in scenes, with their name and role.
characters:
  chief: {name: Commissaire Roux, role: Chief of municipal police}
  dpo: {name: Inès Haddad, role: Data protection officer}
"""

SCENES = """\
# Scenes: text (Markdown), who says what, and choices. Each choice has effects and a goto.
scenes:
  office:
    turn: true                          # entering this scene starts a new turn
    headline: A company offers cameras for the main square
    text: |
      Your budget is {budget} M€. A company offers to film the main square,
      where thefts have doubled this year.
    say:
      - chief: Cameras would help us find who did it, afterwards.
      - dpo: Then the [[CNIL]] expects an impact assessment, and signs telling people they are filmed.
    facts: [rules_for_cameras]          # fact cards the player can open
    choices:
      - id: accept
        text: Install the cameras
        effects: {budget: -8, trust: +3, cameras: true}
        result: The cameras go up in a month.
        goto: vote
      - id: refuse
        text: Pay for street lighting and patrols instead
        effects: {budget: -4, trust: +1}
        goto: vote

  vote:
    turn: true
    text: The council votes on your record. Trust stands at {trust}.
    route:                              # moves on by itself, to the first route that holds
      - {if: trust >= 52, goto: reelected}
      - {goto: defeated}

  reelected:
    ending: {title: Re-elected, tone: bright}
    text: The town gives you another term.
  defeated:
    ending: {title: Defeated, tone: dark}
    text: The town chooses someone else.
  broke:
    ending: {title: Out of money, tone: dark}
    text: The budget is empty; the prefect steps in.
"""

FACTS = """\
# Fact cards: every one needs a source. Say things in your own words.
facts:
  rules_for_cameras:
    title: Who may film the street
    text: >-
      In France only public authorities may film the street, with the prefect's approval,
      and recordings are deleted within a month unless a criminal case needs them.
    source: {name: CNIL, url: "https://www.cnil.fr", date: "2024"}

glossary:                               # [[CNIL]] in a text opens this entry
  CNIL: France's data protection authority.
"""


def slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return text or "my-scenario"


def shown_folder(folder: Path) -> str:
    """The folder as the file's own comments name it: relative to where the command ran, never an
    absolute path (the file travels; a home folder's path says who wrote it)."""
    if not folder.is_absolute():
        return folder.as_posix()
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return folder.name


def run_new(target: str, out=None) -> int:
    out = PrintableWriter(out or sys.stdout)     # the folder's name may hold anything
    err = PrintableWriter(sys.stderr)
    folder = Path(target)
    try:
        if folder.exists() and any(folder.iterdir()):
            err.write(f"safecity new: {folder} already exists and is not empty; choose another name\n")
            return 2
    except OSError as error:
        err.write(f"safecity new: cannot use {shorten(str(folder))}: {error.strerror or error}\n")
        return 2
    ident = slug(folder.name)
    title = folder.name.replace("-", " ").replace("_", " ").strip().title() or "My Scenario"
    files = {
        "scenario.yaml": SCENARIO.replace("{folder}", shown_folder(folder)).replace("{id}", ident)
                                 .replace("{title}", title),
        "scenes/main.yaml": SCENES,
        "facts.yaml": FACTS,
    }
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        err.write(f"safecity new: cannot create {shorten(str(folder))}: {error.strerror or error}\n")
        return 1
    out.write(f"Created {folder}/ with scenario.yaml, scenes/main.yaml and facts.yaml.\n"
              f"Next: uv run safecity check {folder}   then   uv run safecity play {folder}\n")
    return 0
