-- CreateTable
CREATE TABLE "StepHolder" (
    "dossierCode" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "assignee" TEXT,
    "projectionVersion" INTEGER NOT NULL,

    PRIMARY KEY ("dossierCode", "stepId"),
    CONSTRAINT "StepHolder_dossierCode_fkey" FOREIGN KEY ("dossierCode") REFERENCES "Dossier" ("code") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StepHolder_agencyCode_active_idx" ON "StepHolder"("agencyCode", "active");

-- CreateIndex
CREATE INDEX "StepHolder_assignee_active_idx" ON "StepHolder"("assignee", "active");
