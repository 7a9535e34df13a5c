"""The engine's rules, on small scenarios written inline."""

from __future__ import annotations

import json

import pytest

from game.engine.runtime import GameError, choose, replay, start
from game.engine.state import GameState
from game.engine.view import ledger, meter_timeline, view

BASE = """
scenario: {id: base, title: Base, start: office, calendar: {start: 2018-06, months_per_turn: 6}}
meters:
  budget: {label: Budget, start: 50, unit: M€, low: {at: 0, goto: bankrupt}}
  trust: {label: Trust, start: 50, high: {at: 100, goto: adored}}
  risk: {label: Legal risk, start: 0, hidden: true}
flags:
  signed: Signed the camera contract
  quiet: {label: "", start: true}
characters:
  chief: {name: Commissaire Roux, role: Police chief, colour: blue}
  dpo: {name: Inès Haddad, role: Data protection officer}
facts:
  f1: {title: Cameras, text: A fact., source: {name: Senate, date: "2017"}}
scenes:
  office:
    turn: true
    headline: "Budget at {budget} M€"
    text:
      - text: You have {budget} M€.
      - if: signed
        text: The contract is signed.
    say:
      - chief: We need cameras.
      - {who: dpo, text: Not without a DPIA., if: not signed}
    facts: [f1]
    choices:
      - id: sign
        text: Sign the contract
        effects: {budget: -20, trust: -5, signed: true, risk: +10}
        later: {scene: letter, turns: 1}
        result: You sign.
        goto: council
      - id: rich
        text: Buy the whole city
        if: budget > 90
        locked: Needs more than 90 M€
        goto: council
      - id: secret
        text: A hidden option
        if: budget > 90
        goto: council
      - id: wait
        text: Wait
        goto: council
  council:
    turn: true
    text: The council meets.
    choices:
      - {id: spend, text: Spend everything, effects: {budget: "=0"}, goto: council}
      - {id: praise, text: Be praised, effects: {trust: +80}, goto: council}
      - {id: gamble, text: Gamble, goto: council, outcomes: [{weight: 3, effects: {trust: +1}}, {weight: 1, effects: {trust: -1}}]}
      - {id: vote, text: Call the election, goto: night}
  letter:
    text: A letter from the CNIL.
    effects: {risk: +5}
  night:
    text: The polls close.
    route:
      - {if: trust >= 50, goto: won}
      - {goto: lost}
  won: {ending: {title: Re-elected, tone: bright}, text: You won.}
  lost: {ending: {title: Defeated}, text: You lost.}
  bankrupt: {ending: {title: Bankrupt}, text: The money ran out.}
  adored: {ending: {title: Adored}, text: Everyone loves you.}
"""


@pytest.fixture
def base(make_scenario):
    return make_scenario(BASE)


def test_start_enters_the_start_scene_on_turn_one(base):
    state = start(base, seed=1)
    assert (state.scene, state.turn) == ("office", 1)
    assert state.meters == {"budget": 50, "trust": 50, "risk": 0}
    assert state.flags == {"signed": False, "quiet": True}


def test_view_resolves_text_lines_choices_and_meters(base):
    v = view(base, start(base, seed=1))
    assert v.headline == "Budget at 50 M€"
    assert v.text == "You have 50 M€."
    assert [(line.name, line.text) for line in v.lines] == [("Commissaire Roux", "We need cameras."),
                                                            ("Inès Haddad", "Not without a DPIA.")]
    assert v.date == (2018, 6)
    assert [f.id for f in v.facts] == ["f1"]
    # `secret` is hidden; `rich` is shown locked with its reason.
    assert [(c.id, c.available, c.locked) for c in v.choices] == [
        ("sign", True, ""), ("rich", False, "Needs more than 90 M€"), ("wait", True, "")]
    assert [m.id for m in v.meters] == ["budget", "trust"]  # the hidden meter is not shown
    sign = v.choices[0]
    assert {(e.target, e.kind, e.amount) for e in sign.effects} == {("budget", "add", -20), ("trust", "add", -5),
                                                                    ("signed", "flag", True)}


def test_choose_applies_effects_without_touching_the_old_state(base):
    before = start(base, seed=1)
    after = choose(base, before, "sign")
    assert before.meters["budget"] == 50 and before.scene == "office"
    assert after.meters == {"budget": 30, "trust": 45, "risk": 15}  # the letter added 5 risk on entry
    assert after.flags["signed"] is True
    assert after.history[0]["choice"] == "sign" and after.history[0]["changes"]["budget"] == [50, 30]


def test_a_delayed_scene_comes_when_due_then_play_resumes(base):
    state = choose(base, start(base, seed=1), "sign")
    assert (state.scene, state.turn) == ("letter", 2)
    v = view(base, state)
    assert v.result == "You sign."
    assert {m.id: m.change for m in v.meters} == {"budget": -20, "trust": -5}
    assert [c.is_continue for c in v.choices] == [True]
    state = choose(base, state, "continue")
    assert (state.scene, state.turn) == ("council", 2)  # the turn is not counted twice


