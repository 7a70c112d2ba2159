-- Every index except those backing primary keys, one row per index column (key columns only, not
-- INCLUDE ones). `column_name` is NULL for an expression column; `opclass_is_default` tells whether the
-- operator class is the type's default one (then the index does not name it).
SELECT n.nspname::text AS namespace,
       c.relname::text AS table_name,
       ic.relname::text AS name,
       i.indisunique AS is_unique,
       am.amname::text AS method,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       k.ord AS position,
       a.attname::text AS column_name,
       (i.indoption[k.ord - 1] & 1) = 1 AS descending,
       op.opcname::text AS opclass,
       op.opcdefault AS opclass_is_default
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_opclass op ON op.oid = (i.indclass::oid[])[k.ord - 1]
WHERE NOT i.indisprimary
  AND c.relkind IN ('r', 'p')
  AND k.ord <= i.indnkeyatts
  -- Not the indexes of an extension's tables (see tables.sql).
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
  AND n.nspname = ANY(%s)
ORDER BY i.indrelid, i.indexrelid, k.ord  -- grouped in Python: only the column order matters
