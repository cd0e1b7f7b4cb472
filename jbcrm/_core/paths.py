"""Request paths from templates, built so that a path parameter is always exactly one segment:
it can neither add segments nor climb out with ``..``."""

from __future__ import annotations

from urllib.parse import quote

from jbcrm._core.errors import InvalidArgumentError


def build_path(template: str, /, **ids: object) -> str:
    """``template`` with each ``{name}`` replaced by the id given for it (see :func:`path_id`).

    ``build_path("/stock/items/{item_id}", item_id=12978)`` is ``"/stock/items/12978"``;
    ``item_id="1/../../projects/5"`` raises :class:`~jbcrm.InvalidArgumentError` before
    anything is sent.
    """
    return template.format_map({name: path_id(name, value) for name, value in ids.items()})


def path_id(name: str, value: object) -> str:
    """A record id as a path segment: an ``int``, or a string of ASCII digits (surrounding
    whitespace ignored), converted; anything else is refused, naming the parameter."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit():
            return str(int(digits))
    shown = repr(value)
    shown = shown if len(shown) <= 40 else f"{shown[:37]}..."
    raise InvalidArgumentError(
        f"{name} must be an id: an int or a string of digits, got {shown} ({type(value).__name__})"
    )


def path_segment(value: str) -> str:
    """Any text as exactly one path segment: percent-encoded whole, ``/`` and ``%`` included,
    and dots too (so that it cannot be the ``.`` or ``..`` a URL normaliser removes)."""
    if not value:
        raise InvalidArgumentError("a path segment cannot be empty")
    return quote(value, safe="").replace(".", "%2E")
