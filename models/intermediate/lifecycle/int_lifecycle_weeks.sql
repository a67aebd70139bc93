{# One row per week (Monday to Sunday) from the week the first account was
    created to the last complete week: the calendar that lifecycle rows are
    laid on, so that a week without any activity still gets its row. #}

with

weeks as (

    {{ adoption_week_spine(
        "(select min(" ~ adoption_week_start('created_date') ~ ") from "
            ~ ref('int_account_lifespans') ~ ")",
        "(select " ~ dbt.dateadd('week', 1, 'max(last_complete_week_start_date)')
            ~ " from " ~ ref('int_reporting_period') ~ ")"
    ) }}

),

bounded as (

    select
        cast(date_week as date) as week_start_date,
        cast({{ dbt.dateadd('day', 7, 'date_week') }} as date) as week_end_date

    from weeks

)

select * from bounded
