-- Every input row is accepted, rejected with a reason, or a removed later
-- copy of an event: a table where the counts do not add up lost or invented
-- rows somewhere between staging and the accepted models.

select
    source_table,
    raw_rows,
    accepted_rows,
    rejected_rows,
    duplicate_rows

from {{ ref('dq_row_counts') }}

where raw_rows != accepted_rows + rejected_rows + duplicate_rows
