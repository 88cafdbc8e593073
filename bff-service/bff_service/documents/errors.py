"""Errors of the documents pass-through."""
# The editable studio-kit install is invisible to plain mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import PayloadTooLarge


class DocumentTooLarge(PayloadTooLarge):
    code = "document_too_large"
    title = "The document is larger than allowed"
