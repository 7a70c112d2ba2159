-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "LongishModelNameForTruncationTests" (
    "id" INTEGER NOT NULL,
    "aQuiteLongColumnNameForTestingTruncation" INTEGER NOT NULL,
    "anotherQuiteLongColumnNameForTruncation" INTEGER NOT NULL,
    "parentId" INTEGER NOT NULL,
    "withAFairlyLongRelationNameToo" INTEGER NOT NULL,

    CONSTRAINT "LongishModelNameForTruncationTests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Parent" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Parent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurposes" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingP_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThisModelNameIsExactlySixtyCharactersLongForTestingPkeyNames" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "ThisModelNameIsExactlySixtyCharactersLongForTestingPkeyNam_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThisModelNameIsSoLongThatItsPrimaryKeyNameNeedsCuttingDownToSize" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "ThisModelNameIsSoLongThatItsPrimaryKeyNameNeedsCuttingDown_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurpo" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTest_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "LongishModelNameForTruncationTests_aQuiteLongColumnNameForT_key" ON "LongishModelNameForTruncationTests"("aQuiteLongColumnNameForTestingTruncation");

-- CreateIndex
CREATE INDEX "LongishModelNameForTruncationTests_aQuiteLongColumnNameForT_idx" ON "LongishModelNameForTruncationTests"("aQuiteLongColumnNameForTestingTruncation", "anotherQuiteLongColumnNameForTruncation");

-- CreateIndex
CREATE UNIQUE INDEX "LongishModelNameForTruncationTests_withAFairlyLongRelationN_key" ON "LongishModelNameForTruncationTests"("withAFairlyLongRelationNameToo", "anotherQuiteLongColumnNameForTruncation");

-- CreateIndex
CREATE INDEX "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTest_B_index" ON "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurpo"("B");

-- AddForeignKey
ALTER TABLE "LongishModelNameForTruncationTests" ADD CONSTRAINT "LongishModelNameForTruncationTests_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurpo" ADD CONSTRAINT "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTesti_A_fkey" FOREIGN KEY ("A") REFERENCES "AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurposes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTestingPurpo" ADD CONSTRAINT "_AnotherModelWithAnExtremelyLongNameForTheJoinTableTesti_B_fkey" FOREIGN KEY ("B") REFERENCES "Parent"("id") ON DELETE CASCADE ON UPDATE CASCADE;


