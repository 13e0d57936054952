-- Publicity activities month by month, by method (宣传方式), channel (渠道) and lead partner department (牵头单位)
-- together, so that each breakdown, and what each method reaches for its effort, is a sum over these rows.
-- Returns one row per month and combination present: month (DATE), method, channel, partner (null where the
-- activities left them blank), activities (rows), reach (覆盖人次), staff (参与人数), app_signups (现场注册APP);
-- staff and app_signups are null where every activity left them blank (not recorded).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with in_period as (
    select date_trunc('month', date)::date as month, method, channel, partner, reach, staff, app_signups
    from activities
    -- last_day keeps the bound a DATE ($end + interval 1 month is a timestamp, and every row's date gets cast).
    where date between $start and last_day($end)
      -- A CASE rather than OR, so that DuckDB skips the per-row list lookup when no township is chosen.
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
)
select month, method, channel, partner, count(*) as activities, sum(reach)::bigint as reach,
       sum(staff)::bigint as staff, sum(app_signups)::bigint as app_signups
from in_period
group by all
order by month, method, channel, partner
