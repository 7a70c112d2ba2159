-- Every column of every table in one query: formatted type, enum/array facts, nullability, default,
-- identity, and whether a sequence is owned by the column (SERIAL / autoincrement).
SELECT n.nspname::text AS namespace,
       c.relname::text AS table_name,
       a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS formatted,
       t.typname::text AS type_name,
       t.typtype::text AS type_kind,
       et.typname::text AS element_type_name,
       et.typtype::text AS element_type_kind,
       a.attnotnull AS not_null,
       -- A default cannot refer to columns, so it is deparsed without opening the table (much
       -- faster); only a generated column's expression needs the table's column names.
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0)
            ELSE pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       owned.refobjid IS NOT NULL AS owns_sequence
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
-- Sequences owned by a column (SERIAL, identity), joined as a set rather than probed per column.
LEFT JOIN (
    SELECT DISTINCT dep.refobjid, dep.refobjsubid
    FROM pg_depend dep
    JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    WHERE dep.classid = 'pg_class'::regclass
      AND dep.refclassid = 'pg_class'::regclass
      AND dep.deptype IN ('a', 'i')
) owned ON owned.refobjid = c.oid AND owned.refobjsubid = a.attnum
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  -- Not the columns of an extension's tables (see tables.sql).
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND n.nspname = ANY(%s)
ORDER BY a.attrelid, a.attnum  -- grouped by table in Python: only the column order matters
