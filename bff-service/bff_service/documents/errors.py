"""Errors of the documents pass-through."""

from studio_kit.errors import PayloadTooLarge


class DocumentTooLarge(PayloadTooLarge):
    code = "document_too_large"
    title = "The document is larger than allowed"
