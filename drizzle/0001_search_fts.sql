-- Full-text search over cases, lessons and precedents (FTS5, Swedish-tolerant: diacritics folded).
-- rowid encodes the source: id*4 + 0 deviation, +1 dispute, +2 lesson, +3 precedent (precedents.rowid).
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `kind` UNINDEXED,
  `ref` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `deviations_fts_ai` AFTER INSERT ON `deviations` BEGIN
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4, 'deviation', new.id,
    new.external_id || ' ' || new.kommun || ' ' || coalesce(new.raw_category, new.category),
    coalesce(new.description, '') || ' ' || coalesce(new.action, '') || ' ' || new.reporting_org || ' ' || new.receiving_org || ' ' || coalesce(new.subcategory, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `deviations_fts_au` AFTER UPDATE ON `deviations` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4, 'deviation', new.id,
    new.external_id || ' ' || new.kommun || ' ' || coalesce(new.raw_category, new.category),
    coalesce(new.description, '') || ' ' || coalesce(new.action, '') || ' ' || new.reporting_org || ' ' || new.receiving_org || ' ' || coalesce(new.subcategory, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `deviations_fts_ad` AFTER DELETE ON `deviations` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4;
END;
--> statement-breakpoint
CREATE TRIGGER `disputes_fts_ai` AFTER INSERT ON `disputes` BEGIN
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4 + 1, 'dispute', new.id,
    new.external_id || ' ' || coalesce(new.raw_area, new.area),
    coalesce(new.summary, '') || ' ' || new.party_a || ' ' || new.party_b || ' ' || coalesce(new.temporary_solution_text, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `disputes_fts_au` AFTER UPDATE ON `disputes` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4 + 1;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4 + 1, 'dispute', new.id,
    new.external_id || ' ' || coalesce(new.raw_area, new.area),
    coalesce(new.summary, '') || ' ' || new.party_a || ' ' || new.party_b || ' ' || coalesce(new.temporary_solution_text, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `disputes_fts_ad` AFTER DELETE ON `disputes` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_fts_ai` AFTER INSERT ON `lessons` BEGIN
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4 + 2, 'lesson', new.id,
    coalesce(new.agreement_ref, ''),
    new.text || ' ' || coalesce(new.recommended_practice, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_fts_au` AFTER UPDATE ON `lessons` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4 + 2;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.id * 4 + 2, 'lesson', new.id,
    coalesce(new.agreement_ref, ''),
    new.text || ' ' || coalesce(new.recommended_practice, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_fts_ad` AFTER DELETE ON `lessons` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.id * 4 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `precedents_fts_ai` AFTER INSERT ON `precedents` BEGIN
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.rowid * 4 + 3, 'precedent', new.id,
    new.title,
    new.facts || ' ' || new.question || ' ' || new.resolution || ' ' || new.principle || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), '') || ' ' ||
      coalesce((SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(coalesce(new.imported_lessons, '[]'))), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `precedents_fts_au` AFTER UPDATE ON `precedents` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.rowid * 4 + 3;
  INSERT INTO `search_fts`(rowid, kind, ref, title, body) VALUES (new.rowid * 4 + 3, 'precedent', new.id,
    new.title,
    new.facts || ' ' || new.question || ' ' || new.resolution || ' ' || new.principle || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), '') || ' ' ||
      coalesce((SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(coalesce(new.imported_lessons, '[]'))), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `precedents_fts_ad` AFTER DELETE ON `precedents` BEGIN
  DELETE FROM `search_fts` WHERE rowid = old.rowid * 4 + 3;
END;
