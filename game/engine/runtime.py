"""The engine: start a game, list what the player may do, apply a choice.

Pure functions over an immutable Scenario and a plain GameState, in the spirit
of ink's runtime: start(), choices(), choose(). Nothing here prints, reads
input or knows about any front end.
"""

from __future__ import annotations

import math
import re
import secrets
from functools import lru_cache

from game.engine.rng import next_float, seed_state
from game.engine.state import GameState
from game.model.record import record
from game.model.safe_text import shorten
from game.model.scenario import Choice, Effect, Later, Scenario, Scene

CONTINUE = "continue"
# A chain of moves without a stop for the player longer than this is a loop in the story.
MAX_HOPS = 200


class GameError(Exception):
    """A request the game cannot honour (an unknown choice, a game already over, a story that loops)."""


@record
class Option:
    """A choice as the player may see it: a writer's choice, or a synthesized Continue."""

    id: str
    choice: Choice | None          # None for Continue
    available: bool
    locked: str = ""


def start(scenario: Scenario, seed: int | None = None, variant: str | None = None, *,
          at: str | None = None, values: dict | None = None) -> GameState:
    """A new game. `at` and `values` start it anywhere in any state, for play-testing."""
    if seed is None:
        seed = secrets.randbelow(1 << 31)
    state = GameState(
        scenario_id=scenario.id, seed=seed, rng=seed_state(seed),
        meters={mid: m.start for mid, m in scenario.meters.items()},
        flags={fid: f.start for fid, f in scenario.flags.items()},
    )
    target = scenario.start
    if variant:
        chosen = scenario.variants.get(variant)
        if chosen is None:
            known = ", ".join(scenario.variants) or "none"
            raise GameError(f"this scenario has no variant `{variant}` (known: {known})")
        state.variant = variant
        _apply(scenario, state, chosen.effects, {})
        target = chosen.start or target
    for name, value in (values or {}).items():
        _set_value(scenario, state, name, value)
    if at is not None:
        if at not in scenario.scenes:
            raise GameError(f"there is no scene `{at}`" + _suggest(at, scenario.scenes))
        target = at
    if target not in scenario.scenes:
        raise GameError(f"the start scene `{target}` does not exist")
    _enter(scenario, state, target, interrupts=False)
    if at is not None and state.turn == 0:
        state.turn = 1      # started at a scene that begins no turn (play-testing): it is still in a turn
    return state


