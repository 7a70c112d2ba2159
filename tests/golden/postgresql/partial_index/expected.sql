-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_active_idx" ON "User"("active") WHERE (email IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "User_active_email_key" ON "User"("email") WHERE (active = true);


