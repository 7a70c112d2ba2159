"""PostgreSQL backups: `pg_dump -Fc` inside an exported snapshot, `pg_restore` into a database.

Steps of a backup:

1. find a `pg_dump` whose major version is at least the server's (older clients refuse newer
   servers): `MIDAIR_PG_BIN` if set (only there), else on `PATH`, in `/usr/lib/postgresql/*/bin`
   (newest first), and among the embedded server's binaries (the `pgserver` package);
2. open a ``REPEATABLE READ`` transaction, export its snapshot, and read the facts (tables, row
   counts, catalog digest, applied migrations) inside it;
3. run `pg_dump --snapshot=…`, so the file holds exactly the data the facts describe, even while
   the application writes (no half transaction);
4. the password travels in the ``PGPASSWORD`` environment variable, never on a command line.

A restore goes into a new database `<db>_restore_<timestamp>` by default (created from
``template0``), or into `--to`; a non-empty target is only replaced with `force`, and then only
after the backup loaded into a side database that takes its place. `pg_restore` runs with ``--single-transaction --exit-on-error``, so a failed restore
leaves nothing half-loaded.
"""

from __future__ import annotations

import os
import re
import subprocess
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg

from midair.backup.facts import DatabaseFacts, gather
from midair.errors import BackupError
from midair.urls import DatabaseUrl, redact

if TYPE_CHECKING:
    from midair.dialects.base import Connection

Progress = Callable[[int, int, str], None]

EXTENSION = ".dump"
"""File name suffix of a backup (pg_dump's custom format)."""

_SYSTEM_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast')"
_USER_NS = f"n.nspname NOT IN {_SYSTEM_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
_VERSION = re.compile(r"\(PostgreSQL\)\s+((\d+)(?:\.\d+)*)")


@contextmanager
def _database_errors(action: str, url: DatabaseUrl) -> Iterator[None]:
    """A database error (no privilege to create a database, a lost connection …) becomes a
    `BackupError` naming what was being done, with the URL's password hidden."""
    try:
        yield
    except psycopg.Error as e:
        raise BackupError(f"{action} `{url.redacted}` failed: {redact(str(e)).strip()}") from None


# ---------------------------------------------------------------- client programs


@dataclass(frozen=True, slots=True)
class Client:
    """A PostgreSQL client program found on this machine (`pg_dump`, `pg_restore`)."""

    path: Path
    version: str  # as printed: ``15.20``
    major: int

    @property
    def description(self) -> str:
        return f"{self.path.name} {self.version} ({self.path})"


