-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "WebhookType" AS ENUM ('SERVICE', 'GENERIC');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('CREATED', 'READY', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WebhookSubscriptionType" AS ENUM ('AUTOMATIC', 'MANUAL');

-- CreateTable
CREATE TABLE "Cache" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cache_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "type" "WebhookType" NOT NULL,
    "status" "WebhookStatus" NOT NULL,
    "consumerId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "secret" TEXT,
    "subscriptionType" "WebhookSubscriptionType" NOT NULL,
    "externalData" JSONB,
    "service" TEXT,
    "webhookName" TEXT,
    "authenticationData" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Destination" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "destinationUrl" TEXT NOT NULL,
    "destinationSecret" TEXT NOT NULL,
    "destinationData" JSONB,
    "destinationEvent" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Destination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cache_namespace_key_key" ON "Cache"("namespace", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_consumerId_key_key" ON "Webhook"("consumerId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Destination_destinationUrl_key" ON "Destination"("destinationUrl");

-- AddForeignKey
ALTER TABLE "Destination" ADD CONSTRAINT "Destination_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;