# A meter value from the command line: plain decimal, ASCII digits (no nan, inf, 1e999, ²).
DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def parse_values(pairs: list[str]) -> dict[str, str]:
    """`name=value` strings from the command line, as a dict (values still text)."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise GameError(f"`{shorten(pair)}` is not name=value (for example trust=20 or school_gates=true)")
        if not value.strip():
            raise GameError(f"`{shorten(pair)}` gives no value (for example trust=20 or school_gates=true)")
        values[name.strip()] = value.strip()
    return values


def _set_value(scenario: Scenario, state: GameState, name: str, value) -> None:
    shown = shorten(str(value), 40)
    if name in scenario.meters:
        meter = scenario.meters[name]
        text = str(value).strip()
        if isinstance(value, bool) or not DECIMAL.fullmatch(text):
            raise GameError(f"`{name}` is a meter: give a number, not `{shown}`")
        number = float(text)        # no digit limit; a huge one is inf, refused below
        if not (math.isfinite(number) and meter.min <= number <= meter.max):
            raise GameError(f"`{name}` goes from {meter.min:g} to {meter.max:g}: `{shown}` is out of range")
        state.meters[name] = int(number) if number.is_integer() else number
    elif name in scenario.flags:
        text = str(value).lower()
        if text not in ("true", "false"):
            raise GameError(f"`{name}` is a flag: give true or false, not `{shown}`")
        state.flags[name] = text == "true"
    else:
        raise GameError(f"there is no meter or flag `{shorten(name, 40)}`"
                        + _suggest(name[:100], [*scenario.meters, *scenario.flags]))


def _suggest(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def options(scenario: Scenario, state: GameState) -> list[Option]:
    """What the player may choose now, in order: available, locked (with reason)."""
    if state.ended:
        return []
    scene = scenario.scenes[state.scene]
    if not scene.choices:
        return [Option(CONTINUE, None, True)]
    result = []
    for choice in scene.choices:
        cond = choice.condition
        if cond is None or cond.fn(state):
            result.append(Option(choice.id, choice, True))
        elif choice.locked:
            result.append(Option(choice.id, choice, False, choice.locked))
    return result


def choose(scenario: Scenario, state: GameState, choice_id: str, *, outcome: int | None = None) -> GameState:
    """Return the state after taking `choice_id`; the given state is left unchanged.

    `outcome` forces one of the choice's random outcomes (the exhaustive explorer tries each);
    play always leaves it to the seeded generator. A forced outcome is written into the path
    as `id@n` (n counts from 1), and `choose` accepts that form too, so a path still replays
    the game exactly (`safecity play --replay gamble@2`).
    """
    if state.ended:
        raise GameError("the game is over")
    if "@" in choice_id:
        choice_id, outcome = _forced(choice_id)
    scene = scenario.scenes[state.scene]
    # The same rule as options(), without building the whole list: this runs in every playthrough.
    if scene.choices:
        choice = scene.choice(choice_id)
        if choice is None or (choice.condition is not None and not choice.condition.fn(state)):
            what = "locked" if choice is not None and choice.locked else "not on offer"
            raise GameError(f"the choice `{choice_id}` is {what} {_where(scene, state)}")
    elif choice_id != CONTINUE:
        raise GameError(f"the choice `{choice_id}` is not on offer {_where(scene, state)}")
    else:
        choice = None
    if outcome is not None and (choice is None or not choice.outcomes):
        raise GameError(f"the choice `{choice_id}` has no outcomes to pick from")
    st = state.copy()
    st.path = st.path + (choice_id,)
    if choice is None:
        st.last = {}
        target = _after_scene(scenario, st, scene)
        _enter(scenario, st, target, advance=not _is_resume(scene))
        return st
    changes: dict = {}
    _apply(scenario, st, choice.effects, changes)
    outcome_index = None
    target = choice.goto
    result = choice.result
    laters = list(_keyed_laters(scene.id, choice.id, None, choice.later))
    if choice.outcomes:
        if outcome is not None:
            if not 0 <= outcome < len(choice.outcomes):
                raise GameError(f"the choice `{choice.id}` has {len(choice.outcomes)} outcome(s), not {outcome + 1}")
            if outcome not in possible_outcomes(state, choice):
                raise GameError(f"outcome {outcome + 1} of `{choice.id}` cannot happen here (its condition or weight)")
            st.path = st.path[:-1] + (f"{choice.id}@{outcome + 1}",)
        outcome_index = _draw(st, choice, scenario) if outcome is None else outcome
        outcome = choice.outcomes[outcome_index]
        _apply(scenario, st, outcome.effects, changes)
        target = outcome.goto or target
        result = outcome.result or result
        laters += _keyed_laters(scene.id, choice.id, outcome_index, outcome.later)
    for key, later in laters:
        st.scheduled = st.scheduled + ({"scene": later.scene, "due": st.turn + later.turns, "key": key},)
    st.history = st.history + ({
        "turn": st.turn, "scene": scene.id, "choice": choice.id, "outcome": outcome_index, "step": len(st.path) - 1,
        "changes": changes, "meters": dict(st.meters),
    },)
    st.last = {"result": result, "changes": changes}
    failed = _threshold(scenario, st, changes)
    if failed:
        _enter(scenario, st, failed)
        return st
    resuming = False
    if target is None:
        if not st.resume:
            raise GameError(f"the choice `{choice.id}` in scene `{scene.id}` has nowhere to go")
        target = st.resume[-1]
        st.resume = st.resume[:-1]
        resuming = True
    _enter(scenario, st, target, advance=not resuming)
    return st


def _forced(entry: str) -> tuple[str, int]:
    """`gamble@2` -> ("gamble", 1): a choice with its outcome forced (n counts from 1)."""
    choice_id, _, number = entry.partition("@")
    if not (number.isascii() and number.isdigit()) or int(number) < 1:
        raise GameError(f"`{entry}`: after @ comes the number of an outcome, counting from 1")
    return choice_id, int(number) - 1


def replay(scenario: Scenario, seed: int, path: list[str], variant: str | None = None) -> GameState:
    """Play `path` from a fresh start with `seed`: the same game, step by step. A step that cannot be
    taken raises GameError naming the step's number, the scene and what was on offer there."""
    state = start(scenario, seed, variant)
    for number, choice_id in enumerate(path, 1):
        try:
            state = choose(scenario, state, choice_id)
        except GameError as error:
            raise GameError(f"step {number} of {len(path)}: {error}") from None
    return state


