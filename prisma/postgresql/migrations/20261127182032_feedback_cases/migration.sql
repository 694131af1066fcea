-- CreateTable
CREATE TABLE "FeedbackCase" (
    "code" TEXT NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "publishBy" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "rejectionReason" TEXT,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "onTime" BOOLEAN,
    "publishedAt" TIMESTAMP(3),
    "satisfied" BOOLEAN,
    "ratingComment" TEXT,
    "ratedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "projectionVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeedbackCase_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "FeedbackEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "feedbackCode" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "agencyCode" TEXT,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackEvent_pkey" PRIMARY KEY ("id")
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
