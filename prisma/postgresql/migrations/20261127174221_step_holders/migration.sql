-- CreateTable
CREATE TABLE "StepHolder" (
    "dossierCode" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "assignee" TEXT,
    "projectionVersion" INTEGER NOT NULL,

    CONSTRAINT "StepHolder_pkey" PRIMARY KEY ("dossierCode","stepId")
);

-- CreateIndex
CREATE INDEX "StepHolder_agencyCode_active_idx" ON "StepHolder"("agencyCode", "active");

-- CreateIndex
CREATE INDEX "StepHolder_assignee_active_idx" ON "StepHolder"("assignee", "active");

-- AddForeignKey
ALTER TABLE "StepHolder" ADD CONSTRAINT "StepHolder_dossierCode_fkey" FOREIGN KEY ("dossierCode") REFERENCES "Dossier"("code") ON DELETE CASCADE ON UPDATE CASCADE;
