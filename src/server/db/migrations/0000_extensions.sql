-- The unit tree is an ltree; Vietnamese search folds diacritics (unaccent) and finds near matches (pg_trgm).
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
