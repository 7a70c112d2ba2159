"""⑦ Zero-downtime changes: lock-aware execution, expand/contract phases, batched backfills.

- `planner.create_phased_migrations` — a breaking schema change → expand, backfill and contract
  migration folders (`operations/`: replace columns, add a required column, change a type);
- `executor.apply_migration` / `executor.preflight` — apply one migration as its `migration.toml`
  says (lock timeouts, retries, safe forms, phases); called by `midair migrate deploy`;
- `backfill.run_backfill` — batched by key ranges, resumable (`_midair_backfill`), throttled;
- `phases.check_deployable` / `phases.status` — may a contract run; where each phase stands;
- `plan.explain` — `midair migrate plan`: lock facts and estimates per step;
- `safe.safe_plan` — the safe execution steps of a rendered `Plan`.

Dialect SQL lives in `dialects/<d>/{locks,safe,sync}.py`; see docs/zero-downtime.md.
"""
