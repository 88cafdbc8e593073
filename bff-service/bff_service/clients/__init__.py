"""Typed clients of the domain services: one method per downstream route the BFF calls, answers
validated at the boundary into the BFF's read models, problems raised by `Caller` through
`studio_kit.http.raise_for_problem`.

A feature calls `LessonsClient(caller).list_lessons(...)` instead of
`caller.get("lessons", "/lessons", params=...)`; a downstream answering a shape the BFF does not
understand is a broken contract, reported as that service being unavailable (a dashboard degrades
instead of failing with a 500)."""
