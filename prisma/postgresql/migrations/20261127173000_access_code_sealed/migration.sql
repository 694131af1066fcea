-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "accessCodeSealed" TEXT;
