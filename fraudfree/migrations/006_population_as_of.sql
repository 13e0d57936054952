-- Schema version 6: one definition of "a township's population for a period", used by every query that needs it:
-- the latest year in or before the year of the period's last month, else the earliest year known.
create or replace macro population_as_of(last_month) as table
    select township_code, year, population, households, aged_60_plus
    from population
    qualify row_number() over (
        partition by township_code
        order by case when year <= year(last_month) then year(last_month) - year else 1000 + year end
    ) = 1;
