-- Audit log entries, newest first.
-- Params: $actions (VARCHAR[]; empty = all), $user_name (VARCHAR; null = all), $since (TIMESTAMP; null = no bound),
--         $until (TIMESTAMP, exclusive; null = no bound), $row_limit (BIGINT)
with entries as (
    select id, "at", user_name, action, detail, file_name
    from audit_log
    where (len($actions) = 0 or list_contains($actions, action))
      and ($user_name is null or user_name = $user_name)
      and ($since is null or "at" >= $since)
      and ($until is null or "at" < $until)
)
select *
from entries
order by id desc
limit $row_limit
