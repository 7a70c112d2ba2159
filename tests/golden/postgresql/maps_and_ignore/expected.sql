-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "status_t" AS ENUM ('on', 'off');

-- CreateTable
CREATE TABLE "accounts" (
    "account_id" SERIAL NOT NULL,
    "email_address" TEXT NOT NULL,
    "status" "status_t" NOT NULL DEFAULT 'on',
    "secret" TEXT,
    "owner_id" INTEGER NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "owners" (
    "owner_pk" INTEGER NOT NULL,

    CONSTRAINT "owners_pkey" PRIMARY KEY ("owner_pk")
);

-- CreateTable
CREATE TABLE "Legacy" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Legacy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_email_address_key" ON "accounts"("email_address");

-- CreateIndex
CREATE INDEX "accounts_owner_id_email_address_idx" ON "accounts"("owner_id", "email_address");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "owners"("owner_pk") ON DELETE RESTRICT ON UPDATE CASCADE;


