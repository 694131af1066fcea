-- CreateTable
CREATE TABLE "PortalInboundDossier" (
    "portalCode" TEXT NOT NULL,
    "dossierCode" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalInboundDossier_pkey" PRIMARY KEY ("portalCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "PortalInboundDossier_dossierCode_key" ON "PortalInboundDossier"("dossierCode");