def _where(scene: Scene, state: GameState) -> str:
    """In words: the scene and turn a choice was asked of, and the choices open there."""
    if scene.choices:
        open_ids = [c.id for c in scene.choices if c.condition is None or c.condition.fn(state)]
    else:
        open_ids = [CONTINUE]
    offered = ", ".join(f"`{c}`" for c in open_ids) or "nothing"
    return f"in scene `{scene.id}` (turn {state.turn}); on offer there: {offered}"


# -- moving between scenes ---------------------------------------------------


def _after_scene(scenario: Scenario, st: GameState, scene: Scene) -> str:
    """Where Continue leads: the scene's goto, its route, or back to the interrupted scene."""
    if scene.goto:
        return scene.goto
    if scene.route:
        return _route(scene, st)
    if st.resume:
        target = st.resume[-1]
        st.resume = st.resume[:-1]
        return target
    raise GameError(f"scene `{scene.id}` has nowhere to go")


def _is_resume(scene: Scene) -> bool:
    # Continue from an interlude with no goto or route returns to a scene whose turn already began.
    return not scene.goto and not scene.route


def _route(scene: Scene, st: GameState) -> str:
    for route in scene.route:
        if route.condition is None or route.condition.fn(st):
            return route.goto
    raise GameError(f"no route of scene `{scene.id}` applies (add a last route without `if`)")


def _shows_something(scene: Scene) -> bool:
    return bool(scene.text or scene.say or scene.headline)


def _enter(scenario: Scenario, st: GameState, target: str, advance: bool = True, interrupts: bool = True) -> None:
    """Move to `target`, letting delayed scenes and events come first.

    Events and delayed scenes never come before an ending (the game is over)
    nor before the first scene (the player has not seen the city yet).
    """
    check_interrupts = interrupts
    for _ in range(MAX_HOPS):
        scene = scenario.scenes[target]
        if advance and scene.turn:
            st.turn += 1
        advance = True
        if check_interrupts and scene.ending is None:
            interrupt = _take_interrupt(scenario, st)
            if interrupt is not None:
                st.resume = st.resume + (target,)
                target = interrupt
                advance = False
                check_interrupts = False
                continue
        check_interrupts = True
        st.scene = target
        st.visited[target] = st.visited.get(target, 0) + 1
        if scene.effects:
            changes: dict = {}
            _apply(scenario, st, scene.effects, changes)
            failed = _threshold(scenario, st, changes)
            if changes:
                merged = dict(st.last.get("changes", {}))
                for key, (before, after) in changes.items():
                    merged[key] = [merged[key][0] if key in merged else before, after]
                st.last = {**st.last, "changes": merged}
            if failed:
                target = failed
                continue
        if scene.ending is not None:
            st.ended = True
            return
        if scene.route and not _shows_something(scene):
            target = _route(scene, st)
            continue
        return
    raise GameError(f"the story moves on more than {MAX_HOPS} times without stopping (a loop near `{target}`?)")


