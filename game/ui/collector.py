"""Python's garbage collector while the game starts: off until the first screen is drawn.

Importing Textual and the game, and loading a story, make a few hundred thousand objects that live
as long as the program. With the collector on, it walks them again and again while they are being
made (about 20 ms of a start of under half a second). `safecity` pauses it before it imports the
UI; the app resumes it once its first screen is on the terminal, after moving everything made so
far out of its sight (`gc.freeze`), since none of it will become garbage.

Light on purpose: importing this module imports neither Textual nor the game.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Before the UI is imported: collect nothing until `resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The first screen is drawn: what exists now stays; collect what comes after. Does nothing
    unless `pause` turned the collector off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
