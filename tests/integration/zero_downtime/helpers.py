"""The article's scenario 3 on a real database: the old-format `Match` table and its phases."""

from __future__ import annotations

from pathlib import Path

OLD = ("player1Points", "player1Games", "player2Points", "player2Games")

PG_NEW_FROM_OLD = (
    "jsonb_build_object("
    "'player1', jsonb_build_object('points', \"player1Points\", 'games', \"player1Games\"), "
    "'player2', jsonb_build_object('points', \"player2Points\", 'games', \"player2Games\"))"
)
PG_OLD_FROM_NEW = {
    "player1Points": "score->'player1'->>'points'",
    "player1Games": "(score->'player1'->>'games')::int",
    "player2Points": "score->'player2'->>'points'",
    "player2Games": "(score->'player2'->>'games')::int",
}
SQLITE_NEW_FROM_OLD = (
    "json_object("
    "'player1', json_object('points', \"player1Points\", 'games', \"player1Games\"), "
    "'player2', json_object('points', \"player2Points\", 'games', \"player2Games\"))"
)
SQLITE_OLD_FROM_NEW = {
    "player1Points": "json_extract(score, '$.player1.points')",
    "player1Games": "json_extract(score, '$.player1.games')",
    "player2Points": "json_extract(score, '$.player2.points')",
    "player2Games": "json_extract(score, '$.player2.games')",
}


def create_old_match(conn, rows: int, *, json_type: str = "JSONB") -> None:  # type: ignore[no-untyped-def]
    """The `Match` table as the tennis app had it before scenario 3, with `rows` matches."""
    conn.execute(
        'CREATE TABLE "Match" ("id" TEXT NOT NULL PRIMARY KEY, '
        '"player1Points" TEXT NOT NULL DEFAULT \'0\', "player2Points" TEXT NOT NULL DEFAULT \'0\', '
        '"player1Games" INTEGER NOT NULL DEFAULT 0, "player2Games" INTEGER NOT NULL DEFAULT 0)'
    )
    points = ("0", "15", "30", "40")
    with conn.transaction():  # one commit, not one per row
        for i in range(rows):
            conn.execute(
                'INSERT INTO "Match" ("id", "player1Points", "player2Points", "player1Games", "player2Games") '
                + ("VALUES (%s, %s, %s, %s, %s)" if json_type == "JSONB" else "VALUES (?, ?, ?, ?, ?)"),
                (f"m{i:05d}", points[i % 4], points[(i // 4) % 4], i % 6, (i * 7) % 6),
            )


def toml_table(d: dict[str, str]) -> str:
    return "".join(f"{k} = '''{v}'''\n" for k, v in d.items())


def write_phases(directory: Path, *, new_from_old: str, old_from_new: dict[str, str], transactional: bool = False,
                 batch_size: int = 25, sleep: str = "0ms", set_not_null: str = 'ALTER TABLE "Match" ALTER COLUMN "score" SET NOT NULL;\n',
                 json_type: str = "JSONB") -> list[Path]:
    """Expand, backfill and contract folders for the score change, as `migrate expand-contract`
    writes them (with the template already filled in)."""
    tx = "true" if transactional else "false"
    sync = (
        f'[sync]\ntable = "Match"\nkey = ["id"]\nold = {list(OLD)!r}\nnew = ["score"]\n'.replace("'", '"')
        + "[sync.new_from_old]\n" + toml_table({"score": new_from_old})
        + "[sync.old_from_new]\n" + toml_table(old_from_new)
    )
    folders = []
    for name, sql, toml in (
        ("20250314125629_score_expand", f'-- AlterTable\nALTER TABLE "Match" ADD COLUMN "score" {json_type};\n',
         f'phase = "expand"\ntransactional = {tx}\nlock_timeout = "2s"\nretries = 5\n' + sync),
        ("20250314125630_score_backfill", "-- This is an empty migration.\n",
         f'phase = "backfill"\n[backfill]\ntable = "Match"\nkey = "id"\nbatch_size = {batch_size}\nsleep = "{sleep}"\n'
         'target_batch_time = "100ms"\n[backfill.set]\n' + toml_table({"score": new_from_old})),
        ("20250314125631_score_contract",
         set_not_null + '-- AlterTable\nALTER TABLE "Match" DROP COLUMN "player1Games",\nDROP COLUMN "player1Points",\n'
         'DROP COLUMN "player2Games",\nDROP COLUMN "player2Points";\n',
         f'phase = "contract"\ntransactional = {tx}\nlock_timeout = "2s"\nretries = 5\n'
         f'[sync]\ntable = "Match"\nold = ["player1Points", "player1Games", "player2Points", "player2Games"]\nnew = ["score"]\n'),
    ):
        folder = directory / name
        folder.mkdir(parents=True)
        (folder / "migration.sql").write_text(sql)
        (folder / "migration.toml").write_text(toml)
        folders.append(folder)
    return folders
