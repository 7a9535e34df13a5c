"""What one student's process does in the concurrency tests and the benchmark (spawned, so importable)."""

from __future__ import annotations

import time

from game.classroom.records import CHOICE, JOINED, Event, Participant


def student_events(participant_id: str, count: int) -> list[Event]:
    now = time.time()
    events = [Event(participant_id, 1, JOINED, now)]
    for seq in range(2, count + 1):
        events.append(Event(participant_id, seq, CHOICE, now + seq, scene=f"s{seq % 7}", turn=seq // 3,
                            data={"choice": f"c{seq % 3}", "outcome": None, "meters": {"trust": seq}, "ms": 900 + seq}))
    return events


def write_as_student(url: str, code: str, index: int, count: int, batch: int, barrier, results,
                     retry_every: int = 3) -> None:
    """Join, then send `count` events in batches of `batch`, resending every `retry_every`-th batch
    (a write whose answer was lost) and, now and then, a batch that overlaps the one before.

    Puts (participant id, rows reported new, batches resent, write latencies in seconds) on `results`.
    """
    from game.classroom.store import open_store
    try:
        store = open_store(url)
        participant = Participant(f"{index:02d}{'ab' * 8}", code, f"Student {index}", "AB" if index % 2 else "BA",
                                  time.time() + index / 1000)
        events = student_events(participant.id, count)
        barrier.wait(timeout=120)
        store.join(participant)
        store.join(participant)                      # the same join again: the answer was "lost"
        new, resent, latencies = 0, 0, []
        for n, start in enumerate(range(0, count, batch)):
            chunk = events[start:start + batch]
            began = time.perf_counter()
            new += store.record(chunk)
            latencies.append(time.perf_counter() - began)
            if n % retry_every == 1:
                new += store.record(chunk)           # resent whole
                resent += 1
            if n % 5 == 4:
                new += store.record(events[start - 2:start + batch])   # overlapping what was sent
                resent += 1
        store.close()
        results.put((participant.id, new, resent, latencies))
    except BaseException as exc:   # noqa: BLE001  (the parent reports it)
        results.put(("error", f"{type(exc).__name__}: {exc} [{exc.__cause__!r}]", 0, []))


def open_at_once(url: str, barrier, results) -> None:
    """Open the store (running its migrations if nobody has yet) as soon as all are ready."""
    from game.classroom.store import open_store
    try:
        barrier.wait(timeout=120)
        with open_store(url) as store:
            results.put(store.version())
    except BaseException as exc:   # noqa: BLE001
        results.put(f"{type(exc).__name__}: {exc}")
