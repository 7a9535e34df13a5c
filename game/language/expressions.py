"""Writer conditions (`if: budget >= 10 and not school_gates`): parse, check, compile.

Story files are untrusted, so writer text never reaches eval/exec/compile(),
str.format or Python's `ast`: a small tokenizer and a precedence-climbing parser
(with explicit length and depth limits) build a tiny AST, a checker resolves
every name and type against what the scenario declares, and the result becomes
plain nested closures that read the game state.

Operators, loosest first: `or`; `and`; prefix `not`; comparisons (chains like
`0 < x <= 5`); `+ -`; `* /`; unary `-`. Calls: visited(scene_id), min, max, abs, and
count(a, b, ...), how many of its true/false arguments hold (`count(gates, mics) >= 2`).

Runs of same-level operators become one n-ary node (`BoolOp`, `Compare`,
`Arith`) rather than nested binary nodes, so `a + a + ... + a` stays flat in
the checker and at run time. A "level" of nesting is a parenthesis, a call, a
prefix operator or the right-hand side of an operator; more than MAX_DEPTH
levels, or a tree taller than MAX_DEPTH, is a syntax error, never RecursionError.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
import string
from collections.abc import Callable, Collection
from dataclasses import field
from typing import Any

from game.model.record import record
from game.model.scenario import Condition

MAX_LENGTH = 2000
MAX_DEPTH = 64
FUNCTIONS = ("abs", "count", "max", "min", "visited")
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")

SYNTAX, UNKNOWN_NAME, TYPE, UNKNOWN_SCENE = "SC401", "SC402", "SC403", "SC301"


class ExprError(Exception):
    """A problem in a writer's expression, phrased for the writer."""

    code: str  # SC401 syntax, SC402 unknown name, SC403 type / function, SC301 unknown scene
    message: str
    col: int  # 1-based column in the expression source
    hint: str

    def __init__(self, code: str, message: str, col: int, hint: str = "") -> None:
        super().__init__(code, message, col, hint)  # everything in args, so it pickles
        self.code, self.message, self.col, self.hint = code, message, col, hint

    def __str__(self) -> str:
        text = f"{self.code} at column {self.col}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


def _q(text: str) -> str:
    """Quote a piece of writer text for a message: short, printable, in backticks."""
    if len(text) > 30:
        text = text[:27] + "..."
    return f"`{text}`" if text.isprintable() else ascii(text)


# --- AST ----------------------------------------------------------------------
# Small frozen nodes. `start`/`end` are 0-based offsets into the source, used for
# error columns and for quoting sub-expressions in hints; they are left out of
# equality so two parses of the same text compare equal whatever the spacing.


@record
class Node:
    start: int = field(default=0, kw_only=True, compare=False, repr=False)
    end: int = field(default=0, kw_only=True, compare=False, repr=False)


@record
class Num(Node):
    value: int | float


@record
class Bool(Node):
    value: bool


@record
class Name(Node):
    id: str  # a meter, a flag or "turn"; resolved by the checker


@record
class Visited(Node):
    scene: str


@record
class Call(Node):
    func: str  # "min", "max", "abs" (anything else is rejected by the checker)
    args: tuple[Node, ...]


@record
class Unary(Node):
    op: str  # "-" or "not"
    operand: Node


@record
class BoolOp(Node):
    op: str  # "and" or "or"
    values: tuple[Node, ...]


@record
class Compare(Node):
    ops: tuple[str, ...]  # operands[i] ops[i] operands[i+1], all must hold
    operands: tuple[Node, ...]


@record
class Arith(Node):
    ops: tuple[str, ...]  # "+"/"-" or "*"/"/", applied left to right
    operands: tuple[Node, ...]


# --- Tokenizer ----------------------------------------------------------------


@record
class _Tok:
    kind: str  # "num", "name", "kw", "op", "scene", "end"
    text: str
    pos: int  # 0-based


_NAME_START = frozenset(string.ascii_letters + "_")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WORD = re.compile(r"[A-Za-z0-9_.]+")  # what a writer meant as one number/name
_SCENE_ID = re.compile(r"[A-Za-z0-9_-]+")  # scene ids may contain '-' (see SC205)
_SPACES = re.compile(r"\s*")
_OPERATORS = frozenset({"==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", ","})
_QUOTES = "\"'\u2018\u2019\u201c\u201d`"  # typographic quotes too: writers paste from word processors
_NO_INDEX = "indexing like `a[0]` is not supported"
_NAME_ONLY = "use a meter or flag name on its own, like `budget`"
_ALLOWED = ("a condition uses numbers, true/false, meter and flag names, + - * /, "
            "== != < <= > >=, and / or / not, parentheses and visited/min/max/abs")

