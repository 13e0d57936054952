-- Month by month: cases, losses, solved, people reached and volunteer hours for a set of townships.
-- Params: $start (DATE), $end (DATE, first day of the last month, inclusive), $townships (VARCHAR[]; empty = all),
--         $fraud_types (VARCHAR[]; empty = all; restricts the case figures only).
with selected as (
    select code as township_code from townships
    where len($townships::varchar[]) = 0 or list_contains($townships::varchar[], code)
),
months as (
    select unnest(generate_series($start::date, $end::date, interval 1 month))::date as month
),
monthly_cases as (
    select month, sum(cases) as cases, sum(loss_yuan) as loss_yuan, sum(solved) as solved
    from cases join selected using (township_code)
    where month between $start and $end
      and (len($fraud_types::varchar[]) = 0 or list_contains($fraud_types::varchar[], fraud_type))
    group by month
),
monthly_reach as (
    select date_trunc('month', date)::date as month, sum(reach) as reach
    from activities join selected using (township_code)
    where date between $start and last_day($end)
    group by all
),
monthly_hours as (
    select date_trunc('month', date)::date as month, sum(hours) as volunteer_hours
    from volunteer_hours join selected using (township_code)
    where date between $start and last_day($end)
    group by all
)
select m.month,
       coalesce(c.cases, 0) as cases, coalesce(c.loss_yuan, 0) as loss_yuan, coalesce(c.solved, 0) as solved,
       coalesce(r.reach, 0) as reach, coalesce(h.volunteer_hours, 0) as volunteer_hours
from months m
left join monthly_cases c using (month)
left join monthly_reach r using (month)
left join monthly_hours h using (month)
order by m.month
