-- A token's scope replaces its write flag: read, write, or kpi-readings (one client's KPI
-- readings). Every existing token keeps exactly what it could do: can_write true → write,
-- false → read. Then the flag goes, so the two can never disagree.
ALTER TABLE "api_tokens" ADD COLUMN "scope" text DEFAULT 'read' NOT NULL;--> statement-breakpoint
UPDATE "api_tokens" SET "scope" = CASE WHEN "can_write" THEN 'write' ELSE 'read' END;--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "can_write";
