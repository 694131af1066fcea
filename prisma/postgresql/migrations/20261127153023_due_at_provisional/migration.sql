-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "provisionalDates" TEXT;
