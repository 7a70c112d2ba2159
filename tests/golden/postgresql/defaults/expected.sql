-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'admin', 'IT_S');

-- CreateTable
CREATE TABLE "Defaults" (
    "id" TEXT NOT NULL,
    "cuid" TEXT NOT NULL,
    "nano" TEXT NOT NULL,
    "str" TEXT NOT NULL DEFAULT 'it''s',
    "empty" TEXT NOT NULL DEFAULT '',
    "int" INTEGER NOT NULL DEFAULT -3,
    "big" BIGINT NOT NULL DEFAULT 42,
    "float" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "floatInt" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "floatZero" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "dec" DECIMAL(65,30) NOT NULL DEFAULT 3.25,
    "bool" BOOLEAN NOT NULL DEFAULT true,
    "now" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated" TIMESTAMP(3) NOT NULL,
    "fixed" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-02 03:04:05.678 +00:00',
    "json" JSONB NOT NULL DEFAULT '{"a": [1, 2]}',
    "bytes" BYTEA NOT NULL DEFAULT '\x68656c6c6f',
    "role" "Role" NOT NULL DEFAULT 'admin',
    "roles" "Role"[] DEFAULT ARRAY['USER', 'admin']::"Role"[],
    "noRoles" "Role"[] DEFAULT ARRAY[]::"Role"[],
    "tags" TEXT[] DEFAULT ARRAY['a', 'b''c']::TEXT[],
    "ints" INTEGER[] DEFAULT ARRAY[1, 2]::INTEGER[],
    "gen" UUID NOT NULL DEFAULT gen_random_uuid(),
    "gen2" INTEGER NOT NULL DEFAULT (floor((random() * (10)::double precision)))::integer,
    "seq" BIGSERIAL NOT NULL,
    "smallSeq" SMALLSERIAL NOT NULL,

    CONSTRAINT "Defaults_pkey" PRIMARY KEY ("id")
);


