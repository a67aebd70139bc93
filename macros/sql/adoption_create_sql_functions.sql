{#- Create the SQL functions that some engines need for the project's
    cross-database macros, before each run. Engines whose built-in functions
    suffice need none. -#}
{% macro adoption_create_sql_functions() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{- return(adapter.dispatch('adoption_create_sql_functions', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_create_sql_functions() %}
    {{ return('') }}
{% endmacro %}

{#- PostgreSQL has no try_cast, so each function casts text to one type and
    returns null when the text is invalid for it (any data_exception, such
    as invalid_text_representation or datetime_field_overflow). They run in
    UTC with ISO dates whatever the session's settings, so that text without
    an offset is read as UTC. -#}
{% macro postgres__adoption_create_sql_functions() %}
    {%- set function_schema = target.schema -%}
    {%- do run_query('create schema if not exists ' ~ function_schema) -%}

    {%- for data_type, function_name in adoption_postgres_try_cast_functions().items() -%}
        {%- do run_query(adoption_postgres_safe_function_sql(
            function_schema ~ '.' ~ function_name,
            data_type,
            'cast(value as ' ~ data_type ~ ')',
        )) -%}
    {%- endfor -%}

    {%- do run_query(adoption_postgres_safe_function_sql(
        function_schema ~ '.adoption_to_utc_timestamp',
        'timestamp',
        "cast(value as timestamp with time zone) at time zone 'UTC'",
    )) -%}
    {#- psycopg2 opened a transaction that dbt does not track in hooks, and
        only a commit makes the functions visible to the models' connections. -#}
    {%- do run_query('commit') -%}
    {{ return('') }}
{% endmacro %}

{#- The try-cast function of each type that adoption_try_cast accepts on
    PostgreSQL, by the type's name as dbt's type macros give it. -#}
{% macro adoption_postgres_try_cast_functions() %}
    {{ return({
        'integer': 'adoption_try_cast_integer',
        'bigint': 'adoption_try_cast_bigint',
        'double precision': 'adoption_try_cast_double',
        'numeric': 'adoption_try_cast_numeric',
        'date': 'adoption_try_cast_date',
        'boolean': 'adoption_try_cast_boolean',
        'timestamp': 'adoption_try_cast_timestamp',
    }) }}
{% endmacro %}

{#- The statement that creates a function of one text argument, value,
    returning the expression, or null when it raises a data exception. -#}
{% macro adoption_postgres_safe_function_sql(function_name, return_type, expression) %}
    {%- set sql -%}
create or replace function {{ function_name }}(value text)
returns {{ return_type }}
language plpgsql
stable
set timezone to 'UTC'
set datestyle to 'ISO, YMD'
as $function$
begin
    return {{ expression }};
exception
    when data_exception then
        return null;
end;
$function$
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}
