-- Cases per township in every month up to the end of a period for which the case table has data (zeros
-- included), for the "N consecutive months without a case" criterion.
-- Params: $end (DATE, first day of the last month). Months without any case rows are left out: unknown.
with observed_months as (
    select distinct month
    from cases
    where month <= $end::date
),
monthly_totals as (
    select township_code, month, sum(cases) as cases
    from cases
    where month <= $end::date
    group by all
)
select t.code as township_code, o.month, coalesce(m.cases, 0) as cases
from townships t
cross join observed_months o
left join monthly_totals m on m.township_code = t.code and m.month = o.month
order by t.code, o.month
