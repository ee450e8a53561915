CREATE TABLE "monitor_result_hours" (
	"monitor_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"results" integer NOT NULL,
	"failures" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "monitor_result_hours_monitor_id_hour_pk" PRIMARY KEY("monitor_id","hour")
);
--> statement-breakpoint
ALTER TABLE "monitor_rollups" ADD COLUMN "buckets" "bytea" DEFAULT '\x'::bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "monitor_result_hours" ADD CONSTRAINT "monitor_result_hours_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_result_hours_hour_idx" ON "monitor_result_hours" USING btree ("hour");