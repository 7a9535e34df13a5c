"""Interval reasoning says 'never' only when no state within the ranges can meet a condition."""

import pytest

from game.analysis.ranges import Ranges
from game.language.expressions import compile_expression

RANGES = Ranges({"trust": (0, 100), "budget": (0, 60)}, {"never_set": False})


@pytest.mark.parametrize("source, possible", [
    ("trust > 100", False), ("trust >= 100", True), ("budget + trust > 170", False),
    ("budget + trust > 150", True), ("never_set", False), ("not never_set", True),
    ("not never_set and trust < 0", False), ("visited(a) > 0 or trust > 200", True),
    ("0 < trust < 0", False), ("min(trust, budget) > 60", False), ("max(trust, budget) > 60", True),
    ("trust - budget < -60", False), ("trust * 2 > 200", False), ("trust / 0 == 0", True),
    ("abs(trust - 50) > 50", False), ("turn > 1000", True), ("unknown_flag", True),
])
def test_never_only_when_no_state_can_meet_it(source, possible):
    compiled = compile_expression(source, meters={"trust", "budget"}, flags={"never_set", "unknown_flag"},
                                  scenes={"a"})
    assert RANGES.can_hold(compiled.ast) is possible
