-- Existing rows get '-infinity' (the rollup reads those by `at`, as it did before this column);
-- rows written from now on get the time they were written. Both ALTERs change metadata only.
ALTER TABLE "monitor_results" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "monitor_results" ALTER COLUMN "recorded_at" SET DEFAULT now();--> statement-breakpoint
CREATE INDEX "monitor_results_recorded_brin" ON "monitor_results" USING brin ("recorded_at");
