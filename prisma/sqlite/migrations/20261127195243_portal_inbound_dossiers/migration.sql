-- CreateTable
CREATE TABLE "PortalInboundDossier" (
    "portalCode" TEXT NOT NULL PRIMARY KEY,
    "dossierCode" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PortalInboundDossier_dossierCode_key" ON "PortalInboundDossier"("dossierCode");
