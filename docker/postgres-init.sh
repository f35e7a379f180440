#!/bin/sh
# First start of the compose PostgreSQL: the legacy stand-in's database with its old schema.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c 'CREATE DATABASE legacy'
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d legacy -f /legacy-schema.sql
