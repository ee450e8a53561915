-- Custom migration (not generated from the schema: keep it when regenerating migrations).
-- The weekly report's SLO lines (monitoring/slo.contributor.ts) read slos and the maintenance
-- windows left out of them: bump the client's change version when either changes, as
-- *_client-changes-triggers.sql does for the other tables the report reads. A change of
-- burn level (the monitoring.slo job) is a write to slos, so a burning SLO shows on the next
-- portfolio load.
CREATE TRIGGER slos_client_changed AFTER INSERT OR DELETE OR UPDATE OF name, client_id, monitor_ids, target_percent, window_days, burn_level ON "slos" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
--> statement-breakpoint
CREATE TRIGGER maintenance_windows_client_changed AFTER INSERT OR UPDATE OR DELETE ON "maintenance_windows" FOR EACH ROW EXECUTE FUNCTION keel_client_changed('client_id');
