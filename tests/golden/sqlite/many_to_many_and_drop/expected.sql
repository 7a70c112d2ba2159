-- AlterTable
ALTER TABLE "Post" ADD COLUMN "title" TEXT;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Old";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "_PostToTag";
PRAGMA foreign_keys=on;


