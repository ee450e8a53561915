-- The planned date is the first due date a milestone was given. Existing milestones never kept
-- theirs, so their current due date is the best plan there is: backfill it, then require it.
ALTER TABLE "milestones" ADD COLUMN "planned_date" date;--> statement-breakpoint
UPDATE "milestones" SET "planned_date" = "due_date";--> statement-breakpoint
ALTER TABLE "milestones" ALTER COLUMN "planned_date" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "replanned_at" timestamp with time zone;
