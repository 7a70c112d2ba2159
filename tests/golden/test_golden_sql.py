"""midair's SQL equals Prisma's, byte for byte, on every golden case (no database needed)."""

from __future__ import annotations

import pytest
from cases import KNOWN_DIFFERENCES, Case, all_cases, drop_step, expected_text, midair_sql

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_sql_matches_prisma(case: Case) -> None:
    ours = midair_sql(case).rstrip("\n")
    prisma = expected_text(case.expected)
    name = case.id.split("/", 1)[1]
    if case.divergence is not None:
        assert ours == expected_text(case.expected.parent / "expected.midair.sql")
        assert ours != prisma, "Prisma now agrees with midair: drop divergence.md"
    elif name in KNOWN_DIFFERENCES:
        step, _reason = KNOWN_DIFFERENCES[name]
        assert ours != prisma
        assert ours == drop_step(prisma, step)
    else:
        assert ours == prisma


def test_every_corpus_schema_has_a_golden_file() -> None:
    """Each postgresql/sqlite schema of the shared corpus was run through the oracle."""
    from cases import CORPUS, GOLDEN

    from midair.psl import load_schema
    from midair.schema.lower import document_provider

    missing = []
    for src in sorted(CORPUS.iterdir()):
        provider = document_provider(load_schema(src))
        if provider in ("postgresql", "sqlite"):
            stem = src.name.removesuffix(".prisma")
            if not (GOLDEN / "corpus" / f"{stem}.{provider}.sql").exists():
                missing.append(stem)
    assert missing == []


def test_corpus_match_count(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints (and records in the test log) how many corpus schemas match Prisma byte for byte."""
    from cases import corpus_cases

    matched, differ = 0, []
    for case in corpus_cases():
        if midair_sql(case).rstrip("\n") == expected_text(case.expected):
            matched += 1
        else:
            differ.append(case.id)
    total = matched + len(differ)
    with capsys.disabled():
        print(f"\ncorpus: {matched}/{total} schemas match Prisma byte for byte; differ: {differ}")
    assert sorted(d.split("/", 1)[1] for d in differ) == sorted(KNOWN_DIFFERENCES)


SUMMARY_CASES = [c for c in CASES if (c.expected.parent / "summary.txt").exists()]


@pytest.mark.parametrize("case", SUMMARY_CASES, ids=[c.id for c in SUMMARY_CASES])
def test_summary_matches_prisma(case: Case) -> None:
    """`migrate diff` without ``--script``: the human summary, as Prisma prints it."""
    from midair.diff import diff
    from midair.diff.summary import summary
    from midair.psl import load_schema
    from midair.schema.lower import lower

    assert case.previous is not None
    steps = diff(lower(load_schema(case.previous), case.provider), lower(load_schema(case.next), case.provider), case.provider).steps
    assert summary(steps).rstrip("\n") == expected_text(case.expected.parent / "summary.txt")
