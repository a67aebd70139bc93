{#- The last day on which churn labels can be observed: the as-of date, or
    adoption__subscriptions_complete_through when that is earlier. This is
    the churn cut-off of int_account_lifespans, applied to every label: a
    simulation that stops renewing subscriptions also stops churning, so
    neither kind of churn can be seen after that date. -#}
{% macro adoption_label_horizon(as_of_date_column) %}
    {%- set complete_through = var('adoption__subscriptions_complete_through') -%}
    {%- if complete_through -%}
        least({{ as_of_date_column }}, cast('{{ complete_through }}' as date))
    {%- else -%}
        {{ as_of_date_column }}
    {%- endif -%}
{%- endmacro %}
