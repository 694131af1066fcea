-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "paymentUrl" TEXT;
