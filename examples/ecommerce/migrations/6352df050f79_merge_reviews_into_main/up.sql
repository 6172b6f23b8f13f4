-- merge reviews into main
-- Revision: 6352df050f79   Parents: 305ec437cc2b, dbd347db6d9e

-- A merge point: nothing to run.
