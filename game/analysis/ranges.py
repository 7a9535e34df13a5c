"""Can a condition ever hold? Interval reasoning over the meters' declared ranges.

Meters are intervals [min, max]; a flag that no effect can change is fixed at its start
value, others may be either; `turn` and visit counts are at least 0. Each expression gets
the set of values it may take (numbers as an interval, booleans as a subset of
{True, False}). If "True" is not possible, the condition can never hold. The answer errs on
the side of "possible" whenever it is unsure, so a warning is always real.
"""

from __future__ import annotations

import math

from game.language import expressions as ex

ANY = (-math.inf, math.inf)
BOTH = frozenset({True, False})


def _arith(op: str, a, b):
    if op == "+":
        return a[0] + b[0], a[1] + b[1]
    if op == "-":
        return a[0] - b[1], a[1] - b[0]
    if op == "*":
        products = [x * y for x in a for y in b if not (math.isinf(x) or math.isinf(y))]
        return (min(products), max(products)) if len(products) == 4 else ANY
    return ANY  # division: the engine maps x/0 to 0; stay unsure


def _possible(can_true: bool, can_false: bool) -> frozenset:
    return frozenset(v for v, ok in ((True, can_true), (False, can_false)) if ok)


def _compare(op: str, a, b) -> frozenset:
    """The possible results of a OP b for intervals a and b."""
    can_true = {"<": a[0] < b[1], "<=": a[0] <= b[1], ">": a[1] > b[0], ">=": a[1] >= b[0],
                "==": a[0] <= b[1] and b[0] <= a[1], "!=": not (a[0] == a[1] == b[0] == b[1])}[op]
    can_false = {"<": a[1] >= b[0], "<=": a[1] > b[0], ">": a[0] <= b[1], ">=": a[0] < b[1],
                 "==": not (a[0] == a[1] == b[0] == b[1]), "!=": a[0] <= b[1] and b[0] <= a[1]}[op]
    return _possible(can_true, can_false)


class Ranges:
    def __init__(self, meters: dict[str, tuple[float, float]], fixed_flags: dict[str, bool],
                 turns: tuple[float, float] = (0, math.inf)):
        self.meters = meters
        self.fixed_flags = fixed_flags
        self.turns = turns              # the turns a game can be at (the last one from the story's shape)

    def value(self, node):
        """An interval for a number, a frozenset for a boolean."""
        if isinstance(node, ex.Num):
            return (node.value, node.value)
        if isinstance(node, ex.Bool):
            return frozenset({node.value})
        if isinstance(node, ex.Name):
            if node.id == "turn":
                return self.turns
            if node.id in self.meters:
                return self.meters[node.id]
            if node.id in self.fixed_flags:
                return frozenset({self.fixed_flags[node.id]})
            return BOTH
        if isinstance(node, ex.Visited):
            return (0, math.inf)
        if isinstance(node, ex.Unary):
            inner = self.value(node.operand)
            if node.op == "not":
                return frozenset(not v for v in inner) if isinstance(inner, frozenset) else BOTH
            return (-inner[1], -inner[0]) if isinstance(inner, tuple) else ANY
        if isinstance(node, ex.BoolOp):
            parts = [self.value(v) for v in node.values]
            parts = [p if isinstance(p, frozenset) else self._truthy(p) for p in parts]
            if node.op == "and":
                can_true = all(True in p for p in parts)
                can_false = any(False in p for p in parts)
            else:
                can_true = any(True in p for p in parts)
                can_false = all(False in p for p in parts)
            return _possible(can_true, can_false)
        if isinstance(node, ex.Compare):
            values = [self.value(o) for o in node.operands]
            if not all(isinstance(v, tuple) for v in values):
                return BOTH
            results = [_compare(op, values[i], values[i + 1]) for i, op in enumerate(node.ops)]
            can_true = all(True in r for r in results)
            can_false = any(False in r for r in results)
            return _possible(can_true, can_false)
        if isinstance(node, ex.Arith):
            values = [self.value(o) for o in node.operands]
            if not all(isinstance(v, tuple) for v in values):
                return ANY
            result = values[0]
            for op, value in zip(node.ops, values[1:]):
                result = _arith(op, result, value)
            return result
        if isinstance(node, ex.Call):
            values = [self.value(a) for a in node.args]
            if node.func == "count":   # each argument is a set of possible true/false values
                sure = sum(1 for v in values if not isinstance(v, tuple) and False not in v)
                can = sum(1 for v in values if isinstance(v, tuple) or True in v)
                return sure, can
            if not all(isinstance(v, tuple) for v in values):
                return ANY
            if node.func == "min":
                return min(v[0] for v in values), min(v[1] for v in values)
            if node.func == "max":
                return max(v[0] for v in values), max(v[1] for v in values)
            if node.func == "abs":
                lo, hi = values[0]
                return (0 if lo <= 0 <= hi else min(abs(lo), abs(hi)), max(abs(lo), abs(hi)))
        return BOTH

    @staticmethod
    def _truthy(interval) -> frozenset:
        lo, hi = interval
        return _possible(hi > 0 or lo < 0, lo <= 0 <= hi)

    def can_hold(self, ast) -> bool:
        result = self.value(ast)
        if isinstance(result, tuple):
            return True in self._truthy(result)
        return True in result
