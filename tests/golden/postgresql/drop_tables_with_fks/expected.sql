-- DropForeignKey
ALTER TABLE "B" DROP CONSTRAINT "B_aId_fkey";

-- DropTable
DROP TABLE "A";

-- DropTable
DROP TABLE "B";


