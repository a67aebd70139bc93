{# The reporting period with the last date the subscription data is
    complete for: adoption__subscriptions_complete_through when it is set
    and earlier than the as-of date, otherwise the as-of date. This is the
    churn cut-off of int_account_lifespans. Measures built on subscriptions
    (logo and ARR retention, upgrade outcomes) are known only through it. #}

{% set complete_through = var('adoption__subscriptions_complete_through') %}

with

period as (

    select * from {{ ref('int_reporting_period') }}

),

bounded as (

    select
        as_of_date,
        last_complete_week_start_date,
        {% if complete_through -%}
        least(as_of_date, cast('{{ complete_through }}' as date))
        {%- else -%}
        as_of_date
        {%- endif %} as subscriptions_complete_through

    from period

)

select * from bounded
