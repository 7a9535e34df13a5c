"""GameState: everything that changes during play, as plain data.

It holds only strings, numbers, booleans, lists and dicts, so it saves to JSON
and back without loss. The engine never mutates a state it was given: choose()
works on a copy.
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
    scheduled: list = field(default_factory=list)     # [{"scene", "due", "if_source"}] delayed scenes
    resume: list = field(default_factory=list)        # scenes to return to after an interlude
    fired: dict = field(default_factory=dict)         # event id -> turn it last fired
    path: list = field(default_factory=list)          # every choice id taken, for replays
    history: list = field(default_factory=list)       # one entry per decision, for the journal
    ledger: list = field(default_factory=list)        # labelled flags as they changed
    variant: str = ""
    ended: bool = False
    last: dict = field(default_factory=dict)          # what the last choice did: result text and changes

    def copy(self) -> "GameState":
        """A state to change: its dicts are new; its lists are shared.

        The engine changes dicts in place (`meters[m] = v`) but never a list: it replaces
        them (`st.path = st.path + [id]`), so sharing them is safe and saves copying the
        whole history at every step.
        """
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
