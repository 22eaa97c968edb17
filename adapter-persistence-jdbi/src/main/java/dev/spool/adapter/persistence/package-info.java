/**
 * PostgreSQL adapter: the store, work queue, event log and shared rate limiter over JDBI 3,
 * HikariCP and Flyway. Nothing outside bootstrap depends on it.
 */
package dev.spool.adapter.persistence;
