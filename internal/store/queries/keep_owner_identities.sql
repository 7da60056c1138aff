-- keep_owner_identities: fills owner_identities, emptied first, from the
-- renames by the rule.
INSERT INTO owner_identities (key, identity) SELECT key, identity FROM (
-- include: owner_identities_rule
)
