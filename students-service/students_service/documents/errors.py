"""Errors of documents."""

from studio_kit.errors import NotFound, PayloadTooLarge, UnsupportedMediaType


class DocumentNotFound(NotFound):
    code = "document_not_found"
    title = "Document not found"


class DocumentTooLarge(PayloadTooLarge):
    code = "document_too_large"
    title = "The document is larger than allowed"


class DocumentTypeNotAllowed(UnsupportedMediaType):
    code = "document_type_not_allowed"
    title = "Only PDF, PNG, JPEG and DOCX documents are accepted"