def test_locked_and_hidden_choices_cannot_be_taken(base):
    state = start(base, seed=1)
    for choice in ("rich", "secret", "nonexistent"):
        with pytest.raises(GameError):
            choose(base, state, choice)


def test_meters_clamp_and_thresholds_end_the_game(base):
    state = choose(base, start(base, seed=1), "wait")
    broke = choose(base, state, "spend")
    assert broke.scene == "bankrupt" and broke.ended and broke.meters["budget"] == 0
    adored = choose(base, state, "praise")
    assert adored.scene == "adored" and adored.meters["trust"] == 100  # 50 + 80 clamped to the max
    with pytest.raises(GameError):
        choose(base, adored, "continue")


def test_route_picks_the_first_condition_that_holds(base):
    state = choose(base, start(base, seed=1), "wait")
    state = choose(base, state, "vote")
    assert state.scene == "night"
    assert choose(base, state, "continue").scene == "won"
    signed = choose(base, choose(base, choose(base, start(base, seed=1), "sign"), "continue"), "vote")
    assert choose(base, signed, "continue").scene == "lost"


def test_ledger_lists_labelled_flags_with_their_turn(base):
    state = choose(base, start(base, seed=1), "sign")
    assert ledger(base, state) == [{"flag": "signed", "label": "Signed the camera contract", "value": True,
                                    "turn": 1, "date": (2018, 6)}]


@pytest.mark.parametrize("lang,line", [("en", "June 2018: Signed the camera contract"),
                                       ("fr", "juin 2018\u00a0: Signed the camera contract")])
def test_ledger_lines_put_the_colon_as_the_language_does(base, lang, line):
    from game.engine.journal import ledger_lines
    from game.i18n import set_language

    set_language(lang)
    try:
        assert ledger_lines(base, choose(base, start(base, seed=1), "sign")) == [line]
    finally:
        set_language("en")


def test_outcomes_follow_their_weights_and_the_seed(base):
    wins = 0
    for seed in range(400):
        state = choose(base, choose(base, start(base, seed=seed), "wait"), "gamble")
        wins += state.meters["trust"] == 51
        again = choose(base, choose(base, start(base, seed=seed), "wait"), "gamble")
        assert again.meters == state.meters
    assert 250 < wins < 350  # weights 3:1 -> about 300 of 400


def test_state_survives_a_json_round_trip(base):
    state = choose(base, start(base, seed=5), "sign")
    copy = GameState.from_json(json.loads(json.dumps(state.to_json())))
    assert copy == state
    assert choose(base, copy, "continue") == choose(base, state, "continue")


def test_replay_gives_the_same_game(base):
    state = start(base, seed=9)
    for choice in ("sign", "continue", "gamble", "gamble", "vote"):
        state = choose(base, state, choice)
    assert replay(base, 9, state.path) == state


def test_meter_timeline_has_a_point_per_decision(base):
    state = choose(base, choose(base, start(base, seed=1), "sign"), "continue")
    state = choose(base, state, "praise")
    assert meter_timeline(base, state)["trust"] == [50, 45, 100, 100]


EVENTS = """
scenario: {id: ev, title: Events, start: a}
meters:
  trust: {label: Trust, start: 50}
flags:
  met: Met the protesters
events:
  - {id: small, when: trust < 40, scene: grumble, priority: 1, once: false}
  - {id: big, when: trust < 30, scene: protest, priority: 5}
scenes:
  a:
    turn: true
    choices:
      - {id: down, text: Lose trust, effects: {trust: -25}, goto: b}
      - {id: way_down, text: Lose more, effects: {trust: -40}, goto: b}
  b:
    turn: true
    choices:
      - {id: again, text: Again, goto: b}
      - {id: stop, text: Stop, goto: end}
  grumble:
    text: People grumble.
  protest:
    text: A march.
    choices:
      - {id: meet, text: Meet them, effects: {met: true, trust: +5}}
      - {id: ignore, text: Ignore them}
  end: {ending: {title: End}}
"""


def test_events_fire_in_priority_order_and_resume(make_scenario):
    s = make_scenario(EVENTS)
    state = choose(s, start(s, seed=1), "way_down")
    assert state.scene == "protest"           # priority 5 before priority 1
    state = choose(s, state, "meet")
    assert state.scene == "grumble"           # then the next event due
    state = choose(s, state, "continue")
    assert (state.scene, state.turn) == ("b", 2)
    assert state.flags["met"] is True


