DROP INDEX "monitor_results_at_idx";--> statement-breakpoint
CREATE INDEX "monitor_results_at_brin" ON "monitor_results" USING brin ("at");