"""Finds and reads the files of a scenario folder, following includes safely.

Includes never leave the scenario folder (symbolic links are resolved before
the check), a file is read once even when two globs match it, and a cycle of
includes is reported instead of followed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from game.loader.conform import INVALID, Conformer
from game.loader.fs import describe_kind, kind, os_problem, resolve
from game.loader.issues import problem
from game.loader.schema import INCLUDED_FILE, ROOT_FILE
from game.loader.yaml_reader import ReadError, YList, YMap, read_bytes, parse_text
from game.model.diagnostics import Diagnostic, Span

ROOT_NAME = "scenario.yaml"
MAX_FILES = 500
MAX_WALK = 20_000  # files looked at for globs: a scenario folder is small


@dataclass
class StoryFile:
    path: Path          # resolved path on disk
    shown: str          # how diagnostics name it
    data: YMap          # conformed contents
    text: str = ""      # the raw text, to point inside values


@dataclass
class FolderRead:
    root: Path | None
    shown_root: str
    files: list[StoryFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fingerprint: str = ""


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def find_root_file(target: Path) -> Path | None:
    found = kind(target)
    if found == "folder":
        candidate = target / ROOT_NAME
        return candidate if kind(candidate) == "file" else None
    return target if found == "file" else None


def read_folder(target: Path) -> FolderRead:
    target = Path(target)
    shown_target = display_path(target)
    found = kind(target)
    root_file = None
    if found == "folder":
        candidate = target / ROOT_NAME
        inside = kind(candidate)
        if inside == "file":
            root_file = candidate
        elif inside == "missing":
            return _failed(shown_target, "SC100", f"there is no {ROOT_NAME} in this folder",
                           f"a scenario is a folder whose main file is {ROOT_NAME}")
        else:
            return _failed(display_path(candidate), "SC100", f"{ROOT_NAME} {describe_kind(inside)}",
                           _kind_hint(inside))
    elif found == "file":
        root_file = target
    elif found == "missing":
        return _failed(shown_target, "SC100", "no such file or folder",
                       "give the path of a scenario folder, e.g. story/tutorial")
    else:
        return _failed(shown_target, "SC100", f"this path {describe_kind(found)}", _kind_hint(found))
    folder = resolve(root_file.parent)
    real_root = resolve(root_file)
    for got in (folder, real_root):
        if isinstance(got, OSError):
            return _failed(shown_target, "SC100", f"the scenario cannot be read: {os_problem(got)}", _kind_hint(got))
    reader = _Reader(folder, display_path(root_file.parent))
    if not real_root.is_relative_to(folder):
        return _failed(display_path(root_file), "SC501", f"{ROOT_NAME} is a link to a file outside the scenario folder",
                       "copy the file into the folder instead of linking to it")
    reader.read(folder / ROOT_NAME, ROOT_FILE, chain=())
    result = FolderRead(folder, reader.shown_root, reader.files, reader.out)
    result.fingerprint = reader.digest.hexdigest()
    return result


def _failed(shown: str, code: str, message: str, hint: str = "") -> FolderRead:
    result = FolderRead(None, shown)
    result.diagnostics.append(problem(code, Span(shown), message, hint))
    return result


def _kind_hint(found) -> str:
    if isinstance(found, OSError):
        if found.errno == errno.ELOOP:
            return "a symbolic link on the way leads back to itself; replace it with what it should point to"
        if found.errno == errno.ENAMETOOLONG:
            return "use a shorter path"
        if found.errno in (errno.EACCES, errno.EPERM):
            return "give it read permission (chmod a+r, and a+x for a folder)"
        return ""
    if found == "dangling":
        return "the link's target was moved or deleted: point the link at the file, or copy the file here"
    return "story files are plain YAML text files in a scenario folder"


class _Reader:
    def __init__(self, folder: Path, shown_root: str):
        self.folder = folder
        self.shown_root = shown_root
        self.files: list[StoryFile] = []
        self.seen: set[Path] = set()
        self.out: list[Diagnostic] = []
        self.conformer = Conformer(self.out)
        self.digest = hashlib.sha256()
        self.root_file = folder / ROOT_NAME
        self._walked: list[str] | None = None

    def shown(self, path: Path) -> str:
        if not path.is_relative_to(self.folder):
            return display_path(path)
        rel = path.relative_to(self.folder).as_posix()
        return rel if self.shown_root in ("", ".") else f"{self.shown_root}/{rel}"

    def read(self, path: Path, schema, chain: tuple[Path, ...]) -> None:
        self.seen.add(path)
        shown = self.shown(path)
        try:
            raw = read_bytes(path, shown)
            data = parse_text(raw, shown)
        except ReadError as err:
            self.out.extend(err.diagnostics)
            return
        self.digest.update(path.relative_to(self.folder).as_posix().encode() + b"\0" + raw.encode() + b"\0")
        if data is None:
            data = _empty_map(shown)
        if self.conformer.check(data, schema, lambda: Span(shown, 1, 1)) is INVALID:
            return
        self.files.append(StoryFile(path, shown, data, raw))
        # The main file lists includes in its header, relative to the folder;
        # an included file lists its own at top level, relative to itself.
        if schema is ROOT_FILE:
            includes, base = data.get("scenario", {}).get("includes"), self.folder
        else:
            includes, base = data.get("includes"), path.parent
        if includes:
            self.follow(includes, chain + (path,), base)

    def follow(self, includes: YList, chain: tuple[Path, ...], base: Path) -> None:
        for index, pattern in enumerate(includes):
            span = includes.pos(index)
            matches = self.expand(pattern, base, span)
            for match in matches:
                if match in chain:
                    cycle = " -> ".join(self.shown(p) for p in chain[chain.index(match):] + (match,))
                    self.out.append(problem("SC503", span, f"files include each other in a cycle: {cycle}",
                                            "remove one of these includes"))
                    continue
                if match in self.seen:
                    continue
                if len(self.seen) >= MAX_FILES:
                    self.out.append(problem("SC502", span, f"more than {MAX_FILES} files are included",
                                            "a scenario this large is not supported"))
                    return
                self.read(match, INCLUDED_FILE, chain)

    def expand(self, pattern: str, base: Path, span: Span) -> list[Path]:
        if os.path.isabs(pattern) or pattern.startswith("~"):
            self.out.append(problem("SC501", span, f"`{pattern}` is an absolute path",
                                    "include paths are relative to the scenario folder"))
            return []
        joined = os.path.normpath(os.path.join(base, pattern))
        if not Path(joined).is_relative_to(self.folder):
            self.out.append(problem("SC501", span, f"`{pattern}` leads outside the scenario folder",
                                    "a scenario may only include files inside its own folder"))
            return []
        relative = Path(joined).relative_to(self.folder).as_posix()
        is_glob = any(c in pattern for c in "*?[")
        fixed = relative[:min((relative.find(c) for c in "*?[" if c in relative), default=len(relative))]
        if "/" in fixed:
            parent = resolve(self.folder / fixed.rsplit("/", 1)[0])
            if isinstance(parent, OSError):
                self.out.append(problem("SC100", span, f"`{pattern}` cannot be followed: {os_problem(parent)}",
                                        _kind_hint(parent)))
                return []
            if not parent.is_relative_to(self.folder):
                self.out.append(problem("SC501", span, f"`{pattern}` leads outside the scenario folder (through a link)",
                                        "a scenario may only include files inside its own folder"))
                return []
        if is_glob:
            candidates = [self.folder / rel for rel in self.walk() if glob_regex(relative).match(rel)]
            what = "matches no file"
        else:
            candidates = [Path(joined)]
            what = "does not exist"
        found: list[Path] = []
        for candidate in candidates:
            real = resolve(candidate)
            if isinstance(real, OSError):
                name = candidate.relative_to(self.folder).as_posix() if is_glob else pattern
                self.out.append(problem("SC100", span, f"`{name}` cannot be read: {os_problem(real)}",
                                        _kind_hint(real)))
                what = ""
                continue
            if not real.is_relative_to(self.folder):
                self.out.append(problem("SC501", span, f"`{pattern}` leads outside the scenario folder "
                                                       f"(through a link)",
                                        "a scenario may only include files inside its own folder"))
                return []
            if real == self.root_file:
                if not is_glob:
                    self.out.append(problem("SC503", span, f"`{pattern}` is the main file including itself",
                                            "remove this include"))
                    return []
                continue  # a glob like **/*.yaml also matches the main file
            got = kind(candidate)
            if got == "folder":
                what = "is a folder: include the files in it, e.g. `" + pattern.rstrip("/") + "/*.yaml`"
                continue
            if got == "missing":
                continue
            if got != "file":
                name = candidate.relative_to(self.folder).as_posix() if is_glob else pattern
                self.out.append(problem("SC100", span, f"`{name}` {describe_kind(got)}", _kind_hint(got)))
                what = ""
                continue
            found.append(real)
        if not found and what:
            self.out.append(problem("SC502", span, f"`{pattern}` {what}", "paths are relative to the scenario folder"
                                    if what in ("does not exist", "matches no file") else ""))
        return found

    def walk(self) -> list[str]:
        """Every file below the folder, relative, without following links to folders (no loops)."""
        if self._walked is None:
            found = []
            for top, dirs, files in os.walk(self.folder, followlinks=False):
                rel_top = Path(top).relative_to(self.folder).as_posix()
                prefix = "" if rel_top == "." else rel_top + "/"
                found.extend(prefix + name for name in files)
                dirs.sort()
                if len(found) > MAX_WALK:
                    break
            self._walked = sorted(found)
        return self._walked


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern:
    """A glob as a regex on relative paths: `*` stays within a folder, `**/` spans any number of them."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            close = pattern.find("]", i + 1)
            if close == -1:
                out.append(re.escape("["))
                i += 1
            else:
                body = pattern[i + 1:close].replace("\\", "\\\\").replace("[", "\\[")
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _empty_map(shown: str) -> YMap:
    empty = YMap()
    empty.file, empty.line, empty.col = shown, 1, 1
    empty.key_pos, empty.val_pos = {}, {}
    return empty
