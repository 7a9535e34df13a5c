"""Lint: findings about a scenario that loads without errors but may not play as meant.

`safecity check` runs `lint(scenario)` after a clean load (load_scenario never
does). Each finding is a Diagnostic with a code from game/model/codes.py
(SC7xx), a span and a hint; `apply_severities` then applies the scenario's own
`lint:` settings (a code set to "off" is dropped).
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections import deque
from pathlib import Path

from game.model.text_grammar import SUBSTITUTION
from game.model.text_grammar import linked_terms
from game.loader.issues import problem
from game.model import scenario as m
from game.model.diagnostics import Diagnostic, Severity, Span, sort_key
from game.model.safe_text import INVISIBLE, character_names

SCREEN_WIDTH = 76        # an 80-column terminal, less the frame
MAX_SCENE_LINES = 60
MAX_CHOICE_CHARS = 200


def lint(scenario: m.Scenario, *, translations: bool = True) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    _reachability(scenario, out)
    _variables(scenario, out)
    _facts(scenario, out)
    _unlinked_terms(scenario, out)
    _characters(scenario, out)
    _routes(scenario, out)
    _lengths(scenario, out)
    _never_true(scenario, out)
    _late_laters(scenario, out)
    _future_facts(scenario, out)
    _invisible_texts(scenario, out)
    if translations:
        _translations(scenario, out)
    out.sort(key=sort_key)
    return out


def apply_severities(diagnostics: list[Diagnostic], settings: dict) -> list[Diagnostic]:
    """The scenario's `lint:` settings: a severity per code, or "off" to hide it."""
    result = []
    for d in diagnostics:
        level = settings.get(d.code)
        if level == "off":
            continue
        if level in ("error", "warning", "info"):
            d = dataclasses.replace(d, severity=Severity(level))
        result.append(d)
    return result


# --- walking the model ------------------------------------------------------------

def _walk(obj):
    """Every dataclass value and string inside `obj`, depth first (conditions are not entered)."""
    stack = [obj]
    while stack:
        value = stack.pop()
        if isinstance(value, m.Condition):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            yield value
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, str):
            yield value


def _story_parts(s: m.Scenario):
    return (s.scenes, s.events, s.facts, s.glossary, s.reality, s.variants, s.quiz, s.meters, s.flags,
            s.characters, s.classroom)


# --- SC701, SC702 ------------------------------------------------------------------

def scene_successors(scene: m.Scene):
    """Where play can go from a scene, counting the scenes its choices queue with `later`."""
    yield from _main_successors(scene)
    for choice in scene.choices:
        for holder in (choice, *choice.outcomes):
            for later in holder.later:
                yield later.scene


def reachable_scenes(s: m.Scenario) -> set[str]:
    roots = [s.start, *(v.start for v in s.variants.values() if v.start), *(e.scene for e in s.events)]
    for meter in s.meters.values():
        roots += [t.goto for t in (meter.low, meter.high) if t is not None]
    seen: set[str] = set()
    queue = deque(r for r in roots if r in s.scenes)
    while queue:
        sid = queue.popleft()
        if sid in seen:
            continue
        seen.add(sid)
        queue.extend(n for n in scene_successors(s.scenes[sid]) if n in s.scenes and n not in seen)
    return seen


def _reachability(s: m.Scenario, out: list) -> None:
    seen = reachable_scenes(s)
    for sid, scene in s.scenes.items():
        if sid in seen:
            continue
        if scene.ending is not None:
            out.append(problem("SC702", scene.span, f"the ending `{sid}` can never be reached",
                               f"lead to it: `goto: {sid}` in a choice, route or threshold of a reachable scene, "
                               "or remove it"))
        else:
            out.append(problem("SC701", scene.span, f"the scene `{sid}` can never be reached from a start",
                               f"lead to it with `goto: {sid}` from a reachable scene (or an event), or remove it"))


# --- SC703 ---------------------------------------------------------------------------

