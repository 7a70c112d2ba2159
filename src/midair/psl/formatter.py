"""`format_schema(text)`: Prisma's formatting style, printed from the parsed tree.

The style (that of `prisma format`):

- blocks separated by exactly one blank line; comments between blocks stay with the block below;
- two-space indentation; one declaration per line;
- within a block, consecutive field lines (a run not broken by a blank line or a block
  attribute; comment lines do not break it) form a table: names, types and attributes are aligned in columns; enum values and their
  attributes likewise; `key = value` properties are aligned on `=`;
- blank lines inside a block are kept (several collapse into one), comments are kept in place,
  trailing comments stay at the end of their line;
- attribute arguments are printed as ``name: value`` separated by ``", "``; strings and numbers
  keep their source text, so formatting never changes a value.

Only valid syntax can be formatted: a syntax error raises `SchemaError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from midair.psl import ast
from midair.psl.fast_parser import _TOKEN
from midair.psl.parser import parse_schema


@dataclass(frozen=True, slots=True)
class _Comment:
    line: int
    text: str  # as written, from `//` to the end of the line (without '\r')
    alone: bool  # nothing but whitespace before it on its line


def _comments(text: str) -> list[_Comment]:
    out: list[_Comment] = []
    line = 1
    last_token_line = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "NL":
            line += 1
        elif kind == "COMMENT":
            # Kept exactly as written, trailing spaces included (as `prisma format` does).
            out.append(_Comment(line, m.group(kind).rstrip("\r"), last_token_line != line))
        elif kind is not None:
            last_token_line = line
    return out


# `prisma format` sorts field attributes in this order; native types (`@db.*`) come last and
# anything unknown keeps its place among the unknowns.
FIELD_ATTRIBUTE_ORDER = ("id", "unique", "default", "updatedAt", "map", "relation", "ignore")


BLOCK_ATTRIBUTE_ORDER = ("id", "unique", "index", "fulltext", "map", "ignore", "schema")


def block_attribute_sort_key(a: ast.Attribute) -> int:
    """Where `prisma format` puts a block attribute (stable sort key)."""
    if a.name in BLOCK_ATTRIBUTE_ORDER:
        return BLOCK_ATTRIBUTE_ORDER.index(a.name)
    return len(BLOCK_ATTRIBUTE_ORDER)


def attribute_sort_key(a: ast.Attribute) -> int:
    """Where `prisma format` puts a field attribute (stable sort key)."""
    if a.name in FIELD_ATTRIBUTE_ORDER:
        return FIELD_ATTRIBUTE_ORDER.index(a.name)
    return len(FIELD_ATTRIBUTE_ORDER) + (1 if "." in a.name else 0)


class _Printer:
    def __init__(self, file: ast.SchemaFile) -> None:
        self.text = file.text
        self.file = file
        comments = _comments(file.text)
        self.alone = {c.line: c.text for c in comments if c.alone}
        self.trailing = {c.line: c.text for c in comments if not c.alone}
        self.used_trailing: set[int] = set()
        self.lines_text = file.text.split("\n")

    # --- positions ------------------------------------------------------------------------------

    def end_line(self, span: ast.Span) -> int:
        return span.line + self.text.count("\n", span.start, span.end)

    def blank(self, line: int) -> bool:
        return 1 <= line <= len(self.lines_text) and self.lines_text[line - 1].strip() == ""

    def trailing_comment(self, line: int) -> str:
        if line in self.trailing and line not in self.used_trailing:
            self.used_trailing.add(line)
            return " " + self.trailing[line]
        return ""

    # --- expressions ----------------------------------------------------------------------------

    def source(self, span: ast.Span) -> str:
        return self.text[span.start : span.end]

    def expr(self, e: ast.Expression) -> str:
        if isinstance(e, (ast.StringValue, ast.NumberValue)):
            return self.source(e.span)
        if isinstance(e, ast.ConstantValue):
            return e.name
        if isinstance(e, ast.FunctionCall):
            return f"{e.name}({self.args(e.arguments)})"
        if isinstance(e, ast.ObjectValue):
            return "{ " + self.args(e.fields) + " }" if e.fields else "{}"
        return "[" + ", ".join(self.expr(i) for i in e.items) + "]"

    def args(self, arguments: tuple[ast.Argument, ...]) -> str:
        return ", ".join(f"{a.name}: {self.expr(a.value)}" if a.name is not None else self.expr(a.value) for a in arguments)

    def attribute(self, a: ast.Attribute) -> str:
        head = ("@@" if a.block else "@") + a.name
        if not a.arguments and self.source(a.span).rstrip().endswith(")"):
            return head + "()"
        return f"{head}({self.args(a.arguments)})" if a.arguments else head

    def type(self, t: ast.FieldType) -> str:
        if t.unsupported is not None:
            # Keep `Unsupported("…")` as written (its string's escapes), normalise only spacing.
            raw = self.source(t.span)
            open_ = raw.index("(")
            close = raw.rindex(")")
            inner = raw[open_ + 1 : close].strip()
            suffix = "?" if t.optional else ("[]" if t.list else "")
            return f"{t.name}({inner}){suffix}"
        return t.name + ("[]" if t.list else "") + ("?" if t.optional else "")

    # --- blocks ---------------------------------------------------------------------------------

    def block(self, block: ast.Block) -> list[str]:
        header_line = block.span.line
        close_line = self.end_line(block.span)
        if isinstance(block, ast.ConfigBlock):
            head = f"{block.kind} {block.name} {{"
            items: list[tuple[int, int, str, object]] = [
                (p.span.line, self.end_line(p.span), "property", p) for p in block.properties
            ]
        elif isinstance(block, ast.EnumDecl):
            head = f"enum {block.name} {{"
            items = [(v.span.line, self.end_line(v.span), "value", v) for v in block.values]
            items += [(a.span.line, self.end_line(a.span), "block_attribute", a) for a in block.attributes]
        else:
            head = f"{block.kind} {block.name} {{"
            items = [(f.span.line, self.end_line(f.span), "field", f) for f in block.fields]
            items += [(a.span.line, self.end_line(a.span), "block_attribute", a) for a in block.attributes]
        items.sort(key=lambda i: (i[0], getattr(i[3], "span").start))

        # Rows: ("item", kind, node, trailing comment) | ("comment", text) | ("blank",)
        rows: list[tuple] = []
        previous_end = header_line
        for index, (start, end, kind, node) in enumerate(items):
            if start > previous_end:
                self._between(rows, previous_end, start)
            # A trailing comment belongs to the last item that ends on its line.
            last_on_line = index + 1 == len(items) or items[index + 1][0] > end
            trailing = self.trailing_comment(end) if last_on_line else ""
            rows.append(("item", kind, node, trailing))
            previous_end = max(previous_end, end)
        if close_line > previous_end:
            self._between(rows, previous_end, close_line)
        if not isinstance(block, ast.ConfigBlock):
            rows = self._block_attributes_last(rows)
        while rows and rows[-1][0] == "blank":
            rows.pop()
        while rows and rows[0][0] == "blank":
            rows.pop(0)

        out = [head + self.trailing_comment(header_line)]
        out += self._table(rows)
        out.append("}" + (self.trailing_comment(close_line) if close_line != header_line else ""))
        return out

    @staticmethod
    def _block_attributes_last(rows: list[tuple]) -> list[tuple]:
        """Block attributes (with the comment lines right above them) move to the end of the
        block, after one blank line, in `prisma format`'s order."""
        body: list[tuple] = []
        units: list[list[tuple]] = []  # each: the comment lines above an attribute, then it
        pending: list[tuple] = []  # comment lines: they go with what follows them
        for row in rows:
            if row[0] == "comment":
                pending.append(row)
            elif row[0] == "item" and row[1] == "block_attribute":
                units.append([*pending, row])
                pending = []
            else:
                body.extend(pending)
                pending = []
                body.append(row)
        body.extend(pending)
        if not units:
            return rows
        units.sort(key=lambda unit: block_attribute_sort_key(unit[-1][2]))
        attributes = [row for unit in units for row in unit]
        while body and body[-1][0] == "blank":
            body.pop()
        return body + ([("blank",)] if body else []) + attributes

    def _between(self, rows: list[tuple], after: int, before: int) -> None:
        """Comment lines and (collapsed) blank lines strictly between two source lines."""
        for line in range(after + 1, before):
            if line in self.alone:
                rows.append(("comment", self.alone[line]))
            elif self.blank(line) and (not rows or rows[-1][0] != "blank"):
                rows.append(("blank",))

    def _table(self, rows: list[tuple]) -> list[str]:
        out: list[str] = []
        group: list[tuple] = []

        def flush() -> None:
            if not group:
                return
            out.extend(self._aligned(group))
            group.clear()

        # As in `prisma format`, a table runs across comment lines; a blank line or a block
        # attribute ends it.
        for row in rows:
            if (row[0] == "item" and row[1] in ("field", "value", "property")) or row[0] == "comment":
                group.append(row)
            else:
                flush()
                if row[0] == "blank":
                    out.append("")
                else:
                    out.append("  " + self.attribute(row[2]) + row[3])
        flush()
        return out

    def _aligned(self, group: list[tuple]) -> list[str]:
        cells: list[list[str] | str] = []
        for row in group:
            if row[0] == "comment":
                cells.append(row[1])
                continue
            kind, node, trailing = row[1], row[2], row[3]
            if kind == "field":
                attributes = sorted(node.attributes, key=attribute_sort_key)
                cells.append([node.name, self.type(node.type), " ".join(self.attribute(a) for a in attributes), trailing])
            elif kind == "value":
                cells.append([node.name, " ".join(self.attribute(a) for a in node.attributes), trailing])
            else:
                cells.append([node.name, "= " + self.expr(node.value), trailing])
        widths: list[int] = []
        for c in cells:
            if isinstance(c, list):
                for i, value in enumerate(c[:-2]):
                    if i >= len(widths):
                        widths.append(0)
                    widths[i] = max(widths[i], len(value))
        lines: list[str] = []
        for c in cells:
            if isinstance(c, str):
                lines.append("  " + c)
                continue
            parts = [value.ljust(widths[i]) for i, value in enumerate(c[:-2])] + [c[-2]]
            lines.append(("  " + " ".join(parts)).rstrip() + c[-1])
        return lines

    def document(self) -> str:
        out: list[str] = []
        previous_end = 0
        for block in self.file.blocks:
            leading: list[str] = []
            for line in range(previous_end + 1, block.span.line):
                if line in self.alone:
                    leading.append(self.alone[line])
                elif self.blank(line) and leading and leading[-1] != "":
                    leading.append("")
            if out:
                out.append("")
            out.extend(leading)
            out.extend(self.block(block))
            previous_end = self.end_line(block.span)
        trailing: list[str] = []
        for line in range(previous_end + 1, len(self.lines_text) + 1):
            if line in self.alone:
                trailing.append(self.alone[line])
            elif self.blank(line) and trailing and trailing[-1] != "":
                trailing.append("")
        while trailing and trailing[-1] == "":
            trailing.pop()
        if trailing:
            if out:
                out.append("")
            out.extend(trailing)
        return "\n".join(out) + "\n" if out else ""


def format_schema(text: str, path: str = "schema.prisma") -> str:
    """`text` in Prisma's formatting style. Raises `SchemaError` if it does not parse."""
    doc = parse_schema(text, path)
    return _Printer(doc.files[0]).document()


__all__ = ["format_schema"]
