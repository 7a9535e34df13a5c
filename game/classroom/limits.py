"""What the class store accepts, checked the same way on both backends and before an event is kept.

The recorder checks an event with `event_data_text` before putting it in the outbox, so an
event the store would refuse is refused at once (a ValueError for the programmer), never
kept to block every later send. No SQLAlchemy here.
"""

from __future__ import annotations

import json

from game.classroom.records import KINDS, Event

CODE = 32            # characters of a class code
ID = 64              # of a participant id
PSEUDONYM = 200
KIND = 32
SCENE = 200
EVENT_DATA = 16_384  # characters of an event's data as JSON: choices and answers, never free text


def event_data_text(event: Event) -> str:
    """The event's data as the JSON text stored; ValueError if the store would refuse the event."""
    if event.kind not in KINDS:
        raise ValueError(f"unknown event kind {event.kind!r}")
    if not isinstance(event.seq, int) or isinstance(event.seq, bool) or event.seq < 1:
        raise ValueError(f"an event's seq is a positive integer, not {event.seq!r}")
    if not isinstance(event.participant_id, str) or not 0 < len(event.participant_id) <= ID:
        raise ValueError(f"a participant id is 1 to {ID} characters")
    if len(event.scene or "") > SCENE:
        raise ValueError(f"a scene id is at most {SCENE} characters")
    if not isinstance(event.data, dict):
        raise ValueError("an event's data is a dict")
    try:
        text = json.dumps(event.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"an event's data must be plain JSON values ({exc})") from None
    if len(text) > EVENT_DATA:
        raise ValueError(f"an event's data is longer than {EVENT_DATA} characters")
    return text
