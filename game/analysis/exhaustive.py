"""Exhaustive exploration, in the spirit of ChoiceScript's quicktest: every choice, every outcome.

Two states that agree on everything the story can still look at (scene, turn, meters, flags,
queued and interrupted scenes, fired events, the visit counts that conditions read) are the
same state, so the search stops. Two ways to search:

- `meters="exact"`: every reachable state. Complete for a small story; a cap on states and
  time keeps it from running away on a large one, and the report then says it is partial.
- `meters="extremes"`: the same search, except that of all the games that reach the same
  situation (every part of the state but the meters), it follows only those that bring some
  meter lower or higher than any game before them in that situation. The lowest and highest
  values are what conditions like `budget >= 10` and the meters' thresholds turn on, so this
  finds what the meters can do at a small fraction of the cost. It is not a proof: something
  reached only with a meter in the middle of its range can be missed, which the report says.

Every state is a real game: anything found comes with a path that replays it.
"""

from __future__ import annotations

import gc
import hashlib
import sys
import time
from collections import deque
from dataclasses import dataclass, field

from game.analysis.explore import uncovered
from game.engine.runtime import GameError, choose, later_index, options, possible_outcomes, start
from game.engine.state import GameState
from game.model.scenario import Choice, Scenario

MODES = ("exact", "extremes")


