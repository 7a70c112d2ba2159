"""The Prisma Schema Language syntax tree, with source spans for diagnostics.

The parser (`psl/parser.py`) turns text into a `Document`; the validator (`psl/validate.py`) checks
it and collects `Diagnostic`s; `psl/relations.py` resolves relations; the lowering
(`schema/lower.py`) reads a valid `Document`. Nodes are frozen and hold tuples.

Attribute names are stored without their `@`/`@@` prefix (``id``, ``default``, ``db.VarChar``);
`Attribute.block` tells `@@` from `@`.

The parser builds ~170,000 nodes for a 1,000-model schema: `fast_init` gives them a quicker
`__init__` (same signature, still frozen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from midair._frozen import fast_init


@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class StringValue:
    value: str  # unescaped
    span: Span


@fast_init
@dataclass(frozen=True, slots=True)
class NumberValue:
    text: str  # as written: "1", "-2.5"
    span: Span

    @property
    def value(self) -> int | float:
        return float(self.text) if any(c in self.text for c in ".eE") else int(self.text)


@fast_init
@dataclass(frozen=True, slots=True)
class ConstantValue:
    """A bare identifier used as a value: ``true``, ``false``, ``Cascade``, ``Desc``, an enum value,
    or a field reference inside ``fields: [a, b]``."""

    name: str
    span: Span


@fast_init
@dataclass(frozen=True, slots=True)
class FunctionCall:
    """``now()``, ``uuid(7)``, ``dbgenerated("…")``, ``env("DATABASE_URL")``, and field references
    with arguments inside index lists (``title(sort: Desc, length: 10)``)."""

    name: str
    arguments: tuple[Argument, ...]
    span: Span


@fast_init
@dataclass(frozen=True, slots=True)
class ArrayValue:
    items: tuple[Expression, ...]
    span: Span


@fast_init
@dataclass(frozen=True, slots=True)
class ObjectValue:
    """``{ key: value, … }``: the object form of a partial index's ``where:`` (Prisma's
    ``partialIndexes``); each entry is a named `Argument`, in the order written."""

    fields: tuple[Argument, ...]
    span: Span


Expression = Union[StringValue, NumberValue, ConstantValue, FunctionCall, ArrayValue, ObjectValue]


@fast_init
@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of an attribute or function; `name` is None when positional."""

    name: str | None
    value: Expression
    span: Span


@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class FieldType:
    """A field's type: `name` is a scalar (``String``), a model, an enum, a composite type, or
    ``Unsupported`` with the raw type in `unsupported`."""

    name: str
    optional: bool
    list: bool
    span: Span
    unsupported: str | None = None


@fast_init
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


@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class EnumValue:
    name: str
    attributes: tuple[Attribute, ...]  # @map
    span: Span
    doc: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class EnumDecl:
    name: str
    values: tuple[EnumValue, ...]
    attributes: tuple[Attribute, ...]  # @@map, @@schema
    span: Span
    doc: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Property:
    """``key = value`` inside a datasource or generator block."""

    name: str
    value: Expression
    span: Span


@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class SchemaFile:
    path: str
    text: str
    blocks: tuple[Block, ...]


@fast_init
@dataclass(frozen=True, slots=True)
class Document:
    """One schema, possibly spread over several files (Prisma's multi-file schemas).

    The block lists and name lookups are computed once, when the document is made: lowering and
    validation ask for them per field, which made a 1,000-model schema quadratic.
    """

    files: tuple[SchemaFile, ...]
    blocks: tuple[Block, ...] = field(init=False, repr=False, compare=False)
    models: tuple[Model, ...] = field(init=False, repr=False, compare=False)
    views: tuple[Model, ...] = field(init=False, repr=False, compare=False)
    enums: tuple[EnumDecl, ...] = field(init=False, repr=False, compare=False)
    datasource: ConfigBlock | None = field(init=False, repr=False, compare=False)
    _models_by_name: dict[str, Model] = field(init=False, repr=False, compare=False)
    _enums_by_name: dict[str, EnumDecl] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        blocks = tuple(b for f in self.files for b in f.blocks)
        models = tuple(b for b in blocks if isinstance(b, Model) and b.kind == "model")
        enums = tuple(b for b in blocks if isinstance(b, EnumDecl))
        datasource = next((b for b in blocks if isinstance(b, ConfigBlock) and b.kind == "datasource"), None)
        set_ = object.__setattr__
        set_(self, "blocks", blocks)
        set_(self, "models", models)
        set_(self, "views", tuple(b for b in blocks if isinstance(b, Model) and b.kind == "view"))
        set_(self, "enums", enums)
        set_(self, "datasource", datasource)
        # The first declaration wins, as the linear search this replaces did.
        by_model: dict[str, Model] = {}
        for m in models:
            by_model.setdefault(m.name, m)
        by_enum: dict[str, EnumDecl] = {}
        for e in enums:
            by_enum.setdefault(e.name, e)
        set_(self, "_models_by_name", by_model)
        set_(self, "_enums_by_name", by_enum)

    def model(self, name: str) -> Model | None:
        return self._models_by_name.get(name)

    def enum(self, name: str) -> EnumDecl | None:
        return self._enums_by_name.get(name)
