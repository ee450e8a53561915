-- Send times that passed before a schedule was saved no longer count. An existing schedule was
-- last saved at its updated_at: start counting from there, so a send it missed is still caught up.
ALTER TABLE "report_schedules" ADD COLUMN "sends_from" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "report_schedules" SET "sends_from" = "updated_at";
