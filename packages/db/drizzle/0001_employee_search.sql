-- Substring search over employees (packages/db/src/search.ts): an FTS5 trigram index on the
-- searched columns, external content (the text lives only in `employees`), kept in sync by
-- triggers. drizzle-kit can not express virtual tables, so this migration is written by hand:
-- keep it when regenerating 0000_init.
CREATE VIRTUAL TABLE `employees_search` USING fts5(search_text, email, username, phone, content='employees', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `employees_search`(`employees_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `employees_search_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employees_search`(rowid, search_text, email, username, phone) VALUES (new.id, new.search_text, new.email, new.username, new.phone);
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_delete` AFTER DELETE ON `employees` BEGIN
  INSERT INTO `employees_search`(`employees_search`, rowid, search_text, email, username, phone) VALUES ('delete', old.id, old.search_text, old.email, old.username, old.phone);
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_update` AFTER UPDATE OF search_text, email, username, phone ON `employees` BEGIN
  INSERT INTO `employees_search`(`employees_search`, rowid, search_text, email, username, phone) VALUES ('delete', old.id, old.search_text, old.email, old.username, old.phone);
  INSERT INTO `employees_search`(rowid, search_text, email, username, phone) VALUES (new.id, new.search_text, new.email, new.username, new.phone);
END;