def digest(key: tuple) -> bytes:
    """A state's key in 16 bytes: the search remembers hundreds of thousands of them, and the key
    itself (scene, flags, meters, queues...) is a tuple of tuples ten times that size. 128 bits make
    a collision between two different states less likely than a fault in the machine."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


@dataclass
class Exit:
    """A way a meter left its range: a threshold crossed, or an effect cut at min/max."""

    meter: str
    kind: str            # "low" / "high": a threshold, which moves the game; "min" / "max": clamped
    scene: str           # where the choice was taken
    choice: str
    outcome: int | None
    value: float         # the value it reached (before clamping, for min/max)
    path: list[str]      # a path that replays it (with the exploration's seed)


@dataclass
class Loop:
    """Games that can go on for ever: from `entry` on, every way leads round `cycle` and no ending
    can be reached. `path` is the shortest replay into it; `states` how many states are caught."""

    entry: str                # the scene where the trap closes
    cycle: list[str]          # the scenes the games go round, in order
    path: list[str]
    states: int


@dataclass
class ExhaustiveReport:
    mode: str = "exact"
    states: int = 0
    situations: int = 0                                # states that differ in more than meters
    steps: int = 0                                     # decisions played (calls to the engine's choose)
    complete: bool = True
    stopped_by: str = ""                               # "states" or "time" when the search stopped early
    seconds: float = 0.0
    scenes: set = field(default_factory=set)
    choices: set = field(default_factory=set)          # (scene, choice)
    outcomes: set = field(default_factory=set)         # (scene, choice, index)
    events: set = field(default_factory=set)
    endings: set = field(default_factory=set)
    softlocks: list = field(default_factory=list)      # (scene, path, message)
    loops: list = field(default_factory=list)          # Loop: states no ending can be reached from
    loops_checked: bool = False                        # only a complete exact search can tell
    exits: dict = field(default_factory=dict)          # (meter, kind) -> {(scene, choice, outcome): Exit}

    @property
    def thresholds(self) -> set:
        """(meter, "low"/"high") for every threshold some game crossed."""
        return {key for key in self.exits if key[1] in ("low", "high")}


def _control_reads(scene) -> set[str]:
    """Meters, flags and `visited` scenes that decide where play goes from `scene`.

    Conditions on text blocks and spoken lines only change what is shown, so they are left out.
    """
    conditions = [r.condition for r in scene.route]
    for choice in scene.choices:
        conditions.append(choice.condition)
        conditions += [o.condition for o in choice.outcomes]
        conditions += [later.condition for holder in (choice, *choice.outcomes) for later in holder.later]
    names: set[str] = set()
    for condition in conditions:
        if condition is not None:
            names |= _reads(condition)
    # A meter an effect still adds to matters too: where it would leave its range depends on it.
    effects = list(scene.effects) + [e for choice in scene.choices for holder in (choice, *choice.outcomes)
                                     for e in holder.effects]
    return names | {e.target for e in effects if e.op == "add"}


def _reads(condition) -> set[str]:
    return set(condition.names) | {f"visited:{sid}" for sid in condition.scenes}


class Keyer:
    """What makes two states different for the rest of the game, and nothing more.

    A flag, meter or visit count that no condition can read any more (from this scene on,
    through any later, event, threshold or interrupted scene still to come) cannot change
    where play goes, so states that differ only there are the same state. Meters with a
    threshold stay live everywhere, since any effect may cross it. This is what keeps the
    search finite on a story with many flags: each one counts only until its last reader.
    """

    def __init__(self, scenario: Scenario):
        from game.analysis.lint import scene_successors

        self.scenario = scenario
        scenes = scenario.scenes
        live = {sid: _control_reads(scene) for sid, scene in scenes.items()}
        changed = True
        while changed:  # backwards fixpoint: what a scene's successors read, it must keep
            changed = False
            for sid, scene in scenes.items():
                before = len(live[sid])
                for nxt in scene_successors(scene):
                    if nxt in live:
                        live[sid] |= live[nxt]
                if len(live[sid]) != before:
                    changed = True
        always: set[str] = {f"visited:{sid}" for e in scenario.events for sid in e.when.scenes}
        for event in scenario.events:
            always |= set(event.when.names) | live.get(event.scene, set())
        for mid, meter in scenario.meters.items():
            for threshold in (meter.low, meter.high):
                if threshold is not None:
                    always |= {mid} | live.get(threshold.goto, set())
        self.live = {sid: frozenset(names | always) for sid, names in live.items()}
        # A queued `later` is shown only if its condition holds when it falls due: what that
        # condition reads stays live for as long as the entry waits in the queue.
        self.later_reads = {key: frozenset(_reads(later.condition)) if later.condition is not None else frozenset()
                            for key, later in later_index(scenario).items()}
        self._order = {sid: self._split(names) for sid, names in self.live.items()}
        self._waiting: dict[tuple, tuple] = {}   # (scene, interrupted and queued scenes) -> live names

    def _split(self, names) -> tuple[tuple, tuple, tuple]:
        s = self.scenario
        return (tuple(f for f in s.flags if f in names), tuple(m for m in s.meters if m in names),
                tuple(sorted(n[8:] for n in names if n.startswith("visited:"))))

    def _names(self, state: GameState) -> tuple[tuple, tuple, tuple]:
        if not state.resume and not state.scheduled:
            return self._order[state.scene]
        waiting = (state.scene, *state.resume, *((e["scene"], e["key"]) for e in state.scheduled))
        found = self._waiting.get(waiting)
        if found is None:
            names = set(self.live[state.scene])
            for sid in state.resume:
                names |= self.live.get(sid, frozenset())
            for entry in state.scheduled:
                names |= self.live.get(entry["scene"], frozenset()) | self.later_reads.get(entry["key"], frozenset())
            found = self._waiting[waiting] = self._split(names)
        return found

    def situation(self, state: GameState, names: tuple | None = None) -> tuple:
        """Everything live about a state except the meters."""
        flags, _meters, visits = names or self._names(state)
        fired = state.fired
        return (
            state.scene, state.turn, state.ended, tuple(state.flags[f] for f in flags),
            tuple((e["scene"], e["due"], e["key"]) for e in state.scheduled), tuple(state.resume),
            tuple(sorted(fired.items())) if len(fired) > 1 else tuple(fired.items()),
            tuple(state.visited.get(sid, 0) for sid in visits),
        )

    def state(self, state: GameState) -> tuple:
        """The situation, then the values of the live meters."""
        names = self._names(state)
        return self.situation(state, names) + (tuple(state.meters[m] for m in names[1]),)


def clamped(scenario: Scenario, before: dict, choice: Choice, outcome: int | None) -> list[tuple[str, str, float]]:
    """(meter, "min"/"max", the value it would have had) for each effect the meter's range cut."""
    effects = list(choice.effects) + (list(choice.outcomes[outcome].effects) if outcome is not None else [])
    values = dict(before)
    cut = []
    for effect in effects:
        if effect.op not in ("add", "set") or effect.target not in scenario.meters:
            continue
        meter = scenario.meters[effect.target]
        raw = effect.amount if effect.op == "set" else values[effect.target] + effect.amount
        if raw < meter.min:
            cut.append((effect.target, "min", raw))
        elif raw > meter.max:
            cut.append((effect.target, "max", raw))
        values[effect.target] = min(max(raw, meter.min), meter.max)
    return cut


