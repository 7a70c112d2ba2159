-- Ordinary and partitioned tables of the requested namespaces (partitions belong to their parent).
SELECT n.nspname::text AS namespace, c.relname::text AS name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  -- Tables an extension created (PostGIS's spatial_ref_sys) belong to it, not to the application:
  -- Prisma's introspection leaves them out, so no migration proposes to drop them.
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
  AND n.nspname = ANY(%s)
ORDER BY n.nspname, c.relname
