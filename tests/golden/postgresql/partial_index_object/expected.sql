-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Status" AS ENUM ('draft', 'live');

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "status" "Status" NOT NULL DEFAULT 'draft',
    "score" INTEGER NOT NULL,
    "ratio" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "the label" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email") WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE INDEX "User_score_idx" ON "User"("score") WHERE ("score" = 5 AND "deletedAt" IS NOT NULL);

-- CreateIndex
CREATE INDEX "User_ratio_idx" ON "User"("ratio") WHERE ("ratio" = 1.5 AND "the label" = 'it''s');

-- CreateIndex
CREATE INDEX "User_the label_idx" ON "User"("the label") WHERE ("active" = false AND "the label" != 'x');

-- CreateIndex
CREATE UNIQUE INDEX "User_live_email_key" ON "User"("email") WHERE ("active" = true AND "status" = 'live');


