-- DropIndex
DROP INDEX "C_id_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "C";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_B" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "aId" INTEGER NOT NULL,
    "other" TEXT NOT NULL,
    CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_B" ("aId", "id", "other") SELECT "aId", "id", "other" FROM "B";
DROP TABLE "B";
ALTER TABLE "new_B" RENAME TO "B";
CREATE INDEX "B_other_idx" ON "B"("other");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


