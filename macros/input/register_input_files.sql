{#- Make the input files in adoption__data_dir readable as relations in the
    raw schema before each run, so that the sources find them. Each engine
    has its own way (views over the files on DuckDB, tables over the files on
    Spark, tables loaded with COPY on PostgreSQL). An engine without one
    expects the raw schema to hold loaded tables. A missing required file
    stops the run with the paths that were tried. -#}
{% macro register_input_files() %}
    {%- if not execute or not var('adoption__read_input_files') -%}
        {{ return('') }}
    {%- endif -%}
    {{- return(adapter.dispatch('register_input_files', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__register_input_files() %}
    {%- do log(
        'Input files are not read on ' ~ target.type ~ ': the sources read the tables in the '
        ~ var('adoption__raw_schema') ~ ' schema.',
        info=true
    ) -%}
    {{ return('') }}
{% endmacro %}

{#- One view per input file. A table is found as <name>.parquet, <name>.csv
    or a folder <name>/ of Parquet files, in that order. CSV is read as text so
    that staging, not the reader, decides what is unparseable. -#}
{% macro duckdb__register_input_files() %}
    {%- set data_dir = var('adoption__data_dir') | string -%}
    {%- set data_dir = data_dir.rstrip('/') -%}
    {%- set raw_schema = var('adoption__raw_schema') -%}
    {%- do run_query('create schema if not exists ' ~ raw_schema) -%}

    {%- for table in adoption_input_tables() -%}
        {%- set candidates = [
            {'path': data_dir ~ '/' ~ table.name ~ '.parquet', 'reader': 'parquet'},
            {'path': data_dir ~ '/' ~ table.name ~ '.csv', 'reader': 'csv'},
            {'path': data_dir ~ '/' ~ table.name ~ '/*.parquet', 'reader': 'parquet'},
        ] -%}
        {%- set found = [] -%}
        {%- for candidate in candidates if not found -%}
            {%- set matches = run_query(
                "select count(*) from glob(" ~ adoption_sql_string(candidate.path) ~ ")"
            ) -%}
            {%- if matches.columns[0].values()[0] > 0 -%}
                {%- do found.append(candidate) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- set view_name = raw_schema ~ '.' ~ table.name -%}
        {%- if found -%}
            {%- set path = adoption_sql_string(found[0].path) -%}
            {%- if found[0].reader == 'csv' -%}
                {%- set reader_sql = "read_csv(" ~ path ~ ", header = true, all_varchar = true)" -%}
            {%- else -%}
                {%- set reader_sql = "read_parquet(" ~ path ~ ")" -%}
            {%- endif -%}
            {%- do run_query(
                'create or replace view ' ~ view_name ~ ' as select * from ' ~ reader_sql
            ) -%}
            {%- do log('Input ' ~ table.name ~ ': ' ~ found[0].path, info=true) -%}
        {%- elif table.required -%}
            {%- do adoption_raise_missing_input(
                table.name, candidates | map(attribute='path') | list
            ) -%}
        {%- else -%}
            {#- A view left over from an earlier run on another folder must not
                stand in for a file that is absent now. -#}
            {%- do run_query('drop view if exists ' ~ view_name) -%}
            {%- do log('Input ' ~ table.name ~ ': no file, optional', info=true) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}
