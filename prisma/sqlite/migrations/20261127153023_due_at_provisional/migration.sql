-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Dossier" ADD COLUMN "provisionalDates" TEXT;
