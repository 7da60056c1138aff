-- web_list_page_private: whether the tracker holds any private update or
-- private evidence, whatever its date: while it holds none, the kept
-- state's evidence counts and last updates are those serve shows, and a
-- list page may be sorted and filtered on them in SQL.
SELECT EXISTS (SELECT 1 FROM updates WHERE private = 1) OR EXISTS (SELECT 1 FROM evidence WHERE private = 1)
