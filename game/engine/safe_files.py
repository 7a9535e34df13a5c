"""Reading and writing the player's own files (saves, settings) so that nothing is lost.

- Reading opens regular files only, without blocking (a FIFO or a device at the path
  would freeze the game or fill its memory) and up to a size limit.
- Writing goes to a temporary file in the same folder, flushed to disk, that replaces
  the file in one rename; the folder is flushed too, so the rename survives a power
  cut. The file's path exists at every instant: a backup of the previous version is
  made from a hard link (or a copy), never by moving the file away first.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
STALE_AFTER = 60.0   # seconds: a temporary file older than this belongs to a writer that died


class UnsafeFile(OSError):
    """A path that is not a regular file of a sensible size (a FIFO, a device, a folder, huge)."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, if it is a regular file of at most `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path} is not a regular file")
        if info.st_size > limit:
            raise UnsafeFile(f"{path} is larger than {limit // (1024 * 1024)} MB")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise UnsafeFile(f"{path} is larger than {limit // (1024 * 1024)} MB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def temp_files(path: Path) -> list[Path]:
    """Temporary files left by writers of `path` (complete or not)."""
    prefix = f".{path.name}."
    try:
        return [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return []


def remove_stale_temps(path: Path, older_than: float = STALE_AFTER) -> None:
    """Remove the temporary files a killed writer of `path` left behind."""
    now = time.time()
    for temp in temp_files(path):
        try:
            if now - temp.lstat().st_mtime >= older_than:
                temp.unlink()
        except OSError:
            pass


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows it: not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_beside(path: Path, tag: str = "") -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{tag}", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    return Path(name)


def write_atomically(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never half of one.

    With `backup`, the previous version of `path` (if it is a regular file) is kept there
    first; `path` itself is never missing, not even for an instant.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None:
            _keep_previous(path, Path(backup))
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def _keep_previous(path: Path, backup: Path) -> None:
    """Point `backup` at the current content of `path`, leaving `path` in place."""
    try:
        info = path.lstat()
    except OSError:
        return            # nothing to keep
    if not stat.S_ISREG(info.st_mode):
        return
    try:
        held = backup.lstat()
        if (held.st_dev, held.st_ino) == (info.st_dev, info.st_ino):
            return        # the backup already is this very file (a writer stopped after linking it)
    except OSError:
        pass              # no backup yet
    link = _temp_beside(backup, "bak.")
    try:
        link.unlink()
        try:
            os.link(path, link)          # the same bytes under a second name: instant, and atomic
        except OSError:                  # a file system without hard links: copy instead
            data = read_regular_file(path, 1 << 30)
            with open(link, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(link, backup)
        if os.path.lexists(link):
            # rename() of two names of one file does nothing and leaves both: drop the spare name.
            link.unlink()
    except OSError:
        try:
            link.unlink()
        except OSError:
            pass
        # A backup that could not be made must not stop the save itself.
