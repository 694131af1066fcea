-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "receiptAppointmentFrom" TIMESTAMP(3),
ADD COLUMN     "receiptAppointmentTo" TIMESTAMP(3),
ADD COLUMN     "returnAppointmentFrom" TIMESTAMP(3),
ADD COLUMN     "returnAppointmentTo" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DossierCorrection" (
    "dossierCode" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "resultAgencyCode" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "overdue" BOOLEAN NOT NULL,
    "completedAt" TIMESTAMP(3),
    "completedBy" TEXT,
    "note" TEXT,
    "projectionVersion" INTEGER NOT NULL,

    CONSTRAINT "DossierCorrection_pkey" PRIMARY KEY ("dossierCode","seq")
);

-- AddForeignKey
ALTER TABLE "DossierCorrection" ADD CONSTRAINT "DossierCorrection_dossierCode_fkey" FOREIGN KEY ("dossierCode") REFERENCES "Dossier"("code") ON DELETE CASCADE ON UPDATE CASCADE;
