-- Undo: merge reviews into main
-- Revision: 6352df050f79

-- A merge point: nothing to run.
