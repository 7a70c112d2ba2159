-- DropIndex
DROP INDEX "T_b_key";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Gone";
PRAGMA foreign_keys=on;

-- CreateIndex
CREATE INDEX "T_b_idx" ON "T"("b");

-- RedefineIndex
DROP INDEX "old_name";
CREATE INDEX "new_name" ON "T"("a");


