-- SCB's kommun codes are Tranemo 1452 and Svenljunga 1465; workspaces created before this fix
-- had them the other way round, so population figures imported in SCB's "1452 Tranemo" form
-- landed on the wrong kommun. Only a workspace whose reference table shows the old error is
-- changed (a new workspace gets its reference data after the migrations, already right).
-- The content hashes of the moved deviations (and their history) are recomputed in TypeScript
-- (electron/core/db/repairs.ts) from the row left in pending_repairs, in the same open.
CREATE TABLE `_kommun_code_fix` (`old` text PRIMARY KEY NOT NULL, `new` text NOT NULL);
--> statement-breakpoint
INSERT INTO `_kommun_code_fix` SELECT '1452', '1465' WHERE EXISTS (SELECT 1 FROM `ref_kommuner` WHERE `code` = '1452' AND `name` = 'Svenljunga');
--> statement-breakpoint
INSERT INTO `_kommun_code_fix` SELECT '1465', '1452' WHERE EXISTS (SELECT 1 FROM `ref_kommuner` WHERE `code` = '1465' AND `name` = 'Tranemo');
--> statement-breakpoint
UPDATE `ref_kommuner` SET `code` = '#' || `code` WHERE `code` IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
UPDATE `ref_kommuner` SET `code` = (SELECT `new` FROM `_kommun_code_fix` WHERE '#' || `old` = `ref_kommuner`.`code`) WHERE `code` LIKE '#%';
--> statement-breakpoint
UPDATE `workspace_kommuner` SET `code` = '#' || `code` WHERE `code` IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
UPDATE `workspace_kommuner` SET `code` = (SELECT `new` FROM `_kommun_code_fix` WHERE '#' || `old` = `workspace_kommuner`.`code`) WHERE `code` LIKE '#%';
--> statement-breakpoint
UPDATE `ref_population` SET `kommun_code` = '#' || `kommun_code` WHERE `kommun_code` IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
UPDATE `ref_population` SET `kommun_code` = (SELECT `new` FROM `_kommun_code_fix` WHERE '#' || `old` = `ref_population`.`kommun_code`) WHERE `kommun_code` LIKE '#%';
--> statement-breakpoint
UPDATE `dev_sum_kommun` SET `kommun_code` = '#' || `kommun_code` WHERE `kommun_code` IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
UPDATE `dev_sum_kommun` SET `kommun_code` = (SELECT `new` FROM `_kommun_code_fix` WHERE '#' || `old` = `dev_sum_kommun`.`kommun_code`) WHERE `kommun_code` LIKE '#%';
--> statement-breakpoint
UPDATE `deviations` SET `kommun_code` = (SELECT `new` FROM `_kommun_code_fix` WHERE `old` = `deviations`.`kommun_code`) WHERE `kommun_code` IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
UPDATE `deviation_history` SET `data` = json_set(`data`, '$.kommun_code', (SELECT `new` FROM `_kommun_code_fix` WHERE `old` = json_extract(`deviation_history`.`data`, '$.kommun_code'))) WHERE json_extract(`data`, '$.kommun_code') IN (SELECT `old` FROM `_kommun_code_fix`);
--> statement-breakpoint
CREATE TABLE `pending_repairs` (`name` text PRIMARY KEY NOT NULL);
--> statement-breakpoint
INSERT INTO `pending_repairs` SELECT 'rehash-kommun-1452-1465' WHERE EXISTS (SELECT 1 FROM `_kommun_code_fix`);
--> statement-breakpoint
DROP TABLE `_kommun_code_fix`;
