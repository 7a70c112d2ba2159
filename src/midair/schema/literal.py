"""`Literal`: a constant ``@default(…)`` value from the schema, before a dialect spells it in SQL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant default value.

    `kind` is one of ``string``, ``enum`` (the value's database name), ``int``, ``float`` (the
    number's text as written), ``bool``, ``json`` (the JSON text), ``datetime`` (ISO text),
    ``bytes`` (base64 text), ``list`` (then `value` is a tuple of `Literal`).
    """

    kind: str
    value: object


__all__ = ["Literal"]
