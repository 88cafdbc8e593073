-- One booking as the saga writes it, in the same three commits (bench/load/ceiling.sh runs it):
-- calendary's hold, lessons-service's lesson with its seat, outbox event and idempotency record,
-- then calendary's confirmation. A fresh teacher per booking: the exclusion constraints are checked
-- (GiST lookups) but never fire, as for the successful bookings of the HTTP run. The reads the
-- services do around these writes (availability, time off, free-student check) are not here.
SELECT gen_random_uuid() AS event_id, gen_random_uuid() AS lesson_id, gen_random_uuid() AS teacher_id,
       gen_random_uuid() AS student_id,
       date_trunc('hour', now() + interval '1 day' + random() * interval '50 days') AS starts_at \gset
BEGIN;
UPDATE calendar_event SET status = 'expired', updated_at = now()
 WHERE teacher_id = ':teacher_id' AND status = 'held' AND expires_at <= now();
INSERT INTO calendar_event (id, teacher_id, kind, status, starts_at, ends_at, expires_at, sequence, created_at, updated_at)
VALUES (':event_id', ':teacher_id', 'individual', 'held', ':starts_at', timestamptz ':starts_at' + interval '1 hour',
        now() + interval '2 minutes', 0, now(), now());
INSERT INTO calendar_event_attendee (event_id, student_id, status, starts_at, ends_at)
VALUES (':event_id', ':student_id', 'held', ':starts_at', timestamptz ':starts_at' + interval '1 hour');
INSERT INTO idempotency_record (principal, idempotency_key, request_hash, status_code, response, created_at)
VALUES ('service:lessons-service', 'lesson:' || ':lesson_id', md5(':event_id'), 201,
        jsonb_build_object('id', ':event_id', 'status', 'held', 'teacher_id', ':teacher_id'), now());
COMMIT;
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('booking:' || ':student_id' || ':' || ':lesson_id', 0));
SELECT lesson_id FROM booking_idempotency WHERE principal = ':student_id' AND idempotency_key = ':lesson_id';
INSERT INTO lesson (id, kind, status, teacher_id, starts_at, ends_at, price_minor, currency, calendar_event_id,
                    booked_by, late_cancel, created_at, updated_at)
VALUES (':lesson_id', 'individual', 'scheduled', ':teacher_id', ':starts_at', timestamptz ':starts_at' + interval '1 hour',
        200000, 'RUB', ':event_id', ':student_id', false, now(), now());
INSERT INTO lesson_student (lesson_id, student_id, price_minor) VALUES (':lesson_id', ':student_id', 200000);
INSERT INTO outbox_message (id, type, payload, created_at, attempts)
VALUES (gen_random_uuid(), 'lesson.scheduled',
        jsonb_build_object('lesson_id', ':lesson_id', 'teacher_id', ':teacher_id', 'student_ids',
                           jsonb_build_array(':student_id'), 'starts_at', ':starts_at'), now(), 0);
INSERT INTO booking_idempotency (principal, idempotency_key, request_hash, lesson_id, response, created_at)
VALUES (':student_id', ':lesson_id', md5(':lesson_id'), ':lesson_id',
        jsonb_build_object('id', ':lesson_id', 'status', 'scheduled'), now());
COMMIT;
BEGIN;
SELECT status FROM calendar_event WHERE id = ':event_id' FOR UPDATE;
UPDATE calendar_event SET status = 'confirmed', lesson_id = ':lesson_id', expires_at = NULL, updated_at = now()
 WHERE id = ':event_id';
UPDATE calendar_event_attendee SET status = 'confirmed' WHERE event_id = ':event_id';
COMMIT;
