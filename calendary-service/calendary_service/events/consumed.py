"""The events calendary-service consumes (docs/events.md): none yet; each would get a model here
with only the fields its handler reads, parsed with `Model.model_validate(event.data)`."""

from __future__ import annotations

from pydantic import BaseModel

CONSUMED: dict[str, type[BaseModel]] = {}