def _variables(s: m.Scenario, out: list) -> None:
    read: set[str] = set()
    written: set[str] = set()
    for part in _story_parts(s):
        for value in _walk(part):
            if isinstance(value, m.Condition):
                read |= value.names
            elif isinstance(value, str):
                read.update(match.group(1).strip() for match in SUBSTITUTION.finditer(value) if match.group(1))
            elif isinstance(value, m.Effect):
                written.add(value.target)
    for meter in s.meters.values():
        # A meter neither read nor changed is unused (SC703 below says so): one finding is enough.
        if meter.id not in written and (meter.id in read or meter.low or meter.high):
            out.append(problem("SC713", meter.span,
                               f"the meter `{meter.id}` never changes: no effect or outcome moves it, so it stays at "
                               f"{meter.start:g} all game",
                               f"move it in some `effects:` (`{meter.id}: +5`), or write the number into the text"))
    for meter in s.meters.values():
        if meter.id not in read and meter.low is None and meter.high is None:
            out.append(problem("SC703", meter.span,
                               f"the meter `{meter.id}` is never read: no condition, `{{{meter.id}}}` or threshold uses it",
                               f"test it in an `if:`, show it with `{{{meter.id}}}`, give it a threshold, or remove it"))
    for flag in s.flags.values():
        if flag.id not in written:
            out.append(problem("SC703", flag.span,
                               f"the flag `{flag.id}` is never written: no effect sets it, so it is always "
                               f"{str(flag.start).lower()}",
                               f"set it in some `effects:` (`{flag.id}: true`), or remove it"))
        elif flag.id not in read and not flag.label:   # a labelled flag is read by the end-of-game ledger
            out.append(problem("SC703", flag.span,
                               f"the flag `{flag.id}` is never read: no condition, `{{{flag.id}}}` or ledger label uses it",
                               f"test it in an `if:` (`if: {flag.id}`), give it a `label:` for the ledger, or remove it"))


# --- SC704, SC711, SC705 ----------------------------------------------------------------------

def _facts(s: m.Scenario, out: list) -> None:
    shown = {fid for scene in s.scenes.values() for fid in scene.facts}
    shown |= {fid for item in s.reality for fid in item.facts}
    shown |= {fid for items in s.quiz.values() for item in items for fid in item.facts}
    for fid, fact in s.facts.items():
        if fid not in shown:
            out.append(problem("SC704", fact.span, f"the fact `{fid}` is shown nowhere",
                               f"add `facts: [{fid}]` to the scene, reality item or quiz item it belongs to, "
                               "or remove it"))


def _unlinked_terms(s: m.Scenario, out: list) -> None:
    """SC711: a term players can only find by browsing the glossary, never in context."""
    names = {}
    for gid, entry in s.glossary.items():
        for name in (gid, entry.term, *entry.aliases):
            names[name.strip().lower()] = gid
    linked = set()
    for part in (s.scenes, s.events, s.facts, s.reality, s.variants, s.quiz):
        for value in _walk(part):
            if isinstance(value, str) and "[[" in value:
                linked.update(names.get(term.lower()) for term in linked_terms(value))
    for gid, entry in s.glossary.items():   # a definition may link another term, not itself
        for value in _walk(entry.text):
            if isinstance(value, str):
                linked.update(g for g in (names.get(t.lower()) for t in linked_terms(value)) if g != gid)
    for gid, entry in s.glossary.items():
        if gid not in linked:
            out.append(problem("SC711", entry.span, f"the glossary term `{entry.term}` is linked from no text",
                               f"write [[{entry.term}]] where players meet the idea, so they can open it there; "
                               "or remove the entry"))


def _characters(s: m.Scenario, out: list) -> None:
    speaking = {line.character for scene in s.scenes.values() for line in scene.say}
    for cid, character in s.characters.items():
        if cid not in speaking:
            out.append(problem("SC705", character.span, f"the character `{cid}` has no line in any scene",
                               f"give them a line (`say: [{cid}: ...]`) or remove them"))


# --- SC706 ------------------------------------------------------------------------------

def _routes(s: m.Scenario, out: list) -> None:
    for sid, scene in s.scenes.items():
        if scene.route and scene.route[-1].condition is not None:
            last = scene.route[-1]
            out.append(problem("SC706", last.span,
                               f"the last route of scene `{sid}` has a condition: when none holds, the game stops",
                               f"remove the `if:` of the last route (`- goto: {last.goto}`) so it is the fallback"))


# --- SC707 ------------------------------------------------------------------------------

def rendered_lines(text: str, width: int = SCREEN_WIDTH) -> int:
    return sum(max(1, len(textwrap.wrap(line, width))) for line in text.strip().split("\n"))


def _lengths(s: m.Scenario, out: list) -> None:
    for sid, scene in s.scenes.items():
        blocks = [b.text for b in scene.text]
        blocks += [f"{s.characters[line.character].name if line.character in s.characters else line.character}: "
                   f"{line.text}" for line in scene.say]
        # blocks are separated by a blank line
        lines = sum(rendered_lines(b) for b in blocks) + max(0, len(blocks) - 1)
        if lines > MAX_SCENE_LINES:
            out.append(problem("SC707", scene.span,
                               f"the scene `{sid}` shows {lines} lines of text at {SCREEN_WIDTH} columns "
                               f"(more than {MAX_SCENE_LINES})",
                               "split it into two scenes joined by `goto:`, or shorten it"))
        for choice in scene.choices:
            if len(choice.text) > MAX_CHOICE_CHARS:
                out.append(problem("SC707", choice.span,
                                   f"the choice `{choice.id}` of scene `{sid}` is {len(choice.text)} characters long "
                                   f"(more than {MAX_CHOICE_CHARS})",
                                   "keep the choice short; put the explanation in the scene text or `result:`"))


