"""The plain-text player: numbered choices on stdin, text on stdout.

It serves screen readers and braille displays (no layout, no colour), pipes
and scripted tests: `printf '1\\n2\\n' | safecity play --plain --seed 7`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from game.engine import saves
from game.engine.text import format_number
from game.model.text_grammar import plain_markdown
from game.engine.journal import decisions
from game.engine.view import debrief_questions, fact_heading, ledger, meter_timeline, reality
from game.i18n import _, _f, date_label, labelled, month_name, set_language, system_language
from game.engine.runtime import parse_values
from game.model.safe_text import PrintableWriter, printable_line, shorten
from game.cli.plain_console import ECHO_LIMIT, NUMBER, PlainConsole, small_number
from game.session import GameError, LoadFailed, Session
from game.engine.sources import source_words

HELP = """Type the number of a choice and press Enter.
Other commands:
  f N   read fact card N of this scene (f alone lists them)
  g     glossary terms of this scene
  j     journal: your decisions so far
  u     undo your last choice
  h     this help
  q     quit (the game is saved; continue with --continue)"""
FACT_NUMBER = re.compile(r"f\s*([0-9]+)")


def unit(meter) -> str:
    """ M€ after a meter's number, or nothing."""
    return f" {meter.unit}" if meter.unit else ""


