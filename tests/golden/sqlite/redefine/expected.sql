-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_T" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "a" TEXT NOT NULL DEFAULT 'z',
    "b" BIGINT NOT NULL,
    "c" TEXT,
    "x" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_T" ("a", "b", "c", "id") SELECT coalesce("a", 'z') AS "a", "b", "c", "id" FROM "T";
DROP TABLE "T";
ALTER TABLE "new_T" RENAME TO "T";
CREATE TABLE "new_U" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tId" INTEGER NOT NULL,
    CONSTRAINT "U_tId_fkey" FOREIGN KEY ("tId") REFERENCES "T" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_U" ("id", "tId") SELECT "id", "tId" FROM "U";
DROP TABLE "U";
ALTER TABLE "new_U" RENAME TO "U";
CREATE INDEX "U_tId_idx" ON "U"("tId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


