"""calendar: availability, time off, rooms, events with exclusion constraints, feeds, idempotency

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written as plain DDL: exclusion constraints and generated range columns read best in SQL.
STATEMENTS = [
    """
CREATE TABLE feed_token (
    owner_kind VARCHAR(16) NOT NULL,
    owner_id UUID NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    id UUID NOT NULL,
    CONSTRAINT pk_feed_token PRIMARY KEY (id),
    CONSTRAINT ck_feed_token_owner_kind_values CHECK (owner_kind IN ('teacher', 'student')),
    CONSTRAINT uq_feed_token_token_hash UNIQUE (token_hash)
)
    """,
    "CREATE INDEX ix_feed_token_owner ON feed_token (owner_kind, owner_id)",
    """
CREATE TABLE idempotency_record (
    principal VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    status_code INTEGER NOT NULL,
    response JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (principal, idempotency_key)
)
    """,
    "CREATE INDEX ix_idempotency_record_created_at ON idempotency_record (created_at)",
    """
CREATE TABLE room (
    name VARCHAR(100) NOT NULL,
    capacity INTEGER NOT NULL,
    id UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    CONSTRAINT pk_room PRIMARY KEY (id),
    CONSTRAINT ck_room_capacity_positive CHECK (capacity > 0)
)
    """,
    "CREATE UNIQUE INDEX uq_room_name_lower ON room (lower(name))",
    """
CREATE TABLE teacher_calendar (
    teacher_id UUID NOT NULL,
    timezone VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    CONSTRAINT pk_teacher_calendar PRIMARY KEY (teacher_id)
)
    """,
    """
CREATE TABLE availability_exception (
    teacher_id UUID NOT NULL,
    exception_date DATE NOT NULL,
    kind VARCHAR(16) NOT NULL,
    start_time TIME WITHOUT TIME ZONE,
    end_time TIME WITHOUT TIME ZONE,
    id UUID NOT NULL,
    CONSTRAINT pk_availability_exception PRIMARY KEY (id),
    CONSTRAINT ck_availability_exception_kind_values CHECK (kind IN ('day_off', 'extra')),
    CONSTRAINT ck_availability_exception_times_together CHECK ((start_time IS NULL) = (end_time IS NULL)),
    CONSTRAINT ck_availability_exception_time_order CHECK (end_time IS NULL OR end_time > start_time),
    CONSTRAINT ck_availability_exception_extra_has_times CHECK (kind = 'day_off' OR start_time IS NOT NULL),
    CONSTRAINT fk_availability_exception_teacher_id_teacher_calendar
        FOREIGN KEY(teacher_id) REFERENCES teacher_calendar (teacher_id) ON DELETE CASCADE
)
    """,
    "CREATE INDEX ix_availability_exception_teacher ON availability_exception (teacher_id, exception_date)",
    """
CREATE TABLE availability_rule (
    teacher_id UUID NOT NULL,
    weekday SMALLINT NOT NULL,
    start_time TIME WITHOUT TIME ZONE NOT NULL,
    end_time TIME WITHOUT TIME ZONE NOT NULL,
    effective_from DATE,
    effective_to DATE,
    id UUID NOT NULL,
    CONSTRAINT pk_availability_rule PRIMARY KEY (id),
    CONSTRAINT ck_availability_rule_weekday_range CHECK (weekday BETWEEN 0 AND 6),
    CONSTRAINT ck_availability_rule_time_order CHECK (end_time > start_time),
    CONSTRAINT ck_availability_rule_effective_order
        CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to > effective_from),
    CONSTRAINT fk_availability_rule_teacher_id_teacher_calendar
        FOREIGN KEY(teacher_id) REFERENCES teacher_calendar (teacher_id) ON DELETE CASCADE
)
    """,
    "CREATE INDEX ix_availability_rule_teacher ON availability_rule (teacher_id, weekday)",
    """
CREATE TABLE calendar_event (
    teacher_id UUID NOT NULL,
    room_id UUID,
    kind VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
    during TSTZRANGE GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    lesson_id UUID,
    sequence INTEGER DEFAULT '0' NOT NULL,
    id UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    CONSTRAINT pk_calendar_event PRIMARY KEY (id),
    CONSTRAINT ck_calendar_event_time_order CHECK (ends_at > starts_at),
    CONSTRAINT ck_calendar_event_kind_values CHECK (kind IN ('individual', 'group', 'trial')),
    CONSTRAINT ck_calendar_event_status_values CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired')),
    CONSTRAINT ck_calendar_event_hold_expires CHECK (status <> 'held' OR expires_at IS NOT NULL),
    CONSTRAINT excl_calendar_event_teacher_during
        EXCLUDE USING gist (teacher_id WITH =, during WITH &&)
        WHERE (status IN ('held', 'confirmed')),
    CONSTRAINT excl_calendar_event_room_during
        EXCLUDE USING gist (room_id WITH =, during WITH &&)
        WHERE (room_id IS NOT NULL AND status IN ('held', 'confirmed')),
    CONSTRAINT fk_calendar_event_room_id_room
        FOREIGN KEY(room_id) REFERENCES room (id) ON DELETE RESTRICT
)
    """,
    "CREATE INDEX ix_calendar_event_held_expiry ON calendar_event (expires_at) WHERE status = 'held'",
    "CREATE INDEX ix_calendar_event_lesson ON calendar_event (lesson_id)",
    "CREATE INDEX ix_calendar_event_teacher_starts ON calendar_event (teacher_id, starts_at)",
    """
CREATE TABLE time_off (
    teacher_id UUID NOT NULL,
    starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
    during TSTZRANGE GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
    reason VARCHAR(500),
    id UUID NOT NULL,
    CONSTRAINT pk_time_off PRIMARY KEY (id),
    CONSTRAINT ck_time_off_time_order CHECK (ends_at > starts_at),
    CONSTRAINT fk_time_off_teacher_id_teacher_calendar
        FOREIGN KEY(teacher_id) REFERENCES teacher_calendar (teacher_id) ON DELETE CASCADE
)
    """,
    "CREATE INDEX ix_time_off_teacher_during ON time_off USING gist (teacher_id, during)",
    """
CREATE TABLE calendar_event_attendee (
    event_id UUID NOT NULL,
    student_id UUID NOT NULL,
    status VARCHAR(16) NOT NULL,
    starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
    during TSTZRANGE GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
    CONSTRAINT pk_calendar_event_attendee PRIMARY KEY (event_id, student_id),
    CONSTRAINT excl_calendar_event_attendee_student_during
        EXCLUDE USING gist (student_id WITH =, during WITH &&)
        WHERE (status = 'confirmed'),
    CONSTRAINT fk_calendar_event_attendee_event_id_calendar_event
        FOREIGN KEY(event_id) REFERENCES calendar_event (id) ON DELETE CASCADE
)
    """,
    "CREATE INDEX ix_calendar_event_attendee_student_starts ON calendar_event_attendee (student_id, starts_at)",
]


def upgrade() -> None:
    # btree_gist lets one GiST index combine "teacher_id WITH =" with "during WITH &&".
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS calendar_event_attendee")
    op.execute("DROP TABLE IF EXISTS time_off")
    op.execute("DROP TABLE IF EXISTS calendar_event")
    op.execute("DROP TABLE IF EXISTS availability_rule")
    op.execute("DROP TABLE IF EXISTS availability_exception")
    op.execute("DROP TABLE IF EXISTS teacher_calendar")
    op.execute("DROP TABLE IF EXISTS room")
    op.execute("DROP TABLE IF EXISTS idempotency_record")
    op.execute("DROP TABLE IF EXISTS feed_token")
