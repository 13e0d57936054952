-- Victims per township and age band in a period, for the follow-up advice.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive).
with victims_period as (
    select township_code, age_band, sum(victims) as victims
    from case_victims
    where month between $start::date and $end::date
    group by all
)
select township_code, age_band, victims
from victims_period
where victims > 0
order by township_code, age_band
