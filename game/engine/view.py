"""What a front end shows for a state: texts resolved, choices listed, meters with changes.

Front ends render a View; they never evaluate story logic themselves.
"""

from __future__ import annotations


from game.engine.runtime import CONTINUE, options
from game.engine.state import GameState
from game.engine.text import shown_values, substitute
from game.model.record import record
from game.model.text_grammar import linked_terms, unlink
from game.i18n import DEBRIEF_QUESTIONS, _, _f
from game.model.safe_text import one_line, printable_line
from game.model.scenario import Ending, Fact, GlossaryEntry, RealityItem, Scenario


@record
class MeterView:
    id: str
    label: str
    value: float
    min: float
    max: float
    unit: str
    change: float | None        # since before the last choice, if it changed
    good: str = "neither"       # which way is better: "up", "down" or "neither"
    low_end: float | None = None    # at or below this value the game ends (the meter's `low` threshold)
    high_end: float | None = None   # at or above this value the game ends

    @property
    def better(self) -> bool | None:
        """Whether the last change was for the better (True), the worse (False), or neither (None)."""
        if not self.change or self.good == "neither":
            return None
        return (self.change > 0) == (self.good == "up")


@record
class LineView:
    character: str
    name: str
    role: str
    colour: str
    text: str                   # Markdown, values filled in
    source: str = ""            # as written: `{name}` not filled in (see View.values)


@record
class EffectView:
    target: str
    label: str
    kind: str                   # "add", "set" or "flag"
    amount: float | bool


@record
class ChoiceView:
    id: str
    text: str                   # empty for Continue: front ends word it themselves
    available: bool
    locked: str
    is_continue: bool
    effects: tuple[EffectView, ...]   # the sure effects, for "show effects before choosing"
    uncertain: bool             # has random outcomes


@record
class View:
    scene: str
    turn: int
    date: tuple[int, int] | None      # (year, month) of this turn, with a calendar
    headline: str
    text: str                   # Markdown; [[term]] marks glossary links
    lines: tuple[LineView, ...]
    facts: tuple[Fact, ...]
    later: frozenset[str]       # ids of the facts dated after this turn's date: show them with fact_heading()
    terms: tuple[GlossaryEntry, ...]
    choices: tuple[ChoiceView, ...]
    meters: tuple[MeterView, ...]
    result: str                 # what the last choice did, in words
    ending: Ending | None
    # The text as written, for front ends that keep parsed Markdown (game/model/markdown.py): the
    # blocks shown (`text` is them filled in and joined), and what each `{name}` of the blocks
    # and the lines shows.
    blocks: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()


def turn_date(scenario: Scenario, turn: int) -> tuple[int, int] | None:
    cal = scenario.calendar
    if cal is None:
        return None
    months = cal.start_month - 1 + max(turn - 1, 0) * cal.months_per_turn
    return cal.start_year + months // 12, months % 12 + 1


def fact_is_later(scenario: Scenario, fact: Fact, turn: int) -> bool:
    """Whether the fact happened after the game's date at this turn (by month), so telling it now
    tells the future. False without a calendar or a readable date."""
    now, when = turn_date(scenario, turn), fact.when()
    return now is not None and when is not None and when > now


def fact_heading(fact: Fact, later: bool) -> str:
    """A fact card's title as players see it: marked "Later: " when it happened after the game's date."""
    return _f("Later: {title}", title=fact.title) if later else fact.title


def view(scenario: Scenario, state: GameState) -> View:
    scene = scenario.scenes[state.scene]
    meters, flags = state.meters, state.flags

    def sub(text: str) -> str:
        return substitute(text, meters, flags)

    blocks = tuple(b.text.strip() for b in scene.text if b.condition is None or b.condition.fn(state))
    text = "\n\n".join(sub(b) for b in blocks)
    lines = []
    for line in scene.say:
        if line.condition is not None and not line.condition.fn(state):
            continue
        who = scenario.characters[line.character]
        lines.append(LineView(who.id, who.name, who.role, who.colour, sub(line.text), line.text))
    headline = sub(scene.headline)
    changes = state.last.get("changes", {}) if state.last else {}
    meter_views = tuple(
        MeterView(mid, m.label, meters[mid], m.min, m.max, m.unit,
                  (meters[mid] - changes[mid][0]) if mid in changes and changes[mid][0] != meters[mid] else None,
                  m.good, m.low.at if m.low else None, m.high.at if m.high else None)
        for mid, m in scenario.meters.items() if not m.hidden
    )
    choice_views = []
    for option in options(scenario, state):
        choice = option.choice
        if choice is None:
            choice_views.append(ChoiceView(CONTINUE, "", True, "", True, (), False))
            continue
        effects = tuple(_effect_view(scenario, e) for e in choice.effects
                        if e.target in scenario.flags or not scenario.meters[e.target].hidden)
        choice_views.append(ChoiceView(choice.id, sub(choice.text), option.available, option.locked, False,
                                       effects, bool(choice.outcomes)))
    terms = _terms(scenario, [text, headline, *(line.text for line in lines), *(c.text for c in choice_views)])
    return View(
        scene=scene.id, turn=state.turn, date=turn_date(scenario, state.turn), headline=headline, text=text,
        lines=tuple(lines), facts=tuple(scenario.facts[f] for f in scene.facts),
        later=frozenset(f for f in scene.facts if fact_is_later(scenario, scenario.facts[f], state.turn)), terms=terms,
        choices=tuple(choice_views), meters=meter_views, result=sub(state.last.get("result", "") if state.last else ""),
        ending=scene.ending, blocks=blocks,
        values=shown_values([*blocks, *(line.source for line in lines)], meters, flags),
    )


