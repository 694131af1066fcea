-- CreateTable
CREATE TABLE "DossierFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dossierCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT,
    "attachedBy" TEXT NOT NULL,
    "attachedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "DossierFile_dossierCode_position_idx" ON "DossierFile"("dossierCode", "position");
