-- AlterTable
ALTER TABLE "T" DROP CONSTRAINT "T_pkey",
ADD CONSTRAINT "T_pkey" PRIMARY KEY ("code");

-- AlterTable
ALTER TABLE "U" RENAME CONSTRAINT "U_pkey" TO "U_custom_pk";

-- AlterTable
ALTER TABLE "V" RENAME CONSTRAINT "V_pkey" TO "V_renamed_pk";


