"""GameState: everything that changes during play, as plain data.

It holds only strings, numbers, booleans, tuples and dicts, so it saves to JSON
and back without loss. The engine never mutates a state it was given: choose()
works on a copy, and the sequences are tuples, which nothing can change in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(slots=True)
class GameState:
    scenario_id: str
    seed: int
    rng: int
    scene: str = ""
    turn: int = 0
    meters: dict = field(default_factory=dict)        # meter id -> number
    flags: dict = field(default_factory=dict)         # flag id -> bool
    visited: dict = field(default_factory=dict)       # scene id -> times entered
    scheduled: tuple = ()     # ({"scene", "due", "key"}, ...): delayed scenes, `key` names their `later`
    resume: tuple = ()        # scenes to return to after an interlude
    fired: dict = field(default_factory=dict)         # event id -> turn it last fired
    path: tuple = ()          # every choice id taken, for replays
    history: tuple = ()       # one entry per decision, for the journal
    ledger: tuple = ()        # labelled flags as they changed
    variant: str = ""
    ended: bool = False
    last: dict = field(default_factory=dict)          # what the last choice did: result text and changes

    def copy(self) -> "GameState":
        """A state to change: its dicts are new; its tuples are shared, as nothing can change them
        (the engine builds a new tuple: `st.path = st.path + (id,)`)."""
        return GameState(
            self.scenario_id, self.seed, self.rng, self.scene, self.turn, dict(self.meters), dict(self.flags),
            dict(self.visited), self.scheduled, self.resume, dict(self.fired), self.path,
            self.history, self.ledger, self.variant, self.ended, self.last,
        )

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict) -> "GameState":
        """Rebuild a state from saved JSON, every field checked; raises ValueError saying what does not fit."""
        from game.engine.state_check import checked_state  # it builds GameStates: imported here, not at the top

        return checked_state(data)
