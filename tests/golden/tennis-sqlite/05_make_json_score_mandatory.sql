-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Match" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "isComplete" BOOLEAN NOT NULL DEFAULT false,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "currentSet" INTEGER NOT NULL DEFAULT 1,
    "server" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "player1Name" TEXT NOT NULL,
    "player2Name" TEXT NOT NULL,
    "player1Points" TEXT NOT NULL DEFAULT '0',
    "player2Points" TEXT NOT NULL DEFAULT '0',
    "player1Games" INTEGER NOT NULL DEFAULT 0,
    "player2Games" INTEGER NOT NULL DEFAULT 0,
    "score" JSONB NOT NULL,
    CONSTRAINT "Match_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Match" ("createdAt", "createdById", "currentSet", "id", "isComplete", "isPublic", "player1Games", "player1Name", "player1Points", "player2Games", "player2Name", "player2Points", "score", "server") SELECT "createdAt", "createdById", "currentSet", "id", "isComplete", "isPublic", "player1Games", "player1Name", "player1Points", "player2Games", "player2Name", "player2Points", "score", "server" FROM "Match";
DROP TABLE "Match";
ALTER TABLE "new_Match" RENAME TO "Match";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


