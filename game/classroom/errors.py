"""What can go wrong with the class store, as exceptions whose str() is a sentence for the user.

Kept apart from store.py so that code which only catches them (the recorder, the screens)
does not import SQLAlchemy. No message holds a traceback or a password.
"""

from __future__ import annotations


class StoreError(Exception):
    """Anything the class store could not do; str() is a sentence to show as is."""


class StoreUnavailable(StoreError):
    """The database cannot be reached now (a server down, a file locked beyond the wait)."""


class StoreBusy(StoreUnavailable):
    """An SQLite file locked by another process (it may be set up by several at once)."""


class StoreCorrupt(StoreError):
    """The file is not a readable class database."""


class StoreTooNew(StoreError):
    """The database was written by a newer version of the game; it is left untouched."""


class ClassExists(StoreError):
    """A class with this code already exists."""


class UnknownClass(StoreError):
    """No class has this code."""


class ClassClosed(StoreError):
    """The class no longer accepts new students."""


class PseudonymTaken(StoreError):
    """Another student of the class already uses this pseudonym."""


class UnknownParticipant(StoreError):
    """An event names a participant who never joined (or whose class was deleted)."""
