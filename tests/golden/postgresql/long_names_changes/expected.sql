-- DropForeignKey
ALTER TABLE "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn" DROP CONSTRAINT "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn_par_fkey";

-- AlterTable
ALTER TABLE "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn" ADD COLUMN     "extraColumn" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn_anot_key" ON "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn"("anotherRatherLongColumnNameForIndexes");

-- CreateIndex
CREATE INDEX "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn_pare_idx" ON "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn"("parentIdentifierWithAQuiteLongName", "anotherRatherLongColumnNameForIndexes");

-- AddForeignKey
ALTER TABLE "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn" ADD CONSTRAINT "ChildModelWithAnotherVeryLongNameThatKeepsGoingOnAndOn_par_fkey" FOREIGN KEY ("parentIdentifierWithAQuiteLongName") REFERENCES "ParentModelWithAVeryLongNameThatKeepsGoingOnAndOn"("id") ON DELETE CASCADE ON UPDATE CASCADE;


