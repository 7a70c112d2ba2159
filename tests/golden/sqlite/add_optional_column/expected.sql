-- AlterTable
ALTER TABLE "T" ADD COLUMN "n" INTEGER DEFAULT 4;
ALTER TABLE "T" ADD COLUMN "note" TEXT;

-- CreateTable
CREATE TABLE "New" (
    "id" TEXT NOT NULL PRIMARY KEY
);

-- CreateIndex
CREATE INDEX "New_id_idx" ON "New"("id");


