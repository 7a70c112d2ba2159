"""The Prisma Schema Language syntax tree, with source spans for diagnostics.

The parser (`psl/parser.py`) turns text into a `Document`; the validator (`psl/validate.py`) checks
it and collects `Diagnostic`s; `psl/relations.py` resolves relations; the lowering
(`schema/lower.py`) reads a valid `Document`. Nodes are frozen and hold tuples.

Attribute names are stored without their `@`/`@@` prefix (``id``, ``default``, ``db.VarChar``);
`Attribute.block` tells `@@` from `@`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node is: file path, 1-based line and column of its start, and character offsets."""

    file: str
    line: int
    column: int
    start: int = 0
    end: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


# --- expressions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StringValue:
    value: str  # unescaped
    span: Span


@dataclass(frozen=True, slots=True)
class NumberValue:
    text: str  # as written: "1", "-2.5"
    span: Span

    @property
    def value(self) -> int | float:
        return float(self.text) if any(c in self.text for c in ".eE") else int(self.text)


@dataclass(frozen=True, slots=True)
class ConstantValue:
    """A bare identifier used as a value: ``true``, ``false``, ``Cascade``, ``Desc``, an enum value,
    or a field reference inside ``fields: [a, b]``."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """``now()``, ``uuid(7)``, ``dbgenerated("…")``, ``env("DATABASE_URL")``, and field references
    with arguments inside index lists (``title(sort: Desc, length: 10)``)."""

    name: str
    arguments: tuple[Argument, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ArrayValue:
    items: tuple[Expression, ...]
    span: Span


Expression = Union[StringValue, NumberValue, ConstantValue, FunctionCall, ArrayValue]


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of an attribute or function; `name` is None when positional."""

    name: str | None
    value: Expression
    span: Span


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # without '@'/'@@': "id", "default", "relation", "db.VarChar", "index"
    arguments: tuple[Argument, ...]
    span: Span
    block: bool = False  # True for @@attributes

    def argument(self, name: str | None = None, position: int = 0) -> Argument | None:
        """The named argument `name`, or else the positional argument at `position`."""
        if name is not None:
            for a in self.arguments:
                if a.name == name:
                    return a
        positional = [a for a in self.arguments if a.name is None]
        if position < len(positional):
            return positional[position]
        return None


# --- declarations ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldType:
    """A field's type: `name` is a scalar (``String``), a model, an enum, a composite type, or
    ``Unsupported`` with the raw type in `unsupported`."""

    name: str
    optional: bool
    list: bool
    span: Span
    unsupported: str | None = None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    attributes: tuple[Attribute, ...]
    span: Span
    doc: str | None = None  # from /// comments

    def attribute(self, name: str) -> Attribute | None:
        for a in self.attributes:
            if a.name == name:
                return a
        return None


@dataclass(frozen=True, slots=True)
class Model:
    """A ``model``, ``view`` or (MongoDB) composite ``type`` block."""

    kind: Literal["model", "view", "type"]
    name: str
    fields: tuple[Field, ...]
    attributes: tuple[Attribute, ...]  # block (@@) attributes
    span: Span
    doc: str | None = None

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def attributes_named(self, name: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if a.name == name)


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: str
    attributes: tuple[Attribute, ...]  # @map
    span: Span
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class EnumDecl:
    name: str
    values: tuple[EnumValue, ...]
    attributes: tuple[Attribute, ...]  # @@map, @@schema
    span: Span
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Property:
    """``key = value`` inside a datasource or generator block."""

    name: str
    value: Expression
    span: Span


@dataclass(frozen=True, slots=True)
class ConfigBlock:
    kind: Literal["datasource", "generator"]
    name: str
    properties: tuple[Property, ...]
    span: Span

    def property(self, name: str) -> Property | None:
        for p in self.properties:
            if p.name == name:
                return p
        return None


Block = Union[Model, EnumDecl, ConfigBlock]


@dataclass(frozen=True, slots=True)
class SchemaFile:
    path: str
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One schema, possibly spread over several files (Prisma's multi-file schemas)."""

    files: tuple[SchemaFile, ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for f in self.files for b in f.blocks)

    @property
    def models(self) -> tuple[Model, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Model) and b.kind == "model")

    @property
    def views(self) -> tuple[Model, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Model) and b.kind == "view")

    @property
    def enums(self) -> tuple[EnumDecl, ...]:
        return tuple(b for b in self.blocks if isinstance(b, EnumDecl))

    @property
    def datasource(self) -> ConfigBlock | None:
        for b in self.blocks:
            if isinstance(b, ConfigBlock) and b.kind == "datasource":
                return b
        return None

    def model(self, name: str) -> Model | None:
        for m in self.models:
            if m.name == name:
                return m
        return None

    def enum(self, name: str) -> EnumDecl | None:
        for e in self.enums:
            if e.name == name:
                return e
        return None
