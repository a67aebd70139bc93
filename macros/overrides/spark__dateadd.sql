{#- dateadd on Spark, through timestampadd. dbt-spark 1.11.0's own goes
    through whole Unix seconds, so it drops the fraction of a second of a
    timestamp, and it multiplies the interval without brackets, so an
    interval written as an expression is added wrongly. timestampadd keeps
    microseconds and returns a timestamp, as dateadd does on DuckDB. This
    macro overrides dbt-spark's own for this project. -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) %}
    {%- set units = {
        'microsecond': 'MICROSECOND',
        'millisecond': 'MILLISECOND',
        'second': 'SECOND',
        'minute': 'MINUTE',
        'hour': 'HOUR',
        'day': 'DAY',
        'week': 'WEEK',
        'month': 'MONTH',
        'quarter': 'QUARTER',
        'year': 'YEAR'
    } -%}
    {%- if datepart | lower not in units -%}
        {{ exceptions.raise_compiler_error(
            "dateadd on Spark does not know the date part '" ~ datepart
            ~ "'; use one of: " ~ units.keys() | join(', ')
        ) }}
    {%- endif -%}
    timestampadd(
        {{ units[datepart | lower] }},
        cast(({{ interval }}) as bigint),
        {{ from_date_or_timestamp }}
    )
{%- endmacro %}
