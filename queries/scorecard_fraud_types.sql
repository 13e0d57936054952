-- Cases and losses per township and fraud type in a period, for the follow-up advice.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive).
with cases_period as (
    select township_code, fraud_type, sum(cases) as cases, sum(coalesce(loss_yuan, 0)) as loss
    from cases
    where month between $start::date and $end::date
    group by all
)
select township_code, fraud_type, cases, loss
from cases_period
where cases > 0
order by township_code, cases desc, fraud_type
