-- The FTS update triggers of deviations and disputes fire only when an indexed text column
-- changes. Before, every UPDATE re-indexed the row — also the importer's refresh of the
-- `recurring` flag, which touches most rows of a large import (3.5 s of a 200 000-row import).
DROP TRIGGER `deviations_fts_au`;
--> statement-breakpoint
CREATE TRIGGER `deviations_fts_au` AFTER UPDATE OF `external_id`, `kommun`, `raw_category`, `category`, `description`, `action`, `reporting_org`, `receiving_org`, `subcategory` ON `deviations` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4, 'deviation', new.id,
    new.external_id || ' ' || new.kommun || ' ' || coalesce(new.raw_category, new.category),
    coalesce(new.description, '') || ' ' || coalesce(new.action, '') || ' ' || new.reporting_org || ' ' || new.receiving_org || ' ' || coalesce(new.subcategory, ''));
END;
--> statement-breakpoint
DROP TRIGGER `disputes_fts_au`;
--> statement-breakpoint
CREATE TRIGGER `disputes_fts_au` AFTER UPDATE OF `external_id`, `raw_area`, `area`, `summary`, `party_a`, `party_b`, `temporary_solution_text` ON `disputes` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4 + 1;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4 + 1, 'dispute', new.id,
    new.external_id || ' ' || coalesce(new.raw_area, new.area),
    coalesce(new.summary, '') || ' ' || new.party_a || ' ' || new.party_b || ' ' || coalesce(new.temporary_solution_text, ''));
END;