# Operators from other languages, with what to write instead. Two-character
# spellings are tried first so `&&` is not reported as `&`.
_MISTAKES = {
    "&&": ("`&&` is not an operator here", "write `and` instead of `&&` (use and / or / not)"),
    "||": ("`||` is not an operator here", "write `or` instead of `||` (use and / or / not)"),
    "=>": ("`=>` is not an operator", "write `>=` for 'at least'"),
    "=<": ("`=<` is not an operator", "write `<=` for 'at most'"),
    "<>": ("`<>` is not an operator", "write `!=` for 'is not equal to'"),
    "**": ("powers (`**`) are not supported", "multiply instead, like `x * x`"),
    "//": ("`//` is not an operator", "use `/` to divide"),
    "=": ("`=` is not a comparison", "use == to compare"),
    "!": ("`!` is not an operator here", "write `not` instead of `!` (use and / or / not)"),
    "&": ("`&` is not an operator here", "write `and` instead of `&`"),
    "|": ("`|` is not an operator here", "write `or` instead of `|`"),
    "[": (_NO_INDEX, _NAME_ONLY),
    "]": (_NO_INDEX, _NAME_ONLY),
    "{": ("`{` is not allowed in a condition", "write names without braces, like `budget >= 10`"),
    "}": ("`}` is not allowed in a condition", "write names without braces, like `budget >= 10`"),
}


def _err(code: str, message: str, pos: int, hint: str = "") -> ExprError:
    return ExprError(code, message, pos + 1, hint)


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif "0" <= ch <= "9":
            word = _WORD.match(src, i).group()
            if not _NUMBER.fullmatch(word):
                hint = ("names cannot start with a digit" if any(c.isalpha() or c == "_" for c in word)
                        else "write numbers like 10 or 2.5")
                raise _err(SYNTAX, f"{_q(word)} is not a valid number", i, hint)
            toks.append(_Tok("num", word, i))
            i += len(word)
        elif ch in _NAME_START:
            name = _NAME.match(src, i).group()
            j = i + len(name)
            if j < n and src[j] == ".":
                dotted = _WORD.match(src, i).group()
                raise _err(SYNTAX, f"{_q(dotted)}: attribute access with `.` is not supported", i, _NAME_ONLY)
            if j < n and src[j] == "[":
                raise _err(SYNTAX, f"{_q(name + '[')}: {_NO_INDEX}", i, _NAME_ONLY)
            toks.append(_Tok("kw" if name in KEYWORDS else "name", name, i))
            i = j
            k = _SPACES.match(src, j).end()
            if name == "visited" and k < n and src[k] == "(":
                # The argument is a scene id, lexed raw so ids like `cnil-letter` work.
                toks.append(_Tok("op", "(", k))
                k = _SPACES.match(src, k + 1).end()
                scene = _SCENE_ID.match(src, k)
                if scene:
                    toks.append(_Tok("scene", scene.group(), k))
                    k = scene.end()
                i = k
        elif ch in _QUOTES:
            raise _err(SYNTAX, "text in quotes is not supported in conditions", i,
                       "write names without quotes, like `visited(cnil_letter)` or `budget >= 10`")
        elif ch == ".":
            if i + 1 < n and "0" <= src[i + 1] <= "9":
                raise _err(SYNTAX, "a number cannot start with `.`", i, "write 0.5, not .5")
            raise _err(SYNTAX, "attribute access with `.` is not supported", i, _NAME_ONLY)
        elif src[i:i + 2] in _MISTAKES or ch in _MISTAKES and src[i:i + 2] not in _OPERATORS:
            bad = src[i:i + 2] if src[i:i + 2] in _MISTAKES else ch
            message, hint = _MISTAKES[bad]
            raise _err(SYNTAX, message, i, hint)
        elif src[i:i + 2] in _OPERATORS:
            toks.append(_Tok("op", src[i:i + 2], i))
            i += 2
        elif ch in _OPERATORS:
            toks.append(_Tok("op", ch, i))
            i += 1
        else:
            raise _err(SYNTAX, f"unexpected character {_q(ch)}", i, _ALLOWED)
    toks.append(_Tok("end", "", n))
    return toks


