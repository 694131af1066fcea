-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Agency" (
    "code" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Procedure" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "versionHash" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Procedure_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Dossier" (
    "code" TEXT NOT NULL,
    "procedureCode" TEXT NOT NULL,
    "procedureName" TEXT NOT NULL,
    "procedureVersionHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "applicantPhone" TEXT,
    "applicantEmail" TEXT,
    "applicantAddress" TEXT,
    "documents" JSONB NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "statusKey" TEXT NOT NULL,
    "substate" TEXT,
    "currentStepIds" TEXT,
    "steps" JSONB NOT NULL,
    "currentAgencyCode" TEXT,
    "receivingAgencyCode" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3),
    "acceptBy" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "originalDueAt" TIMESTAMP(3),
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "supplementCount" INTEGER NOT NULL DEFAULT 0,
    "completionRequestCount" INTEGER NOT NULL DEFAULT 0,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "finishedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "onTime" BOOLEAN,
    "calendarVersion" TEXT NOT NULL,
    "projectionVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dossier_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "DossierEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "dossierCode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT,
    "agencyCode" TEXT,
    "fromStatus" INTEGER,
    "toStatus" INTEGER,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DossierEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "dossierCode" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "stepId" TEXT,
    "fromAgencyCode" TEXT,
    "toAgencyCode" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "givenBy" TEXT,
    "receivedAt" TIMESTAMP(3),
    "receivedBy" TEXT,
    "dueAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "result" TEXT,
    "note" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "dossierCode" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "recipientMasked" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "attachments" JSONB,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeCounter" (
    "agencyIdentifier" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "CodeCounter_pkey" PRIMARY KEY ("agencyIdentifier","day")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("key","scope")
);

-- CreateTable
CREATE TABLE "Rating" (
    "dossierCode" TEXT NOT NULL,
    "scores" JSONB NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("dossierCode")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contact" TEXT,
    "dossierCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'received',

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_identifier_key" ON "Agency"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_agencyCode_idx" ON "User"("agencyCode");

-- CreateIndex
CREATE INDEX "Dossier_statusCode_idx" ON "Dossier"("statusCode");

-- CreateIndex
CREATE INDEX "Dossier_currentAgencyCode_statusCode_idx" ON "Dossier"("currentAgencyCode", "statusCode");

-- CreateIndex
CREATE INDEX "Dossier_receivingAgencyCode_statusCode_idx" ON "Dossier"("receivingAgencyCode", "statusCode");

-- CreateIndex
CREATE INDEX "Dossier_dueAt_idx" ON "Dossier"("dueAt");

-- CreateIndex
CREATE INDEX "Dossier_overdue_dueAt_idx" ON "Dossier"("overdue", "dueAt");

-- CreateIndex
CREATE INDEX "Dossier_procedureCode_idx" ON "Dossier"("procedureCode");

-- CreateIndex
CREATE INDEX "Dossier_receivedAt_idx" ON "Dossier"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DossierEvent_key_key" ON "DossierEvent"("key");

-- CreateIndex
CREATE INDEX "DossierEvent_dossierCode_at_idx" ON "DossierEvent"("dossierCode", "at");

-- CreateIndex
CREATE INDEX "DossierEvent_at_idx" ON "DossierEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_key_key" ON "Handoff"("key");

-- CreateIndex
CREATE INDEX "Handoff_dossierCode_seq_idx" ON "Handoff"("dossierCode", "seq");

-- CreateIndex
CREATE INDEX "Handoff_toAgencyCode_completedAt_idx" ON "Handoff"("toAgencyCode", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_status_createdAt_idx" ON "Notification"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_dossierCode_createdAt_idx" ON "Notification"("dossierCode", "createdAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE INDEX "Feedback_status_createdAt_idx" ON "Feedback"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Feedback_dossierCode_idx" ON "Feedback"("dossierCode");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_agencyCode_fkey" FOREIGN KEY ("agencyCode") REFERENCES "Agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
