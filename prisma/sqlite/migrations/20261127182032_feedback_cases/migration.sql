-- CreateTable
CREATE TABLE "FeedbackCase" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "supplementContent" TEXT,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "consentToPublish" BOOLEAN NOT NULL DEFAULT false,
    "accessCodeHash" TEXT NOT NULL,
    "dossierCode" TEXT,
    "raisedFrom" TEXT,
    "deskAgencyCode" TEXT NOT NULL,
    "assignedAgencyCode" TEXT,
    "status" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "publishBy" DATETIME,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "rejectionReason" TEXT,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "onTime" BOOLEAN,
    "publishedAt" DATETIME,
    "satisfied" BOOLEAN,
    "ratingComment" TEXT,
    "ratedAt" DATETIME,
    "closedAt" DATETIME,
    "projectionVersion" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "FeedbackEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "feedbackCode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "agencyCode" TEXT,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "detail" JSONB,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackCase_raisedFrom_key" ON "FeedbackCase"("raisedFrom");

-- CreateIndex
CREATE INDEX "FeedbackCase_status_receivedAt_idx" ON "FeedbackCase"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "FeedbackCase_assignedAgencyCode_status_idx" ON "FeedbackCase"("assignedAgencyCode", "status");

-- CreateIndex
CREATE INDEX "FeedbackCase_dossierCode_idx" ON "FeedbackCase"("dossierCode");

-- CreateIndex
CREATE INDEX "FeedbackCase_publishedAt_idx" ON "FeedbackCase"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackEvent_key_key" ON "FeedbackEvent"("key");

-- CreateIndex
CREATE INDEX "FeedbackEvent_feedbackCode_at_idx" ON "FeedbackEvent"("feedbackCode", "at");