# --- SC712 ------------------------------------------------------------------------------

_PART_NAMES = {"TextBlock": "scene text", "Line": "spoken line", "GlossaryEntry": "glossary entry",
               "RealityItem": "reality item", "QuizItem": "quiz item"}
_NOT_TEXT = {"span", "fingerprint", "root", "lint", "languages"}


def invisible_texts(s: m.Scenario) -> dict[tuple[Span, str, str], set[str]]:
    """(span of the part, its kind, field) -> the invisible or direction-changing characters of that field.

    A part without a span of its own (a text block, a source) counts as its holder's.
    """
    root = Span(str(Path(s.root) / "scenario.yaml") if s.root else "scenario.yaml")
    found: dict[tuple[Span, str, str], set[str]] = {}
    stack: list = [(s, root, "scenario")]
    while stack:
        value, span, what = stack.pop()
        if isinstance(value, m.Condition):
            continue  # a condition with such a character does not parse (SC401)
        own = getattr(value, "span", None)
        if isinstance(own, Span) and own.file != m.NOWHERE.file:
            span, what = own, _PART_NAMES.get(type(value).__name__, type(value).__name__.lower())
        for f in dataclasses.fields(value):
            if f.name in _NOT_TEXT:
                continue
            items = [getattr(value, f.name)]
            while items:
                item = items.pop()
                if isinstance(item, str):
                    chars = INVISIBLE.findall(item)
                    if chars:
                        found.setdefault((span, what, f.name), set()).update(chars)
                elif isinstance(item, (tuple, list)):
                    items.extend(item)
                elif isinstance(item, dict):
                    items.extend(item.values())
                    items.extend(k for k in item if isinstance(k, str))
                elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                    stack.append((item, span, what))
    return found


def _invisible_texts(s: m.Scenario, out: list, lang: str = "", known=None) -> None:
    """SC712: characters that change how a text is shown without showing themselves (bidirectional
    overrides and isolates, zero-width spaces and joiners): a choice could read as another."""
    for (span, what, name), chars in sorted(invisible_texts(s).items(), key=lambda kv: (sort_key_span(kv[0][0]),
                                                                                          kv[0][1], kv[0][2])):
        if known is not None and known.get((span, what, name)) == chars:
            continue  # the same characters in the source: reported there
        where = f" in the `{lang}` translation (i18n/{lang}.yaml)" if lang else ""
        part = f"this {what}" if what == "scene text" else f"the `{name}` of this {what}"
        out.append(problem("SC712", span,
                           f"{part}{where} holds the invisible character"
                           f"{'s' * (len(chars) > 1)} {character_names(chars)}",
                           "remove it: it changes how the text around it is shown (its order, where words "
                           "break) without showing itself; retype the text if it was pasted"))


def sort_key_span(span: Span) -> tuple:
    return (span.file, span.line, span.col)


# --- SC709 ------------------------------------------------------------------------------

def _never_true(s: m.Scenario, out: list) -> None:
    """Conditions that no value within the meters' ranges (and the flags' possible values) can meet."""
    from game.analysis.ranges import Ranges

    written = {v.target for part in _story_parts(s) for v in _walk(part) if isinstance(v, m.Effect)}
    fixed = {fid: flag.start for fid, flag in s.flags.items() if fid not in written}
    _least, last = turn_bounds(s)       # the last turn any game can reach (infinite if the story loops)
    ranges = Ranges({mid: (meter.min, meter.max) for mid, meter in s.meters.items()}, fixed, (0, last))
    seen: set[int] = set()
    for part in _story_parts(s):
        for value in _walk(part):
            if isinstance(value, m.Condition) and value.ast is not None and id(value) not in seen:
                seen.add(id(value))
                if not ranges.can_hold(value.ast):
                    turns = f"; no game lasts beyond turn {last:g}" if last != float("inf") else ""
                    out.append(problem("SC709", value.span, f"the condition `{value.source}` can never hold",
                                       "meters stay within their min and max, and a flag no effect sets keeps "
                                       f"its start value{turns}; check the numbers and the flag names"))


# --- SC710 ------------------------------------------------------------------------------

