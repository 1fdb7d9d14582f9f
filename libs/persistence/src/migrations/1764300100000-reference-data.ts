import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jurisdiction tree, enterprises, departments and users (with login lockout and delegation). */
export class ReferenceData1764300100000 implements MigrationInterface {
  name = 'ReferenceData1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table jurisdictions (
        id text primary key,
        name text not null,
        level text not null check (level in ('city','county','township','grid')),
        kind text not null,
        parent_id text references jurisdictions(id),
        path text not null unique,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_jurisdictions_path on jurisdictions (path text_pattern_ops)`);
    await q.query(`create index ix_jurisdictions_parent on jurisdictions (parent_id)`);
    await q.query(`
      create table departments (
        id text primary key,
        name text not null,
        jurisdiction_id text not null references jurisdictions(id),
        email text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table enterprises (
        id text primary key,
        name text not null,
        credit_code text not null unique,
        grid_id text not null references jurisdictions(id),
        industry text,
        principal_name text,
        principal_phone text,
        principal_email text,
        address text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table users (
        id text primary key,
        username text not null unique,
        password_hash text not null,
        display_name text not null,
        role text not null check (role in ('enterprise','grid_inspector','supervisor','assessor','admin')),
        jurisdiction_id text references jurisdictions(id),
        enterprise_id text references enterprises(id),
        department_id text references departments(id),
        is_safety_director boolean not null default false,
        email text,
        phone text,
        failed_logins int not null default 0,
        locked_until timestamptz,
        delegate_user_id text references users(id),
        away_from timestamptz,
        away_until timestamptz,
        active boolean not null default true,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_users_jurisdiction on users (jurisdiction_id) where role = 'supervisor'`);
    await q.query(`create index ix_users_enterprise on users (enterprise_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table users');
    await q.query('drop table enterprises');
    await q.query('drop table departments');
    await q.query('drop table jurisdictions');
  }
}
