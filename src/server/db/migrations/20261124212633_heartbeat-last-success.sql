-- A failed run pings too, so a backup's age counts from the last success ping. Existing
-- heartbeats: the last successful result still kept, or the last ping if the monitor is up.
ALTER TABLE "monitors" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
UPDATE "monitors" AS m SET "last_success_at" = coalesce(
  (SELECT max(r."at") FROM "monitor_results" r WHERE r."monitor_id" = m."id" AND r."ok"),
  CASE WHEN m."status" = 'up' THEN m."last_ping_at" END
) WHERE m."kind" = 'heartbeat';
