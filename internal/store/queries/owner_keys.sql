-- owner_keys: the keys of every name of the owner whose key
-- (rtp.OwnerKey) is :owner_key: that key and those its renames link to it
-- (owner_identities).
SELECT :owner_key UNION SELECT key FROM owner_identities
WHERE identity = (SELECT identity FROM owner_identities WHERE key = :owner_key)
