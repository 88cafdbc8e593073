"""Errors of documents."""

from studio_kit.errors import Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType


class DocumentNotFound(NotFound):
    code = "document_not_found"
    title = "Document not found"


class DocumentTooLarge(PayloadTooLarge):
    code = "document_too_large"
    title = "The document is larger than allowed"


class DocumentTypeNotAllowed(UnsupportedMediaType):
    code = "document_type_not_allowed"
    title = "Only PDF, PNG, JPEG and DOCX documents are accepted"


class DocumentsNotGranted(Forbidden):
    code = "documents_not_granted"
    title = "The studio has not shared this student's documents with you"
