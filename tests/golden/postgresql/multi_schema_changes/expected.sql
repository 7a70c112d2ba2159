-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "extra";

-- AlterEnum
BEGIN;
CREATE TYPE "base"."Status_new" AS ENUM ('OPEN', 'CLOSED');
ALTER TABLE "shop"."Order" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "shop"."Order" ALTER COLUMN "status" TYPE "base"."Status_new" USING ("status"::text::"base"."Status_new");
ALTER TYPE "base"."Status" RENAME TO "Status_old";
ALTER TYPE "base"."Status_new" RENAME TO "Status";
DROP TYPE "base"."Status_old";
ALTER TABLE "shop"."Order" ALTER COLUMN "status" SET DEFAULT 'OPEN';
COMMIT;

-- AlterTable
ALTER TABLE "shop"."Order" ALTER COLUMN "note" DROP NOT NULL;

-- CreateTable
CREATE TABLE "extra"."Audit" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Audit_pkey" PRIMARY KEY ("id")
);

-- RenameIndex
ALTER INDEX "shop"."Order_note_idx" RENAME TO "order_note_idx";


