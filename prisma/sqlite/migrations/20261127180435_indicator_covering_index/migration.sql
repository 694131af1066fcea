-- DropIndex
DROP INDEX "Dossier_receivedAt_idx";

-- CreateIndex
CREATE INDEX "Dossier_indicator_facts_idx" ON "Dossier"("receivedAt", "finishedAt", "dueAt", "statusCode", "supplementRequestedAt", "supplementCount", "completionRequestCount", "channel", "paymentRequestedAt", "paidOnline", "refused", "receivingAgencyCode", "procedureCode", "code");
