-- DropTable
DROP TABLE "Old";

-- CreateTable
CREATE TABLE "renamed" (
    "id" INTEGER NOT NULL,
    "display_name" TEXT NOT NULL,

    CONSTRAINT "renamed_pkey" PRIMARY KEY ("id")
);


