-- Primary keys and foreign keys, one row per key column (in key order), with the referenced column
-- beside it: `unnest(conkey, confkey)` pairs them up (confkey is NULL for a primary key).
SELECT n.nspname::text AS namespace,
       c.relname::text AS table_name,
       con.conname::text AS name,
       con.contype::text AS kind,
       a.attname::text AS column_name,
       fn.nspname::text AS referenced_namespace,
       fc.relname::text AS referenced_table,
       ra.attname::text AS referenced_column,
       con.confdeltype::text AS on_delete,
       con.confupdtype::text AS on_update
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refattnum
WHERE con.contype IN ('p', 'f')
  -- Not the keys of an extension's tables (see tables.sql).
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
  AND n.nspname = ANY(%s)
ORDER BY con.conrelid, con.oid, k.ord  -- grouped in Python: only the key order matters
