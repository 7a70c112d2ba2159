-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL,
    "deleted_at" DATETIME
);

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email") WHERE "deleted_at" IS NULL AND "active" = true AND "email" = 'a';

-- CreateIndex
CREATE UNIQUE INDEX "User_email_live_key" ON "User"("email") WHERE "active" != false AND "score" != 3 AND "deleted_at" IS NOT NULL;


