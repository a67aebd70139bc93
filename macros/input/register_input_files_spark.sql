{#- One external table per input file, reading the file in place: <name>.parquet,
    <name>.csv or a folder <name>/ of Parquet files, in that order. CSV is
    read with its header and without type inference, so every column is a
    string, as on DuckDB. Dropping an external table leaves its files alone. -#}
{% macro spark__register_input_files() %}
    {%- set data_dir = (var('adoption__data_dir') | string).rstrip('/') -%}
    {%- set raw_schema = var('adoption__raw_schema') -%}
    {#- A table resolves a relative path against its schema's folder, so a
        relative folder is made absolute against the folder dbt runs in,
        which is the working folder of the session's JVM. -#}
    {%- if not data_dir.startswith('/') and '://' not in data_dir -%}
        {%- set working_dir = run_query(
            "select java_method('java.lang.System', 'getProperty', 'user.dir')"
        ).columns[0].values()[0] -%}
        {%- set data_dir = working_dir.rstrip('/') ~ '/' ~ data_dir -%}
    {%- endif -%}
    {%- do run_query('create schema if not exists ' ~ raw_schema) -%}

    {%- for table in adoption_input_tables() -%}
        {%- set candidates = [
            {'path': data_dir ~ '/' ~ table.name ~ '.parquet', 'reader': 'parquet', 'options': {}},
            {'path': data_dir ~ '/' ~ table.name ~ '.csv', 'reader': 'csv', 'options': {
                'header': 'true', 'escape': '"', 'multiLine': 'true'
            }},
            {'path': data_dir ~ '/' ~ table.name, 'reader': 'parquet', 'options': {
                'pathGlobFilter': '*.parquet'
            }},
        ] -%}
        {%- set found = [] -%}
        {%- for candidate in candidates if not found -%}
            {%- if adoption_spark_path_has_rows(raw_schema, candidate.path, candidate.options) -%}
                {%- do found.append(candidate) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- set table_name = raw_schema ~ '.' ~ table.name -%}
        {%- do adoption_spark_drop_input_table(raw_schema, table.name) -%}
        {%- if found -%}
            {%- set options = {'path': found[0].path} -%}
            {%- do options.update(found[0].options) -%}
            {%- do run_query(
                'create table ' ~ table_name ~ ' using ' ~ found[0].reader
                ~ ' options (' ~ adoption_spark_options(options) ~ ')'
            ) -%}
            {%- do log('Input ' ~ table.name ~ ': ' ~ found[0].path, info=true) -%}
        {%- elif table.required -%}
            {%- do adoption_raise_missing_input(
                table.name,
                [candidates[0].path, candidates[1].path, candidates[2].path ~ '/*.parquet']
            ) -%}
        {%- else -%}
            {%- do log('Input ' ~ table.name ~ ': no file, optional', info=true) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}

{#- Whether a file or folder exists and holds at least one line. Spark fails
    when a path given to a query or a view does not exist, but a catalog
    table over a missing path reads as empty, so the check goes through a
    throw-away text table. An empty file counts as missing. -#}
{% macro adoption_spark_path_has_rows(schema, path, options) %}
    {%- set probe_name = schema ~ '.adoption_input_probe' -%}
    {%- set probe_options = {'path': path} -%}
    {%- if 'pathGlobFilter' in options -%}
        {%- do probe_options.update({'pathGlobFilter': options.pathGlobFilter}) -%}
    {%- endif -%}
    {%- do run_query('drop table if exists ' ~ probe_name) -%}
    {%- do run_query(
        'create table ' ~ probe_name ~ ' (value string) using text options ('
        ~ adoption_spark_options(probe_options) ~ ')'
    ) -%}
    {%- set lines = run_query(
        'select count(*) from (select 1 from ' ~ probe_name ~ ' limit 1) as first_line'
    ) -%}
    {%- do run_query('drop table ' ~ probe_name) -%}
    {{ return(lines.columns[0].values()[0] > 0) }}
{% endmacro %}

{#- Drop the input table of an earlier run. A managed table holds data that
    a drop would delete, so it stops the run instead. The lookup is a query,
    not adapter.get_relation, whose answer dbt-spark would keep for the rest
    of the run, so that the models would not see the tables created here. -#}
{% macro adoption_spark_drop_input_table(schema, name) %}
    {%- set matches = run_query(
        'show tables in ' ~ schema ~ ' like ' ~ adoption_sql_string(name)
    ) -%}
    {%- if matches.rows | length == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set details = run_query('describe table extended ' ~ schema ~ '.' ~ name) -%}
    {%- for row in details.rows if row[0] == 'Type' and row[1] | upper == 'MANAGED' -%}
        {{ exceptions.raise_compiler_error(
            "Table " ~ schema ~ "." ~ name ~ " holds loaded data, and reading the input "
            ~ "files would replace it. Set the var adoption__read_input_files to false "
            ~ "to build from the loaded tables."
        ) }}
    {%- endfor -%}
    {%- do run_query('drop table ' ~ schema ~ '.' ~ name) -%}
{% endmacro %}

{#- Render a dict as the option list of a Spark data source. -#}
{% macro adoption_spark_options(options) %}
    {%- set pairs = [] -%}
    {%- for key, value in options.items() -%}
        {%- do pairs.append(key ~ ' ' ~ adoption_sql_string(value)) -%}
    {%- endfor -%}
    {{ return(pairs | join(', ')) }}
{% endmacro %}
