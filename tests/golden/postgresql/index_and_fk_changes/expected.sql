-- DropForeignKey
ALTER TABLE "B" DROP CONSTRAINT "B_aId_fkey";

-- DropIndex
DROP INDEX "B_name_idx";

-- DropIndex
DROP INDEX "B_gone_idx";

-- DropIndex
DROP INDEX "B_aId_name_key";

-- AlterTable
ALTER TABLE "B" DROP COLUMN "gone";

-- CreateIndex
CREATE INDEX "B_name_idx" ON "B"("name" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "B_name_aId_key" ON "B"("name", "aId");

-- AddForeignKey
ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id") ON DELETE CASCADE ON UPDATE RESTRICT;


