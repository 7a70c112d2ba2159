-- DropIndex
DROP INDEX "User_active_idx";

-- DropIndex
DROP INDEX "User_email_live_key";

-- CreateIndex
CREATE INDEX "User_active_idx" ON "User"("active") WHERE ("active" = false);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_live_key" ON "User"("email") WHERE ("deletedAt" IS NULL AND "active" = true);