class PlainPlayer(PlainConsole):
    def __init__(self, session: Session, out=None, inp=None, path_shown: str = "", again: str = ""):
        super().__init__(out, inp)
        self.session = session
        self.s = session.scenario
        self.path_shown = path_shown
        self.again = again      # how to come back to this game, when not `safecity play --continue`

    @property
    def state(self):
        return self.session.state

    def show(self) -> None:
        v = self.session.view()
        self.say()
        self.say(f"--- {date_label(v.turn, v.date)} ---")
        if v.headline:
            self.say(_f("Headline: {headline}", headline=plain_markdown(v.headline)))
        if v.result:
            self.wrap(plain_markdown(v.result))
        changes = [f"{m.label} {'+' if m.change > 0 else ''}{format_number(m.change)}{unit(m)}"
                   + ("" if m.better is None else " (" + (_("better") if m.better else _("worse")) + ")")
                   for m in v.meters if m.change]
        if changes:
            self.say(_f("Changes: {changes}", changes=", ".join(changes)))
        if v.text:
            self.say()
            self.wrap(plain_markdown(v.text))
        for line in v.lines:
            who = f"{line.name} ({line.role})" if line.role else line.name
            self.say()
            self.wrap(labelled(who, plain_markdown(line.text)))
        if v.facts:
            self.say()
            self.say(_f("Learn more: {facts}", facts=_("; ").join(f"[f{i}] {fact_heading(f, f.id in v.later)}"
                                                                for i, f in enumerate(v.facts, 1))))
        if v.meters:
            self.say()
            # "City budget 44 M€ of 100 M€": the unit with both numbers, so neither reads as a count.
            self.say(" | ".join(f"{m.label} {format_number(m.value)}{unit(m)} "
                                + _f("of {max}", max=format_number(m.max) + unit(m)) for m in v.meters))
        if v.ending:
            self.end(v)
            return
        self.say()
        self.say(_("What do you do?"))
        for number, c in enumerate(v.choices, 1):
            if c.is_continue:
                self.say(f"  {number}. {_('Continue')}")
            elif not c.available:
                self.say(f"  {number}. " + _f("(locked: {reason})", reason=c.locked) + f" {plain_markdown(c.text)}")
            else:
                self.say(f"  {number}. {plain_markdown(c.text)}")

    def end(self, v) -> None:
        self.say()
        self.say("=== " + _f("The end: {title}", title=v.ending.title) + " ===")
        entries = ledger(self.s, self.state)
        if entries:
            self.say()
            self.say(_("Your ledger:"))
            for e in entries:
                when = f"{month_name(e['date'][1])} {e['date'][0]}" if e["date"] else f"turn {e['turn']}"
                mark = "" if e["value"] else " " + _("(undone)")
                self.say("  - " + labelled(when, e["label"] + mark))
        timeline = meter_timeline(self.s, self.state)
        if timeline:
            self.say()
            self.say(_("Over your term:"))
            for mid, values in timeline.items():
                self.say("  " + labelled(self.s.meters[mid].label, " > ".join(format_number(x) for x in values)))
        items = reality(self.s, self.state)
        if items:
            self.say()
            self.say(_("What really happened:"))
            for item, text, facts in items:
                self.wrap("- " + plain_markdown(text), "  ")
                for fact in facts:
                    self.say("    " + _f("Source: {source}", source=_source(fact)))
        self.say()
        self.say(_("Debrief questions:"))
        questions = debrief_questions(self.s)   # the scenario's own, if any
        for number, question in enumerate(questions, 1):
            self.wrap(f"{number}. {question}", "  ")

    def leaving(self, message: str) -> None:
        """How to come back; or, when the last save failed, that this game could not be kept."""
        if self.session.save_error:
            self.say(_f("The game could not be saved ({error}): it will not be there next time.",
                        error=self.session.save_error))
        else:
            self.say(message)

    def continue_command(self) -> str:
        if self.again:
            return self.again
        path, _sep, save = self.path_shown.partition(" --save ")
        return " ".join(printable_line(part) for part in ("safecity play", path, "--plain --continue",
                                                          save and f"--save {save}") if part)

    def command(self, text: str) -> bool:
        """Handle a non-number command; return False to quit."""
        # A line is a command only when it is exactly one (`f 2` and `f2` both read a card):
        # a pasted paragraph that happens to start with `q` or `u` neither quits nor undoes.
        v = self.session.view()
        word = " ".join(text.split()).lower()
        fact_number = FACT_NUMBER.fullmatch(word)
        if word in ("q", "quit"):
            return False
        if word in ("h", "help", "?"):
            self.say(_(HELP))
        elif word == "f":
            for i, f in enumerate(v.facts, 1):
                self.say(f"  f{i}. {fact_heading(f, f.id in v.later)}")
            if not v.facts:
                self.say(_("No fact cards in this scene."))
        elif fact_number:
            index = small_number(fact_number.group(1))
            if index is not None and 1 <= index <= len(v.facts):
                fact = v.facts[index - 1]
                self.say(fact_heading(fact, fact.id in v.later))
                self.wrap(plain_markdown(fact.text), "  ")
                self.say("  " + _f("Source: {source}", source=_source(fact)))
            else:
                self.say(_f("There is no fact card {n} here.", n=shorten(fact_number.group(1).lstrip("0") or "0", 24)))
        elif word in ("g", "glossary"):
            for entry in v.terms or self.s.glossary.values():
                self.wrap(labelled(entry.term, plain_markdown(entry.text)))
        elif word in ("j", "journal"):
            # The same journal as the full-screen game's, from the engine: date, headline, choice, effects.
            found = decisions(self.s, self.state)
            for decision in found:
                heading = f" — {decision.heading}" if decision.heading else ""
                self.wrap(f"  {decision.index + 1}. {decision.date}{heading}")
                self.wrap(labelled(_("You chose"), plain_markdown(decision.choice)), "     ")
                for line in decision.effects:
                    self.say("     - " + line)
            if not found:
                self.say(_("No decisions yet."))
        elif word in ("u", "undo"):
            if self.session.undo():
                self.say(_("Undone."))
                self.show()
            else:
                self.say(_("Nothing to undo."))
        else:
            self.say(_("Type the number of a choice, or h for help."))
        return True

    def loop(self) -> int:
        self.show()
        while not self.state.ended:
            self.out.write("> ")
            self.out.flush()
            line = self.read_line()
            if line is None:
                self.say()
                self.leaving(_f("Input ended; the game is saved. Continue it with: {command}",
                                command=self.continue_command()))
                return 0
            text = line.strip()
            if self.echo:
                self.say(shorten(text, ECHO_LIMIT))
            if not text:
                continue
            if not NUMBER.fullmatch(text):
                if not self.command(text):
                    self.leaving(_f("Saved. Continue with: {command}", command=self.continue_command()))
                    return 0
                continue
            choices = self.session.view().choices
            number = small_number(text) or 0      # too many digits: out of range like 0
            if not choices:
                self.say(_f("No choice is open in scene `{scene}`: the story is stuck here. "
                            "Type u to undo, or q to quit, and tell its writer.", scene=self.state.scene))
                continue
            if not 1 <= number <= len(choices):
                self.say(_f("Choose a number from 1 to {n}.", n=len(choices)))
                continue
            picked = choices[number - 1]
            if not picked.available:
                self.say(_f("That choice is locked: {reason}", reason=picked.locked))
                continue
            try:
                self.session.choose(picked.id)
            except GameError as error:
                # A fault in the story, not the player's: say so, keep the game as it was.
                self.say(_f("The story cannot go on this way: {error}. Try another choice, or tell its writer.", error=error))
                continue
            if self.session.save_error:
                self.say(_f("(could not save the game: {error})", error=self.session.save_error))
            self.show()
        return 0