def _take_interrupt(scenario: Scenario, st: GameState) -> str | None:
    """The delayed scene or event due now, if any, taken off the queue."""
    if st.scheduled:
        due = sorted((e for e in st.scheduled if e["due"] <= st.turn), key=lambda e: e["due"])
        for entry in due:
            st.scheduled = tuple(e for e in st.scheduled if e is not entry)
            later = later_index(scenario).get(entry["key"])
            if later is None or later.condition is None or later.condition.fn(st):
                return entry["scene"]
    for event in scenario.events:
        last = st.fired.get(event.id)
        if last is not None and (event.once or last == st.turn):
            continue
        if event.when.fn(st):
            st.fired = {**st.fired, event.id: st.turn}
            return event.scene
    return None


def possible_outcomes(state: GameState, choice: Choice) -> list[int]:
    """The outcomes of a choice that can happen in this state."""
    return [i for i, o in enumerate(choice.outcomes) if o.weight > 0 and (o.condition is None or o.condition.fn(state))]


def _draw(st: GameState, choice: Choice, scenario: Scenario) -> int:
    possible = [(i, o) for i, o in enumerate(choice.outcomes)
                if o.weight > 0 and (o.condition is None or o.condition.fn(st))]
    if not possible:
        raise GameError(f"no outcome of choice `{choice.id}` is possible now")
    total = sum(o.weight for _, o in possible)
    st.rng, roll = next_float(st.rng)
    point = roll * total
    for index, outcome in possible:
        point -= outcome.weight
        if point < 0:
            return index
    return possible[-1][0]


# -- effects -----------------------------------------------------------------


def _apply(scenario: Scenario, st: GameState, effects: tuple[Effect, ...], changes: dict) -> None:
    """Apply effects, clamping meters; record [before, after] per id in `changes`."""
    for effect in effects:
        target = effect.target
        if effect.op == "flag":
            before = st.flags.get(target, False)
            st.flags[target] = effect.amount
            flag = scenario.flags.get(target)
            if before != effect.amount and flag is not None and flag.label:
                st.ledger = st.ledger + ({"flag": target, "value": effect.amount, "turn": st.turn, "scene": st.scene},)
        else:
            meter = scenario.meters[target]
            before = st.meters[target]
            value = effect.amount if effect.op == "set" else before + effect.amount
            value = min(max(value, meter.min), meter.max)
            st.meters[target] = value
        if target in changes:
            changes[target] = [changes[target][0], st.meters.get(target, st.flags.get(target))]
        else:
            after = st.flags[target] if effect.op == "flag" else st.meters[target]
            changes[target] = [before, after]


def _threshold(scenario: Scenario, st: GameState, changes: dict) -> str | None:
    """The scene a meter that just crossed its threshold sends the game to, if any."""
    for mid, meter in scenario.meters.items():
        if mid not in changes:
            continue
        value = st.meters[mid]
        if meter.low is not None and value <= meter.low.at and value != changes[mid][0]:
            return meter.low.goto
        if meter.high is not None and value >= meter.high.at and value != changes[mid][0]:
            return meter.high.goto
    return None


def _keyed_laters(scene_id: str, choice_id: str, outcome: int | None, laters: tuple[Later, ...]):
    prefix = f"{scene_id}.{choice_id}" + ("" if outcome is None else f".{outcome}")
    for index, later in enumerate(laters):
        yield f"{prefix}#{index}", later


@lru_cache(maxsize=16)
def later_index(scenario: Scenario) -> dict[str, Later]:
    """Saved queue entries name their `later` by key; find its condition again."""
    index = {}
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            index.update(_keyed_laters(scene.id, choice.id, None, choice.later))
            for i, outcome in enumerate(choice.outcomes):
                index.update(_keyed_laters(scene.id, choice.id, i, outcome.later))
    return index
