"""Finds and reads the files of a scenario folder, following includes safely.

Includes never leave the scenario folder (symbolic links are resolved before
the check), a file is read once even when two globs match it, and a cycle of
includes is reported instead of followed.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from game.loader.conform import INVALID, Conformer
from game.loader.issues import problem
from game.loader.schema import INCLUDED_FILE, ROOT_FILE
from game.loader.yaml_reader import ReadError, YList, YMap, read_bytes, parse_text
from game.model.diagnostics import Diagnostic, Span

ROOT_NAME = "scenario.yaml"
MAX_FILES = 500


@dataclass
class StoryFile:
    path: Path          # resolved path on disk
    shown: str          # how diagnostics name it
    data: YMap          # conformed contents


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
    if target.is_dir():
        candidate = target / ROOT_NAME
        return candidate if candidate.is_file() else None
    return target if target.is_file() else None


def read_folder(target: Path) -> FolderRead:
    target = Path(target)
    root_file = find_root_file(target)
    shown_target = display_path(target)
    if root_file is None:
        result = FolderRead(None, shown_target)
        if target.is_dir():
            message = f"there is no {ROOT_NAME} in this folder"
            hint = f"a scenario is a folder whose main file is {ROOT_NAME}"
        else:
            message = "no such file or folder"
            hint = "give the path of a scenario folder, e.g. story/tutorial"
        result.diagnostics.append(problem("SC100", Span(shown_target), message, hint))
        return result
    folder = root_file.parent.resolve()
    reader = _Reader(folder, display_path(root_file.parent))
    reader.read(root_file.resolve(), ROOT_FILE, chain=())
    result = FolderRead(folder, reader.shown_root, reader.files, reader.out)
    result.fingerprint = reader.digest.hexdigest()
    return result


class _Reader:
    def __init__(self, folder: Path, shown_root: str):
        self.folder = folder
        self.shown_root = shown_root
        self.files: list[StoryFile] = []
        self.seen: set[Path] = set()
        self.out: list[Diagnostic] = []
        self.conformer = Conformer(self.out)
        self.digest = hashlib.sha256()

    def shown(self, path: Path) -> str:
        rel = path.relative_to(self.folder).as_posix()
        return rel if self.shown_root in ("", ".") else f"{self.shown_root}/{rel}"

    def read(self, path: Path, schema, chain: tuple[Path, ...]) -> None:
        self.seen.add(path)
        shown = self.shown(path)
        try:
            raw = read_bytes(path, shown)
            data = parse_text(raw, shown)
        except ReadError as err:
            self.out.append(err.diagnostic)
            return
        self.digest.update(path.relative_to(self.folder).as_posix().encode() + b"\0" + raw.encode() + b"\0")
        if data is None:
            data = _empty_map(shown)
        if self.conformer.check(data, schema, lambda: Span(shown, 1, 1)) is INVALID:
            return
        self.files.append(StoryFile(path, shown, data))
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
        has_glob = any(c in pattern for c in "*?[")
        candidates = sorted(glob.glob(str(base / pattern), recursive=True)) if has_glob else [str(base / pattern)]
        found: list[Path] = []
        for candidate in candidates:
            real = Path(candidate).resolve()
            if not real.is_relative_to(self.folder):
                self.out.append(problem("SC501", span, f"`{pattern}` leads outside the scenario folder",
                                        "a scenario may only include files inside its own folder"))
                return []
            if real.is_dir():
                continue
            if not real.exists():
                continue
            if real.name == ROOT_NAME and real.parent == self.folder:
                continue  # a glob like **/*.yaml also matches the main file
            found.append(real)
        if not found:
            what = "matches no file" if has_glob else "does not exist"
            self.out.append(problem("SC502", span, f"`{pattern}` {what}", "paths are relative to the scenario folder"))
        return found


def _empty_map(shown: str) -> YMap:
    empty = YMap()
    empty.file, empty.line, empty.col = shown, 1, 1
    empty.key_pos, empty.val_pos = {}, {}
    return empty