# --- Parser -------------------------------------------------------------------


# Binding power of infix operators; `not` (3) and unary `-` (7) are prefixes.
_BINARY = {"or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
           "+": 5, "-": 5, "*": 6, "/": 6}
_NOT, _NEG = 3, 7


class _Parser:
    """Precedence climbing: about three Python frames per nesting level."""

    def __init__(self, src: str) -> None:
        self.toks = _tokenize(src)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, text: str) -> bool:
        tok = self.toks[self.i]
        return tok.kind == kind and tok.text == text

    def nest(self, tok: _Tok) -> None:
        # Every construct that recurses (parentheses, calls, prefixes, the
        # right-hand side of an operator) goes through here, so hostile input
        # gets a syntax error long before Python's recursion limit.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(tok.pos)

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise _err(SYNTAX, "the condition is empty", 0, "write a condition such as `budget >= 10`")
        node = self.expr(1)
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())
        return node

    def expr(self, min_power: int) -> Node:
        left = self.prefix(min_power)
        while True:
            tok = self.peek()
            power = _BINARY.get(tok.text, 0) if tok.kind in ("op", "kw") else 0
            if power < min_power:  # also stops at anything that is not an operator (0)
                return left
            # Gather the whole run of same-power operators into one n-ary node.
            ops, operands = [], [left]
            self.nest(tok)
            while self.peek().kind in ("op", "kw") and _BINARY.get(self.peek().text) == power:
                ops.append(self.take().text)
                operands.append(self.expr(power + 1))
            self.depth -= 1
            span = {"start": left.start, "end": operands[-1].end}
            if power <= 2:
                left = BoolOp(ops[0], tuple(operands), **span)
            elif power == 4:
                left = Compare(tuple(ops), tuple(operands), **span)
            else:
                left = Arith(tuple(ops), tuple(operands), **span)

    def prefix(self, min_power: int) -> Node:
        tok = self.peek()
        if tok.kind == "kw" and tok.text == "not" and min_power <= _NOT:
            operand_power = _NOT  # `not a == b` is `not (a == b)`; `not not a` is fine
        elif tok.kind == "op" and tok.text == "-":
            operand_power = _NEG
        else:
            return self.primary()
        self.take()
        self.nest(tok)
        operand = self.expr(operand_power)
        self.depth -= 1
        return Unary(tok.text, operand, start=tok.pos, end=operand.end)

    def primary(self) -> Node:
        tok = self.peek()
        if tok.kind == "num":
            self.take()
            value = float(tok.text) if "." in tok.text else int(tok.text)
            return Num(value, start=tok.pos, end=tok.pos + len(tok.text))
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.take()
            return Bool(tok.text == "true", start=tok.pos, end=tok.pos + len(tok.text))
        if tok.kind == "name":
            self.take()
            if self.at("op", "("):
                return self.call(tok)
            return Name(tok.text, start=tok.pos, end=tok.pos + len(tok.text))
        if tok.kind == "op" and tok.text == "(":
            self.take()
            self.nest(tok)
            node = self.expr(1)
            self.close(tok)
            self.depth -= 1
            return node
        raise self.expected_value(tok)

    def call(self, name: _Tok) -> Node:
        lparen = self.take()
        self.nest(lparen)
        if name.text == "visited":
            example = "write the id of a scene, like `visited(cnil_letter)`"
            if self.peek().kind != "scene":
                if self.at("op", ")"):
                    raise _err(TYPE, "visited() needs a scene id", name.pos, example)
                if self.peek().kind == "end":
                    raise self.unclosed(lparen)
                raise _err(SYNTAX, f"visited() needs a scene id, found {_q(self.peek().text)}",
                           self.peek().pos, example)
            scene = self.take()
            if self.at("op", ","):
                raise _err(TYPE, "visited() takes exactly one scene id", self.peek().pos,
                           "to test several scenes, write `visited(a) and visited(b)`")
            end = self.close(lparen)
            node: Node = Visited(scene.text, start=name.pos, end=end.pos + 1)
        else:
            args = []
            if not self.at("op", ")"):
                args.append(self.expr(1))
                while self.at("op", ","):
                    self.take()
                    args.append(self.expr(1))
            end = self.close(lparen)
            node = Call(name.text, tuple(args), start=name.pos, end=end.pos + 1)
        self.depth -= 1
        return node

    def close(self, lparen: _Tok) -> _Tok:
        if self.at("op", ")"):
            return self.take()
        raise self.unclosed(lparen) if self.peek().kind == "end" else self.unexpected(self.peek())

    # Error messages.

    def unclosed(self, lparen: _Tok) -> ExprError:
        return _err(SYNTAX, "`(` is never closed", lparen.pos, "add the missing `)`")

    def unexpected(self, tok: _Tok) -> ExprError:
        if tok.text == ")":
            return _err(SYNTAX, "`)` has no matching `(`", tok.pos, "remove it, or add the missing `(`")
        starts_value = tok.kind in ("num", "name", "kw") or tok.text == "("
        hint = "join two conditions with `and` or `or`" if starts_value else ""
        return _err(SYNTAX, f"unexpected {_q(tok.text)}", tok.pos, hint)

    def expected_value(self, tok: _Tok) -> ExprError:
        if tok.kind == "end":  # trailing operator: point at it, not at the end
            prev = self.toks[self.i - 1]
            if prev.text == "(":
                return self.unclosed(prev)
            return _err(SYNTAX, f"{_q(prev.text)} needs a value after it, but the condition ends there",
                        prev.pos, f"finish the condition or remove the trailing {_q(prev.text)}")
        if tok.text in ("and", "or"):
            hint = f"{_q(tok.text)} joins two conditions: put one on each side"
        elif tok.text == "not":
            hint = "put `not ...` in parentheses here, like `a == (not b)`"
        elif tok.text == ")":
            hint = "something is missing before `)`"
        else:
            hint = "an operator needs a value on each side"
        return _err(SYNTAX, f"expected a value, found {_q(tok.text)}", tok.pos, hint)


