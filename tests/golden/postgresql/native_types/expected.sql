-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "AllTypes" (
    "id" SERIAL NOT NULL,
    "small" SMALLINT NOT NULL,
    "integer" INTEGER NOT NULL,
    "big" BIGINT NOT NULL,
    "bigId" BIGINT NOT NULL DEFAULT 0,
    "dec" DECIMAL(10,2) NOT NULL,
    "decPlain" DECIMAL(65,30) NOT NULL,
    "money" MONEY NOT NULL,
    "inet" INET NOT NULL,
    "oid" OID NOT NULL,
    "citext" CITEXT NOT NULL,
    "real" REAL NOT NULL,
    "double" DOUBLE PRECISION NOT NULL,
    "varchar" VARCHAR(255) NOT NULL,
    "varcharAny" VARCHAR NOT NULL,
    "char" CHAR(3) NOT NULL,
    "text" TEXT NOT NULL,
    "bytea" BYTEA NOT NULL,
    "ts" TIMESTAMP(6) NOT NULL,
    "tsPlain" TIMESTAMP NOT NULL,
    "tstz" TIMESTAMPTZ(3) NOT NULL,
    "date" DATE NOT NULL,
    "time" TIME(4) NOT NULL,
    "timetz" TIMETZ NOT NULL,
    "bool" BOOLEAN NOT NULL,
    "bit" BIT(1) NOT NULL,
    "varbit" VARBIT(8) NOT NULL,
    "uuid" UUID NOT NULL,
    "xml" XML NOT NULL,
    "json" JSON NOT NULL,
    "jsonb" JSONB NOT NULL,
    "plainBytes" BYTEA NOT NULL,
    "plainFloat" DOUBLE PRECISION NOT NULL,
    "plainJson" JSONB,
    "plainDate" TIMESTAMP(3),
    "uns" circle,

    CONSTRAINT "AllTypes_pkey" PRIMARY KEY ("id")
);


