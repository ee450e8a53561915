CREATE TABLE "slos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"monitor_ids" uuid[] NOT NULL,
	"target_percent" double precision NOT NULL,
	"window_days" integer DEFAULT 30 NOT NULL,
	"burn_level" text DEFAULT 'ok' NOT NULL,
	"burn_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slos" ADD CONSTRAINT "slos_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slos_client_idx" ON "slos" USING btree ("client_id","name");--> statement-breakpoint
CREATE INDEX "slos_burning_idx" ON "slos" USING btree ("client_id") WHERE "slos"."burn_level" <> 'ok';