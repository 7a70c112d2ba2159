-- Ordinary and partitioned tables of the requested namespaces (partitions belong to their parent).
SELECT n.nspname::text AS namespace, c.relname::text AS name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY(%s)
ORDER BY n.nspname, c.relname
