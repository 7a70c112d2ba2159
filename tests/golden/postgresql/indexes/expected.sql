-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "meta" JSONB NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Compound" (
    "a" TEXT NOT NULL,
    "b" INTEGER NOT NULL,

    CONSTRAINT "compound_pk" PRIMARY KEY ("a","b")
);

-- CreateTable
CREATE TABLE "Named" (
    "x" TEXT NOT NULL,

    CONSTRAINT "named_pk_custom" PRIMARY KEY ("x")
);

-- CreateIndex
CREATE UNIQUE INDEX "custom_title" ON "Post"("title");

-- CreateIndex
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug" DESC);

-- CreateIndex
CREATE INDEX "Post_authorId_createdAt_idx" ON "Post"("authorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Post_meta_idx" ON "Post" USING GIN ("meta" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Post_kind_idx" ON "Post" USING HASH ("kind");

-- CreateIndex
CREATE INDEX "body_idx" ON "Post"("body");

-- CreateIndex
CREATE INDEX "legacy_name" ON "Post"("title", "body");

-- CreateIndex
CREATE INDEX "Post_createdAt_idx" ON "Post" USING BRIN ("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_slug_key" ON "Post"("authorId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "kind_body_uniq" ON "Post"("kind", "body");