def _main_successors(scene: m.Scene):
    """Where play goes next from a scene (not counting scenes queued by `later`)."""
    if scene.goto:
        yield scene.goto
    for route in scene.route:
        yield route.goto
    for choice in scene.choices:
        if choice.goto:
            yield choice.goto
        for outcome in choice.outcomes:
            if outcome.goto:
                yield outcome.goto


def turn_bounds(s: m.Scenario) -> tuple[dict[str, int], float]:
    """The fewest turns a player can have played on entering each scene (from the start), and the
    most turns any scene short of an ending can be reached at (infinite if the story loops)."""
    import heapq
    import math

    least: dict[str, int] = {}
    heap = [(1 if s.scenes[s.start].turn else 0, s.start)] if s.start in s.scenes else []
    while heap:
        turns, sid = heapq.heappop(heap)
        if sid in least:
            continue
        least[sid] = turns
        for nxt in _main_successors(s.scenes[sid]):
            if nxt in s.scenes and nxt not in least:
                heapq.heappush(heap, (turns + (1 if s.scenes[nxt].turn else 0), nxt))
    most: dict[str, float] = {}
    on_path: set[str] = set()

    def longest(sid: str) -> float:  # the most turns still to come after entering sid
        if sid in most:
            return most[sid]
        if sid in on_path:
            return math.inf
        on_path.add(sid)
        best = 0.0
        for nxt in _main_successors(s.scenes[sid]):
            if nxt in s.scenes and not s.scenes[nxt].ending:
                best = max(best, (1 if s.scenes[nxt].turn else 0) + longest(nxt))
        on_path.discard(sid)
        most[sid] = best
        return best

    import sys
    depth = sys.getrecursionlimit()
    sys.setrecursionlimit(max(depth, 10 * len(s.scenes) + 100))
    try:
        last = least.get(s.start, 0) + longest(s.start) if s.start in s.scenes else 0
    finally:
        sys.setrecursionlimit(depth)
    return least, last


def _late_laters(s: m.Scenario, out: list) -> None:
    """A `later` due after the last turn any game can reach is never shown."""
    import math

    least, last = turn_bounds(s)
    if math.isinf(last):
        return
    for scene, later, due in _queued(s, least):
        if due > last:
            out.append(problem(
                "SC710", later.span,
                f"`{later.scene}` is due {later.turns} turn(s) after `{scene.id}`, at turn {due} at the "
                f"earliest, but no game lasts beyond turn {last:g}: it will never be shown",
                "queue it fewer turns ahead, or queue it from an earlier scene"))


def _queued(s: m.Scenario, least: dict[str, int]):
    """(scene, its `later`, the earliest turn it falls due) for every `later` of a reachable scene."""
    for scene in s.scenes.values():
        if scene.id not in least:
            continue
        for choice in scene.choices:
            for holder in (choice, *choice.outcomes):
                for later in holder.later:
                    yield scene, later, least[scene.id] + later.turns


# --- SC714 ------------------------------------------------------------------------------

def _future_facts(s: m.Scenario, out: list) -> None:
    """A decision that shows a card dated after the game's date there tells the player the future,
    and often the answer: the engine marks such a card "Later", but the writer should know."""
    from game.engine.view import turn_date

    if s.calendar is None:
        return
    least, _last = turn_bounds(s)
    earliest = dict(least)
    for _scene, later, due in _queued(s, least):   # a queued scene comes that many turns after its cause
        earliest[later.scene] = min(earliest.get(later.scene, due), due)
    for sid, turn in earliest.items():
        scene = s.scenes.get(sid)
        if scene is None or scene.ending or len(scene.choices) < 2:
            continue
        now = turn_date(s, turn)
        for fid in scene.facts:
            fact = s.facts.get(fid)
            when = fact.when() if fact else None
            if now and when and when > now:
                out.append(problem(
                    "SC714", scene.span,
                    f"the decision `{sid}` (turn {turn} at the earliest, {now[0]}-{now[1]:02d}) shows the fact "
                    f"`{fid}`, dated {when[0]}-{when[1]:02d}: players see it marked \"Later\", and it may give "
                    "the answer away",
                    "show the card where the game has reached its date (an interlude, the next turns, the ending), "
                    "or give the card the `date:` of the event it tells if that is earlier than its source"))


# --- SC708 ------------------------------------------------------------------------------

