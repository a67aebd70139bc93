{#- One table per input file, loaded with COPY on every run: <name>.csv with
    a header, every column as text, as on DuckDB. The database server reads
    the files itself, so it must run on the machine that holds them, the
    folder must be an absolute path, and the dbt user needs superuser or the
    role pg_read_server_files. Parquet files are not read, so load them into
    the raw schema yourself and set adoption__read_input_files to false. -#}
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
        {%- set loaded_columns = adoption_postgres_loaded_columns(raw_schema, table.name) -%}

        {%- if adoption_postgres_file_exists(csv_path) -%}
            {%- do adoption_postgres_load_csv(raw_schema, table.name, csv_path, loaded_columns) -%}
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
            {#- A table left over from an earlier run on another folder must
                not stand in for a file that is absent now. -#}
            {%- if loaded_columns is not none -%}
                {%- do adoption_postgres_drop_input_table(raw_schema, table.name) -%}
            {%- endif -%}
            {%- do log('Input ' ~ table.name ~ ': no file, optional', info=true) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- psycopg2 opened a transaction that dbt does not track in hooks.
        Without a commit, the models' connections would not see the tables. -#}
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

{#- Copy a CSV file into a text table with the columns of its header. A
    table of an earlier run with the same columns is emptied and refilled,
    so the staging views on it stay in place; otherwise it is created anew.
    The comment marks the table as loaded from a file. -#}
{% macro adoption_postgres_load_csv(schema, name, path, loaded_columns) %}
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
        {%- do columns.append(column_name) -%}
    {%- endfor -%}

    {%- set table_name = schema ~ '.' ~ name -%}
    {%- if loaded_columns == columns -%}
        {%- do run_query('truncate table ' ~ table_name) -%}
    {%- else -%}
        {%- if loaded_columns is not none -%}
            {%- do adoption_postgres_drop_input_table(schema, name) -%}
        {%- endif -%}
        {%- do run_query(
            'create table ' ~ table_name ~ ' (' ~ columns | join(' text, ') ~ ' text)'
        ) -%}
    {%- endif -%}
    {%- do run_query(
        'copy ' ~ table_name ~ ' from ' ~ adoption_sql_string(path)
        ~ ' with (format csv, header true)'
    ) -%}
    {%- do run_query(
        'comment on table ' ~ table_name ~ ' is '
        ~ adoption_sql_string('adoption_intelligence input file ' ~ path)
    ) -%}
{% endmacro %}

{#- The columns of the input table of an earlier run, or none when there is
    no such table. A table without the project's comment was loaded by
    someone else, so it stops the run instead of being replaced. -#}
{% macro adoption_postgres_loaded_columns(schema, name) %}
    {%- set table_name = schema ~ '.' ~ name -%}
    {%- set found = run_query(
        "select to_regclass(" ~ adoption_sql_string(table_name) ~ ") is not null, "
        ~ "obj_description(to_regclass(" ~ adoption_sql_string(table_name) ~ "), 'pg_class')"
    ).rows[0] -%}
    {%- if not found[0] -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not (found[1] or '').startswith('adoption_intelligence input file ') -%}
        {{ exceptions.raise_compiler_error(
            "Table " ~ table_name ~ " holds loaded data, and reading the input files "
            ~ "would replace it. Set the var adoption__read_input_files to false to build "
            ~ "from the loaded tables."
        ) }}
    {%- endif -%}
    {%- set columns = run_query(
        "select column_name from information_schema.columns where table_schema = "
        ~ adoption_sql_string(schema) ~ " and table_name = " ~ adoption_sql_string(name)
        ~ " order by ordinal_position"
    ) -%}
    {{ return(columns.columns[0].values() | list) }}
{% endmacro %}

{#- Drop an input table of an earlier run with the views built on it, which
    the models of this run build again. The views are dropped through dbt's
    adapter, because dbt listed them before this hook ran and would
    otherwise try to replace views that no longer exist. NOTE: a run that
    selects only some models leaves the other views missing until a full
    run. -#}
{% macro adoption_postgres_drop_input_table(schema, name) %}
    {%- set table_name = adoption_sql_string(schema ~ '.' ~ name) -%}
    {%- set dependent_views = run_query(
        "select distinct view_namespace.nspname, view_class.relname "
        ~ "from pg_depend "
        ~ "inner join pg_rewrite on pg_depend.objid = pg_rewrite.oid "
        ~ "inner join pg_class as view_class on pg_rewrite.ev_class = view_class.oid "
        ~ "inner join pg_namespace as view_namespace "
        ~ "on view_class.relnamespace = view_namespace.oid "
        ~ "where pg_depend.classid = 'pg_rewrite'::regclass "
        ~ "and pg_depend.refobjid = to_regclass(" ~ table_name ~ ") "
        ~ "and view_class.oid != to_regclass(" ~ table_name ~ ")"
    ) -%}
    {%- for view in dependent_views.rows -%}
        {%- do adapter.drop_relation(api.Relation.create(
            database=target.database, schema=view[0], identifier=view[1], type='view'
        )) -%}
    {%- endfor -%}
    {%- do log(
        'Input ' ~ schema ~ '.' ~ name ~ ': replacing the table of an earlier run and '
        ~ (dependent_views.rows | length) ~ ' views on it, which this run rebuilds',
        info=true
    ) -%}
    {%- do run_query('drop table ' ~ schema ~ '.' ~ name) -%}
{% endmacro %}
