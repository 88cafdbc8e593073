"""The events calendary-service consumes (docs/events.md): none yet. Each would get a
`ConsumedEvent` model here with only the fields its handler reads."""
