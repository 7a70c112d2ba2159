-- DropIndex
DROP INDEX "T_d_key";

-- DropIndex
DROP INDEX "T_b_idx";

-- DropIndex
DROP INDEX "T_c_key";

-- CreateIndex
CREATE INDEX "T_b_c_idx" ON "T"("b", "c");

-- CreateIndex
CREATE INDEX "T_c_idx" ON "T"("c");

-- CreateIndex
CREATE UNIQUE INDEX "T_d_a_key" ON "T"("d", "a");

-- RenameIndex
ALTER INDEX "old_a_idx" RENAME TO "new_a_idx";


