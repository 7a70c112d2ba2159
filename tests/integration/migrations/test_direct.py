"""`db push` (refuses data loss without the flag, saying how many rows) and `db execute`."""

from __future__ import annotations

import io
from pathlib import Path

from midair.connection import connect
from tests.conftest import TENNIS_CORPUS
from tests.integration.migrations.support import cli, provider_of


def _schema(project: Path, step: str, url: str) -> Path:
    text = (TENNIS_CORPUS / "steps" / step).read_text().replace('provider = "postgresql"', f'provider = "{provider_of(url)}"')
    path = project / "schema.prisma"
    path.write_text(text)
    return path


def test_db_push_creates_refuses_data_loss_then_accepts_it(tmp_path: Path, any_url: str, capsys) -> None:
    schema = _schema(tmp_path, "05_make_json_score_mandatory.prisma", any_url)
    code, out, err = cli(capsys, "db", "push", "--schema", str(schema), "--url", any_url)
    assert code == 0 and "now in sync" in out, out + err
    code, out, err = cli(capsys, "db", "push", "--schema", str(schema), "--url", any_url)
    assert code == 0 and "already in sync" in out
    conn = connect(any_url)
    conn.execute("INSERT INTO \"User\" (\"id\") VALUES ('u1')")
    for i in range(3):
        conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "player1Games", "score") '
            f"VALUES ('m{i}', 'u1', 'A', 'B', {i}, '{{}}')"
        )
    conn.close()
    _schema(tmp_path, "06_drop_old_score_fields.prisma", any_url)
    code, out, err = cli(capsys, "db", "push", "--schema", str(schema), "--url", any_url)
    assert code == 3
    assert "Dropping `Match.player1Games` loses 3 non-null values" in err and "--accept-data-loss" in err
    conn = connect(any_url)
    assert conn.query('SELECT count("player1Games") FROM "Match"') == [(3,)]  # nothing changed
    conn.close()
    code, out, err = cli(capsys, "db", "push", "--schema", str(schema), "--url", any_url, "--accept-data-loss")
    assert code == 0, out + err
    conn = connect(any_url)
    assert conn.query('SELECT count(*) FROM "Match"') == [(3,)]
    conn.close()


def test_db_execute_runs_a_file_or_stdin_and_reports_failure(tmp_path: Path, any_url: str, capsys, monkeypatch) -> None:
    script = tmp_path / "seed.sql"
    script.write_text('CREATE TABLE "Note" ("id" INTEGER, "body" TEXT);\nINSERT INTO "Note" VALUES (1, \'a;b\');\n')
    code, out, err = cli(capsys, "db", "execute", "--file", str(script), "--url", any_url)
    assert code == 0 and "Script executed successfully." in out, err
    monkeypatch.setattr("sys.stdin", io.StringIO('INSERT INTO "Note" VALUES (2, \'c\');'))
    code, out, err = cli(capsys, "db", "execute", "--stdin", "--url", any_url)
    assert code == 0, err
    conn = connect(any_url)
    assert conn.query('SELECT "body" FROM "Note" ORDER BY "id"') == [("a;b",), ("c",)]
    conn.close()
    script.write_text('INSERT INTO "Nowhere" VALUES (1);\n')
    code, out, err = cli(capsys, "db", "execute", "--file", str(script), "--url", any_url)
    assert code == 1 and "Nowhere" in err
    code, out, err = cli(capsys, "db", "execute", "--url", any_url)
    assert code == 1 and "--file" in err
