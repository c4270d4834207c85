-- A counter that moves whenever the unit tree, people or role grants change, so that the lists read
-- from them (GET /api/units, GET /api/people) can be answered from memory while it stands still.
-- The counter is bumped by deferred constraint triggers, at commit time of the changing transaction,
-- not at each statement: a reader that reads the counter before such a transaction commits and its
-- data after cannot keep a list without the change under the new value for longer than the instant
-- of the commit itself (the in-memory entries also expire after a few seconds, which bounds even that).
CREATE SEQUENCE "org_list_version";
--> statement-breakpoint
CREATE FUNCTION org_list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('org_list_version');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER units_org_list_version AFTER INSERT OR UPDATE OR DELETE ON units
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION org_list_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER people_org_list_version AFTER INSERT OR UPDATE OR DELETE ON people
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION org_list_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER role_grants_org_list_version AFTER INSERT OR UPDATE OR DELETE ON role_grants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION org_list_version_bump();
--> statement-breakpoint
CREATE TRIGGER units_org_list_version_truncate AFTER TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION org_list_version_bump();
--> statement-breakpoint
CREATE TRIGGER people_org_list_version_truncate AFTER TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION org_list_version_bump();
--> statement-breakpoint
CREATE TRIGGER role_grants_org_list_version_truncate AFTER TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION org_list_version_bump();
