-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "paidOnline" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paymentRequestedAt" TIMESTAMP(3),
ADD COLUMN     "refused" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "supplementRequestedAt" TIMESTAMP(3);

-- Fill the new facts of existing dossiers from their audit trail.
UPDATE "Dossier" SET
    "supplementRequestedAt" = (SELECT MAX(e."at") FROM "DossierEvent" e WHERE e."dossierCode" = "Dossier"."code" AND e."action" = 'requestSupplement' AND e."outcome" = 'applied'),
    "paymentRequestedAt" = (SELECT MIN(e."at") FROM "DossierEvent" e WHERE e."dossierCode" = "Dossier"."code" AND e."action" = 'requestPayment' AND e."outcome" = 'applied'),
    "paidOnline" = EXISTS (SELECT 1 FROM "DossierEvent" e WHERE e."dossierCode" = "Dossier"."code" AND e."action" = 'confirmPayment' AND e."outcome" = 'applied' AND e."actor" = 'system'),
    "refused" = EXISTS (SELECT 1 FROM "DossierEvent" e WHERE e."dossierCode" = "Dossier"."code" AND e."action" = 'refuse' AND e."outcome" = 'applied');
