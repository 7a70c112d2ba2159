-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_T" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "a" TEXT,
    "b" INTEGER NOT NULL DEFAULT 3,
    "c" TEXT NOT NULL DEFAULT 'x',
    "d" INTEGER
);
INSERT INTO "new_T" ("id") SELECT "id" FROM "T";
DROP TABLE "T";
ALTER TABLE "new_T" RENAME TO "T";
CREATE UNIQUE INDEX "T_d_key" ON "T"("d");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


