import uuid
from datetime import timedelta
from typing import Any

import httpx

from studio_kit.testing.helpers import JWTSigner


class TestAvailability:
    async def test_teacher_replaces_own_rules_and_reads_them_back(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher_id: uuid.UUID
    ) -> None:
        teacher = jwt_signer.headers("teacher", sub=teacher_id)
        body = {
            "timezone": "America/New_York",
            "rules": [
                {"weekday": 0, "start_time": "09:00", "end_time": "12:00"},
                {"weekday": 0, "start_time": "14:00", "end_time": "18:30"},
            ],
        }
        assert (await client.put(f"/teachers/{teacher_id}/availability", json=body, headers=teacher)).status_code == 200
        read = (await client.get(f"/teachers/{teacher_id}/availability", headers=teacher)).json()
        assert read["timezone"] == "America/New_York"
        assert [(r["weekday"], r["start_time"], r["end_time"]) for r in read["rules"]] == [
            (0, "09:00", "12:00"),
            (0, "14:00", "18:30"),
        ]
        body["rules"] = [{"weekday": 4, "start_time": "10:00", "end_time": "11:00"}]
        await client.put(f"/teachers/{teacher_id}/availability", json=body, headers=teacher)
        read = (await client.get(f"/teachers/{teacher_id}/availability", headers=teacher)).json()
        assert [(r["weekday"], r["start_time"]) for r in read["rules"]] == [(4, "10:00")]

    async def test_effective_from_keeps_the_old_rules_until_then(
        self, client: httpx.AsyncClient, cal: Any, teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id, "09:00", "10:00")
        switch = cal.future_day(5)
        await client.put(
            f"/teachers/{teacher_id}/availability",
            json={
                "timezone": "UTC",
                "effective_from": switch.isoformat(),
                "rules": [{"weekday": d, "start_time": "15:00", "end_time": "16:00"} for d in range(7)],
            },
            headers=cal.admin,
        )
        before = await cal.slots(
            teacher_id, cal.at(switch - timedelta(days=1), 0), cal.at(switch, 0), headers=cal.admin
        )
        after = await cal.slots(teacher_id, cal.at(switch, 0), cal.at(switch, 23), headers=cal.admin)
        assert [s.strftime("%H:%M") for s, _ in before] == ["09:00"]
        assert [s.strftime("%H:%M") for s, _ in after] == ["15:00"]

    async def test_invalid_input_is_refused_and_changes_nothing(
        self, client: httpx.AsyncClient, cal: Any, teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id)
        url = f"/teachers/{teacher_id}/availability"
        bad_zone = await client.put(url, json={"timezone": "Mars/Olympus", "rules": []}, headers=cal.admin)
        assert bad_zone.status_code == 422
        overlap = await client.put(
            url,
            json={
                "timezone": "UTC",
                "rules": [
                    {"weekday": 1, "start_time": "09:00", "end_time": "12:00"},
                    {"weekday": 1, "start_time": "11:00", "end_time": "13:00"},
                ],
            },
            headers=cal.admin,
        )
        assert overlap.status_code == 422
        assert overlap.json()["code"] == "overlapping_rules"
        backwards = await client.put(
            url,
            json={"timezone": "UTC", "rules": [{"weekday": 1, "start_time": "12:00", "end_time": "09:00"}]},
            headers=cal.admin,
        )
        assert backwards.status_code == 422
        assert len((await client.get(url, headers=cal.admin)).json()["rules"]) == 7

    async def test_only_the_teacher_or_an_admin_edits(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher_id: uuid.UUID
    ) -> None:
        body = {"timezone": "UTC", "rules": []}
        url = f"/teachers/{teacher_id}/availability"
        for headers in (jwt_signer.headers("teacher"), jwt_signer.headers("student", sub=teacher_id)):
            assert (await client.put(url, json=body, headers=headers)).status_code == 403
        assert (await client.get(url, headers=jwt_signer.headers("student"))).status_code == 403
        time_off = await client.post(
            f"/teachers/{teacher_id}/time-off",
            json={"starts_at": "2027-01-01T00:00:00+00:00", "ends_at": "2027-01-02T00:00:00+00:00"},
            headers=jwt_signer.headers("teacher"),
        )
        assert time_off.status_code == 403

    async def test_exceptions_and_time_off_are_listed_and_deleted(
        self, client: httpx.AsyncClient, cal: Any, teacher_id: uuid.UUID
    ) -> None:
        day = cal.future_day()
        exception = await client.post(
            f"/teachers/{teacher_id}/exceptions",
            json={"date": day.isoformat(), "kind": "extra", "start_time": "07:00", "end_time": "08:00"},
            headers=cal.admin,
        )
        assert exception.status_code == 201
        assert exception.json()["date"] == day.isoformat()
        time_off = await client.post(
            f"/teachers/{teacher_id}/time-off",
            json={"starts_at": cal.at(day, 0).isoformat(), "ends_at": cal.at(day, 6).isoformat(), "reason": "trip"},
            headers=cal.admin,
        )
        assert time_off.json()["reason"] == "trip"
        read = (await client.get(f"/teachers/{teacher_id}/availability", headers=cal.admin)).json()
        assert [e["id"] for e in read["exceptions"]] == [exception.json()["id"]]
        assert [t["id"] for t in read["time_off"]] == [time_off.json()["id"]]
        url = f"/teachers/{teacher_id}/exceptions/{exception.json()['id']}"
        assert (await client.delete(url, headers=cal.admin)).status_code == 204
        missing = await client.delete(url, headers=cal.admin)
        assert missing.json()["code"] == "exception_not_found"
        extra_without_times = await client.post(
            f"/teachers/{teacher_id}/exceptions", json={"date": day.isoformat(), "kind": "extra"}, headers=cal.admin
        )
        assert extra_without_times.status_code == 422
