-- A role and a database for the Job Board on a local PostgreSQL (run as the postgres superuser):
--   sudo -u postgres psql -v role=jobboard -v password='change-me' -v dbname=jobboard -f create-database.sql
-- psql fills in :"role" (an identifier), :'password' (a literal) and :"dbname".
-- --8<-- [start:create-database]
CREATE ROLE :"role" LOGIN PASSWORD :'password';
-- The owner may create tables in the public schema, which PostgreSQL 15+ no longer lets every
-- role do; `migrate` then works without any GRANT. CREATEDB lets the test runner create test_jobboard.
ALTER ROLE :"role" CREATEDB;
CREATE DATABASE :"dbname" OWNER :"role";
-- --8<-- [end:create-database]
