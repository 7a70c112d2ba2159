-- DropTable
DROP TABLE "Z";

-- DropEnum
DROP TYPE "E";

-- RenameForeignKey
ALTER TABLE "C" RENAME CONSTRAINT "C_pId_fkey" TO "C_parent_fk";