def _too_deep(pos: int) -> ExprError:
    return _err(SYNTAX, f"the condition is nested too deeply (more than {MAX_DEPTH} levels)", pos,
                "split it into simpler conditions")


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of a node (for walking the tree)."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, BoolOp):
        return node.values
    if isinstance(node, (Compare, Arith)):
        return node.operands
    return ()


def _check_height(root: Node) -> None:
    # The parser bounds its own recursion, but a left-leaning tree such as
    # `a * b + c == d and e` grows without nesting the parser; the checker and
    # the closures recurse over the tree, so bound its height too (iteratively).
    stack = [(root, 0)]  # height counts edges: `not not x` is two levels
    while stack:
        node, height = stack.pop()
        if height > MAX_DEPTH:
            raise _too_deep(node.start)
        stack.extend((child, height + 1) for child in children(node))


# --- Checker and compiler -----------------------------------------------------

_NOCONST: Any = object()  # "not known at compile time"
Fn = Callable[[Any], Any]


def _div(a, b):
    return a / b if b else 0  # the game must never crash: x / 0 is 0


def _saturate(x):
    # An int too large for a float (only reachable with absurd arithmetic)
    # becomes +-inf instead of raising OverflowError in the middle of a game.
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div}
_CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt,
        "<=": operator.le, ">": operator.gt, ">=": operator.ge}
# Comparisons against a constant are inlined (no operator call per evaluation).
_CMP_CONST = {
    "==": lambda l, k: lambda s: l(s) == k, "!=": lambda l, k: lambda s: l(s) != k,
    "<": lambda l, k: lambda s: l(s) < k, "<=": lambda l, k: lambda s: l(s) <= k,
    ">": lambda l, k: lambda s: l(s) > k, ">=": lambda l, k: lambda s: l(s) >= k,
}

# The commonest condition of all, `meter >= 10`, read straight from the state.
_METER_CMP = {
    "==": lambda n, k: lambda s: s.meters.get(n, 0) == k, "!=": lambda n, k: lambda s: s.meters.get(n, 0) != k,
    "<": lambda n, k: lambda s: s.meters.get(n, 0) < k, "<=": lambda n, k: lambda s: s.meters.get(n, 0) <= k,
    ">": lambda n, k: lambda s: s.meters.get(n, 0) > k, ">=": lambda n, k: lambda s: s.meters.get(n, 0) >= k,
}


def _arith2(f, left: Fn, right: Fn) -> Fn:
    def run(s):
        a, b = left(s), right(s)
        try:
            return f(a, b)
        except OverflowError:
            return f(_saturate(a), _saturate(b))
    return run


