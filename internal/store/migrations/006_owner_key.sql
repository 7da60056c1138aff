-- Version 6: an owner is one identity whatever the case or Unicode form:
-- assignments keep rtp.OwnerKey(owner) in owner_key, and owners are compared
-- by it (NOCASE folded ASCII letters only). SQL cannot compute the key, so
-- fillOwnerKeys fills it for the rows already there, in the same transaction.
ALTER TABLE assignments ADD COLUMN owner_key TEXT NOT NULL DEFAULT '';
DROP INDEX assignments_by_recommendation;
DROP INDEX assignments_by_owner;
-- schema: assignments_by_recommendation assignments_by_owner
