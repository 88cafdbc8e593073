"""Errors of the package catalogue."""

from studio_kit.errors import Conflict, NotFound


class TemplateNotFound(NotFound):
    code = "package_template_not_found"
    title = "Package template not found"


class TemplateArchived(Conflict):
    code = "package_template_archived"
    title = "This package is no longer sold"