def _search_dirs() -> list[tuple[str, list[Path]]]:
    """(label, folders) in the order they are tried."""
    explicit = os.environ.get("MIDAIR_PG_BIN")
    if explicit:
        return [("MIDAIR_PG_BIN", [Path(p) for p in explicit.split(os.pathsep) if p])]
    path = [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    system = sorted((Path(p) for p in glob("/usr/lib/postgresql/*/bin")), key=lambda p: _int(p.parent.name), reverse=True)
    embedded: list[Path] = []
    try:
        # The embedded server ships full client binaries beside `postgres` (pgserver's layout).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on import
            import pgserver._commands as pgcommands

        embedded = [Path(pgcommands.POSTGRES_BIN_PATH)]
    except Exception:  # not installed, or a layout we do not know
        pass
    return [("PATH", path), ("/usr/lib/postgresql/*/bin", system), ("the embedded PostgreSQL (pgserver)", embedded)]


def _int(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _probe(path: Path) -> Client | None:
    try:
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = _VERSION.search(out)
    if not m:
        return None
    return Client(path, m.group(1), int(m.group(2)))


def find_client(program: str, min_major: int, *, why: str) -> Client:
    """The first `program` whose major version is at least `min_major`, or a `BackupError` that
    lists what was found and says what to install."""
    seen: list[str] = []
    for label, dirs in _search_dirs():
        for d in dirs:
            candidate = d / program
            if not candidate.is_file() or not os.access(candidate, os.X_OK):
                continue
            client = _probe(candidate)
            if client is None:
                seen.append(f"{candidate} (did not report a version)")
            elif client.major >= min_major:
                return client
            else:
                seen.append(f"{candidate} (version {client.version}, too old)")
        if label == "MIDAIR_PG_BIN" and not seen:
            seen.append(f"nothing in MIDAIR_PG_BIN={os.environ.get('MIDAIR_PG_BIN')}")
    found = "; ".join(seen) if seen else f"no `{program}` on PATH, in /usr/lib/postgresql/*/bin or in pgserver"
    raise BackupError(
        f"No `{program}` of version {min_major} or newer was found ({why}). Found: {found}.",
        hint=(
            f"Install the PostgreSQL {min_major} client tools (Debian/Ubuntu: `apt-get install postgresql-client-{min_major}`, "
            "macOS: `brew install libpq`), or `pip install pgserver`, or set MIDAIR_PG_BIN to the folder holding "
            f"a `{program}` of version {min_major} or newer."
        ),
    )


def _libpq_args(url: DatabaseUrl) -> tuple[str, dict[str, str]]:
    """The connection URL without its password, and the environment that carries the password."""
    parts = urlsplit(url.libpq)
    env = dict(os.environ)
    if parts.password is not None:
        env["PGPASSWORD"] = unquote(parts.password)
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        parts = parts._replace(netloc=f"{user}@{netloc[1]}")
    return urlunsplit(parts), env


def manifest_url(url: DatabaseUrl) -> str:
    """The URL as recorded in a manifest: no password at all (not even masked)."""
    parts = urlsplit(url.raw)
    if parts.password is None:
        return url.raw
    userinfo, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{userinfo.split(':', 1)[0]}@{host}"))


def _lower_priority(pid: int, niceness: int) -> None:
    """Give the child `pid` a lower CPU priority (Unix `nice`), so the app's backends, which are
    not niced, get the CPU first when the machine is busy. Best effort: not on Windows."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        # Never above our own niceness: a midair that is itself niced does not un-nice its child.
        os.setpriority(os.PRIO_PROCESS, pid, max(niceness, os.getpriority(os.PRIO_PROCESS, 0)))
    except OSError:  # the child already exited, or a policy forbids it: the dump still runs
        pass


def _run(
    cmd: list[str], env: dict[str, str], *, total: int, progress: Progress | None, marker: re.Pattern[str], niceness: int = 0
) -> None:
    """Run a pg_dump/pg_restore in --verbose mode, turning its per-table lines into progress."""
    done = 0
    errors: list[str] = []
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Set from here rather than in a preexec_fn (unsafe with threads); the child has at most
    # started connecting by now, and its compression, the CPU-heavy part, comes later.
    _lower_priority(proc.pid, niceness)
    assert proc.stderr is not None
    for line in proc.stderr:
        line = line.rstrip()
        m = marker.search(line)
        if m:
            done += 1
            if progress:
                progress(min(done, total), total, m.group(1))
        elif "error" in line.lower() or "fatal" in line.lower() or "detail" in line.lower():
            errors.append(redact(line))
    rc = proc.wait()
    if rc != 0:
        name = Path(cmd[0]).name
        raise BackupError(f"`{name}` failed (exit code {rc}): " + (" ".join(errors[:5]) or "no message"))


# ---------------------------------------------------------------- facts


def server_version(connection: Connection) -> str:
    return str(connection.query("SHOW server_version")[0][0]).split()[0]


def server_major(connection: Connection) -> int:
    return int(connection.query("SHOW server_version_num")[0][0]) // 10000


def list_tables(connection: Connection) -> list[tuple[str, str]]:
    home = connection.url.pg_schema
    rows = connection.query(
        f"""SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND {_USER_NS}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2"""
    )
    q = _quote
    tables = [(t if s == home else f"{s}.{t}", f"{q(s)}.{q(t)}") for s, t in rows]
    return sorted(tables)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def catalog_rows(connection: Connection) -> list[Sequence[Any]]:
    """Columns, constraints, indexes, enums, sequences, views, functions and triggers of the
    user schemas. Column positions are ranks, not `attnum`: a restore renumbers around columns
    that were dropped."""
    queries = {
        "column": f"""SELECT n.nspname, c.relname, c.relkind::text,
                   row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
                   format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                   a.attidentity::text, a.attgenerated::text
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {_USER_NS}
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')""",
        "constraint": f"""SELECT n.nspname, cl.relname, c.conname, c.contype::text, pg_get_constraintdef(c.oid), c.convalidated
              FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
              LEFT JOIN pg_class cl ON cl.oid = c.conrelid WHERE {_USER_NS}""",
        "index": f"""SELECT n.nspname, ic.relname, pg_get_indexdef(i.indexrelid), i.indisvalid
              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
             WHERE {_USER_NS}""",
        "enum": f"""SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)::text
              FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE {_USER_NS} GROUP BY 1, 2""",
        "sequence": f"""SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcycle
              FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE {_USER_NS}""",
        "view": f"""SELECT n.nspname, c.relname, pg_get_viewdef(c.oid)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND {_USER_NS}""",
        "function": f"""SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE {_USER_NS} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')""",
        "trigger": f"""SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid)
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT t.tgisinternal AND {_USER_NS}""",
    }
    rows: list[Sequence[Any]] = []
    for kind, sql in queries.items():
        rows.extend([kind, *(str(v) if v is not None else None for v in r)] for r in connection.query(sql))
    return sorted(rows, key=lambda r: [str(v) for v in r])


def facts(url: DatabaseUrl) -> DatabaseFacts:
    """The facts of a live database, read inside one snapshot."""
    from midair.dialects.postgres.connection import PostgresConnection

    with _database_errors("Reading", url), PostgresConnection(url) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            return gather(conn, _Reader)
        finally:
            conn.execute("ROLLBACK")


class _Reader:
    server_version = staticmethod(server_version)
    list_tables = staticmethod(list_tables)
    catalog_rows = staticmethod(catalog_rows)


# ---------------------------------------------------------------- backup

_DUMPING = re.compile(r'dumping contents of table "?([^"]+)"?')
_RESTORING = re.compile(r'processing data for table "?([^"]+)"?')


@dataclass(frozen=True, slots=True)
class DumpOptions:
    """How `pg_dump` runs. Its cost to the machine is mostly its own CPU: the server streams each
    table with COPY and pg_dump compresses it client-side. At zlib's default level that took
    2.3–2.9 CPU-seconds for the benchmark's 1M-row table, at level 1 0.7–0.9 (files 37 % larger);
    bench/backup_cost.py measures it, docs/backups.md has the figures."""

    # `nice` for the pg_dump process (0: as midair runs). Measured and not chosen: on a busy
    # machine a niced pg_dump took 2–3 times as long (the deploy waits, the snapshot stays open)
    # and the app's write latency showed no gain that stood out of the noise.
    niceness: int = 0
    compress: int | None = 1  # zlib level (`--compress`); None: pg_dump's default (zlib's 6)


DUMP_OPTIONS = DumpOptions()
"""What `dump` uses: zlib level 1 (pg_dump 15 has no lz4/zstd for its custom format; 16 has)."""


def dump(url: DatabaseUrl, out: Path, *, progress: Progress | None = None) -> tuple[DatabaseFacts, str]:
    """Write a custom-format dump of `url` to `out`; return its facts and the tool used."""
    from midair.dialects.postgres.connection import PostgresConnection

    options = DUMP_OPTIONS  # read at call time: bench/backup_cost.py compares other options
    with _database_errors("Backing up", url), PostgresConnection(url) as conn:
        client = find_client("pg_dump", server_major(conn), why=f"the server is PostgreSQL {server_version(conn)}")
        # The facts and the dump share one snapshot: the manifest describes exactly the file.
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            snapshot = conn.query("SELECT pg_export_snapshot()")[0][0]
            found = gather(conn, _Reader)
            dburl, env = _libpq_args(url)
            level = [] if options.compress is None else [f"--compress={options.compress}"]
            cmd = [str(client.path), "--format=custom", *level, "--verbose", f"--snapshot={snapshot}", f"--file={out}", f"--dbname={dburl}"]
            _run(cmd, env, total=len(found.tables), progress=progress, marker=_DUMPING, niceness=options.niceness)
        finally:
            conn.execute("ROLLBACK")
    return found, f"pg_dump {client.version}"


# ---------------------------------------------------------------- restore


def _admin(url: DatabaseUrl) -> Any:
    """A connection to the maintenance database of `url`'s server (to create or drop databases)."""
    from midair.dialects.postgres.connection import PostgresConnection
    from midair.errors import ConnectionError

    last: Exception | None = None
    for name in ("postgres", "template1"):
        if name == url.database:
            continue
        try:
            return PostgresConnection(url.with_database(name))
        except ConnectionError as e:
            last = e
    assert last is not None
    raise last


def restore_target(origin: DatabaseUrl, stamp: str) -> DatabaseUrl:
    """The default target: a new database `<db>_restore_<stamp>` on the origin's server."""
    base = origin.database or "db"
    suffix = f"_restore_{stamp}"
    name = base[: 63 - len(suffix)] + suffix  # PostgreSQL truncates identifiers at 63 bytes
    parts = urlsplit(origin.raw)
    return DatabaseUrl(urlunsplit(parts._replace(path="/" + name)), "postgresql")


def state(target: DatabaseUrl) -> str:
    """``missing``, ``empty`` or ``non-empty`` (has tables, views, sequences or types)."""
    from midair.dialects.postgres.connection import PostgresConnection

    with _database_errors("Inspecting", target), _admin(target) as admin:
        if not admin.query("SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)):
            return "missing"
    with _database_errors("Inspecting", target), PostgresConnection(target) as conn:
        n = conn.query(
            f"""SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_NS})
                     + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                         WHERE t.typtype IN ('e', 'd', 'c') AND {_USER_NS}
                           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid))"""
        )[0][0]
    return "empty" if n == 0 else "non-empty"


def check_restore_tool(target: DatabaseUrl, dump_major: int) -> Client:
    """The `pg_restore` to use: at least the target server's major and the dump's pg_dump major."""
    with _database_errors("Inspecting", target), _admin(target) as admin:
        major, version = server_major(admin), server_version(admin)
    need = max(major, dump_major)
    return find_client("pg_restore", need, why=f"the server is PostgreSQL {version} and the file was written by pg_dump {dump_major}")


def create(target: DatabaseUrl) -> None:
    """Create the (missing) target database."""
    with _database_errors("Creating", target), _admin(target) as admin:
        admin.execute(f"CREATE DATABASE {_quote(target.database or '')} TEMPLATE template0")


def discard(target: DatabaseUrl) -> None:
    """Drop a database this restore created (after a failure)."""
    with _database_errors("Dropping", target), _admin(target) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_quote(target.database or '')} WITH (FORCE)")


def load(file: Path, target: DatabaseUrl, client: Client, *, tables: int, progress: Progress | None = None) -> None:
    """Restore `file` into the (empty) database `target`."""
    dburl, env = _libpq_args(target)
    cmd = [
        str(client.path), "--verbose", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
        f"--dbname={dburl}", str(file),
    ]  # fmt: skip
    _run(cmd, env, total=tables, progress=progress, marker=_RESTORING)


def replace(file: Path, target: DatabaseUrl, client: Client, *, tables: int, progress: Progress | None = None) -> None:
    """Replace the whole content of the non-empty database `target` with the backup.

    The backup is loaded into a fresh side database first; only when that succeeded is the target
    dropped (its sessions ended) and the side database renamed into its place, with the target's
    owner. A failed load leaves the target as it was."""
    from datetime import datetime, timezone

    name = target.database or ""
    suffix = "_midair_" + datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
    side = target.with_database(name[: 63 - len(suffix)] + suffix)
    create(side)
    try:
        load(file, side, client, tables=tables, progress=progress)
    except BaseException:
        discard(side)
        raise
    with _database_errors("Replacing", target), _admin(target) as admin:
        rows = admin.query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", (name,))
        admin.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        admin.execute(f"ALTER DATABASE {_quote(side.database or '')} RENAME TO {_quote(name)}")
        if rows:
            admin.execute(f"ALTER DATABASE {_quote(name)} OWNER TO {_quote(rows[0][0])}")


def tool_major(tool: str) -> int:
    """The major version of the tool recorded in a manifest (``pg_dump 15.20`` -> 15)."""
    m = re.search(r"(\d+)", tool)
    return int(m.group(1)) if m else 0
