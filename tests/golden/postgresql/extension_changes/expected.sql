-- DropExtension
DROP EXTENSION "ltree";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "hstore";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "ltree" WITH VERSION "1.2";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "body" TEXT;


