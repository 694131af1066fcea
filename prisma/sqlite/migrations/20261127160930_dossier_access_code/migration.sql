-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN "accessCodeHash" TEXT;
