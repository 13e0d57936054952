-- Import batches, newest first: what each wrote, from which file, and whether it was undone.
-- Params: none
select batch_id, source, file_name, sha256, kinds, counts, created_at, created_by, status, undone_at
from import_batches
order by batch_id desc
