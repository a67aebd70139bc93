{#- Seed rows on Spark, written as SQL literals. dbt-spark 1.11.0 binds seed
    values as text on the session method, so an empty CSV cell becomes the
    string 'None' and a quote inside a value breaks the statement. Here an
    empty cell becomes null, and each other value is quoted with its
    backslashes and quotes escaped, then cast to the column's type. This
    macro overrides dbt-spark's own for this project. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_types = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}

    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set rows_sql = [] -%}
        {%- for row in chunk -%}
            {%- set values_sql = [] -%}
            {%- for column_name in agate_table.column_names -%}
                {%- set value = row[loop.index0] -%}
                {%- set column_type = column_types.get(
                    column_name, adapter.convert_type(agate_table, loop.index0)
                ) -%}
                {%- if value is none -%}
                    {%- do values_sql.append('cast(null as ' ~ column_type ~ ')') -%}
                {%- else -%}
                    {%- set text = value | string | replace('\\', '\\\\') | replace("'", "\\'") -%}
                    {%- do values_sql.append("cast('" ~ text ~ "' as " ~ column_type ~ ")") -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do rows_sql.append('(' ~ values_sql | join(', ') ~ ')') -%}
        {%- endfor -%}

        {%- set sql -%}
            insert into {{ this.render() }} values
            {{ rows_sql | join(',\n') }}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}

    {{- return(statements[0] if statements else '') -}}
{% endmacro %}
