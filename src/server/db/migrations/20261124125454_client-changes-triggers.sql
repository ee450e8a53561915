-- Custom migration (not generated from the schema: keep it when regenerating migrations).
-- Bumps client_changes.version for the client of every row written to a table the weekly
-- report reads, from any process and any path (API, jobs, `keel worker`, scripts), so the
-- portfolio home can tell which cached status lines are out of date with one query.
-- monitor_results and rollups are left out on purpose: they change every few seconds; the
-- status cache rebuilds on age for the uptime share.
CREATE OR REPLACE FUNCTION keel_client_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := coalesce(TG_ARGV[0], 'client_id');
  ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || (to_jsonb(OLD) ->> col)::uuid; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || (to_jsonb(NEW) ->> col)::uuid; END IF;
  INSERT INTO client_changes AS c (client_id)
    SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY x
    ON CONFLICT (client_id) DO UPDATE SET version = c.version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER clients_client_changed AFTER INSERT OR UPDATE OR DELETE ON "clients" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('id');
--> statement-breakpoint
CREATE TRIGGER engagements_client_changed AFTER INSERT OR UPDATE OR DELETE ON "engagements" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER kpis_client_changed AFTER INSERT OR UPDATE OR DELETE ON "kpis" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER kpi_readings_client_changed AFTER INSERT OR UPDATE OR DELETE ON "kpi_readings" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER decisions_client_changed AFTER INSERT OR UPDATE OR DELETE ON "decisions" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER decisions_needed_client_changed AFTER INSERT OR UPDATE OR DELETE ON "decisions_needed" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER milestones_client_changed AFTER INSERT OR UPDATE OR DELETE ON "milestones" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER risks_client_changed AFTER INSERT OR UPDATE OR DELETE ON "risks" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER time_entries_client_changed AFTER INSERT OR UPDATE OR DELETE ON "time_entries" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER repositories_client_changed AFTER INSERT OR UPDATE OR DELETE ON "repositories" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER audit_runs_client_changed AFTER INSERT OR UPDATE OR DELETE ON "audit_runs" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER scan_runs_client_changed AFTER INSERT OR UPDATE OR DELETE ON "scan_runs" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER security_findings_client_changed AFTER INSERT OR UPDATE OR DELETE ON "security_findings" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER incidents_client_changed AFTER INSERT OR UPDATE OR DELETE ON "incidents" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER monitors_client_changed AFTER INSERT OR DELETE OR UPDATE OF NAME, CLIENT_ID ON "monitors" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER report_schedules_client_changed AFTER INSERT OR DELETE OR UPDATE OF TIME_ZONE ON "report_schedules" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
