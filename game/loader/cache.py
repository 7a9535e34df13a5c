"""Loaded scenarios kept between runs, so a game starts without parsing and checking its YAML again.

`load_playable` gives what `load_scenario` gives. After a load with no errors, the scenario is
written to the cache folder as JSON; the next run reads it back if nothing it was built from has
changed since: the story's files (every file under its folder: path, modification time, size), the
loader's and model's own code, the language and the folder as the diagnostics name it. Anything
else, or any doubt, is a full load, which also rewrites the entry.

Only data is read back. Each object is one of the model's own classes, named in the file and
built from its fields; a condition is compiled again from its source by the condition language,
as a load compiles it, the first time the game evaluates it (most are not needed for the first
frame; a condition read back keeps no syntax tree: the analysis tools always load the story).
The story's Markdown comes back parsed (game/model/markdown.py). Nothing in the file can name
code to run. The entry carries a SHA-256 digest of its content: a file that was cut short, damaged
or edited, that does not read, or that holds anything unexpected counts as missing.

This module imports neither YAML, nor the rest of the loader, nor the Markdown parser, nor (until
a condition is first evaluated) the condition language: a game that starts from the cache never
loads the first three.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from game.loader.result import LoadResult
from game.model import markdown
from game.model import scenario as m
from game.model.diagnostics import Span

FORMAT = 4                  # raise when the way entries are written changes
MAX_SIGNED_FILES = 2_000    # a story folder is small; a huge one is not worth caching
MAX_ENTRY_BYTES = 64 * 2**20   # far above any story the loader accepts
ROOT_NAME = "scenario.yaml"
CODE_PARTS = ("model", "language", "loader")   # what a loaded scenario is made by
PACKAGE = Path(__file__).resolve().parents[1]


def load_playable(path: str | Path, language: str | None = None) -> LoadResult:
    """The scenario at `path` (in `language`), from the cache if it is current, else loaded.

    A result from the cache has no diagnostics: only a load with no errors is cached, and its
    warnings are `safecity check`'s business, not a player's."""
    entry = _entry(Path(path), language)
    if entry is not None:
        file, stamp = entry
        scenario = _read(file, stamp)
        if scenario is not None:
            return LoadResult(scenario)
    from game.loader.load import load_scenario

    result = load_scenario(path, language)
    if entry is not None and result.ok:
        # The stamp is taken again: a file saved while it was being loaded makes the next run load.
        again = _entry(Path(path), language)
        if again is not None and again == entry:
            _write(entry[0], entry[1], result.scenario)
    return result


def story_signature(root: Path | None) -> tuple:
    """(path, modification time, size) of every file under `root`: it changes when a writer saves
    one. Every file, not only *.yaml: an include may name any file. Links to folders are not
    followed (an include that passes through one reaches a file that is listed anyway)."""
    if root is None or not root.is_dir():
        return ()
    found = []
    for top, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in files:
            path = os.path.join(top, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found.append((path, info.st_mtime_ns, info.st_size))
            if len(found) >= MAX_SIGNED_FILES:
                return tuple(sorted(found))
    return tuple(sorted(found))


# -- where an entry lives, and what it must match -----------------------------------------------


def _entry(path: Path, language: str | None) -> tuple[Path, str] | None:
    """(the cache file for this story and language, the stamp it must carry), or None: not cacheable."""
    from game.paths import cache_dir

    try:
        folder = path if path.is_dir() else path.parent
        if not (folder / ROOT_NAME).is_file() or (path.is_file() and path.name != ROOT_NAME):
            return None
        real = folder.resolve()
    except (OSError, ValueError):
        return None
    signature = story_signature(real)
    if not signature or len(signature) >= MAX_SIGNED_FILES:
        return None
    try:
        shown = os.path.relpath(folder)     # how the diagnostics and spans name the files
    except ValueError:                      # another drive on Windows
        shown = str(folder)
    name = hashlib.sha256(f"{real}\0{shown}\0{language or ''}".encode()).hexdigest()[:32]
    stamp = hashlib.sha256(repr((FORMAT, _code_stamp(), str(real), shown, language or "", signature))
                           .encode()).hexdigest()
    return cache_dir() / "scenarios" / f"{name}.json", stamp


@lru_cache(maxsize=1)
def _code_stamp() -> tuple:
    """The loader's, the model's and the condition language's own files: another version of the
    game may build another scenario from the same story. And the Markdown parser's version file
    (found, not imported): another version may parse the kept texts differently."""
    import importlib.util

    found = []
    for part in CODE_PARTS:
        for path in sorted((PACKAGE / part).glob("*.py")):
            info = path.stat()
            found.append((f"{part}/{path.name}", info.st_mtime_ns, info.st_size))
    spec = importlib.util.find_spec("markdown_it")
    if spec is not None and spec.origin:
        info = os.stat(spec.origin)
        found.append((spec.origin, info.st_mtime_ns, info.st_size))
    return tuple(found)


# -- writing ------------------------------------------------------------------------------------


def _write(file: Path, stamp: str, scenario: m.Scenario) -> None:
    """Write the entry atomically (a reader sees the old one or the new one); never fail the game."""
    try:
        data = {"meters": sorted(scenario.meters), "flags": sorted(scenario.flags),
                "scenes": sorted(scenario.scenes), "scenario": _encode(scenario),
                "markdown": markdown.kept(_markdown_texts(scenario))}
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        text = _head(stamp) + hashlib.sha256(body.encode("utf-8")).hexdigest() + '","body":' + body + "}"
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, file)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError, TypeError):
        pass   # a read-only or full disk: the next run loads the story again, as without a cache


def _markdown_texts(scenario: m.Scenario):
    """(text, template?) of every text the game draws as Markdown: scenes' blocks and lines as
    written, fact cards and glossary entries as they are."""
    for scene in scenario.scenes.values():
        for block in scene.text:
            yield block.text.strip(), True
        for line in scene.say:
            yield line.text, True
    for fact in scenario.facts.values():
        yield fact.text, False
    for entry in scenario.glossary.values():
        yield entry.text, False


def _encode(value):
    if isinstance(value, Span):
        return [value.file, value.line, value.col]
    if isinstance(value, m.Condition):
        return {"@": ["Condition", value.source, value.kind, _encode(value.span), sorted(value.names),
                      sorted(value.scenes)]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):   # {"@": [class, field values...]}
        return {"@": [type(value).__name__, *(_encode(getattr(value, name)) for name in _FIELDS[type(value)])]}
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"a scenario holds a {type(value).__name__}, which the cache cannot keep")


# The model's classes, by name: the only things an entry may build.
_CLASSES = {cls.__name__: cls for cls in vars(m).values()
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == m.__name__}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))
           for cls in _CLASSES.values()}
# Kept in the order of the class's parameters: an object is built from its values without names.
assert all([f.name for f in dataclasses.fields(cls) if f.init and not f.kw_only][:len(names)] == list(names)
           for cls, names in _FIELDS.items())
_SPAN = {cls: names.index("span") if "span" in names else -1 for cls, names in _FIELDS.items()}


# -- reading ------------------------------------------------------------------------------------


class _Unreadable(Exception):
    """The entry is not one this version wrote: load the story instead."""


def _head(stamp: str) -> str:
    """How an entry starts: its stamp, then its digest (64 hex digits), then its body."""
    return '{"stamp":' + json.dumps(stamp) + ',"digest":"'


def _read(file: Path, stamp: str) -> m.Scenario | None:
    text = _entry_text(file)
    if text is None:
        return None
    # The stamp comes first in the file: a stale entry is known without reading the rest.
    head = _head(stamp)
    if not text.startswith(head) or not text.endswith("}"):
        return None
    digest, body = text[len(head):len(head) + 64], text[len(head) + 64 + len('","body":'):-1]
    if text[len(head) + 64:len(head) + 64 + len('","body":')] != '","body":' or \
            hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
        return None
    try:
        data = json.loads(body)
        builder = _Builder(file, data["meters"], data["flags"], data["scenes"])
        scenario = builder.build(data["scenario"])
        if not isinstance(scenario, m.Scenario) or not markdown.remember(data["markdown"]):
            return None
    except Exception:   # noqa: BLE001 - whatever is wrong with an entry, loading the story is the answer
        return None
    return scenario


def _entry_text(file: Path) -> str | None:
    """The entry's text, or None. Like a story file (loader/yaml_reader.py): opened without waiting
    (a named pipe in its place never blocks the start), read only if it is a regular file, and
    never more than MAX_ENTRY_BYTES."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            data = handle.read(MAX_ENTRY_BYTES + 1)
        return data.decode("utf-8") if len(data) <= MAX_ENTRY_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


