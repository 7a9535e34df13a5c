"""The file system as untrusted input: paths that loop, dangle, are too long or are not files.

Every question the loader asks of a path goes through here, so that a symbolic link
loop, a path longer than the system allows, a named pipe or an unreadable file gives
a sentence for a diagnostic instead of an exception (or a read that never returns).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from game.model.safe_text import printable_line


def os_problem(err: OSError) -> str:
    """What went wrong, in a writer's words."""
    code = err.errno
    if code == errno.ELOOP:
        return "the path goes round a loop of symbolic links"
    if code == errno.ENAMETOOLONG:
        return "the path is longer than the system allows"
    if code == errno.ENOENT:
        return "no such file or folder"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied: it cannot be read"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.EISDIR:
        return "this is a folder, not a story file"
    return f"it cannot be read: {printable_line(err.strerror or str(err))}"


def resolve(path: Path) -> Path | OSError:
    """The real path (links followed), or the error that prevents knowing it (a loop, a path too long)."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError as err:
        if err.errno != errno.ENOENT:
            return err
    except ValueError as err:  # a NUL in the path
        return OSError(errno.EINVAL, str(err))
    # A path that does not exist, or a link to nothing: where it would be.
    return Path(os.path.realpath(path))


def kind(path: Path) -> str | OSError:
    """"file", "folder", "other" (a pipe, a device, a socket), "missing", "dangling" (a link to
    nothing), or the error that stat gave (a loop, a path too long, no permission)."""
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            try:
                os.lstat(path)
            except OSError:
                return "missing"
            return "dangling"
        return err
    except ValueError:  # a NUL in the path
        return "missing"
    if stat.S_ISREG(info.st_mode):
        return "file"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "other"


def describe_kind(found: str | OSError) -> str:
    """What is wrong with a path, to follow its name: "`x` is a folder, not a story file"."""
    if isinstance(found, OSError):
        return f"cannot be read: {os_problem(found)}"
    return {"file": "is a file", "folder": "is a folder, not a story file", "missing": "does not exist",
            "dangling": "is a symbolic link to something that does not exist",
            "other": "is not a regular file (a named pipe, a device or a socket)"}[found]
