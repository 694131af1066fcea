-- CreateTable
CREATE TABLE "DossierFile" (
    "id" SERIAL NOT NULL,
    "dossierCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT,
    "attachedBy" TEXT NOT NULL,
    "attachedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DossierFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DossierFile_dossierCode_position_idx" ON "DossierFile"("dossierCode", "position");
