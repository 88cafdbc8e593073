"""One-time link errors."""

from studio_kit.errors import Gone


class LinkInvalid(Gone):
    code = "link_invalid"
    title = "This link is invalid, already used or expired"
