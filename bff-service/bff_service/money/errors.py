"""Errors of the money screens."""

from studio_kit.errors import NotFound


class PackageNotFound(NotFound):
    code = "package_not_found"
    title = "The student has no such package"
