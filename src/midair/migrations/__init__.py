"""⑥ apply: migration folders, the `_prisma_migrations` history, deploy, status, shadow and drift.

- `folder`      the migrations folder (names, checksums, `migration_lock.toml`)
- `history`     `_prisma_migrations`, read and written exactly as Prisma does
- `apply`       `deploy`, `resolve`, `reset` (database-wide lock, one transaction per migration)
- `status`      what is applied, pending, failed, modified, missing; drift
- `shadow`      replay the folder on a throwaway database
- `drift`       the database vs what its migrations build, in plain words
- `dev`         `migrate dev`: the development loop
- `settings`    the optional per-migration `migration.toml` (zero-downtime work)
"""
