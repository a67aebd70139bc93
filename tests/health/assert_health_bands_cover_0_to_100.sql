-- The health bands tile [0, 100] without gaps or overlaps: the first band
-- starts at 0, each band ends where the next starts, and only the last band
-- is open at the top.

with

bands as (

    select
        health_band,
        min_score,
        max_score,
        lead(min_score) over (order by min_score) as next_min_score,
        row_number() over (order by min_score) as position_from_bottom

    from {{ ref('health_bands') }}

)

select *

from bands

where
    (position_from_bottom = 1 and min_score != 0)
    or (next_min_score is not null and max_score is null)
    or (next_min_score is not null and max_score != next_min_score)
    or (next_min_score is null and max_score is not null)
