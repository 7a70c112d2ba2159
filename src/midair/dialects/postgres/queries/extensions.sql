-- Installed extensions, database-wide (an extension belongs to the database, not to a namespace),
-- by name, as Prisma's describer reads them. plpgsql is left out: PostgreSQL installs it in every
-- database and no schema file declares it.
SELECT e.extname::text AS name, n.nspname::text AS namespace, e.extversion::text AS version,
       e.extrelocatable AS relocatable
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname
