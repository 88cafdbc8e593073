"""Errors of packages."""

from studio_kit.errors import BadRequest, Conflict, NotFound


class PackageNotFound(NotFound):
    code = "package_not_found"
    title = "Package not found"


class PackageNotFreezable(Conflict):
    code = "package_not_freezable"
    title = "Only an active package can be frozen"


class PackageNotFrozen(Conflict):
    code = "package_not_frozen"
    title = "The package is not frozen"


class InvalidFreezePeriod(BadRequest):
    code = "invalid_freeze_period"
    title = "A freeze must end after today"


class InvalidValidity(BadRequest):
    code = "invalid_validity"
    title = "A package must be valid until a day on or after its first day"
