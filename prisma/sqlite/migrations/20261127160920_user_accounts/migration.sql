-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" DATETIME,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "User_agencyCode_fkey" FOREIGN KEY ("agencyCode") REFERENCES "Agency" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_User" ("agencyCode", "createdAt", "email", "fullName", "id", "passwordHash", "phone", "role", "username") SELECT "agencyCode", "createdAt", "email", "fullName", "id", "passwordHash", "phone", "role", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_agencyCode_idx" ON "User"("agencyCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
