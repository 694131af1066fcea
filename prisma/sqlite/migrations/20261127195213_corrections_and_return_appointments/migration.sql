-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN "receiptAppointmentFrom" DATETIME;
ALTER TABLE "Dossier" ADD COLUMN "receiptAppointmentTo" DATETIME;
ALTER TABLE "Dossier" ADD COLUMN "returnAppointmentFrom" DATETIME;
ALTER TABLE "Dossier" ADD COLUMN "returnAppointmentTo" DATETIME;

-- CreateTable
CREATE TABLE "DossierCorrection" (
    "dossierCode" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "resultAgencyCode" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "overdue" BOOLEAN NOT NULL,
    "completedAt" DATETIME,
    "completedBy" TEXT,
    "note" TEXT,
    "projectionVersion" INTEGER NOT NULL,

    PRIMARY KEY ("dossierCode", "seq"),
    CONSTRAINT "DossierCorrection_dossierCode_fkey" FOREIGN KEY ("dossierCode") REFERENCES "Dossier" ("code") ON DELETE CASCADE ON UPDATE CASCADE
);