class _Search:
    def __init__(self, scenario: Scenario, report: ExhaustiveReport):
        self.scenario = scenario
        self.report = report
        self.keys = Keyer(scenario)

    def visit(self, state: GameState) -> bool:
        """Record what a state shows; False if the game is over there."""
        report = self.report
        report.scenes.update(state.visited)
        report.events.update(state.fired)
        if state.ended:
            report.endings.add(state.scene)
            return False
        return True

    def successors(self, state: GameState):
        """Every state one decision away (each choice, each outcome), recording what it covers."""
        report, scenario = self.report, self.scenario
        open_options = [o for o in options(scenario, state) if o.available]
        if not open_options:
            report.softlocks.append((state.scene, list(state.path), f"no choice is open in scene `{state.scene}`"))
            return
        for option in open_options:
            choice = option.choice
            branches = possible_outcomes(state, choice) if choice is not None and choice.outcomes else [None]
            for outcome in branches:
                report.steps += 1
                try:
                    after = choose(scenario, state, option.id, outcome=outcome)
                except GameError as error:
                    taken = option.id if outcome is None else f"{option.id}@{outcome + 1}"
                    report.softlocks.append((state.scene, list(state.path) + [taken], str(error)))
                    continue
                if choice is not None:
                    report.choices.add((state.scene, option.id))
                    if outcome is not None:
                        report.outcomes.add((state.scene, option.id, outcome))
                    self.exits(state, after, choice, outcome)
                # The search reads only the last decision of a game's history (its changes): keeping the
                # rest would hold every earlier decision of every waiting game.
                after.history = after.history[-1:]
                yield after

    def exits(self, before: GameState, after: GameState, choice: Choice, outcome: int | None) -> None:
        """Every way this decision took a meter out of its range: thresholds and clamps."""
        # The choice's changes, merged with those of the scenes it led into (their entry effects).
        changes = (after.last or {}).get("changes") or (after.history[-1]["changes"] if after.history else {})
        meters = self.scenario.meters
        # A cut value always lands on min or max: only then is it worth working out the effects.
        at_edge = any(mid in meters and change[1] in (meters[mid].min, meters[mid].max)
                      for mid, change in changes.items())
        found = clamped(self.scenario, before.meters, choice, outcome) if at_edge else []
        for mid, meter in self.scenario.meters.items():
            if mid not in changes or changes[mid][0] == changes[mid][1]:
                continue
            value = changes[mid][1]
            if meter.low is not None and value <= meter.low.at:
                found.append((mid, "low", value))
            elif meter.high is not None and value >= meter.high.at:
                found.append((mid, "high", value))
        for mid, kind, value in found:
            ways = self.report.exits.setdefault((mid, kind), {})
            cause = (before.scene, choice.id, outcome)
            if cause not in ways:
                ways[cause] = Exit(mid, kind, before.scene, choice.id, outcome, value, list(after.path))


def explore_all(scenario: Scenario, *, variant: str | None = None, meters: str = "exact",
                max_states: int = 200_000, max_seconds: float = 30.0, progress=None) -> ExhaustiveReport:
    """Search every reachable state (`meters="exact"`) or the meters' extremes (`"extremes"`)."""
    if meters not in MODES:
        raise ValueError(f"meters must be one of {MODES}, not {meters!r}")
    report = ExhaustiveReport(mode=meters)
    started = time.perf_counter()
    search = _Search(scenario, report)
    first = start(scenario, 0, variant)
    # States and keys are acyclic and live until the end: the cycle collector would only
    # rescan the growing set of them, again and again (as in load_scenario).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if meters == "exact":
            _exact(search, first, max_states, started + max_seconds, progress)
        else:
            _extremes(search, first, max_states, started + max_seconds, progress)
    finally:
        if collecting:
            gc.enable()
    report.seconds = time.perf_counter() - started
    return report


def _exact(search: _Search, first: GameState, max_states: int, deadline: float, progress) -> None:
    report, keys = search.report, search.keys
    ids = {digest(keys.state(first)): 0}  # state -> number; the graph is kept to find loops
    edges: list[list] = [[]]              # number -> [(next number, the choice id taken)]
    scenes = [first.scene]
    endings: list[int] = []
    situations = {digest(keys.situation(first))}
    stack: deque[tuple[GameState, int]] = deque([(first, 0)])
    while stack:
        if len(ids) >= max_states or time.perf_counter() > deadline:
            report.complete = False
            report.stopped_by = "states" if len(ids) >= max_states else "time"
            break
        state, number = stack.pop()  # depth first: reaches endings early, so a capped search still covers whole games
        if not search.visit(state):
            if state.ended:
                endings.append(number)
            continue
        for after in search.successors(state):
            key = keys.state(after)
            found = digest(key)
            following = ids.get(found)
            if following is None:
                following = ids[found] = len(edges)
                edges.append([])
                scenes.append(after.scene)
                situations.add(digest(key[:-1]))
                stack.append((after, following))
            edges[number].append((following, sys.intern(after.path[-1])))
        if progress is not None and len(ids) % 5000 == 0:
            progress(len(ids), max_states)
    report.states, report.situations = len(ids), len(situations)
    del ids
    if report.complete:
        report.loops = find_loops(edges, scenes, endings)
        report.loops_checked = True


