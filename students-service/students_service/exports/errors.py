"""Errors of the exports."""

from studio_kit.errors import BadRequest


class ExportRangeInvalid(BadRequest):
    code = "export_range_invalid"
    title = "The export range must end on or after its start and span at most three years"