def _effect_view(scenario: Scenario, effect) -> EffectView:
    if effect.op == "flag":
        label = scenario.flags[effect.target].label or effect.target
    else:
        label = scenario.meters[effect.target].label
    return EffectView(effect.target, label, effect.op, effect.amount)


def _terms(scenario: Scenario, texts: list[str]) -> tuple[GlossaryEntry, ...]:
    found: dict[str, GlossaryEntry] = {}
    for text in texts:
        for term in linked_terms(text):
            entry = scenario.term(term)
            if entry is not None:
                found[entry.id] = entry
    return tuple(found.values())


def unlocked_facts(scenario: Scenario, state: GameState) -> list[tuple[Fact, bool, str]]:
    """Every fact card of every visited scene, as (fact, in the current scene, heading with "Later:"
    when it is dated after this turn): the current scene's cards first, then the others in the order
    first met."""
    current = scenario.scenes.get(state.scene)
    here = [f for f in (current.facts if current else ()) if f in scenario.facts]
    seen: list[str] = []
    for scene_id in state.visited:  # a dict keeps the order scenes were first entered
        scene = scenario.scenes.get(scene_id)
        for fact_id in scene.facts if scene else ():
            if fact_id in scenario.facts and fact_id not in seen:
                seen.append(fact_id)
    ordered = here + [f for f in seen if f not in here]
    return [(scenario.facts[f], f in here,
             fact_heading(scenario.facts[f], fact_is_later(scenario, scenario.facts[f], state.turn))) for f in ordered]


def ledger(scenario: Scenario, state: GameState) -> list[dict]:
    """What the player signed and undid, in order: [{"label", "value", "turn", "date"}]."""
    return [
        {"flag": e["flag"], "label": scenario.flags[e["flag"]].label, "value": e["value"], "turn": e["turn"],
         "date": turn_date(scenario, e["turn"])}
        for e in state.ledger if e["flag"] in scenario.flags
    ]


def reality(scenario: Scenario, state: GameState) -> list[tuple[RealityItem, str, tuple[Fact, ...]]]:
    """The debrief's "what really happened" items that match the final state, each with the facts it
    cites: one per source (two facts from the same report name it once)."""
    return [
        (item, substitute(item.text, state.meters, state.flags), _one_per_source(scenario.facts[f] for f in item.facts))
        for item in scenario.reality if item.condition is None or item.condition.fn(state)
    ]


def _one_per_source(facts) -> tuple[Fact, ...]:
    seen, kept = set(), []
    for fact in facts:
        source = (fact.source.name, fact.source.url, fact.source.date)
        if source not in seen:
            seen.add(source)
            kept.append(fact)
    return tuple(kept)


@record
class Timeline:
    """The visible meters over the term, for the end charts: one point before the first decision,
    one after each decision, and the end. `turns[i]` is the turn of point i."""

    turns: tuple[int, ...]
    series: dict[str, tuple[float, ...]]


def term_timeline(scenario: Scenario, state: GameState) -> Timeline:
    """Each visible meter's value as the player first saw it (after any variant's or first scene's
    changes: not the scenario's `start`), after each decision, and at the end."""
    visible = [mid for mid, m in scenario.meters.items() if not m.hidden]
    history = state.history
    if history:
        first = history[0]
        changes, after = first.get("changes", {}) or {}, first.get("meters", {}) or {}
        start = {mid: changes[mid][0] if mid in changes else after.get(mid, state.meters[mid]) for mid in visible}
        turns = [first.get("turn", 0)]
    else:
        start = {mid: state.meters[mid] for mid in visible}
        turns = [state.turn]
    series = {mid: [start[mid]] for mid in visible}
    for entry in history:
        turns.append(entry.get("turn", turns[-1]))
        for mid in visible:
            series[mid].append((entry.get("meters") or {}).get(mid, series[mid][-1]))
    turns.append(state.turn)
    for mid in visible:
        series[mid].append(state.meters[mid])
    return Timeline(tuple(turns), {mid: tuple(values) for mid, values in series.items()})


def meter_timeline(scenario: Scenario, state: GameState) -> dict[str, list[float]]:
    """Each visible meter's values over the term (see term_timeline)."""
    return {mid: list(values) for mid, values in term_timeline(scenario, state).series.items()}


def debrief_questions(scenario: Scenario) -> list[str]:
    """The questions of the debrief: the scenario's own (`classroom.discussion`), else the six general ones."""
    return discussion(scenario) or [_(q) for q in DEBRIEF_QUESTIONS]


def discussion(scenario: Scenario) -> list[str]:
    """The scenario's own debrief questions (`classroom.discussion`), as plain lines; [] if it has
    none (the front ends then ask the six general questions)."""
    return [q for q in (printable_line(one_line(unlink(text))) for text in scenario.classroom.discussion) if q]
