"""An advisory lock on a save while its game is open, so two windows never write one file.

The lock is held on a small companion file (`.NAME.lock` beside the save), not on the
save itself, because every autosave replaces the save's file with a new one. The
operating system releases the lock when the process ends, however it ends, so a
killed game never leaves its save locked.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    try:
        import msvcrt
    except ImportError:  # pragma: no cover - neither: no locking on this system
        msvcrt = None


def lock_path(save: Path) -> Path:
    return save.with_name(f".{save.name}.lock")


class SaveLock:
    """Held while a game is open; `acquire()` is False when another window holds it."""

    def __init__(self, save: Path):
        self.path = lock_path(Path(save))
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, create_folder: bool = True) -> bool:
        if self._fd is not None:
            return True
        if create_folder:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._created = not os.path.lexists(self.path)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def discard(self) -> None:
        """Release, and remove the lock file if this lock made it (the save was not opened after all)."""
        created = getattr(self, "_created", False)
        self.release()
        if created:
            try:
                self.path.unlink()
            except OSError:
                pass

    def __del__(self):  # a dropped Session must not keep its save locked
        try:
            self.release()
        except Exception:
            pass


def in_use(save: Path) -> bool:
    """True while another window (another process, or another Session) has this save open."""
    probe = SaveLock(save)
    try:
        if not probe.path.exists():
            return False
        if probe.acquire():
            probe.release()
            return False
        return True
    except OSError:
        return False


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
    if msvcrt is not None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:
        try:
            os.lseek(fd, 0, 0)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
