-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Shape" (
    "id" INTEGER NOT NULL,
    "area" circle,
    "pts" point[],
    "code" TEXT NOT NULL DEFAULT md5((random())::text),
    "u" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seen" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),

    CONSTRAINT "Shape_pkey" PRIMARY KEY ("id")
);


