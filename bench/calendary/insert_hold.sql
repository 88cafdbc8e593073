-- The statement behind POST /internal/holds, without HTTP: one hold for a fresh teacher, so the
-- exclusion constraint is checked (GiST lookup) but never fires, exactly as in the HTTP run.
INSERT INTO calendar_event (id, teacher_id, kind, status, starts_at, ends_at, expires_at, sequence, created_at, updated_at)
VALUES (gen_random_uuid(), gen_random_uuid(), 'individual', 'held',
        now() + interval '3 days', now() + interval '3 days 1 hour', now() + interval '2 minutes', 0, now(), now());
