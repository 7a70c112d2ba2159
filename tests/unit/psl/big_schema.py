"""A generated 1,000-model schema: the parser + validator benchmark (and a stress test)."""

from __future__ import annotations


def big_schema(models: int = 1000) -> str:
    """A PostgreSQL schema with `models` models, each related to the one before it."""
    parts = [
        'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'generator client {\n  provider = "prisma-client-js"\n}\n',
        "enum Status {\n  ACTIVE\n  ARCHIVED @map(\"archived\")\n}\n",
    ]
    for i in range(models):
        prev = f"Model{i - 1}" if i else None
        nxt = f"Model{i + 1}" if i + 1 < models else None
        lines = [
            f"/// Model number {i}",
            f"model Model{i} {{",
            "  id        String   @id @default(cuid())",
            "  name      String   @db.VarChar(255)",
            "  count     Int      @default(0)",
            "  price     Decimal? @db.Decimal(10, 2)",
            "  status    Status   @default(ACTIVE)",
            "  createdAt DateTime @default(now())",
            "  updatedAt DateTime @updatedAt",
        ]
        if prev:
            lines.append("  parentId  String?")
            lines.append(f"  parent    {prev}? @relation(fields: [parentId], references: [id], onDelete: Cascade)")
        if nxt:
            lines.append(f"  children  {nxt}[]")
        lines += ["", "  @@unique([name, count])", "  @@index([createdAt(sort: Desc)])"]
        if prev:
            lines.append("  @@index([parentId])")
        lines.append(f'  @@map("model_{i}")')
        lines.append("}\n")
        parts.append("\n".join(lines))
    return "\n".join(parts)
