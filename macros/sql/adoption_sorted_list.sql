{#- The non-null values of a text expression in one string, sorted
    ascending and joined by a separator, or null when there are none. dbt's
    listagg on Spark collects values in the order the rows happen to
    arrive, so Spark sorts the collected array instead, and turns the empty
    text that array_join gives for no values into null. -#}
{% macro adoption_sorted_list(expression, separator) %}
    {{- return(adapter.dispatch('adoption_sorted_list', 'adoption_intelligence')(expression, separator)) -}}
{% endmacro %}

{% macro default__adoption_sorted_list(expression, separator) %}
    {{ dbt.listagg(expression, adoption_sql_string(separator), 'order by ' ~ expression) }}
{%- endmacro %}

{% macro spark__adoption_sorted_list(expression, separator) %}
    case
        when size(collect_list({{ expression }})) > 0
            then array_join(
                array_sort(collect_list({{ expression }})), {{ adoption_sql_string(separator) }}
            )
    end
{%- endmacro %}
