-- The weights of the health score add up to 1, so that each weight reads as
-- the share of the score its measure can move. Scores renormalise anyway;
-- a different sum means the seed was edited by hand and not rescaled.

select sum(weight) as total_weight

from {{ ref('health_score_weights') }}

having abs(sum(weight) - 1) > 0.000001
