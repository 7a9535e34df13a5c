"""The class store's tables, and the versioned migrations that build them.

`MIGRATIONS[n]` brings a database from version n to n+1. Opening a store runs the
steps it is missing, each in its own transaction together with the new version number,
so a crash between two steps leaves a database at a known version. A database newer
than `LATEST` is never touched.

Tables (the newest version; `metadata` describes them for the queries):

- schema_version(version)
- classes(code, name, scenario, scenario_path, title, variant, language, seed, quiz,
  created_at, closed, mode): mode is "play" (each student plays) or "vote" (the class votes on
  the facilitator's game), since version 3
- participants(id, class_code, pseudonym, pseudonym_key, form_order, joined_at):
  UNIQUE(class_code, pseudonym_key), pseudonym_key being the pseudonym without its
  surrounding spaces, case-folded
- events(id, participant_id, class_code, seq, kind, at, scene, turn, data):
  UNIQUE(participant_id, seq) (which is also the index on those two), data is JSON text
- polls(id, class_code, number, scene, turn, choices, opened_at, closed_at, chosen, how, tally),
  since version 3: the decisions of a class vote, UNIQUE(class_code, number); choices and tally
  are JSON text. The students' votes are events (kind "vote").

No column holds a name, an address or free text beyond the pseudonym.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from game.classroom import limits

metadata = sa.MetaData()

# An integer key that SQLite turns into its rowid (an INTEGER PRIMARY KEY), 64 bits elsewhere.
_ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

classes = sa.Table(
    "classes", metadata,
    sa.Column("code", sa.String(limits.CODE), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("scenario", sa.String(200), nullable=False),
    sa.Column("scenario_path", sa.String(4096), nullable=False),
    sa.Column("title", sa.String(400), nullable=False),
    sa.Column("variant", sa.String(200), nullable=False),
    sa.Column("language", sa.String(32), nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("quiz", sa.String(32), nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("closed", sa.Boolean, nullable=False, default=False),
    sa.Column("mode", sa.String(16), nullable=False, server_default="play"),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.String(limits.ID), primary_key=True),
    sa.Column("class_code", sa.String(limits.CODE), sa.ForeignKey("classes.code", ondelete="CASCADE"), nullable=False),
    sa.Column("pseudonym", sa.String(limits.PSEUDONYM), nullable=False),
    sa.Column("pseudonym_key", sa.String(limits.PSEUDONYM), nullable=False),
    sa.Column("form_order", sa.String(8), nullable=False),
    sa.Column("joined_at", sa.Double, nullable=False),
    sa.UniqueConstraint("class_code", "pseudonym_key", name="participants_pseudonym_unique"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", _ROW_ID, primary_key=True, autoincrement=True),
    sa.Column("participant_id", sa.String(limits.ID), sa.ForeignKey("participants.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("class_code", sa.String(limits.CODE), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(limits.KIND), nullable=False),
    sa.Column("at", sa.Double, nullable=False),
    sa.Column("scene", sa.String(limits.SCENE), nullable=False, default=""),
    sa.Column("turn", sa.Integer, nullable=False, default=0),
    sa.Column("data", sa.Text, nullable=False, default="{}"),
    sa.UniqueConstraint("participant_id", "seq", name="events_participant_seq_unique"),
)

polls = sa.Table(
    "polls", metadata,
    sa.Column("id", _ROW_ID, primary_key=True, autoincrement=True),
    sa.Column("class_code", sa.String(limits.CODE), sa.ForeignKey("classes.code", ondelete="CASCADE"),
              nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("scene", sa.String(limits.SCENE), nullable=False),
    sa.Column("turn", sa.Integer, nullable=False),
    sa.Column("choices", sa.Text, nullable=False),
    sa.Column("opened_at", sa.Double, nullable=False),
    sa.Column("closed_at", sa.Double, nullable=True),
    sa.Column("chosen", sa.String(limits.SCENE), nullable=True),
    sa.Column("how", sa.String(16), nullable=False, server_default=""),
    sa.Column("tally", sa.Text, nullable=False, server_default="{}"),
    sa.UniqueConstraint("class_code", "number", name="polls_class_number_unique"),
)

# Created by version 2: what the class dashboards read often.
_events_by_class = sa.Index("events_by_class", events.c.class_code)
_participants_by_class = sa.Index("participants_by_class", participants.c.class_code, participants.c.joined_at)


def _v0_to_v1(conn: sa.Connection) -> None:
    """The records: classes, participants and their events (tables and constraints, no index).

    `classes` as version 1 made it (version 3 adds a column): every database goes through every
    version in turn. participants and events are still what version 1 made.
    """
    classes_v1 = sa.Table(
        "classes", sa.MetaData(),
        sa.Column("code", sa.String(limits.CODE), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("scenario_path", sa.String(4096), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("variant", sa.String(200), nullable=False),
        sa.Column("language", sa.String(32), nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("quiz", sa.String(32), nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False, default=False),
    )
    conn.execute(sa.schema.CreateTable(classes_v1))
    for table in (participants, events):
        conn.execute(sa.schema.CreateTable(table))


def _v1_to_v2(conn: sa.Connection) -> None:
    """Indexes for the dashboards: a class's events, a class's participants in join order."""
    _events_by_class.create(conn)
    _participants_by_class.create(conn)


def _v2_to_v3(conn: sa.Connection) -> None:
    """Class votes: a class's mode, and the table of its polls."""
    conn.execute(sa.text("ALTER TABLE classes ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'play'"))
    conn.execute(sa.schema.CreateTable(polls))


MIGRATIONS: list[Callable[[sa.Connection], None]] = [_v0_to_v1, _v1_to_v2, _v2_to_v3]
LATEST = len(MIGRATIONS)


def read_version(conn: sa.Connection) -> int:
    """The database's schema version: 0 for an empty database."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(value or 0)


def write_version(conn: sa.Connection, version: int) -> None:
    conn.execute(schema_version.delete())
    conn.execute(schema_version.insert().values(version=version))


def create_version_table(conn: sa.Connection) -> None:
    schema_version.create(conn, checkfirst=True)
