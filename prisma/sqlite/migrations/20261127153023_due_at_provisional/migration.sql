-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Dossier" (
    "code" TEXT NOT NULL PRIMARY KEY,
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
    "submittedAt" DATETIME NOT NULL,
    "receivedAt" DATETIME,
    "acceptBy" DATETIME,
    "dueAt" DATETIME,
    "originalDueAt" DATETIME,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "supplementCount" INTEGER NOT NULL DEFAULT 0,
    "completionRequestCount" INTEGER NOT NULL DEFAULT 0,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "finishedAt" DATETIME,
    "returnedAt" DATETIME,
    "onTime" BOOLEAN,
    "calendarVersion" TEXT NOT NULL,
    "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false,
    "provisionalDates" TEXT,
    "projectionVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Dossier" ("acceptBy", "applicantAddress", "applicantEmail", "applicantIdNumber", "applicantName", "applicantPhone", "calendarVersion", "channel", "code", "completionRequestCount", "createdAt", "currentAgencyCode", "currentStepIds", "documents", "dueAt", "extensionCount", "finishedAt", "onTime", "originalDueAt", "overdue", "procedureCode", "procedureName", "procedureVersionHash", "projectionVersion", "receivedAt", "receivingAgencyCode", "returnedAt", "statusCode", "statusKey", "steps", "submittedAt", "substate", "supplementCount", "updatedAt") SELECT "acceptBy", "applicantAddress", "applicantEmail", "applicantIdNumber", "applicantName", "applicantPhone", "calendarVersion", "channel", "code", "completionRequestCount", "createdAt", "currentAgencyCode", "currentStepIds", "documents", "dueAt", "extensionCount", "finishedAt", "onTime", "originalDueAt", "overdue", "procedureCode", "procedureName", "procedureVersionHash", "projectionVersion", "receivedAt", "receivingAgencyCode", "returnedAt", "statusCode", "statusKey", "steps", "submittedAt", "substate", "supplementCount", "updatedAt" FROM "Dossier";
DROP TABLE "Dossier";
ALTER TABLE "new_Dossier" RENAME TO "Dossier";
CREATE INDEX "Dossier_statusCode_idx" ON "Dossier"("statusCode");
CREATE INDEX "Dossier_currentAgencyCode_statusCode_idx" ON "Dossier"("currentAgencyCode", "statusCode");
CREATE INDEX "Dossier_receivingAgencyCode_statusCode_idx" ON "Dossier"("receivingAgencyCode", "statusCode");
CREATE INDEX "Dossier_dueAt_idx" ON "Dossier"("dueAt");
CREATE INDEX "Dossier_overdue_dueAt_idx" ON "Dossier"("overdue", "dueAt");
CREATE INDEX "Dossier_procedureCode_idx" ON "Dossier"("procedureCode");
CREATE INDEX "Dossier_receivedAt_idx" ON "Dossier"("receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