def _arith_chain(first: Fn, steps: list[tuple[Callable, Fn]]) -> Fn:
    def run(s):
        acc = first(s)
        for f, g in steps:
            b = g(s)
            try:
                acc = f(acc, b)
            except OverflowError:
                acc = f(_saturate(acc), _saturate(b))
        return acc
    return run


def _const(value) -> Fn:
    return lambda s: value


def _did_you_mean(name: str, candidates: Collection[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=3)
    return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close else ""


class _Compiler:
    """Walks the AST once: resolves names, checks types, builds closures bottom-up.

    Each visit returns (kind, fn, const): kind is "bool" or "number", const the
    value when it is known at compile time (so literals fold), else _NOCONST.
    """

    def __init__(self, src: str, meters: frozenset, flags: frozenset, scenes: frozenset) -> None:
        self.src, self.meters, self.flags, self.scenes = src, meters, flags, scenes
        self.names: set[str] = set()
        self.scenes_used: set[str] = set()

    def text(self, node: Node) -> str:
        return self.src[node.start:node.end]

    def visit(self, node: Node) -> tuple[str, Fn, Any]:
        return getattr(self, "visit_" + type(node).__name__)(node)

    # Checked visits: the node must give a value of one kind.

    def boolean(self, node: Node, where: str) -> tuple[Fn, Any]:
        kind, fn, const = self.visit(node)
        if kind == "bool":
            return fn, const
        if isinstance(node, Visited):  # `if: visited(x)` means "has been there"
            scene = node.scene
            return (lambda s: s.visited.get(scene, 0) > 0), _NOCONST
        text = self.text(node)
        raise _err(TYPE, f"{_q(text)} is a number, but {where} needs true/false", node.start,
                   f"compare it: `{text} > 0`" if len(text) <= 40 else "compare it with a number, like `... > 0`")

    def number(self, node: Node, where: str, hint: str) -> tuple[Fn, Any]:
        kind, fn, const = self.visit(node)
        if kind != "number":
            raise self.not_a_number(node, where, hint)
        return fn, const

    def not_a_number(self, node: Node, where: str, hint: str) -> ExprError:
        if isinstance(node, Name):
            hint = f"`{node.id}` is a flag: test it with `{node.id}` or `not {node.id}`"
        return _err(TYPE, f"{_q(self.text(node))} is true/false, but {where} needs a number", node.start, hint)

    # Leaves.

    def visit_Num(self, node: Num):
        return "number", _const(node.value), node.value

    def visit_Bool(self, node: Bool):
        return "bool", _const(node.value), node.value

    def is_meter(self, node: Node) -> bool:
        return isinstance(node, Name) and node.id != "turn" and node.id in self.meters

    def visit_Name(self, node: Name):
        name = node.id
        if name == "turn":  # reserved: the current turn, wins over a declaration
            return "number", operator.attrgetter("turn"), _NOCONST
        if name in self.meters:  # meter first if a name is somehow both
            self.names.add(name)
            return "number", (lambda s: s.meters.get(name, 0)), _NOCONST
        if name in self.flags:
            self.names.add(name)
            return "bool", (lambda s: s.flags.get(name, False)), _NOCONST
        raise _err(UNKNOWN_NAME, f"unknown name {_q(name)}: it is not a meter or flag of this scenario",
                   node.start, self.name_hint(node))

    def name_hint(self, node: Name) -> str:
        name, declared = node.id, self.meters | self.flags | {"turn"}
        if name.lower() in KEYWORDS:
            return f"write `{name.lower()}` in lowercase"
        if name in self.scenes:
            return f"`{name}` is a scene: write `visited({name})` to test whether the player went there"
        if name in FUNCTIONS:
            return f"`{name}` is a function: write `{name}(...)`"
        hyphenated = _SCENE_ID.match(self.src, node.start).group()
        if hyphenated in declared:  # `trust-level` reads as `trust - level`
            return f"`{hyphenated}` contains `-`, which means minus in a condition: rename it with `_`"
        guess = _did_you_mean(name, declared)
        if guess:
            return guess
        known = sorted(declared - {"turn"})
        if not known:
            return "this scenario declares no meters or flags"
        shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
        return f"declared meters and flags: {shown}"

    def visit_Visited(self, node: Visited):
        scene = node.scene
        if scene not in self.scenes:
            hint = _did_you_mean(scene, self.scenes)
            if not hint and scene in self.meters | self.flags:
                hint = f"`{scene}` is a meter or flag, not a scene: use it without visited()"
            raise _err(UNKNOWN_SCENE, f"unknown scene {_q(scene)} in visited()", node.start, hint)
        self.scenes_used.add(scene)
        return "number", (lambda s: s.visited.get(scene, 0)), _NOCONST

    # Operators and calls.

    def visit_Call(self, node: Call):
        func, args = node.func, node.args
        if func not in FUNCTIONS:
            guess = _did_you_mean(func, FUNCTIONS)
            known = "known functions: " + ", ".join(FUNCTIONS)
            raise _err(TYPE, f"unknown function {_q(func)}", node.start, f"{guess} {known}" if guess else known)
        if func == "count":   # how many of these hold: endings can speak of "three systems"
            if not args:
                raise _err(TYPE, "count() needs at least one flag or condition", node.start, "write `count(a, b, c)`")
            bools = [self.boolean(a, "count()") for a in args]
            fns = [f for f, _ in bools]
            return "number", *self.fold(lambda s: sum(1 for f in fns if f(s)), [c for _, c in bools])
        if func == "abs" and len(args) != 1:
            raise _err(TYPE, f"abs() takes one number, not {len(args)}", node.start, "write `abs(x)`")
        if func != "abs" and len(args) < 2:
            raise _err(TYPE, f"{func}() needs at least two numbers", node.start, f"write `{func}(a, b)`")
        checked = [self.number(a, f"{func}()", "true/false values cannot be used in calculations") for a in args]
        fns = [f for f, _ in checked]
        if func == "abs":
            (f,) = fns
            fn = lambda s: abs(f(s))
        elif len(fns) == 2:
            a, b = fns
            builtin = min if func == "min" else max
            fn = lambda s: builtin(a(s), b(s))
        else:
            builtin = min if func == "min" else max
            fn = lambda s: builtin([f(s) for f in fns])
        return "number", *self.fold(fn, [c for _, c in checked])

    def visit_Unary(self, node: Unary):
        if node.op == "not":
            f, c = self.boolean(node.operand, "`not`")
            if isinstance(node.operand, Name):  # `not flag`, inlined
                name = node.operand.id
                return "bool", (lambda s: not s.flags.get(name, False)), _NOCONST
            return "bool", *self.fold(lambda s: not f(s), [c])
        f, c = self.number(node.operand, "`-`", "true/false values cannot be used in calculations")
        return "number", *self.fold(lambda s: -f(s), [c])

    def visit_BoolOp(self, node: BoolOp):
        is_and = node.op == "and"
        checked = [self.boolean(v, f"`{node.op}`") for v in node.values]
        # Fold constants: `true and x` is x, `false and x` is false.
        fns = []
        for f, c in checked:
            if c is _NOCONST:
                fns.append(f)
            elif bool(c) != is_and:
                return "bool", _const(c), c
        if not fns:
            return "bool", _const(is_and), is_and
        if len(fns) == 1:
            return "bool", fns[0], _NOCONST
        if len(fns) == 2:
            a, b = fns
            return "bool", (lambda s: a(s) and b(s)) if is_and else (lambda s: a(s) or b(s)), _NOCONST

        def run(s):
            for f in fns:
                if bool(f(s)) != is_and:
                    return not is_and
            return is_and
        return "bool", run, _NOCONST

    def visit_Compare(self, node: Compare):
        visited = [self.visit(o) for o in node.operands]
        for i, op in enumerate(node.ops):
            (lk, _, _), (rk, _, _) = visited[i], visited[i + 1]
            left, right = node.operands[i], node.operands[i + 1]
            if op in ("==", "!="):
                if lk != rk:
                    self.mismatch(op, left, lk, right)
            else:
                for side, kind in ((left, lk), (right, rk)):
                    if kind != "number":
                        raise self.not_a_number(side, f"`{op}`",
                                                "true/false values can only be compared with == or !=")
        fns = [f for _, f, _ in visited]
        consts = [c for _, _, c in visited]
        if len(fns) == 2:
            op = node.ops[0]
            left = node.operands[0]
            if consts[1] is not _NOCONST and self.is_meter(left):
                fn = _METER_CMP[op](left.id, consts[1])
            elif consts[1] is not _NOCONST:
                fn = _CMP_CONST[op](fns[0], consts[1])
            else:
                cmp, a, b = _CMP[op], fns[0], fns[1]
                fn = lambda s: cmp(a(s), b(s))
        else:
            first, steps = fns[0], [(_CMP[op], g) for op, g in zip(node.ops, fns[1:])]

            def fn(s):  # `0 < x <= 50`: each middle operand is evaluated once
                a = first(s)
                for cmp, g in steps:
                    b = g(s)
                    if not cmp(a, b):
                        return False
                    a = b
                return True
        return "bool", *self.fold(fn, consts)

    def mismatch(self, op: str, left: Node, left_kind: str, right: Node) -> None:
        kinds = {"number": "a number", "bool": "true/false"}
        right_kind = "bool" if left_kind == "number" else "number"
        visited = left if isinstance(left, Visited) else right if isinstance(right, Visited) else None
        if visited is not None:
            hint = f"write `{self.text(visited)} > 0`, or just `{self.text(visited)}`"
        else:
            hint = "compare numbers with numbers, and true/false with true/false"
        raise _err(TYPE, f"{_q(self.text(left))} is {kinds[left_kind]} but {_q(self.text(right))} is "
                   f"{kinds[right_kind]}: `{op}` needs two values of the same kind", left.start, hint)

    def visit_Arith(self, node: Arith):
        checked = []
        for i, operand in enumerate(node.operands):
            op = node.ops[max(i - 1, 0)]
            checked.append(self.number(operand, f"`{op}`", "true/false values cannot be used in calculations"))
        fns = [f for f, _ in checked]
        if len(fns) == 2:
            fn = _arith2(_ARITH[node.ops[0]], fns[0], fns[1])
        else:  # a loop, not nested closures: long sums stay flat at run time
            fn = _arith_chain(fns[0], [(_ARITH[op], g) for op, g in zip(node.ops, fns[1:])])
        return "number", *self.fold(fn, [c for _, c in checked])

    @staticmethod
    def fold(fn: Fn, consts: list) -> tuple[Fn, Any]:
        # All inputs known: run it now (children ignore the state) and keep the value.
        if all(c is not _NOCONST for c in consts):
            value = fn(None)
            return _const(value), value
        return fn, _NOCONST


# --- Public API ---------------------------------------------------------------


def _as_source(source: object) -> str:
    # YAML turns `if: true` into a bool and `value: 10` into an int; accept those
    # as the text the writer typed, and refuse anything else as a writer error.
    if isinstance(source, bool):
        return "true" if source else "false"
    if isinstance(source, int):
        return str(source)
    if isinstance(source, float) and math.isfinite(source):
        return repr(source)
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    raise ExprError(SYNTAX, f"a condition must be written as text, not as a {type(source).__name__}", 1,
                    "write it on one line, like `if: budget >= 10`")


def compile_expression(source: str, *, meters: Collection[str], flags: Collection[str],
                       scenes: Collection[str], expect: str = "bool") -> Condition:
    """Parse, check and compile one writer expression; raise ExprError if it is wrong.

    expect="bool" requires true/false (a bare `visited(x)` counts, as "> 0");
    expect="number" requires a number.
    """
    if expect not in ("bool", "number"):
        raise ValueError(f"expect must be 'bool' or 'number', not {expect!r}")
    src = _as_source(source)
    if len(src) > MAX_LENGTH:
        raise _err(SYNTAX, f"the condition is too long ({len(src)} characters, the limit is {MAX_LENGTH})",
                   MAX_LENGTH, "split it into simpler conditions")
    tree = _Parser(src).parse()
    _check_height(tree)
    compiler = _Compiler(src, frozenset(meters), frozenset(flags), frozenset(scenes))
    if expect == "bool":
        fn, _ = compiler.boolean(tree, "a condition")
    else:
        kind, fn, _ = compiler.visit(tree)
        if kind != "number":
            raise _err(TYPE, f"{_q(src.strip())} is true/false, but a number is needed here", tree.start,
                       "write a number or a calculation, like `budget - 5`")
    return Condition(src, fn, frozenset(compiler.names), frozenset(compiler.scenes_used), tree, kind=expect)


def evaluate(compiled: Condition, state: Any) -> Any:
    """Run a compiled expression against a state (meters, flags, turn, visited)."""
    return compiled.fn(state)