# The fields a translation file can replace, per model type (game/loader/i18n.py).
TRANSLATABLE = {
    m.Scene: ("text", "headline", "say", "choices", "ending"),
    m.TextBlock: ("text",), m.Line: ("text",),
    m.Choice: ("text", "locked", "result", "outcomes"), m.Outcome: ("result",),
    m.Ending: ("title", "tone"),
    # names and terms (a character's name, "CNIL") are often the same in every language: not counted
    m.Meter: ("label", "description"), m.Flag: ("label",), m.Character: ("role",),
    m.Fact: ("title", "text"), m.GlossaryEntry: ("text",), m.Variant: ("label", "description"),
    m.RealityItem: ("text",), m.QuizItem: ("text", "explain", "options"),
}


# Ending tones the program words itself in every language ("a dark ending"): not writer text.
PROGRAM_TONES = ("bright", "mixed", "dark")


def _texts(obj, label: str = "") -> list[tuple[str, str]]:
    """The translatable strings of an object, each with the name of its field, in a fixed order."""
    if isinstance(obj, str):
        return [(label, obj)]
    if isinstance(obj, (tuple, list)):
        found = []
        for index, item in enumerate(obj):
            name = getattr(item, "id", None)
            found += _texts(item, f"{label} `{name}`" if name else (f"{label} {index + 1}" if len(obj) > 1 else label))
        return found
    found = []
    for name in TRANSLATABLE.get(type(obj), ()):
        if isinstance(obj, m.Ending) and name == "tone" and obj.tone in PROGRAM_TONES:
            continue
        found += _texts(getattr(obj, name), f"{label} {name}".strip())
    return found


def _untranslated(source, translated, copied: frozenset = frozenset()) -> list[str]:
    """The fields of `source` its translation leaves as they are (a text copied into the translation
    file on purpose counts as translated)."""
    if translated is None:
        return []
    a, b = _texts(source), _texts(translated)
    if len(a) != len(b):
        return []
    return [label or "text" for (label, x), (_l, y) in zip(a, b)
            if x == y and any(c.isalpha() for c in x) and x not in copied]


def _copied(root: Path, lang: str) -> frozenset:
    """Every text the translation file writes: one the same as its source was kept on purpose."""
    from game.loader.yaml_reader import ReadError, read_yaml

    try:
        data = read_yaml(Path(root) / "i18n" / f"{lang}.yaml", f"i18n/{lang}.yaml")
    except (ReadError, OSError):
        return frozenset()
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return frozenset(found)


def _translations(s: m.Scenario, out: list) -> None:
    if not s.languages or not s.root:
        return
    from game.loader import load_scenario   # the loader imports nothing from here; avoid a cycle at import

    for lang in s.languages:
        result = load_scenario(Path(s.root), lang)
        t = result.scenario
        if t is None or result.errors:
            continue
        copied = _copied(s.root, lang)
        _invisible_texts(t, out, lang, invisible_texts(s))
        for sid, scene in s.scenes.items():
            _one(out, lang, scene.span, f"scene `{sid}`", _untranslated(scene, t.scenes.get(sid), copied))
        for fid, fact in s.facts.items():
            _one(out, lang, fact.span, f"fact `{fid}`", _untranslated(fact, t.facts.get(fid), copied))
        sections = (("meters", s.meters, t.meters), ("flags", s.flags, t.flags),
                    ("characters", s.characters, t.characters), ("glossary", s.glossary, t.glossary),
                    ("variants", s.variants, t.variants), ("quiz", s.quiz, t.quiz))
        for name, src, dst in sections:
            missing = [(k, _untranslated(v, dst.get(k), copied)) for k, v in src.items()]
            missing = [(k, fields) for k, fields in missing if fields]
            if missing:
                first = src[missing[0][0]]
                span = first[0].span if isinstance(first, tuple) else first.span
                _one(out, lang, span, f"section `{name}`", [f"`{k}` {f}" for k, fields in missing for f in fields])
        pairs = list(zip(s.reality, t.reality))
        counted = [(a, _untranslated(a, b, copied)) for a, b in pairs]
        counted = [(a, fields) for a, fields in counted if fields]
        if counted:
            _one(out, lang, counted[0][0].span, "section `reality`",
                 [f"`{a.id}` {f}" for a, fields in counted for f in fields])


def _one(out: list, lang: str, span, what: str, fields: list[str]) -> None:
    if fields:
        count = len(fields)
        shown = ", ".join(fields[:6]) + (f" and {count - 6} more" if count > 6 else "")
        out.append(problem("SC708", span,
                           f"{count} text{'s' * (count != 1)} of {what} {'are' if count != 1 else 'is'} "
                           f"not translated into `{lang}`: {shown}",
                           f"translate {what.split(' ', 1)[1]} in i18n/{lang}.yaml "
                           "(a text that stays the same in that language: copy it there as it is)"))
