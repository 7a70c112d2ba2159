-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "Auth";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "Content";

-- CreateTable
CREATE TABLE "Auth"."User" (
    "id" TEXT NOT NULL,
    "RealName" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "password" TEXT,
    "roles" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Content"."PhoneNumber" (
    "id" TEXT NOT NULL,
    "user" TEXT,
    "type" TEXT,
    "value" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Content"."Post" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "content" JSONB NOT NULL DEFAULT '[{"type":"paragraph","children":[{"text":""}]}]',
    "publishDate" TIMESTAMP(3),
    "author" TEXT,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "Auth"."User"("email");

-- CreateIndex
CREATE INDEX "PhoneNumber_user_idx" ON "Content"."PhoneNumber"("user");

-- CreateIndex
CREATE INDEX "Post_author_idx" ON "Content"."Post"("author");

-- AddForeignKey
ALTER TABLE "Content"."PhoneNumber" ADD CONSTRAINT "PhoneNumber_user_fkey" FOREIGN KEY ("user") REFERENCES "Auth"."User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Content"."Post" ADD CONSTRAINT "Post_author_fkey" FOREIGN KEY ("author") REFERENCES "Auth"."User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


