{#- One table per input file, loaded with COPY on every run: <name>.csv with
    a header, every column as text, as on DuckDB. The database server reads
    the files itself, so it must run on the machine that holds them, the
    folder must be an absolute path, and the dbt user needs superuser or the
    role pg_read_server_files. Parquet files are not read: load them into the
    raw schema yourself and set adoption__read_input_files to false. -#}
{% macro postgres__register_input_files() %}
    {%- set data_dir = (var('adoption__data_dir') | string).rstrip('/') -%}
    {%- set raw_schema = var('adoption__raw_schema') -%}
    {%- if not data_dir.startswith('/') -%}
        {{ exceptions.raise_compiler_error(
            "Invalid ADOPTION_DATA_DIR '" ~ data_dir ~ "': on PostgreSQL it must be an "
            ~ "absolute path, because the database server reads the files from its own "
            ~ "working folder."
        ) }}
    {%- endif -%}
    {%- do run_query('create schema if not exists ' ~ raw_schema) -%}

    {%- for table in adoption_input_tables() -%}
        {%- set csv_path = data_dir ~ '/' ~ table.name ~ '.csv' -%}
        {%- set parquet_path = data_dir ~ '/' ~ table.name ~ '.parquet' -%}
        {%- do adoption_postgres_drop_input_table(raw_schema, table.name) -%}

        {%- if adoption_postgres_file_exists(csv_path) -%}
            {%- do adoption_postgres_load_csv(raw_schema, table.name, csv_path) -%}
            {%- do log('Input ' ~ table.name ~ ': ' ~ csv_path, info=true) -%}
        {%- elif adoption_postgres_file_exists(parquet_path) -%}
            {{ exceptions.raise_compiler_error(
                "Input file " ~ parquet_path ~ " is Parquet, which PostgreSQL cannot read. "
                ~ "Write it as " ~ csv_path ~ ", or load it into " ~ raw_schema ~ "."
                ~ table.name ~ " and set the var adoption__read_input_files to false."
            ) }}
        {%- elif table.required -%}
            {%- do adoption_raise_missing_input(table.name, [csv_path]) -%}
        {%- else -%}
            {%- do log('Input ' ~ table.name ~ ': no file, optional', info=true) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- psycopg2 opened a transaction that dbt does not track in hooks;
        without a commit, the models' connections would not see the tables. -#}
    {%- do run_query('commit') -%}
    {{ return('') }}
{% endmacro %}

{#- Whether the database server sees a file at this path. A row test
    (record is not null) would be false for a file, whose creation time is
    null on Linux, so the test reads one field. -#}
{% macro adoption_postgres_file_exists(path) %}
    {%- set result = run_query(
        'select (pg_stat_file(' ~ adoption_sql_string(path) ~ ', true)).size is not null'
    ) -%}
    {{ return(result.columns[0].values()[0]) }}
{% endmacro %}

{#- Create a text table with the columns of the CSV header and copy the file
    into it. The comment marks the table as loaded from a file, so that a
    later run may drop it. -#}
{% macro adoption_postgres_load_csv(schema, name, path) %}
    {%- set header = run_query(
        'select split_part(pg_read_file(' ~ adoption_sql_string(path)
        ~ ', 0, 65536), chr(10), 1)'
    ).columns[0].values()[0] -%}
    {%- set columns = [] -%}
    {%- for raw_name in header.lstrip('\ufeff').rstrip('\r').split(',') -%}
        {%- set column_name = raw_name.strip().strip('"').strip().lower() -%}
        {%- if not modules.re.match('^[a-z_][a-z0-9_]*$', column_name) -%}
            {{ exceptions.raise_compiler_error(
                "Invalid column name '" ~ raw_name ~ "' in the header of " ~ path
                ~ ": use letters, digits and underscores."
            ) }}
        {%- endif -%}
        {%- do columns.append(column_name ~ ' text') -%}
    {%- endfor -%}

    {%- set table_name = schema ~ '.' ~ name -%}
    {%- do run_query('create table ' ~ table_name ~ ' (' ~ columns | join(', ') ~ ')') -%}
    {%- do run_query(
        'copy ' ~ table_name ~ ' from ' ~ adoption_sql_string(path)
        ~ ' with (format csv, header true)'
    ) -%}
    {%- do run_query(
        'comment on table ' ~ table_name ~ ' is '
        ~ adoption_sql_string('adoption_intelligence input file ' ~ path)
    ) -%}
{% endmacro %}

{#- Drop the input table of an earlier run. A table without the project's
    comment was loaded by someone else, so it stops the run instead. -#}
{% macro adoption_postgres_drop_input_table(schema, name) %}
    {%- set table_name = schema ~ '.' ~ name -%}
    {%- set found = run_query(
        "select obj_description(to_regclass(" ~ adoption_sql_string(table_name)
        ~ "), 'pg_class'), to_regclass(" ~ adoption_sql_string(table_name) ~ ") is not null"
    ).rows[0] -%}
    {%- if not found[1] -%}
        {{ return('') }}
    {%- endif -%}
    {%- if not (found[0] or '').startswith('adoption_intelligence input file ') -%}
        {{ exceptions.raise_compiler_error(
            "Table " ~ table_name ~ " holds loaded data, and reading the input files "
            ~ "would replace it. Set the var adoption__read_input_files to false to build "
            ~ "from the loaded tables."
        ) }}
    {%- endif -%}
    {%- do run_query('drop table ' ~ table_name) -%}
{% endmacro %}