def labelled(label: str, text: str) -> str:
    """`label: text` as the language writes it ("label : text" in French), without ever reading
    placeholders inside the label or the text (both may be writer text)."""
    template = _("{label}: {text}")
    before, _mark, rest = template.partition("{label}")
    middle, _mark, after = rest.partition("{text}")
    return before + label + middle + text + after


def _source(fact) -> str:
    return source_words(fact.source, with_url=True)


def system_story_language(path) -> str | None:
    """The computer's language (LANG), when the story has a translation into it (i18n/<code>.yaml)."""
    wanted = system_language()
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    return wanted if wanted is not None and (folder / "i18n" / f"{wanted}.yaml").is_file() else None


def run_plain(path, seed=None, language=None, variant=None, resume=False, save_path=None, force=False,
              replay=None, out=None, inp=None, at=None, values=None, replace=False) -> int:
    err = PrintableWriter(sys.stderr)       # paths, ids and messages may hold anything
    if path is None:
        err.write("safecity: no scenario found; give the path of a scenario folder\n")
        return 2
    if language is None and not resume:
        language = system_story_language(path)
    set_language(language or system_language() or "en")   # a message before the game speaks the player's language
    try:
        if resume:
            session = Session.resume(path, language=language, save_path=save_path, force=force)
        else:
            session = Session.new(path, seed=seed, variant=variant, language=language, save_path=save_path,
                                  at=at, values=parse_values(values or []), replace=replace)
            steps = [c.strip() for c in (replay or "").split(",") if c.strip()]
            for number, choice_id in enumerate(steps, 1):
                try:
                    session.choose(choice_id)
                except GameError as error:
                    raise GameError(f"--replay, step {number} of {len(steps)}: {error}") from None
    except LoadFailed as failure:
        for d in failure.diagnostics[:20]:
            err.write(d.format() + "\n")
        err.write(f"safecity: {failure.message}\n")
        return 2 if failure.usage else 1
    except (saves.SaveError, GameError) as error:
        err.write(f"safecity: {error}\n")
        return 1
    try:
        set_language(session.language)
        out = PrintableWriter(out or sys.stdout)
        out.write(f"{printable_line(session.scenario.title)}\n")
        if session.scenario.classroom.warning and not resume:
            out.write(_f("Content warning: {warning}", warning=printable_line(session.scenario.classroom.warning)) + "\n")
        for note in session.notes:
            out.write(_f("(about your save: {note})", note=note) + "\n")
        if resume:
            out.write(_f("(continuing your saved game at turn {turn}; h for help)", turn=session.state.turn) + "\n")
        else:
            out.write(_f("(seed {seed}: the same seed gives everyone the same events; h for help)",
                         seed=session.state.seed) + "\n")
        return PlainPlayer(session, out, inp, _shown(path, session.save_path)).loop()
    finally:
        session.close()


def _shown(path, save_path) -> str:
    """The words after `safecity play` that continue this very game."""
    from game.paths import default_scenario

    shown = "" if Path(path) == default_scenario() else str(path)
    if save_path:
        saved = Path(save_path)
        shown += f" --save {saved.stem if saved.parent == saves.saves_dir() else saved}"
    return shown
