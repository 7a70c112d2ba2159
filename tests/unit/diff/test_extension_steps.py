"""Extension steps, as Prisma's differ makes them: created when new, dropped and created again
when their schema or version changed (altered in place when the database says the extension is
relocatable), never dropped for being removed, and ignored unless a schema file manages them."""

from __future__ import annotations

from midair.diff import diff
from midair.diff.changes import AlterExtension, CreateExtension, DropExtension
from midair.diff.summary import summary
from midair.schema.model import EMPTY_SCHEMA, Extension, Schema
from midair.schema.pair import Pair


def declared(*extensions: Extension) -> Schema:
    """What lowering a schema file with the preview feature gives."""
    return Schema(extensions=extensions, manages_extensions=True)


def installed(*extensions: Extension) -> Schema:
    """What introspecting a database gives."""
    return Schema(extensions=extensions)


def test_new_extensions_are_created_in_the_next_schema_order() -> None:
    steps = diff(EMPTY_SCHEMA, declared(Extension("citext", "public", "1.6"), Extension("pgcrypto")), "postgresql").steps
    assert steps == (CreateExtension(Extension("citext", "public", "1.6")), CreateExtension(Extension("pgcrypto")))


def test_removed_extensions_stay_and_unset_values_match_anything() -> None:
    before = declared(Extension("pgcrypto"), Extension("pg_trgm"), Extension("citext", "public"))
    after = declared(Extension("pg_trgm", version="1.6"), Extension("citext"))
    assert diff(before, after, "postgresql").steps == ()


def test_changed_extensions_from_schema_files_are_dropped_and_created_again() -> None:
    before = declared(Extension("cube", "public"), Extension("ltree", version="1.1"))
    after = declared(Extension("cube", "ext"), Extension("ltree", version="1.2"))
    steps = diff(before, after, "postgresql").steps
    assert steps == (
        DropExtension(Extension("cube", "public")),
        DropExtension(Extension("ltree", version="1.1")),
        CreateExtension(Extension("cube", "ext")),
        CreateExtension(Extension("ltree", version="1.2")),
    )
    assert summary(steps) == (
        "\n[-] Removed extensions\n`\n[-] Removed extensions\n`"
        "\n[+] Added extensions\n  - cube\n\n[+] Added extensions\n  - ltree\n"
    )


def test_a_relocatable_installed_extension_is_altered_in_place() -> None:
    live = installed(Extension("citext", "public", "1.6", relocatable=True), Extension("pgcrypto", "public", "1.3"))
    wanted = declared(Extension("citext", "ext", "1.5"))
    steps = diff(live, wanted, "postgresql").steps
    assert steps == (
        AlterExtension(Pair(live.extensions[0], wanted.extensions[0]), ("version", "schema")),
    )
    assert summary(steps) == "\n[*] Changed the `citext` extension\n"


def test_extensions_are_ignored_unless_a_schema_file_manages_them() -> None:
    one, other = installed(Extension("citext", "public", "1.4")), installed(Extension("hstore"), Extension("citext", "public", "1.6"))
    assert diff(one, other, "postgresql").steps == ()
    assert diff(EMPTY_SCHEMA, other, "postgresql").steps == ()
