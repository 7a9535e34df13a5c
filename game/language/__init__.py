"""The condition language of stories: `budget >= 10 and not school_gates`, `visited(t03) > 0`.

Its own layer, below the loader (which compiles every `if:` and `value:` through it), the engine
(which only calls the compiled functions) and the analysis tools (which read the syntax trees).
It depends on the model alone: a compiled expression is a `game.model.scenario.Condition`.
"""