def find_loops(edges: list[list], scenes: list[str], endings: list[int]) -> list[Loop]:
    """Where games can go round for ever: states from which no ending can be reached and from which
    play can still go on (a dead end with no open choice is a softlock, reported apart). One Loop per
    cycle of scenes, with the shortest replay into it."""
    backwards: list[list[int]] = [[] for _ in edges]
    for number, out in enumerate(edges):
        for following, _choice in out:
            backwards[following].append(number)
    hopeful = set(endings)                # states some ending can be reached from
    queue = deque(endings)
    while queue:
        for before in backwards[queue.popleft()]:
            if before not in hopeful:
                hopeful.add(before)
                queue.append(before)
    if len(hopeful) == len(edges):
        return []
    # The shortest way to every state, from the start (breadth first): its replay.
    parent: list[tuple[int, str] | None] = [None] * len(edges)
    reached = [False] * len(edges)
    reached[0] = True
    queue = deque([0])
    while queue:
        number = queue.popleft()
        for following, choice in edges[number]:
            if not reached[following]:
                reached[following] = True
                parent[following] = (number, choice)
                queue.append(following)
    loops: dict[tuple, Loop] = {}
    for number in range(len(edges)):
        if number in hopeful or not edges[number]:
            continue
        # An entry: the first doomed state on its shortest way from the start.
        if parent[number] is not None and parent[number][0] not in hopeful:
            continue
        cycle = _cycle_from(number, edges, hopeful, scenes)
        if cycle is None:
            continue                  # every way ends in a dead end: the softlocks say where
        caught = _doomed_region(number, edges, hopeful)
        key = tuple(sorted(set(cycle)))
        path = _replay(number, parent)
        known = loops.get(key)
        if known is None or len(path) < len(known.path):
            loops[key] = Loop(scenes[number], cycle, path, caught if known is None else max(caught, known.states))
    return sorted(loops.values(), key=lambda loop: (len(loop.path), loop.entry))


def _cycle_from(number: int, edges: list[list], hopeful: set, scenes: list[str]) -> list[str] | None:
    """The scenes of a cycle reachable from `number` among doomed states, or None if there is none."""
    colour: dict[int, int] = {}           # 1: on the current way, 2: done
    way: list[int] = []
    stack = [(number, iter(edges[number]))]
    colour[number] = 1
    way.append(number)
    while stack:
        node, following = stack[-1]
        for nxt, _choice in following:
            if nxt in hopeful:
                continue
            if colour.get(nxt) == 1:      # back to a state on the way: the cycle
                cycle = way[way.index(nxt):]
                names = [scenes[n] for n in cycle]
                return [name for i, name in enumerate(names) if i == 0 or name != names[i - 1]]
            if nxt not in colour:
                colour[nxt] = 1
                way.append(nxt)
                stack.append((nxt, iter(edges[nxt])))
                break
        else:
            colour[node] = 2
            way.pop()
            stack.pop()
    return None


def _doomed_region(number: int, edges: list[list], hopeful: set) -> int:
    seen, queue = {number}, deque([number])
    while queue:
        for nxt, _choice in edges[queue.popleft()]:
            if nxt not in hopeful and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return len(seen)


def _replay(number: int, parent: list) -> list[str]:
    path = []
    while parent[number] is not None:
        number, choice = parent[number]
        path.append(choice)
    return path[::-1]


