"""Normalisation alone (no database): one spelling for what two sources may write differently."""

from __future__ import annotations

from midair.dialects.postgres.normalize import normalize as pg_normalize
from midair.dialects.postgres.normalize import normalize_default
from midair.dialects.sqlite.normalize import normalize as sqlite_normalize
from midair.schema.model import Column, ColumnType, Enum, Index, IndexColumn, PrimaryKey, Schema, Table


def test_postgres_spellings_meet() -> None:
    lowered = Table(
        "T",
        (
            Column("id", ColumnType("SERIAL")),
            Column("tags", ColumnType("TEXT", array=True), default="ARRAY['a', 'b']::TEXT[]"),
            Column("doc", ColumnType("JSONB"), default="'{\"b\": 1, \"a\": [1, 2]}'"),
            Column("n", ColumnType("int4"), default="'-1'::integer"),
            Column("geo", ColumnType("geometry(Point, 4326)", unsupported=True)),
        ),
        PrimaryKey("T_pkey", (IndexColumn("id", "ASC"),)),
        (
            Index("T_tags_idx", (IndexColumn("tags", opclass="array_ops"),), method="GIN"),
            Index("T_n_idx", (IndexColumn("n", opclass="INT4_OPS"),), method="BTREE"),
            Index("T_doc_idx", (IndexColumn("doc", opclass="jsonb_path_ops"),), method="GIN"),
        ),
    )
    catalog = Table(
        "T",
        (
            Column("id", ColumnType("integer"), default="nextval('\"T_id_seq\"'::regclass)"),
            Column("tags", ColumnType("text", array=True), nullable=True, default="ARRAY['a'::text, 'b'::text]"),
            Column("doc", ColumnType("jsonb"), default="'{\"a\": [1, 2], \"b\": 1}'::jsonb"),
            Column("n", ColumnType("integer"), default="'-1'::integer"),
            Column("geo", ColumnType("geometry(Point,4326)")),
        ),
        PrimaryKey("T_pkey", (IndexColumn("id"),)),
        (
            Index("T_tags_idx", (IndexColumn("tags"),), method="gin"),
            Index("T_n_idx", (IndexColumn("n"),)),
            Index("T_doc_idx", (IndexColumn("doc", opclass="jsonb_path_ops"),), method="gin"),
        ),
    )
    a = pg_normalize(Schema((lowered,), (Enum("E", ("A",)),)))
    b = pg_normalize(Schema((catalog,), (Enum("E", ("A",)),)))
    assert a == b
    t = a.tables[0]
    assert t.column("id") == Column("id", ColumnType("INTEGER"), autoincrement=True)
    assert t.column("tags").nullable and t.column("tags").default == "ARRAY['a', 'b']::TEXT[]"
    assert t.column("n").default == "-1"
    assert t.index("T_doc_idx").columns[0].opclass == "jsonb_path_ops"  # not the default: kept
    assert pg_normalize(a) == a  # idempotent


def test_postgres_defaults() -> None:
    assert normalize_default("now()") == "CURRENT_TIMESTAMP"
    assert normalize_default("'it''s'::text") == "'it''s'"
    assert normalize_default("'ADMIN'::\"Role\"") == "'ADMIN'"
    assert normalize_default("(1.5)") == "1.5"
    assert normalize_default("gen_random_uuid()") == "gen_random_uuid()"
    assert normalize_default("'{}'::text[]", ColumnType("TEXT", array=True)) == "ARRAY[]::TEXT[]"


def test_sqlite_spellings_meet() -> None:
    declared = Table(
        "T",
        (Column("id", ColumnType("integer")), Column("on", ColumnType("boolean"), default="(TRUE)")),
        PrimaryKey(None, (IndexColumn("id", "ASC"),)),
    )
    lowered = Table(
        "T",
        (Column("id", ColumnType("INTEGER"), autoincrement=True), Column("on", ColumnType("BOOLEAN"), default="true")),
        PrimaryKey("T_pkey", (IndexColumn("id"),)),
    )
    a = sqlite_normalize(Schema((declared,), (Enum("E", ("A",)),)))
    b = sqlite_normalize(Schema((lowered,)))
    assert a == b and a.enums == ()
    assert a.tables[0].column("id").autoincrement
