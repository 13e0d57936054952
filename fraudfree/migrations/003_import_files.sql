-- Schema version 3: the files of each import batch, so that a file imported again is known by its content
-- (one batch may hold several files; import_batches.sha256 keeps the hash only when it holds one).
create table import_files (
    batch_id bigint not null,
    file_name varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null
);
