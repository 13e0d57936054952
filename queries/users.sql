-- Accounts without their password hashes, by name.
-- Params: none
with accounts as (
    select name, role, disabled, created_at, failed_count, locked_until
    from users
)
select *
from accounts
order by name
