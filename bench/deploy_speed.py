"""`migrate deploy` of 100 small migrations: midair versus Alembic's `upgrade head`.

The alternative a Python team would use is Alembic. Both get the same DDL — migration *i* creates a
small table ``t<i>`` (key, two columns, a default, a foreign key to ``t<i-1>``) and an index — on
the same PostgreSQL server, each into a fresh database, each as its whole command in a new process
(``midair migrate deploy`` / ``alembic upgrade head``: start-up included, as a deploy job runs it).
Each migration runs in its own transaction on both sides (midair as Prisma does; Alembic with
``transaction_per_migration=True``) and each is recorded in the tool's history table.

Alembic and SQLAlchemy come from the `bench` optional dependencies (``pip install -e '.[bench]'``);
without them the Alembic side is reported as not measured.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from zero_downtime import MIGRATION_LOCK, drop_database, fresh_database  # noqa: E402


def migration_sql(i: int) -> str:
    """The DDL of migration i (the same text for both tools)."""
    fk = (
        f',\n    CONSTRAINT "t{i}_parent_fkey" FOREIGN KEY ("parentId") REFERENCES "t{i - 1}"("id") ON DELETE SET NULL'
        if i > 0
        else ""
    )
    return (
        f'CREATE TABLE "t{i}" (\n'
        f'    "id" SERIAL NOT NULL,\n'
        f'    "name" TEXT NOT NULL,\n'
        f'    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n'
        f'    "parentId" INTEGER,\n'
        f'    CONSTRAINT "t{i}_pkey" PRIMARY KEY ("id"){fk}\n'
        f");\n"
        f'CREATE INDEX "t{i}_name_idx" ON "t{i}"("name");\n'
    )


def write_midair_project(root: Path, n: int) -> Path:
    """A migrations folder with n Prisma-style migrations."""
    mig = root / "migrations"
    mig.mkdir(parents=True)
    (mig / "migration_lock.toml").write_text(MIGRATION_LOCK)
    for i in range(n):
        folder = mig / f"20250101{i:06d}_m{i}"
        folder.mkdir()
        (folder / "migration.sql").write_text(migration_sql(i))
    return mig


ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''


def write_alembic_project(root: Path, n: int, url: str) -> Path:
    """An Alembic project (alembic.ini, env.py, n revisions) executing the same DDL."""
    (root / "versions").mkdir(parents=True)
    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres://", "postgresql+psycopg://", 1)
    (root / "alembic.ini").write_text(
        "[alembic]\nscript_location = %(here)s\n" + f"sqlalchemy.url = {sa_url.replace('%', '%%')}\n"
    )
    (root / "env.py").write_text(ENV_PY)
    (root / "script.py.mako").write_text("")
    for i in range(n):
        down = f'"r{i - 1:04d}"' if i else "None"
        statements = [s.strip() for s in migration_sql(i).split(";\n") if s.strip()]
        body = "\n".join(f"    op.execute({s!r})" for s in statements)
        (root / "versions" / f"r{i:04d}.py").write_text(
            f'from alembic import op\n\nrevision = "r{i:04d}"\ndown_revision = {down}\n'
            f"branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n{body}\n\n\ndef downgrade():\n    pass\n"
        )
    return root


def _timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    r = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return took


def _count_tables(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as c:
        return int(c.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't%'").fetchone()[0])


def alembic_available() -> bool:
    try:
        import alembic  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError:
        return False
    return True


def run_deploy_speed(n: int = 100, repeats: int = 3, quiet: bool = False) -> dict:
    """Median wall time of each tool's whole deploy command over `repeats` fresh databases."""
    work = Path(tempfile.mkdtemp(prefix="midair-bench-deploy-"))
    times: dict[str, list[float]] = {"midair": [], "alembic": []}
    try:
        mig = write_midair_project(work / "midair", n)
        midair_bin = [sys.executable, "-m", "midair.cli", "migrate", "deploy", "--migrations", str(mig), "--backup", "never"]
        alembic_bin = [sys.executable, "-m", "alembic", "upgrade", "head"]
        have_alembic = alembic_available()
        for r in range(repeats):
            for tool in ("midair", "alembic"):
                if tool == "alembic" and not have_alembic:
                    continue
                url = fresh_database("deploy")
                try:
                    env = dict(os.environ, DATABASE_URL=url)
                    if tool == "midair":
                        took = _timed(midair_bin, work / "midair", env)
                    else:
                        proj = write_alembic_project(work / f"alembic{r}", n, url)
                        took = _timed(alembic_bin, proj, env)
                    if _count_tables(url) != n:
                        raise RuntimeError(f"{tool}: expected {n} tables after the deploy")
                    times[tool].append(took)
                    if not quiet:
                        print(f"    {tool} run {r + 1}: {took:.2f} s", flush=True)
                finally:
                    drop_database(url)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out: dict = {"migrations": n, "repeats": repeats, "midair_s": statistics.median(times["midair"]), "midair_runs": times["midair"]}
    if times["alembic"]:
        import alembic

        out |= {
            "alembic_s": statistics.median(times["alembic"]),
            "alembic_runs": times["alembic"],
            "alembic_version": alembic.__version__,
            "ratio": statistics.median(times["midair"]) / statistics.median(times["alembic"]),
        }
    return out


def deploy_md(d: dict) -> list[str]:
    lines = [
        f"#### `migrate deploy` of {d['migrations']} small migrations (median of {d['repeats']}, fresh database each, whole command)",
        "",
        "| tool | time | per migration |",
        "|---|---|---|",
        f"| midair `migrate deploy` | {d['midair_s']:.2f} s | {d['midair_s'] / d['migrations'] * 1000:.0f} ms |",
    ]
    if "alembic_s" in d:
        lines.append(f"| Alembic {d['alembic_version']} `upgrade head` | {d['alembic_s']:.2f} s | {d['alembic_s'] / d['migrations'] * 1000:.0f} ms |")
        lines += ["", f"midair / Alembic: {d['ratio']:.2f}× the time ({'faster' if d['ratio'] < 1 else 'slower'})."]
    else:
        lines += ["", "Alembic: not measured (install the `bench` extra: `pip install -e '.[bench]'`)."]
    lines.append("")
    return lines


if __name__ == "__main__":
    res = run_deploy_speed()
    print("\n".join(deploy_md(res)))