class _Builder:
    """Builds the model's objects from an entry's plain data, one deferred compilation per condition."""

    def __init__(self, file: Path, meters, flags, scenes):
        self.known = (file, frozenset(meters), frozenset(flags), frozenset(scenes))
        self.deferred: dict[tuple[str, str], _Deferred] = {}

    def build(self, value):
        if isinstance(value, list):
            return tuple([self.build(item) if isinstance(item, (list, dict)) else item for item in value])
        if not isinstance(value, dict):
            return value
        made = value.get("@")
        if made is None:
            return {key: self.build(item) if isinstance(item, (list, dict)) else item for key, item in value.items()}
        if len(value) != 1 or not isinstance(made, list) or not made:
            raise _Unreadable("not an object")
        tag = made[0]
        if tag == "Condition":
            return self.condition(made)
        cls = _CLASSES.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise _Unreadable(f"no such class: {tag!r}")
        if len(made) != len(_FIELDS[cls]) + 1:
            raise _Unreadable(f"{tag} has other fields")
        values = [self.build(item) if isinstance(item, (list, dict)) else item for item in made[1:]]
        span = _SPAN[cls]
        if span >= 0:
            values[span] = Span(*made[span + 1])
        return cls(*values)

    def condition(self, made: list) -> m.Condition:
        if len(made) != 6:
            raise _Unreadable("not a condition")
        _tag, source, kind, span, names, scenes = made
        if not isinstance(source, str) or kind not in ("bool", "number"):
            raise _Unreadable("not a condition")
        fn = self.deferred.get((source, kind))
        if fn is None:
            fn = self.deferred[(source, kind)] = _Deferred(source, kind, self.known)
        names, scenes = frozenset(names), frozenset(scenes)
        if not all(isinstance(name, str) for name in names | scenes):
            raise _Unreadable("not a condition")
        return m.Condition(source, fn, names, scenes, None, Span(*span), kind)


class _Deferred:
    """A condition's `fn`, read from the cache: compiled the first time the game evaluates it, as a
    load compiles it. The entry's digest matched, so its source is what a clean load wrote; should
    it still not compile (an entry edited by hand, digest and all), the entry is removed, so the
    next start loads the story, and the condition counts as false (0 for a number) meanwhile:
    never a crash, and nothing of the entry is ever run."""

    __slots__ = ("source", "kind", "known", "compiled")

    def __init__(self, source: str, kind: str, known: tuple):
        self.source, self.kind, self.known = source, kind, known
        self.compiled = None

    def __call__(self, state):
        compiled = self.compiled
        if compiled is None:
            compiled = self.compiled = self._compile()
        return compiled(state)

    def _compile(self):
        from game.language.expressions import ExprError, compile_expression

        file, meters, flags, scenes = self.known
        try:
            return compile_expression(self.source, meters=meters, flags=flags, scenes=scenes,
                                      expect=self.kind).fn
        except ExprError:
            try:
                os.unlink(file)
            except OSError:
                pass
            return (lambda state: False) if self.kind == "bool" else (lambda state: 0)