def _extremes(search: _Search, first: GameState, max_states: int, deadline: float, progress) -> None:
    """Decision by decision; in each situation, only games that widen some meter's low-high span."""
    report, keys = search.report, search.keys
    meter_ids = tuple(search.scenario.meters)
    span: dict[bytes, tuple[list, list]] = {}     # situation -> (lowest, highest) value of each meter
    seen = {digest(keys.state(first))}
    layer = [first]
    span[digest(keys.situation(first))] = ([first.meters[m] for m in meter_ids],
                                           [first.meters[m] for m in meter_ids])
    kept = 1
    packer = _Packer()
    while layer:
        # Per situation, only the games that could be kept: for each meter, the lowest and the highest
        # (the first of equals), so a layer never holds every game it generated.
        candidates: dict[bytes, tuple] = {}
        generated = 0
        for index, state in enumerate(layer):
            if time.perf_counter() > deadline or kept >= max_states:
                report.complete = False
                report.stopped_by = "states" if kept >= max_states else "time"
                layer = []
                break
            # A game is let go once followed, so the layer and the next one's candidates are not both
            # held whole at the layer's end (the peak of the search).
            layer[index] = None
            packer.unpack(state)
            if not search.visit(state):
                continue
            for after in search.successors(state):
                key = keys.state(after)
                found = digest(key)
                if found not in seen:
                    seen.add(found)
                    generated += 1
                    packer.pack(after)
                    _keep_extremes(candidates, digest(key[:-1]), after, meter_ids, generated)
        else:
            layer = [state for situation, kept_here in candidates.items()
                     for state in _widening(_candidates(kept_here), situation, span, meter_ids)]
            kept += len(layer)
            if progress is not None:
                progress(kept, max_states)
    report.states, report.situations = kept, len(span)


class _Packer:
    """Waiting games held compactly: the extremes search may hold tens of thousands at once.

    Flags, visit counts and fired events are kept as one tuple of values beside a tuple of their
    names shared by every game with the same names; the decision's record (history, last) is
    dropped, as its changes were read when the game was made. Unpacked just before it is followed.
    """

    def __init__(self):
        self._names: dict[tuple, tuple] = {}

    def _shared(self, names: tuple) -> tuple:
        return self._names.setdefault(names, names)

    def pack(self, state: GameState) -> None:
        state.flags = (self._shared(tuple(state.flags)), tuple(state.flags.values()))
        state.visited = (self._shared(tuple(state.visited)), tuple(state.visited.values()))
        state.fired = (self._shared(tuple(state.fired)), tuple(state.fired.values()))
        state.history, state.last = (), {}

    @staticmethod
    def unpack(state: GameState) -> None:
        if isinstance(state.flags, tuple):
            state.flags = dict(zip(*state.flags))
            state.visited = dict(zip(*state.visited))
            state.fired = dict(zip(*state.fired))


def _keep_extremes(candidates: dict, situation: bytes, state: GameState, meter_ids: tuple, order: int) -> None:
    """Add a game to its situation's candidates, keeping for each meter only the first game with the
    lowest and the first with the highest value (`order` counts the games as they come)."""
    kept = candidates.get(situation)
    if kept is None:
        entry = (order, state)
        candidates[situation] = ([entry] * len(meter_ids), [entry] * len(meter_ids), entry)
        return
    lows, highs, _first = kept
    for index, mid in enumerate(meter_ids):
        value = state.meters[mid]
        if value < lows[index][1].meters[mid]:
            lows[index] = (order, state)
        if value > highs[index][1].meters[mid]:
            highs[index] = (order, state)


def _candidates(kept) -> list[GameState]:
    """The games kept for a situation, in the order they came (as if every game had been kept)."""
    lows, highs, first = kept
    unique = {id(state): (order, state) for order, state in [first, *lows, *highs]}
    return [state for _order, state in sorted(unique.values(), key=lambda pair: pair[0])]


def _widening(states: list[GameState], situation: bytes, span: dict, meter_ids: tuple) -> list[GameState]:
    """Of these games in one situation, those holding a new lowest or highest value of a meter.

    For each meter, the game with the lowest and the one with the highest value are the
    candidates; a candidate is kept if it goes beyond what earlier games in this situation
    reached. Without meters, the first game is enough.
    """
    known = span.get(situation)
    chosen: list[GameState] = []
    if not meter_ids:
        if known is None:
            span[situation] = ([], [])
            chosen.append(states[0])
        return chosen
    lows, highs = known if known is not None else ([None] * len(meter_ids), [None] * len(meter_ids))
    for index, mid in enumerate(meter_ids):
        lowest = min(states, key=lambda s: s.meters[mid])
        highest = max(states, key=lambda s: s.meters[mid])
        if lows[index] is None or lowest.meters[mid] < lows[index]:
            lows[index] = lowest.meters[mid]
            if all(lowest is not c for c in chosen):
                chosen.append(lowest)
        if highs[index] is None or highest.meters[mid] > highs[index]:
            highs[index] = highest.meters[mid]
            if all(highest is not c for c in chosen):
                chosen.append(highest)
    span[situation] = (lows, highs)
    return chosen


def missing(scenario: Scenario, report: ExhaustiveReport, variant: str | None = None) -> dict[str, list[str]]:
    return uncovered(scenario, report.scenes, report.choices, report.outcomes, report.events, variant)
