-- owner_identities_rule: the identity of every owner key a rename names
-- (rtp.OwnerIdentities): the key of the owner's first name, followed back
-- from each new_key to its old_key. Should renames give a key two
-- identities, the least wins; keys on a cycle have none.
WITH RECURSIVE chain (key, identity) AS (
    SELECT old_key, old_key FROM owner_renames WHERE old_key NOT IN (SELECT new_key FROM owner_renames)
    UNION SELECT n.new_key, c.identity FROM owner_renames n JOIN chain c ON n.old_key = c.key)
SELECT key, min(identity) AS identity FROM chain GROUP BY key
