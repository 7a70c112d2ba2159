-- Enum types and their values in declaration order.
SELECT n.nspname::text AS namespace, t.typname::text AS name, e.enumlabel::text AS value
FROM pg_enum e
JOIN pg_type t ON t.oid = e.enumtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(%s)
  -- Not an enum an extension created: it is the extension's, as Prisma's introspection has it.
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
ORDER BY n.nspname, t.typname, e.enumsortorder
