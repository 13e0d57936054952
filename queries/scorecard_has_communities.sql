-- Whether any activity record of a period names a village or community (村社区): one row, one boolean.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive).
with named as (
    select 1
    from activities
    where date between $start::date and last_day($end::date)
      and trim(coalesce(community, '')) <> ''
    limit 1
)
select count(*) > 0 as has_communities
from named
