-- Volunteer service month by month in the selected townships; months without service show zeros.
-- Returns month (DATE), service_days (records), volunteers (person-times), hours, reach.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with months as (
    select unnest(generate_series($start::date, $end::date, interval 1 month))::date as month
),
monthly_service as (
    select date_trunc('month', date)::date as month, count(*) as service_days, sum(volunteers)::bigint as volunteers,
           sum(hours) as hours, sum(reach)::bigint as reach
    from volunteer_hours
    where date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
    group by all
)
select m.month, coalesce(s.service_days, 0) as service_days, coalesce(s.volunteers, 0) as volunteers,
       coalesce(s.hours, 0) as hours, coalesce(s.reach, 0) as reach
from months m
left join monthly_service s using (month)
order by m.month