def test_once_events_fire_once_and_repeatable_ones_once_per_turn(make_scenario):
    s = make_scenario(EVENTS)
    state = choose(s, start(s, seed=1), "down")   # trust 25: big and small are due
    seen = [state.scene]
    while state.scene != "b":
        state = choose(s, state, "ignore" if state.scene == "protest" else "continue")
        seen.append(state.scene)
    assert seen == ["protest", "grumble", "b"]
    state = choose(s, state, "again")             # a new turn: only the repeatable one again
    assert state.scene == "grumble"
    state = choose(s, choose(s, state, "continue"), "stop")
    assert state.scene == "end" and state.ended   # no event before an ending


def test_variants_change_the_start(make_scenario):
    s = make_scenario(EVENTS + """
variants:
  express: {label: Express, start: b, set: {trust: "=35", met: true}}
""")
    state = start(s, seed=1, variant="express")
    assert state.variant == "express" and state.flags["met"] is True and state.meters["trust"] == 35
    assert state.scene == "b"                     # the first scene comes before any event
    assert choose(s, state, "again").scene == "grumble"   # trust 35 < 40: due at the next move
    with pytest.raises(GameError):
        start(s, seed=1, variant="nope")


def test_a_loop_without_a_stop_is_an_error_not_a_hang(make_scenario):
    s = make_scenario("""
scenario: {id: loop, title: Loop, start: a}
scenes:
  a:
    choices: [{id: go, text: Go, goto: r1}]
  r1: {route: [{goto: r2}]}
  r2: {route: [{goto: r1}]}
  e: {ending: {title: Never reached}}
""")
    with pytest.raises(GameError, match="loop"):
        choose(s, start(s, seed=1), "go")


def test_a_forced_outcome_is_written_into_the_path_and_replays_exactly():
    from game.engine.runtime import choose, replay, start
    from game.loader import load_scenario
    from game.paths import shipped_scenarios

    scenario = load_scenario(shipped_scenarios()["safe-city"]).scenario
    gamble = next((scene, choice) for scene in scenario.scenes.values() for choice in scene.choices
                  if len(choice.outcomes) >= 2 and choice.condition is None)
    scene, choice = gamble
    for index in range(len(choice.outcomes)):
        state = start(scenario, 3, at=scene.id)
        after = choose(scenario, state, choice.id, outcome=index)
        assert after.path[-1] == f"{choice.id}@{index + 1}"
        assert after.history[-1]["outcome"] == index
        again = choose(scenario, state, f"{choice.id}@{index + 1}")
        assert again.to_json() == after.to_json()


def test_a_forced_outcome_that_does_not_exist_is_refused():
    import pytest

    from game.engine.runtime import GameError, choose, possible_outcomes, start
    from game.loader import load_scenario
    from game.paths import shipped_scenarios

    scenario = load_scenario(shipped_scenarios()["tutorial"]).scenario
    state = start(scenario, 1)
    for bad in ("continue@1", "continue@x", "continue@0", "continue@²"):
        with pytest.raises(GameError):
            choose(scenario, state, bad)
    festival = start(scenario, 0, at="festival")           # stewards' 2nd outcome needs market_cameras
    stewards = scenario.scenes["festival"].choice("stewards")
    impossible = [i for i in range(len(stewards.outcomes)) if i not in possible_outcomes(festival, stewards)]
    assert impossible
    with pytest.raises(GameError):
        choose(scenario, festival, f"stewards@{impossible[0] + 1}")


def test_choose_never_changes_the_state_it_was_given():
    """Random games of both shipped stories: every state is unchanged after choosing from it."""
    import copy
    import random

    from game.engine.runtime import choose, options, start
    from game.loader import load_scenario
    from game.paths import shipped_scenarios

    for name in ("tutorial", "safe-city"):
        scenario = load_scenario(shipped_scenarios()[name]).scenario
        for seed in range(30):
            rng = random.Random(seed)
            state = start(scenario, seed)
            while not state.ended:
                before = copy.deepcopy(state.to_json())
                pick = rng.choice([o.id for o in options(scenario, state) if o.available])
                after = choose(scenario, state, pick)
                assert state.to_json() == before, f"{name}, seed {seed}: choosing `{pick}` changed the old state"
                state = after


def test_what_really_happened_names_each_source_once(make_scenario):
    scenario = make_scenario("""
scenario: {id: r, title: R, start: a}
facts:
  one: {title: One, text: First finding., source: {name: Same report, url: "https://example.org/r", date: 2020-01}}
  two: {title: Two, text: Second finding., source: {name: Same report, url: "https://example.org/r", date: 2020-01}}
  three: {title: Three, text: Another., source: {name: Other report, date: 2021-05}}
reality:
  - {id: real, text: It happened., facts: [one, two, three]}
scenes:
  a: {ending: {title: End}, text: Over.}
""")
    from game.engine.view import reality

    [(_item, _text, facts)] = reality(scenario, start(scenario, seed=1))
    assert [fact.id for fact in facts] == ["one", "three"]
